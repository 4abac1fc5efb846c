/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The four tables of a report (scope, responsibility matrix, required
 * agreements, findings) as rows of plain-text cells in one language, for
 * the CSV, Markdown and HTML emitters. This file decides what a table
 * says; each emitter decides only how to escape and lay it out, so the
 * three formats cannot drift apart. Internal to the library.
 *
 * Cells are UTF-8 text exactly as a reader should see it: nothing is
 * escaped. A cell that lists several things (reasons, contracts) separates
 * them with '\n'; the emitters turn that into a line break of their format.
 */
#ifndef MS_EMIT_REPORT_H
#define MS_EMIT_REPORT_H

#include "analyze/matrix.h"
#include "emit/emit.h"

#define MS_REPORT_MAX_COLS 12

/* OR'd into a row's `sev` when an exception suppresses its finding (a
 * finding, or a missing agreement whose finding is suppressed; rules.md
 * §5), so that an emitter can set such rows apart. */
#define MS_REPORT_SUPPRESSED 0x100u

/*
 * Called once per row. `cells` holds `ncols` strings, valid during the
 * call only. `sev` is the row's ms_severity: a finding's, a missing
 * agreement's, MS_SEV_NONE for other rows; with MS_REPORT_SUPPRESSED set
 * when an exception suppresses it. Return 0 to go on, non-zero to
 * stop (the walk then returns MEDSCOPE_ERR_IO).
 */
typedef int (*ms_report_row_fn)(void *ctx, const char *const *cells, size_t ncols, unsigned sev);

/* The column names of `table` (not MEDSCOPE_TABLE_ALL) in `lang`; static
 * strings. *ncols receives their count. */
const char *const *ms_report_header(medscope_table table, medscope_lang lang, size_t *ncols);

/* Walk the rows of `table` in report order (cli.md: parties and systems by
 * id, agreements by parties then topic, findings by file, line, code).
 * MEDSCOPE_OK, MEDSCOPE_ERR_NOMEM, or MEDSCOPE_ERR_IO when `fn` stopped. */
medscope_status ms_report_rows(const medscope_analysis *a, medscope_table table,
                               medscope_lang lang, ms_report_row_fn fn, void *ctx);

/* The number of rows ms_report_rows() gives for `table`. */
size_t ms_report_count(const medscope_analysis *a, medscope_table table);

/* Words the emitters share (static strings, in `lang`). */
const char *ms_report_severity(unsigned sev, medscope_lang lang); /* error / エラー */
const char *ms_report_title(medscope_table table, medscope_lang lang); /* section heading */
/* The sentence under a section's heading (the owners table: FAQ 5), or NULL. */
const char *ms_report_note(medscope_table table, medscope_lang lang);
/* "(none)" for an empty section. */
const char *ms_report_none(medscope_lang lang);
/* Where the as-of date came from ("option", "model", else the day of the run). */
const char *ms_report_as_of_source(const char *source, medscope_lang lang);
/* One CSV field as csv.c writes it: quoted when it holds , " CR or LF
 * (quotes doubled), an apostrophe before a leading = + - @ TAB or CR
 * (CSV injection). 0, or -1 when writing failed. */
int ms_csv_field(FILE *out, const char *s);
/* What the exception of index `exception` says, for a table cell, on one
 * line: "例外 x1 (承認: H、期限 2027-03-31): REASON" / "exception x1
 * (approved by H, until 2027-03-31): REASON" into `out`. */
void ms_report_suppression(ms_buf *out, const medscope_analysis *a, uint32_t exception,
                           medscope_lang lang);
/* The words for suppressed findings: a heading ("Suppressed by exceptions")
 * and the summary's count. Static strings. */
const char *ms_report_suppressed_title(medscope_lang lang);
/* "Citation「phrase」" of a rule, the way the findings table shows it, into `out`. */
void ms_report_citation(ms_buf *out, unsigned rule);

/* What a column holds, for the workbook: text, a date (YYYY-MM-DD, written
 * as an Excel date) or a count (a number). A cell that does not read as
 * its kind is written as text. */
enum { MS_REPORT_TEXT, MS_REPORT_DATE, MS_REPORT_COUNT };
unsigned ms_report_kind(medscope_table table, size_t col);

/* Neutralise controls and bidirectional overrides in cell `b` (as every
 * table cell is). 0, or -1 when out of memory. */
int ms_report_cell_clean(ms_buf *b);

/* ---- the 責任分界表 (analyze/matrix.h) ---------------------------------- */

/* The 責任分界表 a report shows, set up once by every emitter: the index
 * of analyze/matrix.h and the facilities, the one opts->facility names,
 * else every facility with a table (n is 0 when `facility` names none).
 * Open, read ix/facs[0..n), close; `facs` may point into the struct, so
 * it must not be copied while open. */
typedef struct {
	ms_matrix_index *ix;
	const uint32_t *facs;
	uint32_t n;
	uint32_t one;
} ms_report_matrices;

/* MEDSCOPE_OK or MEDSCOPE_ERR_NOMEM (then there is nothing to close). */
medscope_status ms_report_matrices_open(ms_report_matrices *mt, const medscope_analysis *a,
                                        const char *facility);
void ms_report_matrices_close(ms_report_matrices *mt);

/* "責任分界表: H (ひかり台クリニック)": a facility's table title, into b. */
void ms_report_matrix_title(ms_buf *b, const medscope_analysis *a, uint32_t facility,
                            medscope_lang lang);

/* "A (A社)": a party as a column header names it, into b. */
void ms_report_party_label(ms_buf *b, const medscope_analysis *a, uint32_t party);

/* One facility's table: `head` gets the header row (layer, system, system
 * name, then a column per party, the facility first), `fn` each row.
 * Rows by layer, then by system id. */
medscope_status ms_report_matrix_one(const medscope_analysis *a, ms_matrix_index *ix,
                                     uint32_t facility, medscope_lang lang, ms_report_row_fn head,
                                     ms_report_row_fn fn, void *ctx);

/* The tables of facilities facs[0..n) in one (CSV, and the workbook past
 * 30 facilities): facility, layer, system, system name, the facility's
 * roles, then a column per other party met in any of them, by id. */
medscope_status ms_report_matrix_all(const medscope_analysis *a, ms_matrix_index *ix,
                                     const uint32_t *facs, uint32_t n, medscope_lang lang,
                                     ms_report_row_fn head, ms_report_row_fn fn, void *ctx);

/* The legend lines ("RM: …") of the roles, in vocabulary order. */
void ms_report_matrix_legend(ms_buf *b, unsigned role_bit, medscope_lang lang);

#endif
