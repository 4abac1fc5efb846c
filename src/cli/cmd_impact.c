/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope impact MODEL ID [--format text|json|csv] [-o FILE] [--graph FILE]:
 * everything that depends on party or system ID — for an IaaS incident or a
 * vendor leaving — and who must notify whom (FAQ 2.1). Exit 2 for an
 * unknown ID; 1 when notification pairs lack a change-notification
 * agreement and --fail-on is warning or lower (the severity rules.md gives
 * missing-change-notification); 0 otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

enum { OPT_FORMAT = OPT__COMMON_END + 1, OPT_GRAPH, OPT_NO_BOM };

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope impact MODEL ID [--format text|json|csv] [-o FILE]\n"
	            "                       [--graph FILE] [--no-bom]\n\n"
	            "Everything that depends on party or system ID: the systems that run on it\n"
	            "(transitively; for a party, every system it provides and all that runs on\n"
	            "them), the facilities they are served to, the risk-management owners of those\n"
	            "systems, who must notify whom under the change-notification agreements present,\n"
	            "and the notification pairs (supplier -> dependent provider, provider -> owner,\n"
	            "owner -> facility) that no change-notification agreement covers.\n\n"
	            "  --format F     text (default), json (medscope-impact/1) or csv (one row per\n"
	            "                 affected system and facility)\n"
	            "  -o, --output FILE  write to FILE instead of standard output\n"
	            "  --graph FILE   also draw the affected part (the diagram focused on ID, deep\n"
	            "                 enough to reach every affected system and facility); the\n"
	            "                 format comes from the extension: .svg, .png, .pdf or .dot\n"
	            "  --no-bom       csv: no UTF-8 byte-order mark\n\n"
	            "Exit status: 0 done; 1 some pair lacks a change-notification agreement and\n"
	            "--fail-on is warning or note (missing-change-notification is a warning); 2 the\n"
	            "ID names no party or system, or the model could not be loaded, analysed,\n"
	            "drawn or written.\n\n",
	         "使い方: medscope impact モデル ID [--format text|json|csv] [-o ファイル]\n"
	         "                       [--graph ファイル] [--no-bom]\n\n"
	         "関係者またはシステム ID に依存するものすべてを示します: その上で稼働するシステム\n"
	         "(推移的に。関係者なら、提供するすべてのシステムとその上で稼働するもの)、\n"
	         "それらの提供先の医療機関等、それらのリスクマネジメントの責任主体、変更通知の合意に\n"
	         "基づき誰が誰に通知するか、そして変更通知の合意がない通知経路 (基盤の提供者 →\n"
	         "依存する提供者、提供者 → 責任主体、責任主体 → 医療機関等)。\n\n"
	         "  --format F     text (既定)、json (medscope-impact/1)、csv (影響を受けるシステムと\n"
	         "                 医療機関等の組ごとに 1 行)\n"
	         "  -o, --output ファイル  標準出力の代わりにファイルへ書く\n"
	         "  --graph ファイル  影響範囲の図も描く (ID を中心に、影響を受けるシステムと\n"
	         "                 医療機関等まで届く深さで)。形式は拡張子 .svg .png .pdf .dot から\n"
	         "  --no-bom       csv: UTF-8 の BOM を付けない\n\n"
	         "終了コード: 0 完了; 1 変更通知の合意がない経路があり --fail-on が warning か note\n"
	         "(missing-change-notification は警告); 2 ID が関係者でもシステムでもない、または\n"
	         "モデルの読み込み・分析・描画・書き込みができない。\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

/* Draw the part of the model the impact covers into `path`. 0 or -1 (reported). */
static int draw(cli_opts *o, const medscope_analysis *a, const medscope_impact *im, const char *id,
                const char *path, char **inputs)
{
	medscope_graph_options go;
	medscope_graph_options_init(&go);
	go.format = medscope_graph_format_for_path(path);
	if (!go.format) {
		cli_usage_error(o, T(o, "cannot tell the diagram format from '%s': use a .svg, .png, .pdf "
		                        "or .dot file",
		                     "'%s' から図の形式が分かりません: .svg .png .pdf .dot のファイル名に"
		                     "してください"),
		                path);
		return -1;
	}
	go.focus = id;
	go.lang = o->lang;
	/* One hop a runs-on edge, one from a system to a facility it is served
	 * to, and one from a party to a system it provides (graph_select.c). */
	go.depth = medscope_impact_depth(im) + 1 +
	           (strcmp(medscope_impact_target_kind(im), "system") != 0);
	return cli_render_diagram(o, a, &go, path, inputs, 1);
}

