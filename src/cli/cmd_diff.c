/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope diff OLD NEW [--format text|json|sarif] [-o FILE]: what a change
 * of the deployment does — to the model, to scope, to risk-management
 * ownership, to the agreements required, to the findings. GL 3.2 asks the
 * parties to agree again as things change (変化に応じて再合意形成); this is
 * the list of what changed. Exit 1 when the change introduces findings (new
 * or updated) at or above --fail-on, 0 otherwise, 2 on trouble.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* One version: loaded and analysed on its own thread. */
typedef struct {
	const cli_opts *o;
	const char *path;
	medscope_model *m;
	medscope_analysis *a;
	medscope_diags *d;
	medscope_status load, analyze;
} side;

static void *load_side(void *arg)
{
	side *sd = arg;
	medscope_load_options lo = sd->o->load;
	lo.progress = NULL; /* two progress lines would overwrite each other */
	sd->load = medscope_diags_new(&sd->d, cli_max_diagnostics);
	if (sd->load == MEDSCOPE_OK)
		sd->load = medscope_model_load_file(&sd->m, sd->path, &lo, sd->d);
	if (sd->load == MEDSCOPE_OK) {
		medscope_analyze_options ao = {.as_of = sd->o->as_of};
		sd->analyze = medscope_analyze(&sd->a, sd->m, &ao);
	}
	return NULL;
}

/* Report what went wrong with one side, as cli_analyze() would; 0 when
 * nothing did. */
static int report_side(const cli_opts *o, const side *sd)
{
	cli_progress_clear();
	if (sd->d)
		cli_print_diags(sd->d);
	if (sd->load != MEDSCOPE_OK) {
		if (!sd->d || medscope_diags_count(sd->d) == 0)
			fprintf(stderr, "%s: error: %s\n", cli_name(sd->path), medscope_status_message(sd->load));
		return -1;
	}
	if (sd->analyze == MEDSCOPE_ERR_USAGE) {
		cli_usage_error(o, T(o, "--as-of takes a date YYYY-MM-DD, not '%s'",
		                     "--as-of には日付 YYYY-MM-DD を指定してください ('%s')"),
		                o->as_of ? o->as_of : "");
		return -1;
	}
	if (sd->analyze != MEDSCOPE_OK) {
		fprintf(stderr, "%s: error: %s\n", cli_name(sd->path), medscope_status_message(sd->analyze));
		return -1;
	}
	return 0;
}

static void side_free(side *sd)
{
	medscope_analysis_free(sd->a);
	medscope_model_free(sd->m);
	medscope_diags_free(sd->d);
}

enum { OPT_FORMAT = OPT__COMMON_END + 1, OPT_MAX_RESULTS };

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope diff OLD NEW [--format text|json|sarif] [-o FILE] [--max-results N]\n\n"
	            "Compare two versions of a model, matched by id: parties, systems, contracts,\n"
	            "agreements, flows, risks and certifications added, removed or changed; parties\n"
	            "entering or leaving scope, and why; risk-management owners that changed;\n"
	            "agreements that became required, were dropped, or went missing or present;\n"
	            "findings new, updated, resolved or unchanged (matched by rule and ids, never\n"
	            "by line).\n\n"
	            "  --format F     text (default; grouped and readable), json (medscope-diff/1)\n"
	            "                 or sarif (NEW's findings with baselineState new/unchanged/\n"
	            "                 updated, OLD's resolved ones as absent: CI shows only new problems)\n"
	            "  -o, --output FILE  write to FILE instead of standard output\n"
	            "%s\n"
	            "Each model is analysed as of its own as-of date; --as-of sets one date for both,\n"
	            "which leaves out changes that only the passing of time makes.\n\n"
	            "Exit status: 0 the change introduces no finding at or above --fail-on, 1 it\n"
	            "does (new or updated findings), 2 could not load, analyse or write.\n\n",
	         "使い方: medscope diff 変更前 変更後 [--format text|json|sarif] [-o ファイル]\n"
	         "                     [--max-results N]\n\n"
	         "モデルの 2 つの版を id で突き合わせて比べます: 関係者・システム・契約・合意・\n"
	         "データの流れ・リスク・認証の追加・削除・変更、対象事業者になった・外れた関係者と\n"
	         "その理由、リスクマネジメントの責任主体の変化、新たに必要になった・不要になった・\n"
	         "欠落した・満たされた合意、新規・内容の変化・解消・変化なしの指摘 (ルールと id で\n"
	         "突き合わせ、行番号は使いません)。\n\n"
	         "  --format F     text (既定; 項目ごとに読みやすく)、json (medscope-diff/1)、\n"
	         "                 sarif (変更後の指摘に baselineState new/unchanged/updated、\n"
	         "                 解消した変更前の指摘を absent として出力: CI には新しい問題だけが出ます)\n"
	         "  -o, --output ファイル  標準出力の代わりにファイルへ書く\n"
	         "%s\n"
	         "各モデルはそれぞれの as-of の日付で分析します。--as-of を指定すると両方を同じ日付で\n"
	         "分析し、時間の経過だけによる変化を除けます。\n\n"
	         "終了コード: 0 変更で --fail-on 以上の指摘が増えない、1 増える (新規または内容の変化)、\n"
	         "2 読み込み・分析・書き込みができない。\n\n"),
	       T(o, cli_max_results_help_en, cli_max_results_help_ja));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

