/* SPDX-License-Identifier: Apache-2.0 */
#include "util/buf.h"
#include "util/vec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ms_buf_free(ms_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void ms_buf_clear(ms_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static int reserve(ms_buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	void *s = b->s;
	if (extra > SIZE_MAX - 1 - b->len || ms_vec_reserve_(&s, &b->cap, b->len + extra + 1, 1) < 0) {
		b->oom = 1;
		return -1;
	}
	b->s = s;
	return 0;
}

void ms_buf_put(ms_buf *b, const char *s, size_t len)
{
	if (reserve(b, len) < 0)
		return;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void ms_buf_puts(ms_buf *b, const char *s)
{
	ms_buf_put(b, s, strlen(s));
}

void ms_buf_putc(ms_buf *b, char c)
{
	ms_buf_put(b, &c, 1);
}

void ms_buf_printf(ms_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *ms_buf_cstr(const ms_buf *b)
{
	return b->s ? b->s : "";
}
