/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The streamed JSON writer and element builders of every JSON emitter
 * (jsonw.h), and the report's pieces the diff and impact documents reuse.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "emit/jsonw.h"
#include "util/date.h"
#include "util/utf8.h"

/* One element's text on its way to the file: jansson hands over a few
 * bytes per token, so they are gathered here and written in large pieces
 * (a write per token was a third of `report --format json`). */
typedef struct {
	ms_jw *w;
	size_t n;
	int failed;
	char buf[16384];
} jw_chunk;

static void chunk_flush(jw_chunk *c)
{
	if (c->n && fwrite(c->buf, 1, c->n, c->w->f) != c->n)
		c->failed = 1;
	c->n = 0;
}

static void chunk_put(jw_chunk *c, const char *p, size_t n)
{
	while (n) {
		if (c->n == sizeof(c->buf))
			chunk_flush(c);
		size_t k = sizeof(c->buf) - c->n < n ? sizeof(c->buf) - c->n : n;
		memcpy(c->buf + c->n, p, k);
		c->n += k;
		p += k;
		n -= k;
	}
}

/* jansson escapes newlines inside strings, so every '\n' it writes is
 * structural and can take the indentation of the depth it is nested at. */
static int write_indented(const char *buf, size_t size, void *data)
{
	static const char spaces[] = "                                                                ";
	jw_chunk *c = data;
	while (size) {
		const char *nl = memchr(buf, '\n', size);
		size_t n = nl ? (size_t)(nl - buf) + 1 : size;
		chunk_put(c, buf, n);
		if (nl)
			for (unsigned left = c->w->indent; left;) {
				unsigned k = left < sizeof(spaces) - 1 ? left : (unsigned)sizeof(spaces) - 1;
				chunk_put(c, spaces, k);
				left -= k;
			}
		buf += n;
		size -= n;
	}
	return c->failed ? -1 : 0;
}

medscope_status ms_jw_dump(ms_jw *w, json_t *v, unsigned indent)
{
	if (!v)
		return MEDSCOPE_ERR_NOMEM;
	w->indent = indent;
	jw_chunk c;
	c.w = w;
	c.n = 0;
	c.failed = 0;
	int r = json_dump_callback(v, write_indented, &c,
	                           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	chunk_flush(&c);
	json_decref(v);
	if (r != 0 || c.failed)
		return ferror(w->f) ? MEDSCOPE_ERR_IO : MEDSCOPE_ERR_NOMEM;
	return MEDSCOPE_OK;
}

void ms_jw_init(ms_jw *w, FILE *f)
{
	w->f = f;
	w->indent = 0;
	w->nmembers = w->nitems = 0;
}

void ms_jw_begin(ms_jw *w, FILE *f)
{
	ms_jw_init(w, f);
	fputc('{', f);
}

static medscope_status key(ms_jw *w, const char *k)
{
	fputs(w->nmembers++ ? ",\n  " : "\n  ", w->f);
	medscope_status s = ms_jw_dump(w, json_string(k), 2);
	fputs(": ", w->f);
	return s;
}

medscope_status ms_jw_member(ms_jw *w, const char *k, json_t *v)
{
	medscope_status s = key(w, k);
	if (s != MEDSCOPE_OK) {
		json_decref(v);
		return s;
	}
	return ms_jw_dump(w, v, 2);
}

medscope_status ms_jw_array_begin(ms_jw *w, const char *k)
{
	medscope_status s = key(w, k);
	fputc('[', w->f);
	w->nitems = 0;
	return s;
}

medscope_status ms_jw_item_at(ms_jw *w, json_t *v, unsigned indent)
{
	fprintf(w->f, w->nitems++ ? ",\n%*s" : "\n%*s", (int)indent, "");
	return ms_jw_dump(w, v, indent);
}

void ms_jw_close_at(ms_jw *w, unsigned indent)
{
	if (w->nitems)
		fprintf(w->f, "\n%*s", (int)indent, "");
	fputc(']', w->f);
	w->nitems = 0;
}

medscope_status ms_jw_item(ms_jw *w, json_t *v)
{
	return ms_jw_item_at(w, v, 4);
}

void ms_jw_array_end(ms_jw *w)
{
	ms_jw_close_at(w, 2);
}

medscope_status ms_jw_end(ms_jw *w, medscope_status s)
{
	fputs("\n}\n", w->f);
	if (s == MEDSCOPE_OK && ferror(w->f))
		s = MEDSCOPE_ERR_IO;
	return s;
}

void ms_json_set(json_t *o, const char *k, json_t *v, int *oom)
{
	if (json_object_set_new(o, k, v) != 0)
		*oom = 1;
}

void ms_json_push(json_t *arr, json_t *v, int *oom)
{
	if (json_array_append_new(arr, v) != 0)
		*oom = 1;
}

json_t *ms_json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *ms_json_done(json_t *o, int oom)
{
	if (oom || !o) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *ms_json_sym_ids(const medscope_analysis *a, ms_span span, int *oom)
{
	json_t *arr = json_array();
	for (uint32_t i = 0; i < span.n; i++)
		ms_json_push(arr, json_string(ms_sym_name(a->model, MS_APOOL(a, span, i))), oom);
	if (!arr)
		*oom = 1;
	return arr;
}

json_t *ms_json_index_ids(const medscope_analysis *a, ms_span span, int parties, int *oom)
{
	const medscope_model *m = a->model;
	json_t *arr = json_array();
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_APOOL(a, span, i);
		ms_json_push(arr, json_string(parties ? m->parties.v[k].id : m->systems.v[k].id), oom);
	}
	if (!arr)
		*oom = 1;
	return arr;
}

json_t *ms_json_ownership(const medscope_analysis *a, const ms_ownership *e, unsigned with,
                          int *oom)
{
	const medscope_model *m = a->model;
	json_t *o = json_object();
	if (with & MS_JOWN_SYSTEM)
		ms_json_set(o, "system", json_string(m->systems.v[e->system].id), oom);
	if (with & MS_JOWN_FACILITY)
		ms_json_set(o, "facility", json_string(m->parties.v[e->facility].id), oom);
	ms_json_set(o, "owner", json_string(m->parties.v[e->owner].id), oom);
	ms_json_set(o, "basis", json_string(ms_rules[e->basis].code), oom);
	if (with & MS_JOWN_VIA)
		ms_json_set(o, "via", ms_json_sym_ids(a, e->via, oom), oom);
	ms_json_set(o, "considered_by", ms_json_index_ids(a, e->considered_by, 1, oom), oom);
	if (!o)
		*oom = 1;
	return o;
}

/* FNV-1a, 64 bits, unseeded on purpose: a fingerprint must be the same in
 * every run and on every machine (code scanning and CI baselines compare
 * them across runs), and it keys no table, so flooding it costs nothing. */
static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ull;
	}
	/* A separator, so that "ab"+"c" and "a"+"bc" differ. */
	h ^= 0xff;
	h *= 0x100000001b3ull;
	return h;
}

