/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compiler-style findings (cli.md, fixed): FILE:LINE:COL: SEVERITY: MESSAGE [CODE].
 * The severity word stays English in every language, as compilers print it,
 * so that editors and CI log parsers recognise the lines; the message
 * follows opts->lang. A finding an exception suppresses (rules.md §5) is
 * left out, or with opts->show_suppressed written with a mark after the
 * code, so that the fixed prefix still parses.
 */
#include <string.h>

#include "emit/emit.h"
#include "util/date.h"
#include "util/lang.h"

/* Lines are formatted into one buffer and written in blocks of about this
 * size: a national model prints ~300k lines, and one stdio call per line
 * cost more than formatting them. */
#define FLUSH_AT (64u << 10)

static int flush(FILE *out, ms_buf *b)
{
	if (b->len && fwrite(b->s, 1, b->len, out) != b->len)
		return -1;
	ms_buf_clear(b);
	return ferror(out) ? -1 : 0;
}

static void put_uint(ms_buf *b, uint32_t v)
{
	char d[10];
	size_t n = sizeof d;
	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	ms_buf_put(b, d + n, sizeof d - n);
}

/* " (suppressed by exception x1 until 2027-03-31: reason)" */
static void put_suppressed(ms_buf *b, const medscope_analysis *a, const ms_finding *f,
                           medscope_lang lang)
{
	const ms_exception *x = &a->model->exceptions.v[f->exception];
	char until[11];
	ms_date_format(x->until, until);
	ms_buf_printf(b, MS_L(lang, " (suppressed by exception %s until %s: ",
	                      " (例外 %s により %s まで抑制: "),
	              x->id, until);
	/* One finding, one line: a reason written with &#10; stays on it. */
	for (const char *p = x->reason; *p; p++)
		ms_buf_putc(b, (unsigned char)*p < 0x20 ? ' ' : *p);
	ms_buf_putc(b, ')');
}

/* The severity word, coloured as GCC colours it (bold red, magenta, cyan)
 * when asked: the word itself stays, so a log parser that strips SGR
 * sequences still reads the fixed format. */
static void put_severity(ms_buf *b, medscope_severity sev, int color)
{
	static const char *const sgr[] = {
		[MEDSCOPE_SEVERITY_NOTE] = "\033[1;36m",
		[MEDSCOPE_SEVERITY_WARNING] = "\033[1;35m",
		[MEDSCOPE_SEVERITY_ERROR] = "\033[1;31m",
	};
	bool on = color && (size_t)sev < sizeof sgr / sizeof sgr[0] && sgr[sev];
	if (on)
		ms_buf_puts(b, sgr[sev]);
	ms_buf_puts(b, medscope_severity_name(sev));
	if (on)
		ms_buf_puts(b, "\033[0m");
}

medscope_status ms_emit_check(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	ms_buf b = MS_BUF_INIT;
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < a->findings.n; i++) {
		const ms_finding *f = &a->findings.v[i];
		if ((medscope_severity)f->severity < opts->min_severity)
			continue;
		bool suppressed = f->exception != MS_NONE;
		if (suppressed && !opts->show_suppressed)
			continue;
		ms_buf_puts(&b, ms_loc_text(a->model, f->loc)); /* a part's file in a split model */
		ms_buf_putc(&b, ':');
		put_uint(&b, f->loc.line);
		ms_buf_putc(&b, ':');
		put_uint(&b, f->loc.col);
		ms_buf_puts(&b, ": ");
		put_severity(&b, (medscope_severity)f->severity, opts->color);
		ms_buf_puts(&b, ": ");
		ms_finding_message(a, f, opts->lang, &b);
		ms_buf_puts(&b, " [");
		ms_buf_puts(&b, ms_rules[f->rule].code);
		ms_buf_putc(&b, ']');
		if (suppressed)
			put_suppressed(&b, a, f, opts->lang);
		ms_buf_putc(&b, '\n');
		if (b.oom) {
			s = MEDSCOPE_ERR_NOMEM;
			break;
		}
		if (b.len >= FLUSH_AT && flush(out, &b) < 0) {
			s = MEDSCOPE_ERR_IO;
			break;
		}
	}
	if (s == MEDSCOPE_OK && flush(out, &b) < 0)
		s = MEDSCOPE_ERR_IO;
	ms_buf_free(&b);
	return s;
}
