/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One report table as CSV, for Excel users in Japan (RFC 4180):
 *
 *  - UTF-8 with a byte-order mark unless opts->csv_bom is 0: Excel reads a
 *    CSV without one in the ANSI code page (Shift_JIS on Japanese Windows)
 *    and garbles every Japanese name;
 *  - CRLF after every record, the header included;
 *  - a field holding a comma, a double quote, CR or LF is quoted, and its
 *    quotes doubled; other fields are written as they are;
 *  - a field that starts with = + - @ TAB or CR gets a leading apostrophe,
 *    so that Excel shows a name like "=HYPERLINK(...)" as text instead of
 *    running it as a formula (CSV injection). Nothing medscope writes
 *    itself starts that way, only text from the model can.
 *
 * CSV holds one table: opts->table picks it, and MEDSCOPE_TABLE_ALL (the
 * default) gives the parties (cli.md revision 2): the procurement question,
 * which companies, in scope or not and why, with which certifications and
 * how many required agreements missing. A clean model's findings table is
 * empty, so it is a poor default.
 * The header row is in opts->lang.
 */
#include <string.h>

#include "emit/report.h"

int ms_csv_field(FILE *out, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	            s[0] == '\r';
	if (quote)
		fputc('"', out);
	if (guard)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	if (quote)
		fputc('"', out);
	return ferror(out) ? -1 : 0;
}

static int put_record(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	FILE *out = ctx;
	(void)sev;
	for (size_t i = 0; i < ncols; i++) {
		if (i)
			fputc(',', out);
		if (ms_csv_field(out, cells[i]) < 0)
			return -1;
	}
	fputs("\r\n", out);
	return ferror(out) ? -1 : 0;
}

/* The 責任分界表 of every facility (or opts->facility) in one table, a
 * facility column first: one CSV holds one table. */
static medscope_status csv_matrix(FILE *out, const medscope_analysis *a,
                                  const medscope_emit_options *opts)
{
	ms_report_matrices mt;
	medscope_status s = ms_report_matrices_open(&mt, a, opts->facility);
	if (s != MEDSCOPE_OK)
		return s;
	s = ms_report_matrix_all(a, mt.ix, mt.facs, mt.n, opts->lang, put_record, put_record, out);
	ms_report_matrices_close(&mt);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}

medscope_status ms_emit_csv(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	medscope_table table = opts->table == MEDSCOPE_TABLE_ALL ? MEDSCOPE_TABLE_SCOPE : opts->table;
	if (opts->csv_bom)
		fputs("\xEF\xBB\xBF", out);
	if (table == MEDSCOPE_TABLE_MATRIX)
		return csv_matrix(out, a, opts);
	size_t ncols;
	const char *const *head = ms_report_header(table, opts->lang, &ncols);
	if (put_record(out, head, ncols, MS_SEV_NONE) < 0)
		return MEDSCOPE_ERR_IO;
	medscope_status s = ms_report_rows(a, table, opts->lang, put_record, out);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}
