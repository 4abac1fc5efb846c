/* SPDX-License-Identifier: Apache-2.0 */
/* medscope_emit(): one entry point, one emitter per format. */
#include <string.h>

#include "emit/emit.h"

void medscope_emit_options_init(medscope_emit_options *opts)
{
	/* Every field a value, including ones added later (color): zero is
	 * each one's "off". */
	memset(opts, 0, sizeof(*opts));
	opts->lang = MEDSCOPE_LANG_EN;
	opts->table = MEDSCOPE_TABLE_ALL;
	opts->csv_bom = 1; /* Excel reads UTF-8 CSV as Shift_JIS without it */
	opts->min_severity = MEDSCOPE_SEVERITY_NOTE;
	opts->max_results = MEDSCOPE_SARIF_MAX_RESULTS;
}

const medscope_emit_options *ms_emit_opts(const medscope_emit_options *opts,
                                         medscope_emit_options *defaults)
{
	if (opts)
		return opts;
	medscope_emit_options_init(defaults);
	return defaults;
}

medscope_status ms_emit_status(FILE *out, medscope_status s)
{
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}

medscope_status medscope_emit(FILE *out, const medscope_analysis *analysis,
                              medscope_format format, const medscope_emit_options *opts)
{
	medscope_emit_options defaults;
	if (!out || !analysis)
		return MEDSCOPE_ERR_USAGE;
	opts = ms_emit_opts(opts, &defaults);
	/* A findings-only analysis (ms_analyze) lacks what the other formats show. */
	if (analysis->findings_only && format != MEDSCOPE_FORMAT_CHECK)
		return MEDSCOPE_ERR_USAGE;
	medscope_status s;
	switch (format) {
	case MEDSCOPE_FORMAT_CHECK:
		s = ms_emit_check(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_SCOPE:
		s = ms_emit_scope_table(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_OWNERS:
		s = ms_emit_owners_table(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_MATRIX:
		s = ms_emit_matrix_table(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_JSON:
		s = ms_emit_json(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_SARIF:
		s = ms_emit_sarif(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_CSV:
		s = ms_emit_csv(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_MARKDOWN:
		s = ms_emit_markdown(out, analysis, opts);
		break;
	case MEDSCOPE_FORMAT_HTML:
		s = ms_emit_html(out, analysis, opts);
		break;
	default:
		/* A format this build has no emitter for. */
		return MEDSCOPE_ERR_USAGE;
	}
	return ms_emit_status(out, s);
}
