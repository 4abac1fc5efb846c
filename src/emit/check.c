/*
 * Compiler-style findings (cli.md, fixed): FILE:LINE:COL: SEVERITY: MESSAGE [CODE].
 * The severity word stays English in every language, as compilers print it,
 * so that editors and CI log parsers recognise the lines; the message
 * follows opts->lang.
 */
#include "emit/emit.h"

medscope_status ms_emit_check(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	ms_buf msg = MS_BUF_INIT;
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < a->findings.n; i++) {
		const ms_finding *f = &a->findings.v[i];
		if ((medscope_severity)f->severity < opts->min_severity)
			continue;
		ms_buf_clear(&msg);
		ms_finding_message(a, f, opts->lang, &msg);
		if (msg.oom) {
			s = MEDSCOPE_ERR_NOMEM;
			break;
		}
		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", a->model->file, (unsigned)f->loc.line,
		        (unsigned)f->loc.col, medscope_severity_name((medscope_severity)f->severity),
		        ms_buf_cstr(&msg), ms_rules[f->rule].code);
		if (ferror(out)) {
			s = MEDSCOPE_ERR_IO;
			break;
		}
	}
	ms_buf_free(&msg);
	return s;
}
