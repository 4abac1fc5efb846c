/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one streamed JSON writer of the emitters (report, SARIF, diff,
 * impact) and the helpers that build the elements it writes. Internal to
 * the library.
 *
 * Streamed: the skeleton of a document (its top-level object and arrays)
 * is written by the writer, and each element is written token by token
 * (ms_js below) or, where a document changes an element after making it,
 * built as a small json_t and dumped by jansson; memory stays bounded by
 * the largest element, not the model. Strings, keys included, are escaped
 * by jansson (ms_js writes printable ASCII without '"' and '\\' as is, as
 * jansson does); only brackets, commas and indentation are written by
 * hand, in jansson's JSON_INDENT(2) layout. Keys keep insertion order
 * (JSON_PRESERVE_ORDER), so output is deterministic.
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
#include "emit/json_chains.h"

typedef struct {
	FILE *f;
	int nmembers; /* members written into the open top-level object */
	int nitems;   /* items written into the open array */
} ms_jw;

/* One element, written or built token by token (object, key, value ...,
 * close), so that the decision what an element holds is one function
 * whichever way it is used:
 *  - streamed (ms_js_stream): its text goes straight to the writer's file
 *    through a block of this struct, laid out byte for byte as jansson's
 *    JSON_INDENT(2) | JSON_PRESERVE_ORDER dump of the same tree would be,
 *    with no json_t made per value (building and freeing those was most of
 *    `report --format json`). Strings are escaped by jansson, except the
 *    printable-ASCII ones without '"' or '\\', which jansson too writes
 *    unchanged (unit.emit_json checks every byte against it);
 *  - built (ms_js_build): a json_t tree, for the documents that change an
 *    element after building it (diff, impact).
 * Out of memory and write errors are remembered and reported once, by
 * ms_js_flush() or ms_js_result(). Keys are borrowed until the next call. */
#define MS_JS_DEPTH 16
typedef struct {
	ms_jw *w;   /* streaming into w->f; NULL when building */
	json_t *root;
	json_t *stack[MS_JS_DEPTH];
	uint32_t count[MS_JS_DEPTH]; /* members or items so far of each open container */
	unsigned char is_obj[MS_JS_DEPTH];
	unsigned depth, base;        /* open containers; columns of depth 0's newlines */
	const char *key;             /* the pending key of a built object member */
	int after_key, oom, failed;
	size_t n;
	char buf[16384];
} ms_js;

/* Start an element (an item or member value whose separator the caller
 * has written) streamed into w->f, its lines indented by `indent`. */
void ms_js_stream(ms_js *s, ms_jw *w, unsigned indent);
/* Start an element built as a json_t (ms_js_result). */
void ms_js_build(ms_js *s);
void ms_js_obj(ms_js *s);
void ms_js_arr(ms_js *s);
/* Close the innermost open object or array. */
void ms_js_close(ms_js *s);
void ms_js_key(ms_js *s, const char *k);
void ms_js_str(ms_js *s, const char *v);
/* A string, or null when `v` is NULL. */
void ms_js_str_or_null(ms_js *s, const char *v);
void ms_js_int(ms_js *s, json_int_t v);
void ms_js_bool(ms_js *s, int v);
void ms_js_null(ms_js *s);
/* A value built with jansson (taken over; NULL means out of memory). */
void ms_js_json(ms_js *s, json_t *v);
/* Streaming: write what is left in the block. MEDSCOPE_OK, or
 * MEDSCOPE_ERR_NOMEM / MEDSCOPE_ERR_IO when some step failed. */
medscope_status ms_js_flush(ms_js *s);
/* Building: the tree (owned by the caller), or NULL when out of memory. */
json_t *ms_js_result(ms_js *s);
/* Streaming one item of an array whose items stand at `indent` columns:
 * the separator, then ms_js_stream(). Finish with ms_js_flush(). */
void ms_jw_item_js(ms_jw *w, ms_js *s, unsigned indent);

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
/* The model's file name as JSON shows it (ms_json_file). */
const char *ms_json_file_name(const medscope_model *m);
/* The same for file `file` of m->files (0: the main file, then the parts
 * of a split model). */
const char *ms_json_file_name_at(const medscope_model *m, uint32_t file);

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
/* The same pieces written into an element (ms_js), streamed or built:
 * the json_t functions above and below are these, built. */
void ms_js_sym_ids(ms_js *s, const medscope_analysis *a, ms_span span);
void ms_js_index_ids(ms_js *s, const medscope_analysis *a, ms_span span, int parties);
void ms_js_ownership(ms_js *s, const medscope_analysis *a, const ms_ownership *e, unsigned with);
/* The same, its via written through `chains` (json_chains.h; NULL: whole). */
void ms_js_ownership_in(ms_js *s, const medscope_analysis *a, const ms_ownership *e, unsigned with,
                        ms_json_chains *chains);
/* The members "via_prefix" (for a long via) and "via" (json_chains.h). */
void ms_js_via(ms_js *s, const medscope_analysis *a, ms_json_chains *chains, ms_span via);
/* Entry i of the document's `chains` array: {"id", ["via_prefix"], "via"}. */
void ms_js_chain(ms_js *s, const medscope_analysis *a, const ms_json_chains *chains, size_t i);
void ms_js_suppression(ms_js *s, const medscope_analysis *a, const ms_exception *x);
void ms_js_finding(ms_js *s, const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                   ms_buf *msg);
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
