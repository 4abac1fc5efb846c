/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope check MODEL...: load, validate and analyse each model and print
 * its findings compiler-style on standard output, then one summary line
 * for all models on standard error (cli.md).
 */
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope check [OPTIONS] MODEL...\n\n"
	            "Analyse each model and print every finding as\n"
	            "  FILE:LINE:COL: SEVERITY: MESSAGE [CODE]\n"
	            "(SEVERITY is error, warning or note; 'medscope explain CODE' shows the rule and\n"
	            "its guideline citation), then one summary line on standard error. Findings\n"
	            "suppressed by an approved <exception> are only counted in the summary.\n\n"
	            "Options:\n"
	            "  --show-suppressed  list the suppressed findings too, each marked with its\n"
	            "                 exception, reason and expiry (they never count for --fail-on)\n\n"
	            "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 a model could\n"
	            "not be analysed (unreadable, malformed or invalid).\n\n",
	         "使い方: medscope check [オプション] モデル...\n\n"
	         "各モデルを分析し、指摘を 1 件 1 行で\n"
	         "  FILE:LINE:COL: 重大度: メッセージ [コード]\n"
	         "の形で表示します (重大度は error、warning、note。'medscope explain コード' で\n"
	         "ルールとガイドラインの引用を表示)。最後に要約を 1 行、標準エラーに表示します。\n"
	         "承認された <exception> により抑制された指摘は要約で件数だけを示します。\n\n"
	         "オプション:\n"
	         "  --show-suppressed  抑制された指摘も、例外・理由・期限を添えて表示する\n"
	         "                 (--fail-on の判定には数えない)\n\n"
	         "終了コード: 0 --fail-on 以上の指摘なし、1 あり、2 分析できないモデルがある\n"
	         "(読めない、XML として不正、モデルとして不正)。\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

/* Where the date the rules used came from, for the summary line. */
static const char *source_text(const cli_opts *o, const char *source)
{
	if (strcmp(source, "option") == 0)
		return T(o, "from --as-of", "--as-of の指定");
	if (strcmp(source, "model") == 0)
		return T(o, "from the model", "モデルの as-of");
	return T(o, "today", "今日の日付");
}

typedef struct {
	size_t counts[4]; /* by medscope_severity */
	size_t suppressed; /* by exceptions (rules.md §5) */
	int analysed, failed;
	char as_of[11];
	char source[8];     /* "option", "model", "today"; "" until a model is analysed */
	int dates_differ;
} tally;

static void summary(const cli_opts *o, const tally *t)
{
	size_t e = t->counts[MEDSCOPE_SEVERITY_ERROR], w = t->counts[MEDSCOPE_SEVERITY_WARNING],
	       n = t->counts[MEDSCOPE_SEVERITY_NOTE];
	if (o->lang == MEDSCOPE_LANG_JA) {
		fprintf(stderr, "エラー %zu 件、警告 %zu 件、注記 %zu 件 (モデル %d 個", e, w, n, t->analysed);
		if (t->dates_differ)
			fputs("、基準日はモデルごとに異なる", stderr);
		else if (t->source[0])
			fprintf(stderr, "、基準日 %s: %s", t->as_of, source_text(o, t->source));
		fputc(')', stderr);
		if (t->suppressed)
			fprintf(stderr, "、例外により抑制 %zu 件", t->suppressed);
		if (t->failed)
			fprintf(stderr, "、分析できなかったモデル %d 個", t->failed);
		fputc('\n', stderr);
		return;
	}
	fprintf(stderr, "%zu error%s, %zu warning%s, %zu note%s in %d model%s", e, e == 1 ? "" : "s", w,
	        w == 1 ? "" : "s", n, n == 1 ? "" : "s", t->analysed, t->analysed == 1 ? "" : "s");
	if (t->dates_differ)
		fputs(" (as-of dates differ between models)", stderr);
	else if (t->source[0])
		fprintf(stderr, " (as of %s, %s)", t->as_of, source_text(o, t->source));
	if (t->suppressed)
		fprintf(stderr, ", %zu suppressed by exception%s", t->suppressed,
		        t->suppressed == 1 ? "" : "s");
	if (t->failed)
		fprintf(stderr, "; %d model%s could not be analysed", t->failed, t->failed == 1 ? "" : "s");
	fputc('\n', stderr);
}

enum { OPT_SHOW_SUPPRESSED = OPT__COMMON_END + 1 };

int cmd_check(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"show-suppressed", no_argument, NULL, OPT_SHOW_SUPPRESSED},
		{NULL, 0, NULL, 0}};
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		if (c == OPT_SHOW_SUPPRESSED) {
			eo.show_suppressed = 1;
			continue;
		}
		int r = cli_other_option(o, c, argv, help);
		if (r >= 0)
			return r;
	}
	if (optind >= argc)
		return cli_usage_error(o, "%s", T(o, "no model file given", "モデルファイルが指定されていません"));
	eo.lang = o->lang;
	eo.color = cli_use_color(STDOUT_FILENO);
	tally t;
	memset(&t, 0, sizeof(t));
	int findings = 0;
	for (int i = optind; i < argc; i++) {
		medscope_model *m = NULL;
		/* Only the findings are printed: keep nothing else. */
		medscope_analysis *a = cli_analyze_findings(o, argv[i], &m, 1);
		if (!a) {
			t.failed++;
			continue;
		}
		cli_progress_writing(o, stdout);
		medscope_status s = medscope_emit(stdout, a, MEDSCOPE_FORMAT_CHECK, &eo);
		cli_progress_clear();
		if (s != MEDSCOPE_OK) {
			fprintf(stderr, "%s: error: %s\n", argv[i], medscope_status_message(s));
			t.failed++;
		} else {
			t.analysed++;
			for (int sev = MEDSCOPE_SEVERITY_NOTE; sev <= MEDSCOPE_SEVERITY_ERROR; sev++)
				t.counts[sev] += medscope_analysis_count(a, (medscope_severity)sev);
			t.suppressed += medscope_analysis_suppressed_count(a);
			if (cli_status_for(o, a) == EXIT_FINDINGS)
				findings = 1;
			const char *date = medscope_analysis_as_of(a), *source = medscope_analysis_as_of_source(a);
			if (!t.source[0]) {
				snprintf(t.as_of, sizeof(t.as_of), "%s", date);
				snprintf(t.source, sizeof(t.source), "%s", source);
			} else if (strcmp(t.as_of, date) != 0 || strcmp(t.source, source) != 0) {
				t.dates_differ = 1;
			}
		}
		medscope_analysis_free(a);
		medscope_model_free(m);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, T(o, "medscope: error: writing to standard output failed\n",
		                  "medscope: error: 標準出力への書き込みに失敗しました\n"));
		t.failed++;
	}
	if (!o->quiet)
		summary(o, &t);
	return t.failed ? EXIT_TROUBLE : findings ? EXIT_FINDINGS : EXIT_CLEAN;
}
