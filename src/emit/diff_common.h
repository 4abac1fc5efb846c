/*
 * What the emitters of `medscope diff` and `medscope impact` share: a
 * streamed JSON writer (one small json_t at a time, so memory stays bounded
 * by the largest element, not the model) and the JSON shape of a finding,
 * which is the one of the medscope-report/1 document (cli.md). Internal to
 * the library.
 */
#ifndef MS_EMIT_DIFF_COMMON_H
#define MS_EMIT_DIFF_COMMON_H

#include <jansson.h>
#include <stdio.h>

#include "analyze/analysis.h"

/* Pick the English or the Japanese text. */
#define MS_L(lang, en, ja) ((lang) == MEDSCOPE_LANG_JA ? (ja) : (en))

typedef struct {
	FILE *f;
	unsigned indent;
	int nmembers; /* members written into the open top-level object */
	int nitems;   /* items written into the open top-level array */
} ms_jw;

/* Start the top-level object. */
void ms_jw_begin(ms_jw *w, FILE *f);
/* A member of the top-level object holding `v` (its reference is taken
 * over; NULL means building it ran out of memory). */
medscope_status ms_jw_member(ms_jw *w, const char *key, json_t *v);
/* Open the member `key` as an array; add items one by one; close it. */
medscope_status ms_jw_array_begin(ms_jw *w, const char *key);
medscope_status ms_jw_item(ms_jw *w, json_t *v);
void ms_jw_array_end(ms_jw *w);
/* Dump `v` (its reference is taken over) at `indent` columns, wherever the
 * caller is writing (for documents nested deeper than one level). */
medscope_status ms_jw_dump(ms_jw *w, json_t *v, unsigned indent);
/* Close the top-level object; MEDSCOPE_ERR_IO when writing failed. */
medscope_status ms_jw_end(ms_jw *w, medscope_status s);

/* Building one element: set/push mark *oom on failure (v NULL included);
 * ms_json_done() then returns NULL, which ms_jw_member()/item() report. */
void ms_json_set(json_t *o, const char *key, json_t *v, int *oom);
void ms_json_push(json_t *arr, json_t *v, int *oom);
json_t *ms_json_str_or_null(const char *s);
json_t *ms_json_done(json_t *o, int oom);
/* The ids of a span of symbols in a->pool / of party or system indices. */
json_t *ms_json_sym_ids(const medscope_analysis *a, ms_span span, int *oom);
json_t *ms_json_index_ids(const medscope_analysis *a, ms_span span, int parties, int *oom);

/* A finding as the report's JSON shows it: code, severity, message,
 * subjects, file, line, column, cite. `msg` is scratch. */
json_t *ms_json_finding(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                        ms_buf *msg);
/* {"file", "name", "as_of", "as_of_source"} of an analysed model. */
json_t *ms_json_model(const medscope_analysis *a);

/* The emitters of medscope_diff_emit() and medscope_impact_emit(); `opts`
 * is never NULL here. MEDSCOPE_OK, MEDSCOPE_ERR_NOMEM or MEDSCOPE_ERR_IO. */
medscope_status ms_emit_diff_text(FILE *out, const medscope_diff *d, const medscope_emit_options *opts);
medscope_status ms_emit_diff_json(FILE *out, const medscope_diff *d, const medscope_emit_options *opts);
medscope_status ms_emit_diff_sarif(FILE *out, const medscope_diff *d, const medscope_emit_options *opts);
medscope_status ms_emit_impact_text(FILE *out, const medscope_impact *im,
                                    const medscope_emit_options *opts);
medscope_status ms_emit_impact_json(FILE *out, const medscope_impact *im,
                                    const medscope_emit_options *opts);
medscope_status ms_emit_impact_csv(FILE *out, const medscope_impact *im,
                                   const medscope_emit_options *opts);

#endif