int cmd_impact(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
	                                         {"format", required_argument, NULL, OPT_FORMAT},
	                                         {"output", required_argument, NULL, 'o'},
	                                         {"graph", required_argument, NULL, OPT_GRAPH},
	                                         {"no-bom", no_argument, NULL, OPT_NO_BOM},
	                                         {NULL, 0, NULL, 0}};
	static const cli_choice formats[] = {
		{"text", MEDSCOPE_FORMAT_CHECK}, {"json", MEDSCOPE_FORMAT_JSON}, {"csv", MEDSCOPE_FORMAT_CSV}};
	medscope_format format = MEDSCOPE_FORMAT_CHECK;
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	const char *outpath = NULL, *graph = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qo:", longopts, NULL)) != -1) {
		if (c == OPT_FORMAT) {
			const cli_choice *f = cli_choose(o, "--format", optarg, formats, CLI_NCHOICES(formats),
			                                 "text, json or csv", "text/json/csv");
			if (!f)
				return EXIT_TROUBLE;
			format = (medscope_format)f->value;
			continue;
		}
		if (c == 'o' || c == OPT_GRAPH) {
			*(c == 'o' ? &outpath : &graph) = optarg;
			continue;
		}
		if (c == OPT_NO_BOM) {
			eo.csv_bom = 0;
			continue;
		}
		int r = cli_other_option(o, c, argv, help);
		if (r >= 0)
			return r;
	}
	if (argc - optind != 2)
		return cli_usage_error(o, "%s", T(o, "impact takes a model file and an id",
		                                  "impact にはモデルファイルと id を指定してください"));
	if (graph && outpath && strcmp(outpath, "-") != 0 && cli_same_path(graph, outpath))
		return cli_usage_error(o, "%s", T(o, "--graph and -o name the same file",
		                                  "--graph と -o が同じファイルです"));
	char *path = argv[optind];
	const char *id = argv[optind + 1];
	eo.lang = o->lang;

	medscope_model *m = NULL;
	medscope_impact *im = NULL;
	medscope_analysis *a = cli_analyze(o, path, &m);
	int rc = EXIT_TROUBLE;
	if (!a)
		goto cleanup;
	medscope_status s = medscope_impact_compute(&im, a, id);
	if (s == MEDSCOPE_ERR_USAGE) {
		fprintf(stderr, T(o, "%s: error: '%s' is not the id of a party or a system\n",
		                  "%s: error: '%s' は関係者またはシステムの id ではありません\n"),
		        cli_name(path), cli_name(id));
		goto cleanup;
	} else if (s != MEDSCOPE_OK) {
		fprintf(stderr, "%s: error: %s\n", cli_name(path), medscope_status_message(s));
		goto cleanup;
	}
	/* The diagram first: if it fails, nothing has been written anywhere. */
	if (graph && draw(o, a, im, id, graph, &path) < 0)
		goto cleanup;
	cli_out out;
	if (cli_out_open(&out, o, outpath, &path, 1) < 0)
		goto cleanup;
	if ((s = medscope_impact_emit(out.f, im, format, &eo)) != MEDSCOPE_OK) {
		cli_out_abort(&out);
		fprintf(stderr, "%s: error: %s\n", outpath ? cli_name(outpath) : o->prog, medscope_status_message(s));
		goto cleanup;
	}
	if (cli_out_commit(&out, o) < 0)
		goto cleanup;
	/* A pair without agreement is what missing-change-notification (a
	 * warning, rules.md §3) reports. */
	rc = o->fail_on != MEDSCOPE_SEVERITY_NONE && o->fail_on <= MEDSCOPE_SEVERITY_WARNING &&
	                     medscope_impact_gap_count(im)
	             ? EXIT_FINDINGS
	             : EXIT_CLEAN;
cleanup:
	medscope_impact_free(im);
	medscope_analysis_free(a);
	medscope_model_free(m);
	return rc;
}
