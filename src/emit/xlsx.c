/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as an Excel workbook (cli.md revision 2, issue 15 item 3),
 * written with libxlsxwriter: a sheet per report table (parties, owners,
 * agreements, findings), then the 責任分界表 of each facility, or one
 * sheet with a facility column past MATRIX_SHEETS facilities.
 *
 * The cells are the rows of report.h / report_matrix.c, the same as the
 * CSV, Markdown and HTML tables, so no format can drift. Each sheet has
 * its header row frozen and an autofilter; columns are as wide as their
 * longest line in display columns (a kanji takes two), capped; a cell of
 * several items keeps its line breaks (wrapped); counts are numbers and
 * dates real Excel dates (ms_report_kind).
 *
 * libxlsxwriter prints to stderr on its errors. medscope avoids every one
 * it can foresee (sheet names made valid and unique beforehand, strings
 * cut below its limit, rows below Excel's); what is left is the failure to
 * write the file, which the caller reports (the CLI silences the
 * library's own line).
 */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "emit/report.h"
#include "util/lang.h"

#define MATRIX_SHEETS 30
#define WIDTH_CAP 60      /* display columns; longer text wraps */
#define EXCEL_ROWS 1048576
#define STRING_MAX 32767  /* bytes libxlsxwriter accepts in one cell */

typedef struct {
	lxw_worksheet *ws;
	lxw_format *head, *wrap, *date;
	medscope_table table;     /* for the column kinds; MEDSCOPE_TABLE_MATRIX: all text */
	uint32_t row;
	size_t ncols;
	size_t *width;            /* [ncols] */
	medscope_status s;
} sheet;

/* Excel sheet names: at most 31 characters, none of []:*?/\, not empty,
 * no apostrophe first or last, unique regardless of case. */
typedef struct {
	char names[64][LXW_MAX_SHEETNAME_LENGTH];
	size_t n;
} sheet_names;

static int same_name(const char *x, const char *y)
{
	for (; *x && *y; x++, y++) {
		char cx = *x >= 'A' && *x <= 'Z' ? (char)(*x + 32) : *x;
		char cy = *y >= 'A' && *y <= 'Z' ? (char)(*y + 32) : *y;
		if (cx != cy)
			return 0;
	}
	return *x == *y;
}

/* `want` made a valid, unused sheet name into out (LXW_MAX_SHEETNAME_LENGTH). */
static void sheet_name(sheet_names *sn, const char *want, char *out)
{
	char base[LXW_MAX_SHEETNAME_LENGTH];
	size_t len = 0, chars = 0;
	const unsigned char *p = (const unsigned char *)want;
	while (*p && chars < LXW_SHEETNAME_MAX) {
		size_t k = 1;
		if (*p >= 0xF0)
			k = 4;
		else if (*p >= 0xE0)
			k = 3;
		else if (*p >= 0xC0)
			k = 2;
		/* A character past U+FFFF is two UTF-16 units to Excel. */
		if (chars + (k == 4 ? 2 : 1) > LXW_SHEETNAME_MAX)
			break;
		if (strchr("[]:*?/\\", *p) || *p < 0x20) {
			base[len++] = '_';
			p++;
		} else {
			for (size_t i = 0; i < k && *p; i++)
				base[len++] = (char)*p++;
		}
		chars += k == 4 ? 2 : 1;
	}
	base[len] = '\0';
	if (len && base[0] == '\'')
		base[0] = '_';
	if (len && base[len - 1] == '\'')
		base[len - 1] = '_';
	if (!len)
		strcpy(base, "_");
	strcpy(out, base);
	for (unsigned n = 2;; n++) {
		int used = 0;
		for (size_t i = 0; i < sn->n && !used; i++)
			used = same_name(sn->names[i], out);
		if (!used)
			break;
		/* "責任分界表 H~2": cut the base to leave room for the suffix. */
		char suffix[16];
		snprintf(suffix, sizeof(suffix), "~%u", n);
		size_t keep = strlen(base), room = LXW_SHEETNAME_MAX - strlen(suffix);
		size_t c = 0, i = 0;
		while (i < keep && c < room) {
			unsigned char b = (unsigned char)base[i];
			size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
			if (c + (k == 4 ? 2 : 1) > room)
				break;
			i += k;
			c += k == 4 ? 2 : 1;
		}
		snprintf(out, LXW_MAX_SHEETNAME_LENGTH, "%.*s%s", (int)i, base, suffix);
	}
	if (sn->n < 64)
		strcpy(sn->names[sn->n++], out);
}

/* The widest line of s, in display columns. */
static size_t line_width(const char *s)
{
	size_t best = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *line = malloc(n + 1);
		if (line) {
			memcpy(line, s, n);
			line[n] = '\0';
			size_t w = ms_display_width(line);
			if (w > best)
				best = w;
			free(line);
		}
		s += n + (nl ? 1 : 0);
	}
	return best;
}

/* "2027-03-31" -> a date; 0, or -1 when it is not one. */
static int parse_date(const char *s, lxw_datetime *d)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[10])
		return -1;
	memset(d, 0, sizeof(*d));
	d->year = atoi(s);
	d->month = atoi(s + 5);
	d->day = atoi(s + 8);
	return d->year >= 1900 && d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= 31 ? 0 : -1;
}

