/* SPDX-License-Identifier: Apache-2.0 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

medscope_model *ms_test_load(const char *xml, medscope_diags **diags)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 100);
	medscope_model_load_memory(&m, xml, strlen(xml), "test.xml", NULL, d);
	if (diags)
		*diags = d;
	else
		medscope_diags_free(d);
	return m;
}

const char *ms_test_path(const char *relpath)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", MS_SOURCE_DIR, relpath);
	return buf;
}

medscope_model *ms_test_load_file(const char *relpath, medscope_diags **diags)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 100);
	medscope_model_load_file(&m, ms_test_path(relpath), NULL, d);
	if (diags)
		*diags = d;
	else
		medscope_diags_free(d);
	return m;
}

int ms_test_has_diag(const medscope_diags *d, unsigned line, unsigned col, const char *needle)
{
	for (size_t i = 0; i < medscope_diags_count(d); i++)
		if (medscope_diag_line(d, i) == line && (col == 0 || medscope_diag_column(d, i) == col) &&
		    strstr(medscope_diag_message(d, i), needle))
			return 1;
	return 0;
}

char *ms_test_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = n;
	}
	return buf;
}
