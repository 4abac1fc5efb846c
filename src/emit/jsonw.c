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

/* ---- one element (ms_js) ------------------------------------------------ */

static void js_flush_block(ms_js *s)
{
	if (s->n && fwrite(s->buf, 1, s->n, s->w->f) != s->n)
		s->failed = 1;
	s->n = 0;
}

static void js_put(ms_js *s, const char *p, size_t n)
{
	if (n <= sizeof(s->buf) - s->n) { /* the common case: it fits */
		memcpy(s->buf + s->n, p, n);
		s->n += n;
		return;
	}
	while (n) {
		if (s->n == sizeof(s->buf))
			js_flush_block(s);
		size_t k = sizeof(s->buf) - s->n < n ? sizeof(s->buf) - s->n : n;
		memcpy(s->buf + s->n, p, k);
		s->n += k;
		p += k;
		n -= k;
	}
}

static void js_putc(ms_js *s, char c)
{
	if (s->n == sizeof(s->buf))
		js_flush_block(s);
	s->buf[s->n++] = c;
}

/* A newline and `cols` spaces, as jansson's JSON_INDENT writes them. */
static void js_newline(ms_js *s, unsigned cols)
{
	static const char spaces[] = "                                                                ";
	js_putc(s, '\n');
	while (cols) {
		unsigned k = cols < sizeof(spaces) - 1 ? cols : (unsigned)sizeof(spaces) - 1;
		js_put(s, spaces, k);
		cols -= k;
	}
}

/* jansson escapes newlines inside strings, so every '\n' it writes is
 * structural and takes the indentation of the depth it is nested at. */
static int write_indented(const char *buf, size_t size, void *data)
{
	ms_js *s = data;
	while (size) {
		const char *nl = memchr(buf, '\n', size);
		size_t n = nl ? (size_t)(nl - buf) : size;
		js_put(s, buf, n);
		if (nl) {
			js_newline(s, s->base + 2 * s->depth);
			n++;
		}
		buf += n;
		size -= n;
	}
	return s->failed ? -1 : 0;
}

void ms_js_stream(ms_js *s, ms_jw *w, unsigned indent)
{
	s->w = w;
	s->root = NULL;
	s->depth = 0;
	s->base = indent;
	s->key = NULL;
	s->after_key = s->oom = s->failed = 0;
	s->n = 0;
}

void ms_js_build(ms_js *s)
{
	ms_js_stream(s, NULL, 0);
}

/* Streaming: what stands before a value or a key in the open container. */
static void js_sep(ms_js *s)
{
	if (s->after_key) {
		s->after_key = 0;
		return;
	}
	if (s->depth == 0)
		return;
	if (s->count[s->depth - 1]++)
		js_putc(s, ',');
	js_newline(s, s->base + 2 * s->depth);
}

/* Building: `v` (taken over) becomes the pending member, the next item or
 * the root. Returns `v` while it lives, NULL after a failure. */
static json_t *js_attach(ms_js *s, json_t *v)
{
	int r;
	if (!v)
		r = -1;
	else if (s->depth == 0)
		r = s->root ? (json_decref(v), -1) : (s->root = v, 0);
	else if (s->is_obj[s->depth - 1])
		r = s->key ? json_object_set_new(s->stack[s->depth - 1], s->key, v) : (json_decref(v), -1);
	else
		r = json_array_append_new(s->stack[s->depth - 1], v);
	s->key = NULL;
	if (r != 0) {
		s->oom = 1;
		return NULL;
	}
	return v;
}

static void js_open(ms_js *s, int obj)
{
	if (s->depth == MS_JS_DEPTH) { /* deeper than any document: a bug, reported as failure */
		s->oom = 1;
		return;
	}
	if (s->w) {
		js_sep(s);
		js_putc(s, obj ? '{' : '[');
	} else {
		s->stack[s->depth] = js_attach(s, obj ? json_object() : json_array());
	}
	s->is_obj[s->depth] = (unsigned char)obj;
	s->count[s->depth++] = 0;
}

