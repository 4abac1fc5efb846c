/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SARIF 2.1.0 pieces shared by the report (sarif.c) and the diff
 * (diff_sarif.c): both must describe rules and results identically, or
 * code scanning would see a diff's result as a different finding from the
 * report's. Internal to the library. Every json_t returned is owned by the
 * caller; NULL means out of memory.
 */
#ifndef MS_EMIT_SARIF_COMMON_H
#define MS_EMIT_SARIF_COMMON_H

#include <jansson.h>

#include "emit/emit.h"
#include "emit/jsonw.h"

/* Whether rule `rule` can be a result (agreement and finding codes; scope
 * and ownership codes are conclusions, never results). */
int ms_sarif_reported(unsigned rule);

/* The reportingDescriptor of rule `rule`: id, name, descriptions, help with
 * the guideline citation, default level, properties. */
json_t *ms_sarif_rule(unsigned rule, medscope_lang lang, ms_buf *scratch);

/* When `path` names a regular file, append it as a URI reference
 * (relative to the working directory when under it, else file:; bytes
 * outside the unreserved set percent-encoded) and return 1. Return 0 and
 * append nothing for anything else — standard input ("<stdin>"), a pipe
 * such as the /dev/fd/63 of a process substitution, a device: a location
 * must be a file a reader can open again, never a made-up path. */
int ms_sarif_artifact_uri(ms_buf *b, const char *path);

/* Append run.automationDetails.id: "medscope/<command>/<uri>/", or
 * "medscope/<command>/-/" when the model is not a file (`uri` NULL). The
 * final '/' makes all of it the category (SARIF 3.17.4: what follows the
 * last '/' is a run instance, and there is none), so it stays the same from
 * run to run and code scanning replaces the previous analysis of the same
 * model instead of adding one. */
void ms_sarif_automation_id(ms_buf *b, const char *command, const char *uri);

/* --max-results: which results a log keeps when there are more than
 * `max`. The highest severities are kept; within the severity where the
 * cut falls, the first ones in the order they are written. Deterministic,
 * and decided from the counts alone, so the results stream as before. */
typedef struct {
	size_t max;          /* 0: no limit */
	size_t total;        /* results there are */
	size_t omitted;      /* results left out */
	size_t omitted_by[4]; /* of them, by ms_severity */
	unsigned threshold;  /* results below this severity are left out... */
	size_t room;         /* ...and of those at it, only the first `room` */
} ms_sarif_cap;

/* `count[sev]`: how many results of each ms_severity the log would hold. */
void ms_sarif_cap_init(ms_sarif_cap *c, const size_t count[4], size_t max);
/* Add the findings of `a` per ms_severity to count[], suppressed ones
 * included (they are results too, with suppressions[]). */
void ms_sarif_count(const medscope_analysis *a, size_t count[4]);
/* Called once per result, in the order results are written: whether this
 * one is kept. */
int ms_sarif_cap_keep(ms_sarif_cap *c, unsigned severity);

/* One result for finding `f` of `a`: ruleId (and ruleIndex when >= 0),
 * level, message, a physical location in artifact `artifact_index` (whose
 * URI is `uri`; NULL when the model is not a file, and then the location
 * names the artifact by index only), a logical location,
 * partialFingerprints, properties; and suppressions[] when an exception
 * suppresses it (rules.md §5: kind inSource, status accepted, the reason
 * as justification, the exception element as location). */
/* The parts of a split model (model->files[1..]) as artifacts: a result
 * in a part points at the part's own artifact, whose URI is made like the
 * main file's (ms_sarif_artifact_uri). */
typedef struct {
	char **uri;  /* [k - 1]: file k's URI, NULL when it is not a file */
	size_t n;    /* parts */
	int index0;  /* the artifacts[] index of file 1 */
} ms_sarif_parts;

/* 0, or -1 when out of memory (nothing to free then). */
int ms_sarif_parts_init(ms_sarif_parts *p, const medscope_model *m, int index0);
void ms_sarif_parts_free(ms_sarif_parts *p);
/* Append the parts' artifacts[] entries to arr, in file order. */
void ms_sarif_parts_artifacts(json_t *arr, const ms_sarif_parts *p, const medscope_model *m,
                              medscope_lang lang, int *oom);

/* `parts` (NULL: none) places the findings that lie in a part. */
json_t *ms_sarif_result(const medscope_analysis *a, const ms_finding *f, int rule_index,
                        const char *uri, int artifact_index, const ms_sarif_parts *parts,
                        medscope_lang lang, ms_buf *scratch);
/* The same result written into an element (jsonw.h); ms_sarif_result() is it, built. */
void ms_sarif_result_js(ms_js *s, const medscope_analysis *a, const ms_finding *f, int rule_index,
                        const char *uri, int artifact_index, const ms_sarif_parts *parts,
                        medscope_lang lang, ms_buf *scratch);

/* The log's skeleton, written the same for the report and the diff: one
 * run, the tool, its artifacts and properties, then the results.
 *
 * ms_sarif_begin() writes the log up to the end of the tool (the driver with
 * the rules[] of ms_sarif_reported() codes) and sets index[rule] to the
 * rule's place in rules[], -1 for the codes left out. `scratch` is scratch.
 * ms_sarif_run() writes the run's automationDetails (`automation_id`), the
 * invocation with the notification of what `cap` left out (only when it
 * left something out), artifacts, language, columnKind and properties
 * (both json_t taken over, NULL meaning out of memory) and opens results[]; ms_sarif_result_item() appends one result (taken over);
 * ms_sarif_end() closes the log. Each returns MEDSCOPE_OK, or
 * MEDSCOPE_ERR_NOMEM / MEDSCOPE_ERR_IO, after which the caller writes no
 * more. */
medscope_status ms_sarif_begin(ms_jw *w, medscope_lang lang, int index[MS_RULE__COUNT],
                               ms_buf *scratch);
medscope_status ms_sarif_run(ms_jw *w, const char *automation_id, json_t *artifacts,
                             json_t *properties, const ms_sarif_cap *cap, medscope_lang lang);
medscope_status ms_sarif_result_item(ms_jw *w, json_t *result);
/* ms_sarif_result_item() of ms_sarif_result(), streamed without a json_t. */
medscope_status ms_sarif_result_stream(ms_jw *w, const medscope_analysis *a, const ms_finding *f,
                                       int rule_index, const char *uri, int artifact_index,
                                       const ms_sarif_parts *parts, medscope_lang lang,
                                       ms_buf *scratch);
medscope_status ms_sarif_end(ms_jw *w);

/* One artifacts[] entry: the model at `uri`, an XML analysis target. When
 * the model is not a file (`uri` NULL) the entry has no location, only a
 * description naming `path` as given. Owned by the caller; marks *oom on
 * failure. */
json_t *ms_sarif_artifact(const char *uri, const char *path, medscope_lang lang, int *oom);

#endif
