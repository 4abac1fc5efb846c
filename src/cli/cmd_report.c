/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope report MODEL --format json|sarif|csv|md|html [-o FILE]: the whole
 * analysis in one document. Also the shared path of `scope` and `owners`:
 * load, analyse, write atomically, exit 0/1/2 (cli.md).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

enum { OPT_FORMAT = OPT__COMMON_END + 1, OPT_TABLE, OPT_NO_BOM, OPT_MAX_RESULTS, OPT_FACILITY, OPT_XLSX };

int cli_status_for(const cli_opts *o, const medscope_analysis *a)
{
	/* --fail-on never (NONE) never fails; otherwise any finding at or above it. */
	if (o->fail_on == MEDSCOPE_SEVERITY_NONE)
		return EXIT_CLEAN;
	return medscope_analysis_max_severity(a) >= o->fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
}

int cli_emit_model(cli_opts *o, char *path, const char *outpath, medscope_format format,
                   const medscope_emit_options *eo, const char *format_name)
{
	medscope_model *m = NULL;
	medscope_analysis *a = cli_analyze(o, path, &m);
	if (!a)
		return EXIT_TROUBLE;
	int rc = EXIT_TROUBLE;
	cli_out out;
	if (eo->facility && !medscope_analysis_has_matrix(a, eo->facility)) {
		fprintf(stderr, T(o, "%s: error: --facility: '%s' is no facility that a system is served to; "
		                     "see `medscope owners %s`\n",
		                  "%s: error: --facility: '%s' はシステムの提供を受ける医療機関等ではありません。"
		                  "`medscope owners %s` で確認してください\n"),
		        o->prog, eo->facility, cli_name(path));
		goto cleanup;
	}
	if (cli_out_open(&out, o, outpath, &path, 1) < 0)
		goto cleanup;
	medscope_status s = medscope_emit(out.f, a, format, eo);
	if (s != MEDSCOPE_OK) {
		cli_out_abort(&out);
		if (s == MEDSCOPE_ERR_USAGE)
			fprintf(stderr, T(o, "%s: error: this build of medscope cannot write the format '%s'\n",
			                  "%s: error: この medscope は形式 '%s' を出力できません\n"),
			        o->prog, format_name);
		else
			fprintf(stderr, "%s: error: %s\n", outpath ? cli_name(outpath) : o->prog,
			        medscope_status_message(s));
		goto cleanup;
	}
	if (cli_out_commit(&out, o) < 0)
		goto cleanup;
	rc = cli_status_for(o, a);
cleanup:
	medscope_analysis_free(a);
	medscope_model_free(m);
	return rc;
}

/* report --format xlsx: libxlsxwriter writes to a path, so the workbook
 * goes to the temporary file of the atomic write, then renamed into place.
 * A workbook is binary: never to a terminal, a pipe or standard output. */
