/* SPDX-License-Identifier: Apache-2.0 */
/* Adding to a medscope_diags list (the public type) from inside the library. */
#ifndef MS_DIAGS_H
#define MS_DIAGS_H

#include "medscope/medscope.h"

/* Append a diagnostic; `diags` may be NULL. Returns 0, or -1 once the cap
 * is reached (the diagnostic is then counted as dropped) or memory ran
 * out: callers stop looking for more problems. */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
int ms_diag_add(medscope_diags *diags, const char *file, unsigned line, unsigned col,
                medscope_severity sev, const char *fmt, ...);

/* Drop the diagnostics added after the list had `count` of them. */
void ms_diags_truncate(medscope_diags *diags, size_t count);

/* Sort by file, line, column, keeping the order of equal positions. */
void ms_diags_sort(medscope_diags *diags);

/* Number of error diagnostics added so far, dropped ones included. */
size_t ms_diag_errors(const medscope_diags *diags);

#endif
