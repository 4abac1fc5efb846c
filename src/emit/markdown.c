/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as Markdown (GitHub-flavoured tables), laid out as a contract
 * annex (契約書別紙): title, the model and its as-of date, the scope table,
 * the responsibility matrix, the required agreements with their status,
 * and the findings with their guideline citation (key and quoted phrase).
 *
 * Every text that comes from the model or the catalog goes through
 * md_text(), so that a name like "A|B *社*" stays one cell and shows as
 * written. opts->table other than MEDSCOPE_TABLE_ALL keeps one section
 * (MEDSCOPE_TABLE_OWNERS two: the matrix and the agreements, as the JSON
 * subset and `medscope owners` have them).
 */
#include <string.h>

#include "emit/report.h"
#include "util/lang.h"

/*
 * Write `s` as Markdown text that renders as `s`: the characters that
 * start emphasis, code, links, strikethrough or a table cell are
 * backslash-escaped, '<', '>' and '&' become entities (no raw HTML and no
 * entity surprises), and a line break becomes <br> so that it stays inside
 * its table cell.
 */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': case '`': case '*': case '_': case '|': case '[': case ']': case '~':
			fputc('\\', out);
			fputc(*s, out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '\r':
			if (s[1] == '\n')
				s++;
			fputs("<br>", out);
			break;
		case '\n':
			fputs("<br>", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static int md_row(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	FILE *out = ctx;
	(void)sev;
	fputc('|', out);
	for (size_t i = 0; i < ncols; i++) {
		fputc(' ', out);
		md_text(out, cells[i]);
		fputs(" |", out);
	}
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

static medscope_status md_table(FILE *out, const medscope_analysis *a, medscope_table table,
                                medscope_lang lang, int number)
{
	if (number)
		fprintf(out, "## %d. %s\n\n", number, ms_report_title(table, lang));
	else
		fprintf(out, "## %s\n\n", ms_report_title(table, lang));
	const char *note = ms_report_note(table, lang);
	if (note) {
		md_text(out, note);
		fputs("\n\n", out);
	}
	if (ms_report_count(a, table) == 0) {
		md_text(out, ms_report_none(lang));
		fputs("\n\n", out);
		return ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
	}
	size_t ncols;
	const char *const *head = ms_report_header(table, lang, &ncols);
	md_row(out, head, ncols, MS_SEV_NONE);
	fputc('|', out);
	for (size_t i = 0; i < ncols; i++)
		fputs(" --- |", out);
	fputc('\n', out);
	medscope_status s = ms_report_rows(a, table, lang, md_row, out);
	fputc('\n', out);
	return s;
}

/* A header row, then its separator line. */
static int md_head(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	FILE *out = ctx;
	md_row(out, cells, ncols, sev);
	fputc('|', out);
	for (size_t i = 0; i < ncols; i++)
		fputs(" --- |", out);
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

/* The 責任分界表 section: a table per facility, then the legend. */
static medscope_status md_matrix(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts,
                                 int number)
{
	medscope_lang lang = opts->lang;
	const char *title = MS_L(lang, "Responsibility matrix (per facility)", "責任分界表 (医療機関等ごと)");
	if (number)
		fprintf(out, "## %d. %s\n\n", number, title);
	else
		fprintf(out, "## %s\n\n", title);
	ms_report_matrices mt;
	medscope_status s = ms_report_matrices_open(&mt, a, opts->facility);
	if (s != MEDSCOPE_OK)
		return s;
	uint32_t n = mt.n;
	ms_buf b = MS_BUF_INIT;
	if (n == 0) {
		md_text(out, ms_report_none(lang));
		fputs("\n\n", out);
	}
	for (uint32_t i = 0; i < n && s == MEDSCOPE_OK; i++) {
		ms_report_matrix_title(&b, a, mt.facs[i], lang);
		fputs("### ", out);
		md_text(out, ms_buf_cstr(&b));
		fputs("\n\n", out);
		ms_buf_clear(&b);
		s = ms_report_matrix_one(a, mt.ix, mt.facs[i], lang, md_head, md_row, out);
		fputc('\n', out);
	}
	if (s == MEDSCOPE_OK && n) {
		fputs(MS_L(lang, "Legend:\n\n", "凡例:\n\n"), out);
		for (unsigned bit = 0; bit < MS_ROLE__COUNT; bit++) {
			ms_report_matrix_legend(&b, bit, lang);
			fputs("- ", out);
			md_text(out, ms_buf_cstr(&b));
			fputc('\n', out);
			ms_buf_clear(&b);
		}
		fputc('\n', out);
	}
	if (b.oom && s == MEDSCOPE_OK)
		s = MEDSCOPE_ERR_NOMEM;
	ms_buf_free(&b);
	ms_report_matrices_close(&mt);
	return s;
}

static void md_header(FILE *out, const medscope_analysis *a, medscope_lang lang)
{
	const medscope_model *m = a->model;
	fputs(MS_L(lang, "# Contract annex: scope, risk-management responsibility and required agreements\n\n",
	        "# 契約書別紙: 対象範囲・リスクマネジメントの責任分界・必要な合意\n\n"),
	      out);
	fputs(MS_L(lang, "- **Model:** ", "- **モデル:** "), out);
	md_text(out, m->name[0] ? m->name : MS_L(lang, "(unnamed)", "(名称なし)"));
	fputs(MS_L(lang, "\n- **File:** ", "\n- **ファイル:** "), out);
	md_text(out, m->file_text);
	fprintf(out, MS_L(lang, "\n- **As of:** %s (%s)\n", "\n- **基準日:** %s (%s)\n"), a->as_of_text,
	        ms_report_as_of_source(a->as_of_source, lang));
	fputs(MS_L(lang, "- **Guideline:** ", "- **ガイドライン:** "), out);
	md_text(out, ms_rules_guideline);
	/* "error(s)" / "エラー N 件": the severity words of the vocabulary. */
	fputs(MS_L(lang, "\n- **Findings:** ", "\n- **指摘:** "), out);
	static const unsigned sevs[] = {MS_SEV_ERROR, MS_SEV_WARNING, MS_SEV_NOTE};
	for (size_t i = 0; i < 3; i++) {
		const char *word = ms_word(MS_W_SEVERITY, sevs[i], lang), *sep = i ? MS_L(lang, ", ", "、") : "";
		if (lang == MEDSCOPE_LANG_JA)
			fprintf(out, "%s%s %zu 件", sep, word, a->counts[sevs[i]]);
		else
			fprintf(out, "%s%zu %s(s)", sep, a->counts[sevs[i]], word);
	}
	/* Accepted findings are not counted above (rules.md §5), only here. */
	if (a->suppressed)
		fprintf(out, MS_L(lang, ", %zu suppressed by exception(s)", "、例外により抑制 %zu 件"),
		        a->suppressed);
	fputc('\n', out);
	fprintf(out, MS_L(lang, "- **Generated by:** medscope %s\n\n", "- **作成:** medscope %s\n\n"),
	        MEDSCOPE_VERSION_STRING);
}

medscope_status ms_emit_markdown(FILE *out, const medscope_analysis *a,
                                 const medscope_emit_options *opts)
{
	static const medscope_table order[] = {MEDSCOPE_TABLE_SCOPE, MEDSCOPE_TABLE_OWNERS,
	                                       MEDSCOPE_TABLE_AGREEMENTS, MEDSCOPE_TABLE_FINDINGS};
	medscope_lang lang = opts->lang;
	md_header(out, a, lang);
	medscope_status s = MEDSCOPE_OK;
	if (opts->table == MEDSCOPE_TABLE_MATRIX)
		s = md_matrix(out, a, opts, 0);
	int number = 0;
	for (size_t i = 0; i < 4 && s == MEDSCOPE_OK; i++) {
		if (opts->table == MEDSCOPE_TABLE_ALL)
			s = md_table(out, a, order[i], lang, ++number);
		else if (opts->table == order[i] ||
		         /* `medscope owners`: the matrix, then the agreements (cli.md). */
		         (opts->table == MEDSCOPE_TABLE_OWNERS && order[i] == MEDSCOPE_TABLE_AGREEMENTS))
			s = md_table(out, a, order[i], lang, 0);
		/* The 責任分界表 after the owners it lays out per facility. */
		if (opts->table == MEDSCOPE_TABLE_ALL && order[i] == MEDSCOPE_TABLE_OWNERS && s == MEDSCOPE_OK)
			s = md_matrix(out, a, opts, ++number);
	}
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}
