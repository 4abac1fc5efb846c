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

#endif