static int all_digits(const char *s)
{
	if (!*s || strlen(s) > 15)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static lxw_error put_cell(sheet *sh, size_t col, const char *text, int header)
{
	lxw_row_t r = sh->row;
	lxw_col_t c = (lxw_col_t)col;
	size_t w = line_width(text);
	if (w > sh->width[col])
		sh->width[col] = w;
	if (header)
		return worksheet_write_string(sh->ws, r, c, text, sh->head);
	if (!*text)
		return LXW_NO_ERROR; /* an empty cell stays blank, as in CSV */
	unsigned kind = sh->table == MEDSCOPE_TABLE_MATRIX ? MS_REPORT_TEXT
	                                                    : ms_report_kind(sh->table, col);
	lxw_datetime d;
	if (kind == MS_REPORT_DATE && parse_date(text, &d) == 0)
		return worksheet_write_datetime(sh->ws, r, c, &d, sh->date);
	if (kind == MS_REPORT_COUNT && all_digits(text))
		return worksheet_write_number(sh->ws, r, c, strtod(text, NULL), NULL);
	if (strlen(text) <= STRING_MAX)
		return worksheet_write_string(sh->ws, r, c, text, strchr(text, '\n') ? sh->wrap : NULL);
	/* Longer than a cell holds: cut at a character boundary, marked. */
	size_t n = STRING_MAX - 4;
	while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	char *cut = malloc(n + 4);
	if (!cut)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	memcpy(cut, text, n);
	memcpy(cut + n, "…", 4);
	lxw_error e = worksheet_write_string(sh->ws, r, c, cut, sh->wrap);
	free(cut);
	return e;
}

static int write_row(sheet *sh, const char *const *cells, size_t ncols, int header)
{
	if (sh->row >= EXCEL_ROWS) {
		sh->s = MEDSCOPE_ERR_LIMIT;
		return -1;
	}
	if (header) {
		sh->ncols = ncols;
		sh->width = calloc(ncols + 1, sizeof(*sh->width));
		if (!sh->width) {
			sh->s = MEDSCOPE_ERR_NOMEM;
			return -1;
		}
	}
	for (size_t i = 0; i < ncols && i < sh->ncols; i++) {
		lxw_error e = put_cell(sh, i, cells[i], header);
		if (e != LXW_NO_ERROR) {
			sh->s = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_ERR_IO;
			return -1;
		}
	}
	sh->row++;
	return 0;
}

static int head_fn(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	(void)sev;
	return write_row(ctx, cells, ncols, 1);
}

static int row_fn(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	(void)sev;
	return write_row(ctx, cells, ncols, 0);
}

/* Frozen header, autofilter over the table, widths by display columns. */
static void sheet_finish(sheet *sh)
{
	if (!sh->width)
		return;
	worksheet_freeze_panes(sh->ws, 1, 0);
	worksheet_autofilter(sh->ws, 0, 0, sh->row > 1 ? sh->row - 1 : 0, (lxw_col_t)(sh->ncols - 1));
	for (size_t c = 0; c < sh->ncols; c++) {
		size_t w = sh->width[c] > WIDTH_CAP ? WIDTH_CAP : sh->width[c];
		/* Room for the autofilter button. */
		worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, (double)w + 4, NULL);
	}
	free(sh->width);
	sh->width = NULL;
}

typedef struct {
	lxw_workbook *wb;
	lxw_format *head, *wrap, *date;
	sheet_names names;
} book;

static medscope_status new_sheet(book *b, const char *want, medscope_table table, sheet *sh)
{
	char name[LXW_MAX_SHEETNAME_LENGTH];
	sheet_name(&b->names, want, name);
	memset(sh, 0, sizeof(*sh));
	sh->ws = workbook_add_worksheet(b->wb, name);
	if (!sh->ws)
		return MEDSCOPE_ERR_NOMEM;
	sh->head = b->head;
	sh->wrap = b->wrap;
	sh->date = b->date;
	sh->table = table;
	return MEDSCOPE_OK;
}

