/* SPDX-License-Identifier: Apache-2.0 */
#include "util/diags.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/vec.h"

typedef struct {
	char *file, *message;
	unsigned line, col;
	medscope_severity sev;
} diag;

struct medscope_diags {
	MS_VEC(diag) list;
	unsigned cap;
	size_t dropped, errors;
};

medscope_status medscope_diags_new(medscope_diags **out, unsigned cap)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return MEDSCOPE_ERR_NOMEM;
	(*out)->cap = cap ? cap : 100;
	return MEDSCOPE_OK;
}

void medscope_diags_free(medscope_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->list.n; i++) {
		free(d->list.v[i].file);
		free(d->list.v[i].message);
	}
	MS_VEC_FREE(d->list);
	free(d);
}

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	return p ? memcpy(p, s, n) : NULL;
}

/* C0 controls become spaces; DEL, C1 controls and invalid bytes U+FFFD. */
static bool is_c1_or_del(uint32_t cp)
{
	return cp >= 0x7F && cp <= 0x9F;
}

/*
 * Make `msg` (NUL-terminated, malloc'd, `len` bytes) safe to print as one
 * line: messages quote the input (values, and libxml2's excerpts, which it
 * cuts in the middle of a character), and a hostile model must not be able
 * to break the FILE:LINE:COL: format or send control sequences to a
 * terminal. Line breaks, tabs and other C0 controls become spaces; DEL, C1
 * controls and bytes that are not UTF-8 become U+FFFD. Returns the new
 * string (`msg` is consumed), or NULL when out of memory.
 */
static char *printable(char *msg, size_t len)
{
	const unsigned char *s = (const unsigned char *)msg;
	bool clean = true;
	for (size_t i = 0; i < len && clean;) {
		uint32_t cp;
		i += ms_utf8_decode(s + i, len - i, &cp);
		clean = cp != MS_UTF8_INVALID && cp >= 0x20 && !is_c1_or_del(cp);
	}
	if (clean)
		return msg;
	char *out = malloc(len * 3 + 1); /* each byte grows to at most U+FFFD */
	if (!out) {
		free(msg);
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = ms_utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20) {
			out[o++] = ' ';
		} else if (cp == MS_UTF8_INVALID || is_c1_or_del(cp)) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	free(msg);
	return out;
}

int ms_diag_add(medscope_diags *d, const char *file, unsigned line, unsigned col,
                medscope_severity sev, const char *fmt, ...)
{
	if (!d)
		return 0;
	if (sev == MEDSCOPE_SEVERITY_ERROR)
		d->errors++;
	if (d->list.n >= d->cap) {
		d->dropped++;
		return -1;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	char *f = dupstr(file ? file : "");
	diag *slot = msg && f ? MS_VEC_PUSH(d->list) : NULL;
	if (!slot) {
		free(msg);
		free(f);
		d->dropped++;
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	msg = printable(msg, (size_t)n);
	if (!msg) {
		free(f);
		d->list.n--;
		d->dropped++;
		return -1;
	}
	slot->file = f;
	slot->message = msg;
	slot->line = line;
	slot->col = col;
	slot->sev = sev;
	return 0;
}

void ms_diags_truncate(medscope_diags *d, size_t count)
{
	if (!d)
		return;
	while (d->list.n > count) {
		diag *x = &d->list.v[--d->list.n];
		if (x->sev == MEDSCOPE_SEVERITY_ERROR)
			d->errors--;
		free(x->file);
		free(x->message);
	}
}

size_t ms_diag_errors(const medscope_diags *d)
{
	return d ? d->errors : 0;
}

size_t medscope_diags_count(const medscope_diags *d)
{
	return d ? d->list.n : 0;
}

size_t medscope_diags_dropped(const medscope_diags *d)
{
	return d ? d->dropped : 0;
}

const char *medscope_diag_file(const medscope_diags *d, size_t i)
{
	return d->list.v[i].file;
}

unsigned medscope_diag_line(const medscope_diags *d, size_t i)
{
	return d->list.v[i].line;
}

unsigned medscope_diag_column(const medscope_diags *d, size_t i)
{
	return d->list.v[i].col;
}

medscope_severity medscope_diag_severity(const medscope_diags *d, size_t i)
{
	return d->list.v[i].sev;
}

const char *medscope_diag_message(const medscope_diags *d, size_t i)
{
	return d->list.v[i].message;
}

const char *medscope_status_message(medscope_status s)
{
	switch (s) {
	case MEDSCOPE_OK: return "ok";
	case MEDSCOPE_ERR_NOMEM: return "out of memory";
	case MEDSCOPE_ERR_IO: return "input/output error";
	case MEDSCOPE_ERR_INVALID: return "invalid model";
	case MEDSCOPE_ERR_LIMIT: return "resource limit exceeded";
	case MEDSCOPE_ERR_USAGE: return "bad argument";
	case MEDSCOPE_ERR_RENDER: return "rendering failed";
	}
	return "unknown status";
}

typedef struct {
	diag d;
	size_t order;
} sortable;

static int cmp_diag(const void *a, const void *b)
{
	const sortable *x = a, *y = b;
	int c = strcmp(x->d.file, y->d.file);
	if (c)
		return c;
	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void ms_diags_sort(medscope_diags *d)
{
	if (!d || d->list.n < 2)
		return;
	sortable *s = malloc(sizeof(*s) * d->list.n);
	if (!s)
		return; /* unsorted is still correct, only less tidy */
	for (size_t i = 0; i < d->list.n; i++) {
		s[i].d = d->list.v[i];
		s[i].order = i;
	}
	qsort(s, d->list.n, sizeof(*s), cmp_diag);
	for (size_t i = 0; i < d->list.n; i++)
		d->list.v[i] = s[i].d;
	free(s);
}
