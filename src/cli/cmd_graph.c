/* SPDX-License-Identifier: Apache-2.0 */
/* medscope graph MODEL -o FILE: the annotated diagram (cli.md, Diagrams). */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

enum { OPT_VIEW = OPT__COMMON_END, OPT_FOCUS, OPT_DEPTH, OPT_FONT, OPT_MAX_NODES, OPT_TIME_BUDGET, OPT_NO_FOLD, OPT_PAPER };

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope graph [OPTIONS] MODEL -o FILE\n\n"
	            "Draw the analysed model: parties, systems by layer, runs-on / connects-to /\n"
	            "contract / data-flow edges, scope marks, risk-management owners, and missing\n"
	            "agreements as red dashed edges. Exit 0, or 1 when findings reach --fail-on;\n"
	            "2 when the model or the diagram could not be made (nothing is written then).\n\n"
	            "  -o, --output FILE       where to write (required); folders are created\n"
	            "  -T, --format FMT        svg, png, pdf or dot (default: from FILE's extension);\n"
	            "                          dot is written without layout, the same bytes every run\n"
	            "  --view V                supply (default), contracts or responsibility\n"
	            "  --focus ID              only what lies near this party or system\n"
	            "  --depth N               hops from --focus (default 1)\n"
	            "  --font FACE             font face (default \"Noto Sans CJK JP\"; Japanese text\n"
	            "                          needs a CJK font, e.g. Debian's fonts-noto-cjk)\n"
	            "  --max-nodes N           node budget (default 1500): past it similar facilities\n"
	            "                          are folded together, or the command asks for --focus\n"
	            "  --no-fold               draw every facility, however large the drawing; by\n"
	            "                          default facilities of one kind are folded together\n"
	            "                          until the drawing fits an A3 sheet with text of 8 pt\n"
	            "  --paper P               a4, a3, a4-landscape or a3-landscape: fold to fit that\n"
	            "                          sheet, scale down to it if still needed, make the page\n"
	            "                          (PDF, SVG) or picture (PNG, 150 dpi) that size, and say\n"
	            "                          the smallest text size reached\n"
	            "  --time-budget SECONDS   refuse a layout estimated to take longer (default 20)\n\n",
	         "使い方: medscope graph [オプション] モデル -o ファイル\n\n"
	         "分析したモデルを図にします: 事業者・医療機関等、層ごとの形のシステム、runs-on /\n"
	         "connects-to / 契約等 / データの流れの辺、対象範囲、リスクマネジメントの主体、\n"
	         "欠けている合意 (赤の破線)。終了コード: 0、--fail-on 以上の指摘があれば 1、\n"
	         "モデルや図を作れなければ 2 (そのときは何も書き込みません)。\n\n"
	         "  -o, --output FILE       出力先 (必須)。フォルダがなければ作成\n"
	         "  -T, --format FMT        svg, png, pdf, dot (既定: FILE の拡張子から)。\n"
	         "                          dot はレイアウトなしで出力し、毎回同じバイト列\n"
	         "  --view V                supply (既定)、contracts、responsibility\n"
	         "  --focus ID              この事業者・医療機関等・システムの近くだけを描く\n"
	         "  --depth N               --focus からのホップ数 (既定 1)\n"
	         "  --font FACE             フォント名 (既定 \"Noto Sans CJK JP\"。日本語には CJK\n"
	         "                          フォントが必要: Debian なら fonts-noto-cjk)\n"
	         "  --max-nodes N           ノード数の上限 (既定 1500)。超えると同種の医療機関等を\n"
	         "                          まとめ、それでも超えれば --focus を求めます\n"
	         "  --no-fold               図がどれほど大きくても医療機関等をまとめずに描く。既定では\n"
	         "                          8 pt の文字で A3 に収まるまで同種の医療機関等をまとめます\n"
	         "  --paper P               a4、a3、a4-landscape、a3-landscape: その用紙に収まるまで\n"
	         "                          まとめ、なお大きければ縮小し、ページ (PDF・SVG) や画像\n"
	         "                          (PNG、150 dpi) をその大きさにして、最小の文字の大きさを表示\n"
	         "  --time-budget SECONDS   レイアウトの見込み時間がこれを超えれば中止 (既定 20)\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

static int parse_count(const char *s, unsigned *out, unsigned min)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < min || v > UINT_MAX / 4)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int cli_render_diagram(const cli_opts *o, const medscope_analysis *a, const medscope_graph_options *go,
                       const char *path, char *const *inputs, int ninputs)
{
	medscope_diags *d = NULL;
	cli_out out;
	int rc = -1;
	if (medscope_diags_new(&d, cli_max_diagnostics) != MEDSCOPE_OK) {
		fprintf(stderr, "medscope: %s\n", medscope_status_message(MEDSCOPE_ERR_NOMEM));
		return -1;
	}
	if (cli_out_open(&out, o, path, inputs, ninputs) < 0)
		goto cleanup;
	medscope_status s = medscope_graph_render(out.f, a, go, d);
	cli_print_diags_q(d, o->quiet);
	if (s != MEDSCOPE_OK) {
		cli_out_abort(&out);
		if (medscope_diags_count(d) == 0)
			fprintf(stderr, "%s: error: %s\n", cli_name(path), medscope_status_message(s));
		goto cleanup;
	}
	if (cli_out_commit(&out, o) == 0)
		rc = 0;
cleanup:
	medscope_diags_free(d);
	return rc;
}