static int emit_xlsx(cli_opts *o, char *path, const char *outpath, const medscope_emit_options *eo)
{
	if (!outpath || strcmp(outpath, "-") == 0)
		return cli_usage_error(o, "%s", T(o, "--format xlsx writes a binary workbook: give -o FILE.xlsx",
		                                  "--format xlsx はバイナリのブックを書きます。-o ファイル.xlsx を指定してください"));
	medscope_model *m = NULL;
	medscope_analysis *a = cli_analyze(o, path, &m);
	if (!a)
		return EXIT_TROUBLE;
	int rc = EXIT_TROUBLE;
	cli_out out;
	if (cli_out_open(&out, o, outpath, &path, 1) < 0)
		goto cleanup;
	if (!out.tmp) {
		cli_out_abort(&out);
		fprintf(stderr, T(o, "%s: error: --format xlsx writes a regular file, not a device or pipe; "
		                     "give -o FILE.xlsx\n",
		                  "%s: error: --format xlsx は通常のファイルに書きます (デバイスやパイプは不可)。"
		                  "-o ファイル.xlsx を指定してください\n"),
		        cli_name(outpath));
		goto cleanup;
	}
	/* libxlsxwriter prints its own line on a failed write: ours says it
	 * with the file name, so the library's goes to /dev/null. */
	fflush(stderr);
	int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	medscope_status s = medscope_emit_xlsx(out.tmp, a, eo);
	if (saved >= 0 && null >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	if (s != MEDSCOPE_OK) {
		cli_out_abort(&out);
		fprintf(stderr, T(o, "%s: error: cannot write the workbook: %s\n",
		                  "%s: error: ブックを書き込めません: %s\n"),
		        cli_name(outpath), medscope_status_message(s));
		goto cleanup;
	}
	if (cli_out_commit(&out, o) < 0)
		goto cleanup;
	rc = cli_status_for(o, a);
cleanup:
	medscope_analysis_free(a);
	medscope_model_free(m);
	return rc;
}

static const cli_choice formats[] = {
	{"json", MEDSCOPE_FORMAT_JSON}, {"sarif", MEDSCOPE_FORMAT_SARIF},
	{"csv", MEDSCOPE_FORMAT_CSV},   {"md", MEDSCOPE_FORMAT_MARKDOWN},
	{"markdown", MEDSCOPE_FORMAT_MARKDOWN}, {"html", MEDSCOPE_FORMAT_HTML},
	{"xlsx", MEDSCOPE_FORMAT_XLSX},
};

static const cli_choice tables[] = {
	{"all", MEDSCOPE_TABLE_ALL},       {"parties", MEDSCOPE_TABLE_SCOPE},
	{"scope", MEDSCOPE_TABLE_SCOPE}, /* the parties table's older name */
	{"owners", MEDSCOPE_TABLE_OWNERS}, {"agreements", MEDSCOPE_TABLE_AGREEMENTS},
	{"findings", MEDSCOPE_TABLE_FINDINGS}, {"matrix", MEDSCOPE_TABLE_MATRIX},
};

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope report MODEL [--format json|sarif|csv|md|html|xlsx] [-o FILE]\n"
	            "                       [--table all|parties|owners|agreements|findings|matrix] [--no-bom]\n"
	            "                       [--max-results N]\n\n"
	            "Write the whole analysis of MODEL (scope, risk-management owners, required\n"
	            "agreements, findings) as one document: to FILE with -o (written atomically;\n"
	            "missing folders are created), else to standard output.\n\n"
	            "  --format F     json (default; the medscope-report/1 document), sarif, csv,\n"
	            "                 md (Markdown), html or xlsx (an Excel workbook: a sheet per\n"
	            "                 table and a 責任分界表 per facility; needs -o FILE)\n"
	            "  -o, --output FILE  write to FILE instead of standard output\n"
	            "  --table T      only one table (csv, md, json): parties (scope, certifications,\n"
	            "                 missing agreements), owners, agreements, findings or matrix\n"
	            "                 (the 責任分界表); default all (csv holds one table: parties)\n"
	            "  --no-bom       csv: no UTF-8 byte-order mark (Excel needs it; other tools may not)\n"
	            "%s\n"
	            "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 could not\n"
	            "analyse or write.\n\n",
	         "使い方: medscope report モデル [--format json|sarif|csv|md|html|xlsx] [-o ファイル]\n"
	         "                       [--table all|parties|owners|agreements|findings|matrix] [--no-bom]\n"
	         "                       [--max-results N]\n\n"
	         "モデルの分析結果 (対象範囲、リスクマネジメントの責任主体、必要な合意、指摘) を\n"
	         "1 つの文書として出力します。-o を指定するとそのファイルに (一時ファイル経由で\n"
	         "置き換え、フォルダがなければ作成)、なければ標準出力に書きます。\n\n"
	         "  --format F     json (既定; medscope-report/1 形式)、sarif、csv、md (Markdown)、html、\n"
	         "                 xlsx (Excel ブック: 表ごとのシート、医療機関等ごとの責任分界表。-o 必須)\n"
	         "  -o, --output ファイル  標準出力の代わりにファイルへ書く\n"
	         "  --table T      表を 1 つだけ (csv・md・json): parties (対象範囲・認証・欠落している\n"
	         "                 合意の数)、owners、agreements、findings、matrix (責任分界表)。\n"
	         "                 既定は all (csv は表 1 つ: parties)\n"
	         "  --no-bom       csv: UTF-8 の BOM を付けない (Excel には必要)\n"
	         "%s\n"
	         "終了コード: 0 --fail-on 以上の指摘なし、1 あり、2 分析または書き込みができない。\n\n"),
	       T(o, cli_max_results_help_en, cli_max_results_help_ja));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

