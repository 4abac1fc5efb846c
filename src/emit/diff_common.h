/*
 * What the emitters of `medscope diff` and `medscope impact` share: the
 * language picker, the JSON writer and the report's JSON pieces (jsonw.h),
 * and one another's prototypes. Internal to the library.
 */
#ifndef MS_EMIT_DIFF_COMMON_H
#define MS_EMIT_DIFF_COMMON_H

#include <stdio.h>

#include "analyze/analysis.h"
#include "emit/jsonw.h"

/* Pick the English or the Japanese text. */
#define MS_L(lang, en, ja) ((lang) == MEDSCOPE_LANG_JA ? (ja) : (en))

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
