/* SPDX-License-Identifier: Apache-2.0 */
#include "load/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/diags.h"

void ms_report_init(ms_report *r, medscope_model *m, medscope_diags *diags, medscope_lang lang)
{
	memset(r, 0, sizeof(*r));
	r->m = m;
	r->diags = diags;
	r->lang = lang;
	atomic_init(&r->halt, false);
}

void ms_report_stop(ms_report *r)
{
	r->stopped = true;
	atomic_store_explicit(&r->halt, true, memory_order_relaxed);
}

void ms_report_error(ms_report *r, ms_loc loc, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ms_diag_add(r->diags, ms_loc_path(r->m, loc), loc.line, loc.col, MEDSCOPE_SEVERITY_ERROR, "%s",
	                msg) < 0 || !r->diags)
		ms_report_stop(r);
}

void ms_report_nomem(ms_report *r)
{
	r->oom = true;
	ms_report_error(r, r->loc, "%s", MS_L(r->lang, "out of memory", "メモリが不足しました"));
	ms_report_stop(r);
}
