/* SPDX-License-Identifier: Apache-2.0 */
/* A growable NUL-terminated byte buffer. */
#ifndef MS_BUF_H
#define MS_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *s;
	size_t len, cap;
	int oom; /* set once an append failed; later appends do nothing */
} ms_buf;

#define MS_BUF_INIT {NULL, 0, 0, 0}

void ms_buf_free(ms_buf *b);
void ms_buf_clear(ms_buf *b);
void ms_buf_put(ms_buf *b, const char *s, size_t len);
void ms_buf_puts(ms_buf *b, const char *s);
void ms_buf_putc(ms_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ms_buf_printf(ms_buf *b, const char *fmt, ...);
/* The contents ("" when empty); valid until the next append. */
const char *ms_buf_cstr(const ms_buf *b);

#endif
