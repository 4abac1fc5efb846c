/*
 * The medscope-report/1 JSON document (cli.md, fixed shape).
 *
 * Streamed: the top-level object and its arrays are opened and closed here,
 * and each element (one party, one system, ...) is built as a small json_t,
 * dumped by jansson and freed at once, so memory stays bounded by the
 * largest element, not the model. Every string (keys included) is escaped
 * by jansson; only brackets, commas and whitespace are written by hand.
 *
 * Deterministic: keys in insertion order (JSON_PRESERVE_ORDER), arrays in
 * the analysis' order (cli.md: parties and systems by id, agreements by
 * parties then topic, findings by file, line, code).
 */
#include <jansson.h>
#include <string.h>

#include "emit/emit.h"

/* A writer that re-indents jansson's output to the depth it is nested at:
 * jansson escapes newlines inside strings, so every '\n' it writes is
 * structural and can take the extra indentation. */
typedef struct {
	FILE *f;
	unsigned indent;
} writer;

static int write_indented(const char *buf, size_t size, void *data)
{
	writer *w = data;
	while (size) {
		const char *nl = memchr(buf, '\n', size);
		size_t n = nl ? (size_t)(nl - buf) + 1 : size;
		if (fwrite(buf, 1, n, w->f) != n)
			return -1;
		if (nl)
			for (unsigned i = 0; i < w->indent; i++)
				if (fputc(' ', w->f) == EOF)
					return -1;
		buf += n;
		size -= n;
	}
	return 0;
}

/* Dump `v` (its reference is taken over) at `indent` columns. NULL means
 * building it ran out of memory. */
