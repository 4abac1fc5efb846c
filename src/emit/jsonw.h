/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one streamed JSON writer of the emitters (report, SARIF, diff,
 * impact) and the helpers that build the elements it writes. Internal to
 * the library.
 *
 * Streamed: the skeleton of a document (its top-level object and arrays)
 * is written by the writer, and each element is built as a small json_t,
 * dumped by jansson and freed at once, so memory stays bounded by the
 * largest element, not the model. Every string, keys included, is escaped
 * by jansson; only brackets, commas and indentation are written by hand.
 * Keys keep insertion order (JSON_PRESERVE_ORDER), so output is
 * deterministic.
 *
 * Ownership: every function below that takes a json_t `v` takes over its
 * reference, on success and on failure alike; a NULL `v` means building
 * it ran out of memory and is reported as MEDSCOPE_ERR_NOMEM. The writer
 * owns nothing but borrows the FILE* it is given.
 */
#ifndef MS_EMIT_JSONW_H
#define MS_EMIT_JSONW_H

#include <jansson.h>
#include <stdio.h>

#include "analyze/analysis.h"

typedef struct {
	FILE *f;
	unsigned indent;
	int nmembers; /* members written into the open top-level object */
	int nitems;   /* items written into the open array */
} ms_jw;

/* A writer on `f` that has written nothing (for documents whose skeleton
 * the caller writes itself, with ms_jw_dump()). */
void ms_jw_init(ms_jw *w, FILE *f);
/* ms_jw_init(), then start the top-level object. */
void ms_jw_begin(ms_jw *w, FILE *f);
/* A member of the top-level object holding `v`. */
medscope_status ms_jw_member(ms_jw *w, const char *key, json_t *v);
/* Open the member `key` as an array; add items one by one; close it. */
medscope_status ms_jw_array_begin(ms_jw *w, const char *key);
medscope_status ms_jw_item(ms_jw *w, json_t *v);
void ms_jw_array_end(ms_jw *w);
/* For documents nested deeper than one level, wherever the caller is
 * writing: dump `v` at `indent` columns; add `v` as the next item of an
 * array (opened by the caller, w->nitems 0) whose items stand at `indent`
 * columns; close that array, its ']' at `indent` columns. */
medscope_status ms_jw_dump(ms_jw *w, json_t *v, unsigned indent);
medscope_status ms_jw_item_at(ms_jw *w, json_t *v, unsigned indent);
void ms_jw_close_at(ms_jw *w, unsigned indent);
/* Close the top-level object. Returns `s`, or MEDSCOPE_ERR_IO when `s` is
 * MEDSCOPE_OK but writing failed. */
medscope_status ms_jw_end(ms_jw *w, medscope_status s);

/* Building one element: set/push take over `v` and mark *oom on failure
 * (`v` NULL included); ms_json_done() then frees `o` and returns NULL,
 * which the writer reports as out of memory. */
void ms_json_set(json_t *o, const char *key, json_t *v, int *oom);
void ms_json_push(json_t *arr, json_t *v, int *oom);
/* A new JSON string, or JSON null when `s` is NULL. */
json_t *ms_json_str_or_null(const char *s);
/* The model's file name as a JSON string: the name itself when it is
 * UTF-8 (JSON strings cannot hold other bytes), else its escaped text
 * (model->file_text: \xff for each such byte). The exact bytes are in
 * SARIF's percent-encoded artifact URI. */
json_t *ms_json_file(const medscope_model *m);
/* `o`, or NULL (with `o` freed) when `oom` is set or `o` is NULL. */
json_t *ms_json_done(json_t *o, int oom);

/* Pieces of the medscope-report/1 document (cli.md) that the diff and
 * impact documents show in the same shape. Each returns a new json_t owned
 * by the caller; the id lists mark *oom on failure, the others return NULL.
 *
 * The ids of a span of symbols in a->pool / of party (`parties` non-zero)
 * or system indices in a->pool. */
json_t *ms_json_sym_ids(const medscope_analysis *a, ms_span span, int *oom);
json_t *ms_json_index_ids(const medscope_analysis *a, ms_span span, int parties, int *oom);
/* An ownership entry (rules.md §2): [system], [facility], owner, basis,
 * [via], considered_by, in that order; `with` picks the bracketed keys
 * the document's context does not already give. Marks *oom on failure. */
enum { MS_JOWN_SYSTEM = 1, MS_JOWN_FACILITY = 2, MS_JOWN_VIA = 4 };
json_t *ms_json_ownership(const medscope_analysis *a, const ms_ownership *e, unsigned with,
                          int *oom);
/* The finding's fingerprint, the same in JSON (`fingerprint`) and in SARIF
 * (partialFingerprints["medscope/v1"]): 16 hex digits and a NUL hashing its
 * rule code, element and subject ids, never its line, so moving an element
 * in the file keeps it. */
#define MS_FINGERPRINT_SIZE 17
void ms_finding_fingerprint(char out[MS_FINGERPRINT_SIZE], const medscope_analysis *a,
                            const ms_finding *f);
/* What an exception says when it suppresses a finding (rules.md §5):
 * exception, reason, approved_by, until, date, document, text (the last
 * three null when absent). Marks *oom on failure. */
json_t *ms_json_suppression(const medscope_analysis *a, const ms_exception *x, int *oom);
/* A finding: code, severity, message, subjects, file, line, column, cite,
 * fingerprint, and `suppressed` when an exception suppresses it. `msg` is
 * scratch. */
json_t *ms_json_finding(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                        ms_buf *msg);
/* {"file", "name", "as_of", "as_of_source"} of an analysed model. */
json_t *ms_json_model(const medscope_analysis *a);

#endif