void ms_js_obj(ms_js *s)
{
	js_open(s, 1);
}

void ms_js_arr(ms_js *s)
{
	js_open(s, 0);
}

void ms_js_close(ms_js *s)
{
	if (s->depth == 0) {
		s->oom = 1;
		return;
	}
	s->depth--;
	if (!s->w)
		return;
	if (s->count[s->depth])
		js_newline(s, s->base + 2 * s->depth);
	js_putc(s, s->is_obj[s->depth] ? '}' : ']');
}

/* Printable ASCII other than '"' and '\\': the strings jansson's dump
 * writes as they are (it escapes those two, control characters, and '/'
 * or non-ASCII only under flags this writer never sets). */
static int js_plain(const char *v, size_t *len)
{
	const unsigned char *p = (const unsigned char *)v;
	for (; *p; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
			return 0;
	*len = (size_t)(p - (const unsigned char *)v);
	return 1;
}

/* Streaming a string: as it is when plain, else escaped by jansson
 * (which also refuses text that is not UTF-8, reported as out of memory
 * as json_string() reports it). */
static void js_string(ms_js *s, const char *v)
{
	size_t n;
	if (js_plain(v, &n)) {
		js_putc(s, '"');
		js_put(s, v, n);
		js_putc(s, '"');
		return;
	}
	json_t *j = json_string(v);
	if (!j || json_dump_callback(j, write_indented, s, JSON_ENCODE_ANY) != 0)
		s->oom = 1;
	json_decref(j);
}

void ms_js_key(ms_js *s, const char *k)
{
	if (!s->w) {
		s->key = k;
		return;
	}
	js_sep(s);
	js_string(s, k);
	js_put(s, ": ", 2);
	s->after_key = 1;
}

void ms_js_str(ms_js *s, const char *v)
{
	if (!s->w) {
		js_attach(s, json_string(v));
		return;
	}
	js_sep(s);
	js_string(s, v);
}

void ms_js_str_or_null(ms_js *s, const char *v)
{
	if (v)
		ms_js_str(s, v);
	else
		ms_js_null(s);
}

/* Literal text of a scalar: true, false, null, a number. */
static void js_literal(ms_js *s, const char *text, size_t n)
{
	js_sep(s);
	js_put(s, text, n);
}

void ms_js_int(ms_js *s, json_int_t v)
{
	if (!s->w) {
		js_attach(s, json_integer(v));
		return;
	}
	/* jansson's own format for integers (dump.c). */
	char num[32];
	int n = snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, v);
	js_literal(s, num, (size_t)n);
}

void ms_js_bool(ms_js *s, int v)
{
	if (!s->w)
		js_attach(s, json_boolean(v));
	else if (v)
		js_literal(s, "true", 4);
	else
		js_literal(s, "false", 5);
}

void ms_js_null(ms_js *s)
{
	if (!s->w)
		js_attach(s, json_null());
	else
		js_literal(s, "null", 4);
}

void ms_js_json(ms_js *s, json_t *v)
{
	if (!s->w) {
		js_attach(s, v);
		return;
	}
	if (!v) {
		s->oom = 1;
		return;
	}
	js_sep(s);
	if (json_dump_callback(v, write_indented, s,
	                       JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) != 0)
		s->oom = 1;
	json_decref(v);
}

medscope_status ms_js_flush(ms_js *s)
{
	js_flush_block(s);
	if (s->failed || ferror(s->w->f))
		return MEDSCOPE_ERR_IO;
	return s->oom || s->depth ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
}

json_t *ms_js_result(ms_js *s)
{
	if (s->oom || s->depth) {
		json_decref(s->root);
		return NULL;
	}
	return s->root;
}

void ms_jw_item_js(ms_jw *w, ms_js *s, unsigned indent)
{
	fprintf(w->f, w->nitems++ ? ",\n%*s" : "\n%*s", (int)indent, "");
	ms_js_stream(s, w, indent);
}

medscope_status ms_jw_dump(ms_jw *w, json_t *v, unsigned indent)
{
	ms_js s;
	ms_js_stream(&s, w, indent);
	ms_js_json(&s, v);
	return ms_js_flush(&s);
}