static medscope_status dump(writer *w, json_t *v, unsigned indent)
{
	if (!v)
		return MEDSCOPE_ERR_NOMEM;
	w->indent = indent;
	int r = json_dump_callback(v, write_indented, w,
	                           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	json_decref(v);
	if (r != 0)
		return ferror(w->f) ? MEDSCOPE_ERR_IO : MEDSCOPE_ERR_NOMEM;
	return MEDSCOPE_OK;
}

/* `"key": ` as a member of the top-level object; `first` omits the comma. */
static medscope_status member(writer *w, const char *key, int first)
{
	fputs(first ? "\n  " : ",\n  ", w->f);
	medscope_status s = dump(w, json_string(key), 2);
	fputs(": ", w->f);
	return s;
}

/* ---- building one element ---------------------------------------------- */

/* Set o[key] = v; a failure (v NULL, out of memory) marks *oom. */
static void set(json_t *o, const char *key, json_t *v, int *oom)
{
	if (json_object_set_new(o, key, v) != 0)
		*oom = 1;
}

static void push(json_t *arr, json_t *v, int *oom)
{
	if (json_array_append_new(arr, v) != 0)
		*oom = 1;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Finish an element: NULL when anything failed, so that dump() reports it. */
static json_t *done(json_t *o, int oom)
{
	if (oom) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The ids of a span of symbols in a->pool. */
static json_t *sym_ids(const medscope_analysis *a, ms_span span, int *oom)
{
	json_t *arr = json_array();
	for (uint32_t i = 0; i < span.n; i++)
		push(arr, json_string(ms_sym_name(a->model, MS_APOOL(a, span, i))), oom);
	if (!arr)
		*oom = 1;
	return arr;
}

/* The ids of a span of party (kind MS_SYM_PARTY) or system indices in a->pool. */
static json_t *index_ids(const medscope_analysis *a, ms_span span, int parties, int *oom)
{
	const medscope_model *m = a->model;
	json_t *arr = json_array();
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_APOOL(a, span, i);
		push(arr, json_string(parties ? m->parties.v[k].id : m->systems.v[k].id), oom);
	}
	if (!arr)
		*oom = 1;
	return arr;
}

static json_t *model_object(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object();
	set(o, "file", json_string(a->model->file), &oom);
	set(o, "name", json_string(a->model->name), &oom);
	set(o, "as_of", json_string(a->as_of_text), &oom);
	set(o, "as_of_source", json_string(a->as_of_source), &oom);
	return done(o, oom);
}

/* rules.md §1: one party, its category and every reason that holds. */
static json_t *party_object(const medscope_analysis *a, uint32_t i)
{
	const ms_party *p = &a->model->parties.v[i];
	const ms_party_scope *sc = &a->scope[i];
	int oom = 0;
	json_t *o = json_object();
	set(o, "id", json_string(p->id), &oom);
	set(o, "kind", json_string(ms_party_kind_name(p->kind)), &oom);
	set(o, "name", json_string(p->name), &oom);
	set(o, "mhlw", json_boolean(sc->mhlw), &oom);
	set(o, "in_scope", json_boolean(sc->in_scope), &oom);
	set(o, "category", str_or_null(sc->in_scope ? ms_category_name(sc->category) : NULL), &oom);
	json_t *reasons = json_array();
	for (uint32_t r = 0; r < sc->nreasons; r++) {
		const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
		json_t *ro = json_object();
		set(ro, "code", json_string(ms_rules[rs->rule].code), &oom);
		set(ro, "cite", json_string(ms_rules[rs->rule].cite_key), &oom);
		set(ro, "via", sym_ids(a, rs->via, &oom), &oom);
		push(reasons, ro, &oom);
	}
	set(o, "reasons", reasons, &oom);
	return done(o, oom);
}

/* rules.md §2: one system and its (facility -> owner) entries. */
static json_t *system_object(const medscope_analysis *a, uint32_t i)
{
	const medscope_model *m = a->model;
	const ms_system *sys = &m->systems.v[i];
	const ms_system_info *info = &a->sysinfo[i];
	int oom = 0;
	json_t *o = json_object();
	set(o, "id", json_string(sys->id), &oom);
	set(o, "name", json_string(sys->name), &oom);
	set(o, "provider", str_or_null(sys->provider == MS_NONE ? NULL : m->parties.v[sys->provider].id),
	    &oom);
	set(o, "layer", json_string(ms_layer_name(sys->layer)), &oom);
	set(o, "medical", json_boolean(info->medical), &oom);
	set(o, "relevant", json_boolean(info->relevant), &oom);
	set(o, "served", json_boolean(info->served), &oom);
	json_t *owners = json_array();
	for (uint32_t k = 0; k < info->nown; k++) {
		const ms_ownership *ow = &a->ownership.v[info->own_off + k];
		json_t *e = json_object();
		set(e, "facility", json_string(m->parties.v[ow->facility].id), &oom);
		set(e, "owner", json_string(m->parties.v[ow->owner].id), &oom);
		set(e, "basis", json_string(ms_rules[ow->basis].code), &oom);
		set(e, "via", sym_ids(a, ow->via, &oom), &oom);
		set(e, "considered_by", index_ids(a, ow->considered_by, 1, &oom), &oom);
		push(owners, e, &oom);
	}
	set(o, "ownership", owners, &oom);
	return done(o, oom);
}

/* rules.md §3: one required agreement and whether an agreement meets it. */
static json_t *agreement_object(const medscope_analysis *a, const ms_requirement *rq)
{
	const medscope_model *m = a->model;
	int oom = 0;
	json_t *o = json_object();
	set(o, "code", json_string(ms_rules[rq->rule].code), &oom);
	json_t *parties = json_array();
	for (unsigned k = 0; k < rq->nparties && k < 3; k++)
		push(parties, json_string(m->parties.v[rq->parties[k]].id), &oom);
	set(o, "parties", parties, &oom);
	set(o, "topic", json_string(ms_topic_name(rq->topic)), &oom);
	set(o, "systems", index_ids(a, rq->systems, 0, &oom), &oom);
	int present = rq->satisfied_by[0] != MS_NONE;
	set(o, "status", json_string(present ? "present" : "missing"), &oom);
	set(o, "satisfied_by", str_or_null(present ? m->agreements.v[rq->satisfied_by[0]].id : NULL),
	    &oom);
	if (present && rq->satisfied_by[1] != MS_NONE) {
		/* An integration requirement met by two agreements, F-A and F-B. */
		json_t *all = json_array();
		push(all, json_string(m->agreements.v[rq->satisfied_by[0]].id), &oom);
		push(all, json_string(m->agreements.v[rq->satisfied_by[1]].id), &oom);
		set(o, "satisfied_by_all", all, &oom);
	}
	if (rq->contract != MS_NONE) {
		json_t *via = json_array();
		push(via, json_string(ms_sym_name(m, rq->contract)), &oom);
		set(o, "via", via, &oom);
	}
	set(o, "severity", json_string(medscope_severity_name((medscope_severity)rq->severity)), &oom);
	return done(o, oom);
}

static json_t *finding_object(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                              ms_buf *msg)
{
	int oom = 0;
	ms_buf_clear(msg);
	ms_finding_message(a, f, lang, msg);
	if (msg->oom)
		return NULL;
	json_t *o = json_object();
	set(o, "code", json_string(ms_rules[f->rule].code), &oom);
	set(o, "severity", json_string(medscope_severity_name((medscope_severity)f->severity)), &oom);
	set(o, "message", json_string(ms_buf_cstr(msg)), &oom);
	set(o, "subjects", sym_ids(a, f->subjects, &oom), &oom);
	set(o, "file", json_string(a->model->file), &oom);
	set(o, "line", json_integer(f->loc.line), &oom);
	set(o, "column", json_integer(f->loc.col), &oom);
	set(o, "cite", json_string(ms_rules[f->rule].cite_key), &oom);
	return done(o, oom);
}

static json_t *summary_object(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object();
	set(o, "errors", json_integer((json_int_t)a->counts[MS_SEV_ERROR]), &oom);
	set(o, "warnings", json_integer((json_int_t)a->counts[MS_SEV_WARNING]), &oom);
	set(o, "notes", json_integer((json_int_t)a->counts[MS_SEV_NOTE]), &oom);
	return done(o, oom);
}

/* ---- the document ------------------------------------------------------ */

/* Element i of one of the arrays, or NULL on out of memory. */
typedef json_t *(*element_fn)(const medscope_analysis *a, size_t i, medscope_lang lang,
                              ms_buf *scratch);

static json_t *party_at(const medscope_analysis *a, size_t i, medscope_lang lang, ms_buf *scratch)
{
	(void)lang, (void)scratch;
	return party_object(a, a->party_order[i]);
}

static json_t *system_at(const medscope_analysis *a, size_t i, medscope_lang lang, ms_buf *scratch)
{
	(void)lang, (void)scratch;
	return system_object(a, a->system_order[i]);
}

static json_t *agreement_at(const medscope_analysis *a, size_t i, medscope_lang lang,
                            ms_buf *scratch)
{
	(void)lang, (void)scratch;
	return agreement_object(a, &a->requirements.v[i]);
}

static json_t *finding_at(const medscope_analysis *a, size_t i, medscope_lang lang, ms_buf *scratch)
{
	return finding_object(a, &a->findings.v[i], lang, scratch);
}

/* `"key": [ ... ]`, one element dumped and freed at a time. */
static medscope_status array(writer *w, const char *key, const medscope_analysis *a, size_t n,
                             element_fn fn, medscope_lang lang, ms_buf *scratch)
{
	medscope_status s = member(w, key, 0);
	fputc('[', w->f);
	for (size_t i = 0; i < n && s == MEDSCOPE_OK; i++) {
		fputs(i ? ",\n    " : "\n    ", w->f);
		s = dump(w, fn(a, i, lang, scratch), 4);
	}
	fputs(n ? "\n  ]" : "]", w->f);
	return s;
}

medscope_status ms_emit_json(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	writer w = {out, 0};
	ms_buf scratch = MS_BUF_INIT;
	medscope_table t = opts->table;
	medscope_lang lang = opts->lang;
	const medscope_model *m = a->model;

	fputc('{', out);
	medscope_status s = member(&w, "format", 1);
	if (s == MEDSCOPE_OK)
		s = dump(&w, json_string("medscope-report/1"), 2);
	if (s == MEDSCOPE_OK && (s = member(&w, "model", 0)) == MEDSCOPE_OK)
		s = dump(&w, model_object(a), 2);
	/* A table other than ALL keeps only its arrays (scope/owners --format json). */
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_SCOPE))
		s = array(&w, "parties", a, m->parties.n, party_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_OWNERS))
		s = array(&w, "systems", a, m->systems.n, system_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_OWNERS ||
	                         t == MEDSCOPE_TABLE_AGREEMENTS))
		s = array(&w, "agreements", a, a->requirements.n, agreement_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_FINDINGS))
		s = array(&w, "findings", a, a->findings.n, finding_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_FINDINGS) &&
	    (s = member(&w, "summary", 0)) == MEDSCOPE_OK)
		s = dump(&w, summary_object(a), 2);
	fputs("\n}\n", out);
	ms_buf_free(&scratch);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}
