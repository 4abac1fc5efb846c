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

/* Append `path` as a URI reference (relative to the working directory when
 * under it, else file:; bytes outside the unreserved set percent-encoded). */
void ms_sarif_artifact_uri(ms_buf *b, const char *path);

/* Append the finding's partialFingerprints["medscope/v1"]: 16 hex digits
 * hashing its rule code, element and subject ids (never its line). */
void ms_sarif_fingerprint(ms_buf *b, const medscope_analysis *a, const ms_finding *f);

/* One result for finding `f` of `a`: ruleId (and ruleIndex when >= 0),
 * level, message, a physical location in artifact `artifact_index` (whose
 * URI is `uri`), a logical location, partialFingerprints, properties. */
json_t *ms_sarif_result(const medscope_analysis *a, const ms_finding *f, int rule_index,
                        const char *uri, int artifact_index, medscope_lang lang, ms_buf *scratch);

/* The log's skeleton, written the same for the report and the diff: one
 * run, the tool, its artifacts and properties, then the results.
 *
 * ms_sarif_begin() writes the log up to the end of the tool (the driver with
 * the rules[] of ms_sarif_reported() codes) and sets index[rule] to the
 * rule's place in rules[], -1 for the codes left out. `scratch` is scratch.
 * ms_sarif_run() writes the run's artifacts, language, columnKind and
 * properties (both json_t taken over, NULL meaning out of memory) and opens
 * results[]; ms_sarif_result_item() appends one result (taken over);
 * ms_sarif_end() closes the log. Each returns MEDSCOPE_OK, or
 * MEDSCOPE_ERR_NOMEM / MEDSCOPE_ERR_IO, after which the caller writes no
 * more. */
medscope_status ms_sarif_begin(ms_jw *w, medscope_lang lang, int index[MS_RULE__COUNT],
                               ms_buf *scratch);
medscope_status ms_sarif_run(ms_jw *w, json_t *artifacts, json_t *properties, medscope_lang lang);
medscope_status ms_sarif_result_item(ms_jw *w, json_t *result);
medscope_status ms_sarif_end(ms_jw *w);

/* One artifacts[] entry: the model file at `uri`, an XML analysis target.
 * Owned by the caller; marks *oom on failure. */
json_t *ms_sarif_artifact(const char *uri, int *oom);

#endif