void ms_jw_init(ms_jw *w, FILE *f)
{
	w->f = f;
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

void ms_js_sym_ids(ms_js *s, const medscope_analysis *a, ms_span span)
{
	ms_js_arr(s);
	for (uint32_t i = 0; i < span.n; i++)
		ms_js_str(s, ms_sym_name(a->model, MS_APOOL(a, span, i)));
	ms_js_close(s);
}

void ms_js_index_ids(ms_js *s, const medscope_analysis *a, ms_span span, int parties)
{
	const medscope_model *m = a->model;
	ms_js_arr(s);
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_APOOL(a, span, i);
		ms_js_str(s, parties ? m->parties.v[k].id : m->systems.v[k].id);
	}
	ms_js_close(s);
}

/* The name of entry `id` of `chains`: c1, c2, ... */
static void chain_name(ms_js *s, uint32_t id)
{
	char b[16];
	snprintf(b, sizeof b, "c%u", (unsigned)id + 1);
	ms_js_str(s, b);
}

void ms_js_via(ms_js *s, const medscope_analysis *a, ms_json_chains *chains, ms_span via)
{
	uint32_t id;
	ms_span tail;
	if (ms_json_chains_split(chains, via, &id, &tail) < 0) {
		s->oom = 1;
		return;
	}
	if (id != MS_NONE) {
		ms_js_key(s, "via_prefix");
		chain_name(s, id);
	}
	ms_js_key(s, "via");
	ms_js_sym_ids(s, a, tail);
}

void ms_js_chain(ms_js *s, const medscope_analysis *a, const ms_json_chains *chains, size_t i)
{
	uint32_t parent;
	ms_span via;
	ms_json_chains_entry(chains, i, &parent, &via);
	ms_js_obj(s);
	ms_js_key(s, "id");
	chain_name(s, (uint32_t)i);
	if (parent != MS_NONE) {
		ms_js_key(s, "via_prefix");
		chain_name(s, parent);
	}
	ms_js_key(s, "via");
	ms_js_sym_ids(s, a, via);
	ms_js_close(s);
}

void ms_js_ownership(ms_js *s, const medscope_analysis *a, const ms_ownership *e, unsigned with)
{
	ms_js_ownership_in(s, a, e, with, NULL);
}

void ms_js_ownership_in(ms_js *s, const medscope_analysis *a, const ms_ownership *e, unsigned with,
                        ms_json_chains *chains)
{
	const medscope_model *m = a->model;
	ms_js_obj(s);
	if (with & MS_JOWN_SYSTEM) {
		ms_js_key(s, "system");
		ms_js_str(s, m->systems.v[e->system].id);
	}
	if (with & MS_JOWN_FACILITY) {
		ms_js_key(s, "facility");
		ms_js_str(s, m->parties.v[e->facility].id);
	}
	ms_js_key(s, "owner");
	ms_js_str(s, m->parties.v[e->owner].id);
	ms_js_key(s, "basis");
	ms_js_str(s, ms_rules[e->basis].code);
	if (with & MS_JOWN_VIA)
		ms_js_via(s, a, chains, e->via);
	ms_js_key(s, "considered_by");
	ms_js_index_ids(s, a, e->considered_by, 1);
	ms_js_close(s);
}

void ms_js_suppression(ms_js *s, const medscope_analysis *a, const ms_exception *x)
{
	const medscope_model *m = a->model;
	char until[11], date[11];
	ms_date_format(x->until, until);
	ms_js_obj(s);
	ms_js_key(s, "exception");
	ms_js_str(s, x->id);
	ms_js_key(s, "reason");
	ms_js_str(s, x->reason);
	ms_js_key(s, "approved_by");
	ms_js_arr(s);
	for (uint32_t k = 0; k < x->approved_by.n; k++)
		ms_js_str(s, m->parties.v[MS_SPAN_AT(m, x->approved_by, k)].id);
	ms_js_close(s);
	ms_js_key(s, "until");
	ms_js_str(s, until);
	if (x->date != MS_NO_DATE)
		ms_date_format(x->date, date);
	ms_js_key(s, "date");
	ms_js_str_or_null(s, x->date == MS_NO_DATE ? NULL : date);
	ms_js_key(s, "document");
	ms_js_str_or_null(s, x->document);
	ms_js_key(s, "text");
	ms_js_str_or_null(s, x->text[0] ? x->text : NULL);
	ms_js_close(s);
}