void ms_finding_fingerprint(char out[MS_FINGERPRINT_SIZE], const medscope_analysis *a,
                            const ms_finding *f)
{
	const medscope_model *m = a->model;
	uint64_t h = fnv(0xcbf29ce484222325ull, ms_rules[f->rule].code);
	h = fnv(h, f->element_sym == MS_NONE ? "deployment" : ms_sym_name(m, f->element_sym));
	for (uint32_t i = 0; i < f->subjects.n; i++)
		h = fnv(h, ms_sym_name(m, MS_APOOL(a, f->subjects, i)));
	snprintf(out, MS_FINGERPRINT_SIZE, "%016llx", (unsigned long long)h);
}

json_t *ms_json_suppression(const medscope_analysis *a, const ms_exception *x, int *oom)
{
	const medscope_model *m = a->model;
	char until[11], date[11];
	ms_date_format(x->until, until);
	json_t *o = json_object();
	ms_json_set(o, "exception", json_string(x->id), oom);
	ms_json_set(o, "reason", json_string(x->reason), oom);
	json_t *by = json_array();
	for (uint32_t k = 0; k < x->approved_by.n; k++)
		ms_json_push(by, json_string(m->parties.v[MS_SPAN_AT(m, x->approved_by, k)].id), oom);
	ms_json_set(o, "approved_by", by, oom);
	ms_json_set(o, "until", json_string(until), oom);
	if (x->date != MS_NO_DATE)
		ms_date_format(x->date, date);
	ms_json_set(o, "date", x->date == MS_NO_DATE ? json_null() : json_string(date), oom);
	ms_json_set(o, "document", ms_json_str_or_null(x->document), oom);
	ms_json_set(o, "text", ms_json_str_or_null(x->text[0] ? x->text : NULL), oom);
	if (!o)
		*oom = 1;
	return o;
}

json_t *ms_json_finding(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                        ms_buf *msg)
{
	int oom = 0;
	ms_buf_clear(msg);
	ms_finding_message(a, f, lang, msg);
	if (msg->oom)
		return NULL;
	json_t *o = json_object();
	ms_json_set(o, "code", json_string(ms_rules[f->rule].code), &oom);
	ms_json_set(o, "severity", json_string(medscope_severity_name((medscope_severity)f->severity)),
	            &oom);
	ms_json_set(o, "message", json_string(ms_buf_cstr(msg)), &oom);
	ms_json_set(o, "subjects", ms_json_sym_ids(a, f->subjects, &oom), &oom);
	ms_json_set(o, "file", ms_json_file(a->model), &oom);
	ms_json_set(o, "line", json_integer(f->loc.line), &oom);
	ms_json_set(o, "column", json_integer(f->loc.col), &oom);
	ms_json_set(o, "cite", json_string(ms_rules[f->rule].cite_key), &oom);
	char id[MS_FINGERPRINT_SIZE];
	ms_finding_fingerprint(id, a, f);
	ms_json_set(o, "fingerprint", json_string(id), &oom);
	if (f->exception != MS_NONE)
		ms_json_set(o, "suppressed",
		            ms_json_suppression(a, &a->model->exceptions.v[f->exception], &oom), &oom);
	return ms_json_done(o, oom);
}

json_t *ms_json_model(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "file", ms_json_file(a->model), &oom);
	ms_json_set(o, "name", json_string(a->model->name), &oom);
	ms_json_set(o, "as_of", json_string(a->as_of_text), &oom);
	ms_json_set(o, "as_of_source", json_string(a->as_of_source), &oom);
	return ms_json_done(o, oom);
}

json_t *ms_json_file(const medscope_model *m)
{
	const unsigned char *p = (const unsigned char *)m->file;
	size_t n = strlen(m->file);
	while (n > 0) {
		uint32_t cp;
		size_t k = ms_utf8_decode(p, n, &cp);
		if (cp == MS_UTF8_INVALID)
			return json_string(m->file_text);
		p += k, n -= k;
	}
	return json_string(m->file);
}
