/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The emitters (analysis -> text, JSON, SARIF, CSV, Markdown, HTML) and the
 * helpers they share. Internal to the library; medscope_emit() in emit.c
 * dispatches to them.
 *
 * Every emitter writes one document to `out` and returns MEDSCOPE_OK, or
 * MEDSCOPE_ERR_NOMEM / MEDSCOPE_ERR_IO; it never writes anywhere else.
 * `opts` is never NULL here (medscope_emit() supplies the defaults).
 */
#ifndef MS_EMIT_H
#define MS_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "analyze/analysis.h"
#include "emit/json_chains.h"
#include "util/utf8.h"

/* What the public entry points (medscope_emit(), medscope_diff_emit(),
 * medscope_impact_emit()) share: `opts`, or `*defaults` filled by
 * medscope_emit_options_init() when `opts` is NULL; and the emitter's
 * status `s`, or MEDSCOPE_ERR_IO when `s` is MEDSCOPE_OK but writing to
 * `out` failed. */
const medscope_emit_options *ms_emit_opts(const medscope_emit_options *opts,
                                         medscope_emit_options *defaults);
medscope_status ms_emit_status(FILE *out, medscope_status s);

/* Compiler-style lines, FILE:LINE:COL: SEVERITY: MESSAGE [CODE], for the
 * findings at or above opts->min_severity. */
medscope_status ms_emit_check(FILE *out, const medscope_analysis *a,
                              const medscope_emit_options *opts);
/* The parties' scope as an aligned terminal table. */
medscope_status ms_emit_scope_table(FILE *out, const medscope_analysis *a,
                                    const medscope_emit_options *opts);
/* The responsibility matrix, then the required agreements, as terminal tables. */
medscope_status ms_emit_owners_table(FILE *out, const medscope_analysis *a,
                                     const medscope_emit_options *opts);
/* The 責任分界表 of each facility (or of opts->facility) as terminal
 * tables, then the legend. */
medscope_status ms_emit_matrix_table(FILE *out, const medscope_analysis *a,
                                     const medscope_emit_options *opts);
/* The medscope-report/1 document of cli.md (a subset when opts->table is
 * not MEDSCOPE_TABLE_ALL). */
medscope_status ms_emit_json(FILE *out, const medscope_analysis *a,
                             const medscope_emit_options *opts);

/* The report formats. */
medscope_status ms_emit_sarif(FILE *out, const medscope_analysis *a,
                              const medscope_emit_options *opts);
medscope_status ms_emit_csv(FILE *out, const medscope_analysis *a,
                            const medscope_emit_options *opts);
medscope_status ms_emit_markdown(FILE *out, const medscope_analysis *a,
                                 const medscope_emit_options *opts);
medscope_status ms_emit_html(FILE *out, const medscope_analysis *a,
                             const medscope_emit_options *opts);

/* The ids of a span of symbols / of party (`parties` non-zero) or system
 * indices in a->pool, joined by `sep`, appended to b. */
void ms_put_sym_ids(ms_buf *b, const medscope_analysis *a, ms_span span, const char *sep);
void ms_put_index_ids(ms_buf *b, const medscope_analysis *a, ms_span span, int parties,
                      const char *sep);
/* A via (contracts and systems of a chain, in order) for a table cell:
 * whole up to MS_JSON_VIA_INLINE ids, as JSON writes it inline; a longer
 * one as its first and last ids around "… N more …", so that a row stays
 * bounded and a deep chain's table linear in the model (issue 13). The
 * whole chain is in the JSON report. */
void ms_put_via(ms_buf *b, const medscope_analysis *a, ms_span via, const char *sep,
                medscope_lang lang);
/* The agreements meeting requirement rq: satisfied_by first (the most
 * specific, rules.md §3), then the others that contribute, joined by sep. */
void ms_put_satisfied(ms_buf *b, const medscope_analysis *a, const ms_requirement *rq,
                      const char *sep);
/* The certifications of party p sorted by scheme, then expiry (a malloc'd
 * array of p->ncert pointers the caller frees), or NULL when it has none
 * or out of memory. */
const ms_cert **ms_sorted_certs(const medscope_model *m, const ms_party *p);
/* Per party index, how many of its required agreements are missing (a
 * calloc'd array the caller frees), or NULL when out of memory. */
uint32_t *ms_missing_per_party(const medscope_analysis *a);
/* Write `s`, then spaces (columns as ms_display_width() counts them) up to `width` columns (nothing more when `s` is
 * already that wide). */
void ms_pad(FILE *out, const char *s, size_t width);

#endif
