/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One load's error sink: the diagnostics, the position of the element
 * being handled, and the flags that end the load. The value parser
 * (value.c) and the builder (build.c) report through it; the parser's
 * half (parse.c) only reads `halt`.
 */
#ifndef MS_LOAD_REPORT_H
#define MS_LOAD_REPORT_H

#include <stdatomic.h>
#include <stdbool.h>

#include "model/model.h"
#include "util/lang.h"

typedef struct {
	medscope_model *m; /* its file name labels the diagnostics */
	medscope_diags *diags;
	medscope_lang lang;
	ms_loc loc;        /* of the element being handled */
	bool stopped;      /* nothing more is checked or built */
	bool oom;          /* an allocation failed: the status is NOMEM */
	atomic_bool halt;  /* the builder asks the parser to stop */
	/* The ids of the start tag being parsed, in order, with the hashes
	 * their prefetch computed (value.c); `next` is the next to intern. */
	struct {
		const char *name[16];
		size_t len[16];
		uint32_t hash[16];
		size_t n, next;
	} ids;
} ms_report;

void ms_report_init(ms_report *r, medscope_model *m, medscope_diags *diags, medscope_lang lang);

/* An error at loc. The load stops when the diagnostics are full (or there
 * is no list to hold them). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void ms_report_error(ms_report *r, ms_loc loc, const char *fmt, ...);

/* Out of memory at the current element: reported, and the load stops. */
void ms_report_nomem(ms_report *r);

void ms_report_stop(ms_report *r);

#endif