void ms_js_finding(ms_js *s, const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                   ms_buf *msg)
{
	ms_buf_clear(msg);
	ms_finding_message(a, f, lang, msg);
	if (msg->oom)
		s->oom = 1;
	char id[MS_FINGERPRINT_SIZE];
	ms_finding_fingerprint(id, a, f);
	ms_js_obj(s);
	ms_js_key(s, "code");
	ms_js_str(s, ms_rules[f->rule].code);
	ms_js_key(s, "severity");
	ms_js_str(s, medscope_severity_name((medscope_severity)f->severity));
	ms_js_key(s, "message");
	ms_js_str(s, ms_buf_cstr(msg));
	ms_js_key(s, "subjects");
	ms_js_sym_ids(s, a, f->subjects);
	ms_js_key(s, "file");
	ms_js_str(s, ms_json_file_name_at(a->model, f->loc.file)); /* a part's, in a split model */
	ms_js_key(s, "line");
	ms_js_int(s, f->loc.line);
	ms_js_key(s, "column");
	ms_js_int(s, f->loc.col);
	ms_js_key(s, "cite");
	ms_js_str(s, ms_rules[f->rule].cite_key);
	ms_js_key(s, "fingerprint");
	ms_js_str(s, id);
	if (f->exception != MS_NONE) {
		ms_js_key(s, "suppressed");
		ms_js_suppression(s, a, &a->model->exceptions.v[f->exception]);
	}
	ms_js_close(s);
}

/* The built forms (jsonw.h): each is its ms_js_ writer, built. */

static json_t *built(ms_js *s, int *oom)
{
	json_t *v = ms_js_result(s);
	if (!v)
		*oom = 1;
	return v;
}

json_t *ms_json_sym_ids(const medscope_analysis *a, ms_span span, int *oom)
{
	ms_js s;
	ms_js_build(&s);
	ms_js_sym_ids(&s, a, span);
	return built(&s, oom);
}

json_t *ms_json_index_ids(const medscope_analysis *a, ms_span span, int parties, int *oom)
{
	ms_js s;
	ms_js_build(&s);
	ms_js_index_ids(&s, a, span, parties);
	return built(&s, oom);
}

json_t *ms_json_ownership(const medscope_analysis *a, const ms_ownership *e, unsigned with,
                          int *oom)
{
	ms_js s;
	ms_js_build(&s);
	ms_js_ownership(&s, a, e, with);
	return built(&s, oom);
}

json_t *ms_json_suppression(const medscope_analysis *a, const ms_exception *x, int *oom)
{
	ms_js s;
	ms_js_build(&s);
	ms_js_suppression(&s, a, x);
	return built(&s, oom);
}

json_t *ms_json_finding(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                        ms_buf *msg)
{
	ms_js s;
	ms_js_build(&s);
	ms_js_finding(&s, a, f, lang, msg);
	return ms_js_result(&s);
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

const char *ms_json_file_name(const medscope_model *m)
{
	return ms_json_file_name_at(m, 0);
}

const char *ms_json_file_name_at(const medscope_model *m, uint32_t file)
{
	const ms_file *f = &m->files.v[file];
	const unsigned char *p = (const unsigned char *)f->path;
	size_t n = strlen(f->path);
	while (n > 0) {
		uint32_t cp;
		size_t k = ms_utf8_decode(p, n, &cp);
		if (cp == MS_UTF8_INVALID)
			return f->text;
		p += k, n -= k;
	}
	return f->path;
}

json_t *ms_json_file(const medscope_model *m)
{
	return json_string(ms_json_file_name(m));
}
