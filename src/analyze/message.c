/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The message of a finding: the catalog template (models/rules.xml) in the
 * chosen language with its placeholders filled with ids as written in the
 * model. Lists are joined with ", "; a facility list shows its first three
 * ids and then " (+N)"; a value that is absent prints "—".
 *
 * Cost: linear in the template and the ids printed.
 */
#include <string.h>

#include "analyze/engine.h"
#include "util/date.h"
#include "util/lang.h"

#define MISSING "\xe2\x80\x94" /* — */

static void put_sym(const medscope_analysis *a, uint32_t sym, ms_buf *out)
{
	ms_buf_puts(out, sym == MS_NONE ? MISSING : ms_sym_name(a->model, sym));
}

static void put_list(const medscope_analysis *a, ms_span sp, uint32_t cap, ms_buf *out)
{
	if (sp.n == 0) {
		ms_buf_puts(out, MISSING);
		return;
	}
	for (uint32_t i = 0; i < sp.n && i < cap; i++) {
		if (i)
			ms_buf_puts(out, ", ");
		ms_buf_puts(out, ms_sym_name(a->model, MS_APOOL(a, sp, i)));
	}
	if (sp.n > cap)
		ms_buf_printf(out, " (+%u)", (unsigned)(sp.n - cap));
}

static int is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* Write the value of placeholder name[0..len). */
static void fill(const medscope_analysis *a, const ms_args *x, const char *name, size_t len,
                 ms_buf *out, medscope_lang lang)
{
	if (is(name, len, "facility")) {
		if (x->facilities.n)
			put_list(a, x->facilities, 3, out);
		else
			put_sym(a, x->facility, out);
	} else if (is(name, len, "party")) {
		put_sym(a, x->party, out);
	} else if (is(name, len, "other")) {
		put_sym(a, x->other, out);
	} else if (is(name, len, "system")) {
		put_sym(a, x->system, out);
	} else if (is(name, len, "contract")) {
		put_sym(a, x->contract, out);
	} else if (is(name, len, "agreement")) {
		put_sym(a, x->agreement, out);
	} else if (is(name, len, "risk")) {
		put_sym(a, x->risk, out);
	} else if (is(name, len, "systems")) {
		put_list(a, x->systems, UINT32_MAX, out);
	} else if (is(name, len, "exception")) {
		put_sym(a, x->exception, out);
	} else if (is(name, len, "code")) {
		ms_buf_puts(out, x->code < 0 ? MISSING : ms_rules[x->code].code);
	} else if (is(name, len, "via")) {
		put_list(a, x->via, UINT32_MAX, out);
	} else if (is(name, len, "date")) {
		if (x->date == MS_NO_DATE) {
			ms_buf_puts(out, MISSING);
		} else {
			char d[11];
			ms_date_format(x->date, d);
			ms_buf_puts(out, d);
		}
	} else if (is(name, len, "scheme")) {
		/* Not an id: the scheme's word (プライバシーマーク, not pmark). */
		ms_buf_puts(out, x->scheme < 0 ? MISSING : ms_word(MS_W_CERT_SCHEME, (unsigned)x->scheme, lang));
	} else {
		/* Not a placeholder (gen_catalog refuses these): keep it as written. */
		ms_buf_putc(out, '{');
		ms_buf_put(out, name, len);
		ms_buf_putc(out, '}');
	}
}

static void put_template(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                         ms_buf *out)
{
	const char *t = ms_rules[f->rule].message[lang == MEDSCOPE_LANG_JA];
	for (;;) {
		const char *open = strchr(t, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			ms_buf_puts(out, t);
			return;
		}
		ms_buf_put(out, t, (size_t)(open - t));
		fill(a, &f->args, open + 1, (size_t)(close - open - 1), out, lang);
		t = close + 1;
	}
}

void ms_near_miss_put(const medscope_analysis *a, uint32_t near, uint8_t lack, ms_span lacks,
                      medscope_lang lang, ms_buf *out)
{
	ms_buf_printf(out, MS_L(lang, "nearest agreement %s: %s", "近い合意 %s: %s"),
	              ms_sym_name(a->model, near), ms_word(MS_W_LACK, lack, lang));
	if (lacks.n) {
		ms_buf_putc(out, ' ');
		put_list(a, lacks, UINT32_MAX, out);
	}
}

void ms_finding_message(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                        ms_buf *out)
{
	put_template(a, f, lang, out);
	/* rules.md §3 "Near misses": which agreement nearly meets it, and why not. */
	if (f->args.near != MS_NONE) {
		ms_buf_puts(out, MS_L(lang, " (", "（"));
		ms_near_miss_put(a, f->args.near, f->args.lack, f->args.lacks, lang, out);
		ms_buf_puts(out, MS_L(lang, ")", "）"));
	}
}
