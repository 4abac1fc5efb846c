/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the unit tests. */
#ifndef MS_TEST_HELPERS_H
#define MS_TEST_HELPERS_H

#include <CUnit/CUnit.h>

#include "medscope/medscope.h"

/* The model text `body` wrapped in <deployment xmlns=... as-of="2026-11-01">. */
#define MS_DOC(body)                                                                           \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                         \
	"<deployment xmlns=\"urn:medscope:deployment:1\" name=\"test\" as-of=\"2026-11-01\">\n" \
	body "</deployment>\n"

/* Load from a string; NULL when refused. Diagnostics go to *diags when
 * non-NULL (the caller frees them). */
medscope_model *ms_test_load(const char *xml, medscope_diags **diags);
/* Load a file relative to the source tree. */
medscope_model *ms_test_load_file(const char *relpath, medscope_diags **diags);
/* True when some diagnostic is at this line (and column, when col > 0)
 * and its message contains `needle`. */
int ms_test_has_diag(const medscope_diags *d, unsigned line, unsigned col, const char *needle);
/* Absolute path of a file in the source tree (static buffer). */
const char *ms_test_path(const char *relpath);
/* Read a whole file (malloc'd, NUL-terminated) or NULL. */
char *ms_test_read(const char *path, size_t *len);

#endif