static medscope_status table_sheet(book *b, const medscope_analysis *a, medscope_table table,
                                   const char *name, medscope_lang lang)
{
	sheet sh;
	medscope_status s = new_sheet(b, name, table, &sh);
	if (s != MEDSCOPE_OK)
		return s;
	size_t ncols;
	const char *const *head = ms_report_header(table, lang, &ncols);
	if (write_row(&sh, head, ncols, 1) == 0)
		s = ms_report_rows(a, table, lang, row_fn, &sh);
	if (sh.s != MEDSCOPE_OK)
		s = sh.s;
	sheet_finish(&sh);
	free(sh.width);
	return s;
}

static medscope_status matrix_sheets(book *b, const medscope_analysis *a,
                                     const medscope_emit_options *opts)
{
	medscope_lang lang = opts->lang;
	ms_report_matrices mt;
	medscope_status s = ms_report_matrices_open(&mt, a, opts->facility);
	if (s != MEDSCOPE_OK)
		return s;
	uint32_t n = mt.n;
	const char *word = MS_L(lang, "matrix", "責任分界表");
	ms_buf name = MS_BUF_INIT;
	sheet sh;
	if (n > MATRIX_SHEETS) {
		/* Past 30 facilities, one sheet with a facility column: filter it. */
		s = new_sheet(b, word, MEDSCOPE_TABLE_MATRIX, &sh);
		if (s == MEDSCOPE_OK) {
			s = ms_report_matrix_all(a, mt.ix, mt.facs, n, lang, head_fn, row_fn, &sh);
			if (sh.s != MEDSCOPE_OK)
				s = sh.s;
			sheet_finish(&sh);
			free(sh.width);
		}
	}
	for (uint32_t i = 0; n <= MATRIX_SHEETS && i < n && s == MEDSCOPE_OK; i++) {
		ms_buf_printf(&name, "%s %s", word, a->model->parties.v[mt.facs[i]].id);
		s = name.oom ? MEDSCOPE_ERR_NOMEM : new_sheet(b, ms_buf_cstr(&name), MEDSCOPE_TABLE_MATRIX, &sh);
		ms_buf_clear(&name);
		if (s != MEDSCOPE_OK)
			break;
		s = ms_report_matrix_one(a, mt.ix, mt.facs[i], lang, head_fn, row_fn, &sh);
		if (sh.s != MEDSCOPE_OK)
			s = sh.s;
		sheet_finish(&sh);
		free(sh.width);
	}
	ms_buf_free(&name);
	ms_report_matrices_close(&mt);
	return s;
}

medscope_status medscope_emit_xlsx(const char *path, const medscope_analysis *a,
                                   const medscope_emit_options *opts)
{
	medscope_emit_options defaults;
	if (!path || !a || a->findings_only)
		return MEDSCOPE_ERR_USAGE;
	opts = ms_emit_opts(opts, &defaults);
	medscope_lang lang = opts->lang;
	book *b = calloc(1, sizeof(*b));
	if (!b)
		return MEDSCOPE_ERR_NOMEM;
	b->wb = workbook_new(path);
	if (!b->wb) {
		free(b);
		return MEDSCOPE_ERR_NOMEM;
	}
	b->head = workbook_add_format(b->wb);
	b->wrap = workbook_add_format(b->wb);
	b->date = workbook_add_format(b->wb);
	medscope_status s = MEDSCOPE_ERR_NOMEM;
	if (b->head && b->wrap && b->date) {
		format_set_bold(b->head);
		format_set_text_wrap(b->wrap);
		format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
		format_set_num_format(b->date, "yyyy-mm-dd");
		s = MEDSCOPE_OK;
	}
	static const struct {
		medscope_table table;
		const char *en, *ja;
	} sheets[] = {
		{MEDSCOPE_TABLE_SCOPE, "parties", "対象範囲"},
		{MEDSCOPE_TABLE_OWNERS, "owners", "責任主体"},
		{MEDSCOPE_TABLE_AGREEMENTS, "agreements", "必要な合意"},
		{MEDSCOPE_TABLE_FINDINGS, "findings", "指摘事項"},
	};
	for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]) && s == MEDSCOPE_OK; i++)
		s = table_sheet(b, a, sheets[i].table, MS_L(lang, sheets[i].en, sheets[i].ja), lang);
	if (s == MEDSCOPE_OK)
		s = matrix_sheets(b, a, opts);
	/* Closing writes the file (and frees the workbook, always). */
	lxw_error e = workbook_close(b->wb);
	if (s == MEDSCOPE_OK && e != LXW_NO_ERROR)
		s = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_ERR_IO;
	free(b);
	return s;
}