int cli_view_command(int argc, char **argv, cli_opts *o, medscope_format table_format,
                     medscope_table table, void (*help_fn)(const cli_opts *o))
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, 'o'},
		{"facility", required_argument, NULL, OPT_FACILITY},
		{NULL, 0, NULL, 0}};
	static const cli_choice views[] = {
		{"table", MEDSCOPE_FORMAT_SCOPE}, /* the command's own table: table_format */
		{"csv", MEDSCOPE_FORMAT_CSV},
		{"json", MEDSCOPE_FORMAT_JSON},
		{"md", MEDSCOPE_FORMAT_MARKDOWN},
		{"markdown", MEDSCOPE_FORMAT_MARKDOWN},
	};
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.table = table;
	medscope_format format = table_format;
	const char *format_name = "table", *outpath = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qo:", longopts, NULL)) != -1) {
		if (c == OPT_FORMAT) {
			const cli_choice *v = cli_choose(o, "--format", optarg, views, CLI_NCHOICES(views),
			                                 "table, csv, json or md", "table/csv/json/md");
			if (!v)
				return EXIT_TROUBLE;
			format = v == views ? table_format : (medscope_format)v->value;
			format_name = v->name;
			continue;
		}
		if (c == 'o') {
			outpath = optarg;
			continue;
		}
		if (c == OPT_FACILITY && table == MEDSCOPE_TABLE_MATRIX) {
			eo.facility = optarg;
			continue;
		}
		if (c == OPT_FACILITY)
			return cli_usage_error(o, "%s", T(o, "--facility only applies to matrix",
			                                  "--facility は matrix でのみ使えます"));
		int r = cli_other_option(o, c, argv, help_fn);
		if (r >= 0)
			return r;
	}
	if (optind + 1 != argc)
		return cli_usage_error(o, "%s", T(o, "one model file is needed", "モデルファイルを 1 つ指定してください"));
	eo.lang = o->lang;
	return cli_emit_model(o, argv[optind], outpath, format, &eo, format_name);
}

int cmd_report(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, 'o'},
		{"table", required_argument, NULL, OPT_TABLE},
		{"no-bom", no_argument, NULL, OPT_NO_BOM},
		{"max-results", required_argument, NULL, OPT_MAX_RESULTS},
		{NULL, 0, NULL, 0}};
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	medscope_format format = MEDSCOPE_FORMAT_JSON;
	const char *format_name = "json", *outpath = NULL;
	int c, max_results_given = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qo:", longopts, NULL)) != -1) {
		const cli_choice *k;
		switch (c) {
		case OPT_MAX_RESULTS:
			if (cli_max_results_option(o, optarg, &eo) < 0)
				return EXIT_TROUBLE;
			max_results_given = 1;
			continue;
		case OPT_FORMAT:
			if (!(k = cli_choose(o, "--format", optarg, formats, CLI_NCHOICES(formats),
			                     "json, sarif, csv, md, html or xlsx", "json/sarif/csv/md/html/xlsx")))
				return EXIT_TROUBLE;
			format = (medscope_format)k->value;
			format_name = k->name;
			continue;
		case OPT_TABLE:
			if (!(k = cli_choose(o, "--table", optarg, tables, CLI_NCHOICES(tables),
			                     "all, parties, owners, agreements, findings or matrix",
			                     "all/parties/owners/agreements/findings/matrix")))
				return EXIT_TROUBLE;
			eo.table = (medscope_table)k->value;
			continue;
		case OPT_NO_BOM:
			eo.csv_bom = 0;
			continue;
		case 'o':
			outpath = optarg;
			continue;
		default:
			break;
		}
		int r = cli_other_option(o, c, argv, help);
		if (r >= 0)
			return r;
	}
	if (optind + 1 != argc)
		return cli_usage_error(o, "%s", T(o, "report takes one model file", "report にはモデルファイルを 1 つ指定してください"));
	if (max_results_given && format != MEDSCOPE_FORMAT_SARIF)
		return cli_usage_error(o, "%s", T(o, "--max-results only applies to --format sarif",
		                                  "--max-results は --format sarif でのみ使えます"));
	eo.lang = o->lang;
	if (format == MEDSCOPE_FORMAT_XLSX)
		return emit_xlsx(o, argv[optind], outpath, &eo);
	return cli_emit_model(o, argv[optind], outpath, format, &eo, format_name);
}