int cmd_graph(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'T'},
		{"view", required_argument, NULL, OPT_VIEW},
		{"focus", required_argument, NULL, OPT_FOCUS},
		{"depth", required_argument, NULL, OPT_DEPTH},
		{"font", required_argument, NULL, OPT_FONT},
		{"max-nodes", required_argument, NULL, OPT_MAX_NODES},
		{"time-budget", required_argument, NULL, OPT_TIME_BUDGET},
		{"no-fold", no_argument, NULL, OPT_NO_FOLD},
		{"paper", required_argument, NULL, OPT_PAPER},
		{NULL, 0, NULL, 0}};
	medscope_graph_options go;
	medscope_graph_options_init(&go);
	const char *path = NULL, *format = NULL;
	bool depth_given = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qo:T:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': path = optarg; continue;
		case 'T': format = optarg; continue;
		case OPT_VIEW: {
			int v = medscope_view_from_name(optarg);
			if (v < 0)
				return cli_usage_error(o, T(o, "--view takes supply, contracts or responsibility, not '%s'",
				                            "--view には supply、contracts、responsibility を指定してください ('%s')"),
				                       optarg);
			go.view = (medscope_view)v;
			continue;
		}
		case OPT_FOCUS: go.focus = optarg; continue;
		case OPT_DEPTH:
			if (parse_count(optarg, &go.depth, 0) < 0)
				return cli_usage_error(o, T(o, "--depth takes a whole number, not '%s'",
				                            "--depth には 0 以上の整数を指定してください ('%s')"),
				                       optarg);
			depth_given = true;
			continue;
		case OPT_FONT: go.font = optarg; continue;
		case OPT_MAX_NODES:
			if (parse_count(optarg, &go.max_nodes, 1) < 0)
				return cli_usage_error(o, T(o, "--max-nodes takes a positive whole number, not '%s'",
				                            "--max-nodes には正の整数を指定してください ('%s')"),
				                       optarg);
			continue;
		case OPT_NO_FOLD: go.no_fold = 1; continue;
		case OPT_PAPER: {
			int p = medscope_paper_from_name(optarg);
			if (p < 0)
				return cli_usage_error(o, T(o, "--paper takes a4, a3, a4-landscape or a3-landscape, not '%s'",
				                            "--paper には a4、a3、a4-landscape、a3-landscape を指定してください ('%s')"),
				                       optarg);
			go.paper = p;
			continue;
		}
		case OPT_TIME_BUDGET:
			if (parse_count(optarg, &go.time_budget, 1) < 0)
				return cli_usage_error(o, T(o, "--time-budget takes a positive number of seconds, not '%s'",
				                            "--time-budget には正の秒数を指定してください ('%s')"),
				                       optarg);
			continue;
		default: break;
		}
		int r = cli_other_option(o, c, argv, help);
		if (r >= 0)
			return r;
	}
	if (optind >= argc)
		return cli_usage_error(o, "%s", T(o, "no model file given", "モデルファイルが指定されていません"));
	if (argc - optind > 1)
		return cli_usage_error(o, "%s", T(o, "graph takes one model file", "graph にはモデルファイルを 1 つだけ指定してください"));
	if (!path)
		return cli_usage_error(o, "%s", T(o, "-o FILE is required", "-o ファイル を指定してください"));
	if (depth_given && !go.focus)
		return cli_usage_error(o, "%s", T(o, "--depth needs --focus", "--depth は --focus と一緒に指定してください"));
	if (format) {
		go.format = format;
		if (strcmp(format, "svg") && strcmp(format, "png") && strcmp(format, "pdf") && strcmp(format, "dot"))
			return cli_usage_error(o, T(o, "-T takes svg, png, pdf or dot, not '%s'",
			                            "-T には svg、png、pdf、dot を指定してください ('%s')"),
			                       format);
	} else {
		go.format = medscope_graph_format_for_path(path);
		if (!go.format)
			return cli_usage_error(o, T(o, "cannot tell the format from '%s': use -T svg|png|pdf|dot "
			                               "or a .svg, .png, .pdf or .dot file",
			                            "'%s' から形式が分かりません: -T svg|png|pdf|dot を指定するか、"
			                            ".svg .png .pdf .dot のファイル名にしてください"),
			                       path);
	}
	go.lang = o->lang;

	medscope_model *m = NULL;
	medscope_analysis *a = cli_analyze(o, argv[optind], &m);
	if (!a)
		return EXIT_TROUBLE;
	int rc = EXIT_TROUBLE;
	if (cli_render_diagram(o, a, &go, path, argv + optind, 1) == 0)
		rc = cli_status_for(o, a);
	medscope_analysis_free(a);
	medscope_model_free(m);
	return rc;
}
