/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The public entry points of the diff and impact emitters: each picks the
 * emitter of its format (diff.h, impact.h); the defaults and the final I/O
 * check are the ones of medscope_emit() (emit.h).
 */
#include "change/diff.h"
#include "change/impact.h"
#include "emit/emit.h"

medscope_status medscope_diff_emit(FILE *out, const medscope_diff *diff, medscope_format format,
                                   const medscope_emit_options *opts)
{
	medscope_emit_options defaults;
	if (!out || !diff)
		return MEDSCOPE_ERR_USAGE;
	opts = ms_emit_opts(opts, &defaults);
	switch (format) {
	case MEDSCOPE_FORMAT_CHECK:
		return ms_emit_status(out, ms_emit_diff_text(out, diff, opts));
	case MEDSCOPE_FORMAT_JSON:
		return ms_emit_status(out, ms_emit_diff_json(out, diff, opts));
	case MEDSCOPE_FORMAT_SARIF:
		return ms_emit_status(out, ms_emit_diff_sarif(out, diff, opts));
	default:
		return MEDSCOPE_ERR_USAGE;
	}
}

medscope_status medscope_impact_emit(FILE *out, const medscope_impact *impact,
                                     medscope_format format, const medscope_emit_options *opts)
{
	medscope_emit_options defaults;
	if (!out || !impact)
		return MEDSCOPE_ERR_USAGE;
	opts = ms_emit_opts(opts, &defaults);
	switch (format) {
	case MEDSCOPE_FORMAT_CHECK:
		return ms_emit_status(out, ms_emit_impact_text(out, impact, opts));
	case MEDSCOPE_FORMAT_JSON:
		return ms_emit_status(out, ms_emit_impact_json(out, impact, opts));
	case MEDSCOPE_FORMAT_CSV:
		return ms_emit_status(out, ms_emit_impact_csv(out, impact, opts));
	default:
		return MEDSCOPE_ERR_USAGE;
	}
}
