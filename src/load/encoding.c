/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What to tell the author of a model that is not UTF-8 (model.md "What a
 * loader must refuse", issue 16 item 4): the exact command that converts
 * it and fixes its XML declaration. medscope never converts on its own:
 * a guessed encoding that is wrong would turn names into other names.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "load/load.h"

const char *ms_iconv_name(const char *declared)
{
	static const struct {
		const char *declared, *iconv;
	} names[] = {
		{"Shift_JIS", "SHIFT_JIS"}, {"SJIS", "SHIFT_JIS"},   {"x-sjis", "SHIFT_JIS"},
		{"Windows-31J", "CP932"},   {"CP932", "CP932"},       {"MS932", "CP932"},
		{"EUC-JP", "EUC-JP"},       {"x-euc-jp", "EUC-JP"},   {"ISO-2022-JP", "ISO-2022-JP"},
		{"UTF-16", "UTF-16"},       {"UTF-16LE", "UTF-16LE"}, {"UTF-16BE", "UTF-16BE"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(declared, names[i].declared) == 0)
			return names[i].iconv;
	return declared; /* iconv knows most names an XML declaration can hold */
}

/* `s` in single quotes for a POSIX shell. */
static void put_quoted(ms_buf *b, const char *s)
{
	ms_buf_puts(b, "'");
	for (; *s; s++) {
		if (*s == '\'')
			ms_buf_puts(b, "'\\''");
		else
			ms_buf_put(b, s, 1);
	}
	ms_buf_puts(b, "'");
}

void ms_encoding_command(ms_buf *out, const ms_file *f, const char *from, const char *fix)
{
	/* A name the diagnostics must escape (a newline, a terminal control)
	 * is not repeated here: FILE stands for it. */
	bool stdin_input = strcmp(f->path, MS_STDIN_NAME) == 0;
	const char *file = strcmp(f->path, f->text) == 0 ? f->path : "FILE.xml";
	if (from) {
		ms_buf_puts(out, "iconv -f ");
		ms_buf_puts(out, from);
		ms_buf_puts(out, " -t UTF-8");
		if (!stdin_input) {
			ms_buf_puts(out, " ");
			put_quoted(out, file);
		}
		if (fix)
			ms_buf_puts(out, " | ");
	}
	if (fix) {
		ms_buf_puts(out, "sed '1s/");
		ms_buf_puts(out, fix);
		ms_buf_puts(out, "/'");
		if (!from && !stdin_input) {
			ms_buf_puts(out, " ");
			put_quoted(out, file);
		}
	}
	if (stdin_input)
		return; /* a filter to put before medscope */
	/* x.xml -> x.utf8.xml beside it */
	size_t n = strlen(file);
	ms_buf name = MS_BUF_INIT;
	if (n > 4 && strcasecmp(file + n - 4, ".xml") == 0)
		ms_buf_put(&name, file, n - 4);
	else
		ms_buf_puts(&name, file);
	ms_buf_puts(&name, ".utf8.xml");
	ms_buf_puts(out, " > ");
	put_quoted(out, ms_buf_cstr(&name));
	ms_buf_free(&name);
}
