/* SPDX-License-Identifier: Apache-2.0 */
#include "fuzz_common.h"

#include <libxml/parser.h>

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define MS_XML_ERROR const xmlError
#else
#define MS_XML_ERROR xmlError
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The library never prints: a libxml2 message that reaches the global
 * handlers (which print on stderr by default) escaped the loader's own. */
static void on_stray_error(void *ctx, MS_XML_ERROR *e)
{
	(void)ctx;
	ms_fuzz_fail("libxml2 message outside the loader's handler: %s",
	             e && e->message ? e->message : "?");
}

static void on_stray_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	ms_fuzz_fail("libxml2 printed outside the loader's handler: %s", fmt);
}

void ms_fuzz_init(void)
{
	static int done;
	if (!done) {
		xmlInitParser();
		xmlSetStructuredErrorFunc(NULL, on_stray_error);
		xmlSetGenericErrorFunc(NULL, on_stray_generic);
		done = 1;
	}
}

void ms_fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz invariant violated: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void ms_fuzz_check_utf8(const char *str, size_t len, const char *what)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1, cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, cp = c & 0x07;
		} else {
			ms_fuzz_fail("invalid UTF-8 lead byte 0x%02X at offset %zu in %s: %.*s", c, i, what, (int)len, str);
		}
		if (len - i <= n)
			ms_fuzz_fail("truncated UTF-8 sequence at offset %zu in %s: %.*s", i, what, (int)len, str);
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				ms_fuzz_fail("bad UTF-8 continuation byte at offset %zu in %s: %.*s", i + k, what, (int)len, str);
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			ms_fuzz_fail("overlong, surrogate or out-of-range UTF-8 at offset %zu in %s: %.*s", i, what, (int)len, str);
		i += n + 1;
	}
}

/* One line, printable: no C0 controls (tab included), DEL or C1 controls,
 * which could break the FILE:LINE:COL format or drive a terminal. */
static void check_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; p[i]; i++) {
		if (p[i] < 0x20 || p[i] == 0x7F)
			ms_fuzz_fail("control character 0x%02X in diagnostic: %s", p[i], s);
		if (p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			ms_fuzz_fail("C1 control U+%04X in diagnostic: %s", p[i + 1], s);
	}
}

void ms_fuzz_check_load(medscope_status st, const medscope_model *m, const medscope_diags *d)
{
	if ((st == MEDSCOPE_OK) != (m != NULL))
		ms_fuzz_fail("status %d but model %p", (int)st, (const void *)m);
	if (st != MEDSCOPE_OK && st != MEDSCOPE_ERR_INVALID && st != MEDSCOPE_ERR_LIMIT &&
	    st != MEDSCOPE_ERR_NOMEM)
		ms_fuzz_fail("unexpected status %d from the loader", (int)st);
	size_t n = medscope_diags_count(d), errors = 0;
	for (size_t i = 0; i < n; i++) {
		const char *msg = medscope_diag_message(d, i);
		const char *file = medscope_diag_file(d, i);
		if (!msg || !*msg)
			ms_fuzz_fail("diagnostic %zu has no message", i);
		if (!file || strcmp(file, "fuzz.xml") != 0)
			ms_fuzz_fail("diagnostic %zu names file '%s'", i, file ? file : "(null)");
		ms_fuzz_check_utf8(msg, strlen(msg), "a diagnostic");
		check_printable(msg);
		if (medscope_diag_severity(d, i) == MEDSCOPE_SEVERITY_ERROR)
			errors++;
	}
	if (st == MEDSCOPE_OK && errors)
		ms_fuzz_fail("model accepted with %zu error diagnostic(s)", errors);
	if (st != MEDSCOPE_OK && st != MEDSCOPE_ERR_NOMEM && n == 0 && !medscope_diags_dropped(d))
		ms_fuzz_fail("model refused (status %d) without a diagnostic", (int)st);
}