int cmd_diff(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
	                                         {"format", required_argument, NULL, OPT_FORMAT},
	                                         {"output", required_argument, NULL, 'o'},
	                                         {"max-results", required_argument, NULL, OPT_MAX_RESULTS},
	                                         {NULL, 0, NULL, 0}};
	static const cli_choice formats[] = {
		{"text", MEDSCOPE_FORMAT_CHECK}, {"json", MEDSCOPE_FORMAT_JSON}, {"sarif", MEDSCOPE_FORMAT_SARIF}};
	medscope_format format = MEDSCOPE_FORMAT_CHECK;
	const char *outpath = NULL;
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	int c, max_results_given = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qo:", longopts, NULL)) != -1) {
		if (c == OPT_MAX_RESULTS) {
			if (cli_max_results_option(o, optarg, &eo) < 0)
				return EXIT_TROUBLE;
			max_results_given = 1;
			continue;
		}
		if (c == OPT_FORMAT) {
			const cli_choice *f = cli_choose(o, "--format", optarg, formats, CLI_NCHOICES(formats),
			                                 "text, json or sarif", "text/json/sarif");
			if (!f)
				return EXIT_TROUBLE;
			format = (medscope_format)f->value;
			continue;
		}
		if (c == 'o') {
			outpath = optarg;
			continue;
		}
		int r = cli_other_option(o, c, argv, help);
		if (r >= 0)
			return r;
	}
	if (argc - optind != 2)
		return cli_usage_error(o, "%s", T(o, "diff takes two model files, OLD and NEW",
		                                  "diff には変更前と変更後の 2 つのモデルファイルを指定してください"));
	if (max_results_given && format != MEDSCOPE_FORMAT_SARIF)
		return cli_usage_error(o, "%s", T(o, "--max-results only applies to --format sarif",
		                                  "--max-results は --format sarif でのみ使えます"));

	/* The two versions are independent: load and analyse them at once
	 * (the library takes separate models on separate threads; main() has
	 * called xmlInitParser()). Diagnostics are printed afterwards, OLD's
	 * first, so the output does not depend on which finished first. */
	side old_side = {o, argv[optind], NULL, NULL, NULL, MEDSCOPE_OK, MEDSCOPE_OK};
	side new_side = {o, argv[optind + 1], NULL, NULL, NULL, MEDSCOPE_OK, MEDSCOPE_OK};
	medscope_diff *d = NULL;
	int rc = EXIT_TROUBLE;
	pthread_t thread;
	if (cli_progress_wanted(o, old_side.path) || cli_progress_wanted(o, new_side.path)) {
		cli_progress_start();
		cli_progress_phase(T(o, "reading and analysing both models...",
		                     "2 つのモデルを読み込み・分析中..."));
	}
	int threaded = pthread_create(&thread, NULL, load_side, &old_side) == 0;
	if (!threaded)
		load_side(&old_side);
	load_side(&new_side);
	if (threaded)
		pthread_join(thread, NULL);
	/* Both are reported, so that one run names every broken file. */
	int bad = report_side(o, &old_side) < 0;
	if (!(bad && old_side.analyze == MEDSCOPE_ERR_USAGE))
		bad |= report_side(o, &new_side) < 0;
	if (bad)
		goto cleanup;
	medscope_analysis *oa = old_side.a, *na = new_side.a;
	cli_progress_phase(T(o, "comparing...", "比較中..."));
	medscope_status s = medscope_diff_compute(&d, oa, na);
	cli_progress_clear();
	if (s != MEDSCOPE_OK) {
		fprintf(stderr, "%s: error: %s\n", o->prog, medscope_status_message(s));
		goto cleanup;
	}
	cli_out out;
	if (cli_out_open(&out, o, outpath, argv + optind, 2) < 0)
		goto cleanup;
	eo.lang = o->lang;
	if ((s = medscope_diff_emit(out.f, d, format, &eo)) != MEDSCOPE_OK) {
		cli_out_abort(&out);
		fprintf(stderr, "%s: error: %s\n", outpath ? cli_name(outpath) : o->prog, medscope_status_message(s));
		goto cleanup;
	}
	if (cli_out_commit(&out, o) < 0)
		goto cleanup;
	size_t introduced = o->fail_on == MEDSCOPE_SEVERITY_NONE ? 0 : medscope_diff_introduced(d, o->fail_on);
	if (!o->quiet && outpath)
		fprintf(stderr, T(o, "%s: %zu change(s); %zu new or updated finding(s) at or above --fail-on, "
		                     "%zu resolved\n",
		                  "%s: 変化 %zu 件; --fail-on 以上の新規・内容の変化した指摘 %zu 件、解消 %zu 件\n"),
		        o->prog, medscope_diff_change_count(d), introduced, medscope_diff_resolved(d));
	rc = introduced ? EXIT_FINDINGS : EXIT_CLEAN;
cleanup:
	medscope_diff_free(d);
	side_free(&old_side);
	side_free(&new_side);
	return rc;
}
