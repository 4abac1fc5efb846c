/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The medscope-report/1 JSON document (cli.md, fixed shape).
 *
 * Streamed through the writer of jsonw.h: the top-level object and its
 * arrays are opened and closed here, and each element (one party, one
 * system, ...) is written token by token (ms_js), so memory stays bounded
 * by the largest element, not the model, and no json_t is made per value.
 *
 * Deterministic: keys in insertion order (JSON_PRESERVE_ORDER), arrays in
 * the analysis' order (cli.md: parties and systems by id, agreements by
 * parties then topic, findings by file, line, code).
 */
#include <stdlib.h>

#include "emit/report.h"
#include "emit/jsonw.h"
#include "util/date.h"

/* ---- building one element (jsonw.h) ----------------------------------- */

/* rules.md §1: one party, its category and every reason that holds. */
static void party_object(ms_js *s, const medscope_analysis *a, uint32_t i, ms_json_chains *chains)
{
	const ms_party *p = &a->model->parties.v[i];
	const ms_party_scope *sc = &a->scope[i];
	ms_js_obj(s);
	ms_js_key(s, "id");
	ms_js_str(s, p->id);
	ms_js_key(s, "kind");
	ms_js_str(s, ms_code(MS_W_PARTY_KIND, p->kind));
	ms_js_key(s, "name");
	ms_js_str(s, p->name);
	ms_js_key(s, "mhlw");
	ms_js_bool(s, sc->mhlw);
	ms_js_key(s, "in_scope");
	ms_js_bool(s, sc->in_scope);
	ms_js_key(s, "category");
	ms_js_str_or_null(s, sc->in_scope ? ms_code(MS_W_CATEGORY, sc->category) : NULL);
	ms_js_key(s, "reasons");
	ms_js_arr(s);
	for (uint32_t r = 0; r < sc->nreasons; r++) {
		const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
		ms_js_obj(s);
		ms_js_key(s, "code");
		ms_js_str(s, ms_rules[rs->rule].code);
		ms_js_key(s, "cite");
		ms_js_str(s, ms_rules[rs->rule].cite_key);
		ms_js_via(s, a, chains, rs->via);
		ms_js_close(s);
	}
	ms_js_close(s);
	/* cli.md revision 2: scheme, expiry and whether valid on the as-of
	 * date, sorted by scheme then expiry as in the tables. */
	const ms_cert **certs = ms_sorted_certs(a->model, p);
	if (p->ncert && !certs)
		s->oom = 1;
	ms_js_key(s, "certifications");
	ms_js_arr(s);
	for (uint32_t k = 0; certs && k < p->ncert; k++) {
		const ms_cert *c = certs[k];
		char d[11];
		ms_js_obj(s);
		ms_js_key(s, "scheme");
		ms_js_str(s, ms_code(MS_W_CERT_SCHEME, c->scheme));
		if (c->valid_until != MS_NO_DATE)
			ms_date_format(c->valid_until, d);
		ms_js_key(s, "valid_until");
		ms_js_str_or_null(s, c->valid_until != MS_NO_DATE ? d : NULL);
		ms_js_key(s, "valid");
		ms_js_bool(s, ms_cert_valid(c, a->as_of));
		ms_js_close(s);
	}
	free(certs);
	ms_js_close(s);
	ms_js_close(s);
}

/* rules.md §2: one system and its (facility -> owner) entries. */
static void system_object(ms_js *s, const medscope_analysis *a, uint32_t i, ms_json_chains *chains)
{
	const medscope_model *m = a->model;
	const ms_system *sys = &m->systems.v[i];
	const ms_system_info *info = &a->sysinfo[i];
	ms_js_obj(s);
	ms_js_key(s, "id");
	ms_js_str(s, sys->id);
	ms_js_key(s, "name");
	ms_js_str(s, sys->name);
	if (sys->note) { /* only when written: documents of models without notes are unchanged */
		ms_js_key(s, "note");
		ms_js_str(s, sys->note);
	}
	ms_js_key(s, "provider");
	ms_js_str_or_null(s, sys->provider == MS_NONE ? NULL : m->parties.v[sys->provider].id);
	ms_js_key(s, "layer");
	ms_js_str(s, ms_code(MS_W_LAYER, sys->layer));
	ms_js_key(s, "medical");
	ms_js_bool(s, info->medical);
	ms_js_key(s, "relevant");
	ms_js_bool(s, info->relevant);
	ms_js_key(s, "served");
	ms_js_bool(s, info->served);
	ms_js_key(s, "ownership");
	ms_js_arr(s);
	for (uint32_t k = 0; k < info->nown; k++)
		ms_js_ownership_in(s, a, &a->ownership.v[info->own_off + k], MS_JOWN_FACILITY | MS_JOWN_VIA,
		                   chains);
	ms_js_close(s);
	ms_js_close(s);
}

/* One id -> note pair of "notes", unless the model wrote no note or the
 * id was written already (an agreement in satisfied_by is in
 * satisfied_by_all too). `*open` says whether the object is open. */
static void put_note(ms_js *s, bool *open, const char *id, const char *note, const char *const *done,
                     size_t ndone)
{
	if (!note)
		return;
	for (size_t k = 0; k < ndone; k++)
		if (done[k] == id)
			return;
	if (!*open) {
		ms_js_key(s, "notes");
		ms_js_obj(s);
		*open = true;
	}
	ms_js_key(s, id);
	ms_js_str(s, note);
}

/* "notes": the note attributes (model.md: shown, not analysed) of the
 * agreements and the contract a requirement names, by id; absent when
 * none has one, so that documents of models without notes are unchanged. */
static void requirement_notes(ms_js *s, const medscope_analysis *a, const ms_requirement *rq)
{
	const medscope_model *m = a->model;
	bool open = false;
	if (rq->satisfied_by != MS_NONE) {
		const ms_agreement *g = &m->agreements.v[rq->satisfied_by];
		put_note(s, &open, g->id, g->note, NULL, 0);
	}
	for (uint32_t k = 0; k < rq->satisfied_all.n; k++) {
		const ms_agreement *g = &m->agreements.v[MS_APOOL(a, rq->satisfied_all, k)];
		const char *first = rq->satisfied_by != MS_NONE ? m->agreements.v[rq->satisfied_by].id : NULL;
		put_note(s, &open, g->id, g->note, &first, first ? 1 : 0);
	}
	if (rq->contract != MS_NONE) {
		const ms_sym *c = &m->syms.v[rq->contract];
		if (c->kind == MS_SYM_CONTRACT && c->index != MS_NONE)
			put_note(s, &open, c->name, m->contracts.v[c->index].note, NULL, 0);
	}
	if (open)
		ms_js_close(s);
}

/* rules.md §3: one required agreement and whether an agreement meets it. */
static void agreement_object(ms_js *s, const medscope_analysis *a, const ms_requirement *rq)
{
	const medscope_model *m = a->model;
	ms_js_obj(s);
	ms_js_key(s, "code");
	ms_js_str(s, ms_rules[rq->rule].code);
	ms_js_key(s, "parties");
	ms_js_arr(s);
	for (unsigned k = 0; k < rq->nparties && k < 3; k++)
		ms_js_str(s, m->parties.v[rq->parties[k]].id);
	ms_js_close(s);
	ms_js_key(s, "topic");
	ms_js_str(s, ms_code(MS_W_TOPIC, rq->topic));
	ms_js_key(s, "systems");
	ms_js_index_ids(s, a, rq->systems, 0);
	int present = rq->satisfied_by != MS_NONE;
	ms_js_key(s, "status");
	ms_js_str(s, present ? "present" : "missing");
	ms_js_key(s, "satisfied_by");
	ms_js_str_or_null(s, present ? m->agreements.v[rq->satisfied_by].id : NULL);
	if (rq->satisfied_all.n > 1) {
		/* Every agreement that contributes (one per system, or F-A and F-B), by id. */
		ms_js_key(s, "satisfied_by_all");
		ms_js_arr(s);
		for (uint32_t k = 0; k < rq->satisfied_all.n; k++)
			ms_js_str(s, m->agreements.v[MS_APOOL(a, rq->satisfied_all, k)].id);
		ms_js_close(s);
	}
	if (rq->near != MS_NONE) {
		/* rules.md §3 "Near misses": which agreement, and what it lacks. */
		ms_js_key(s, "near_miss");
		ms_js_obj(s);
		ms_js_key(s, "agreement");
		ms_js_str(s, m->agreements.v[rq->near].id);
		ms_js_key(s, "lacks");
		ms_js_str(s, ms_code(MS_W_LACK, rq->lack));
		ms_js_key(s, "ids");
		ms_js_sym_ids(s, a, rq->lacks);
		ms_js_close(s);
	}
	if (rq->contract != MS_NONE) {
		ms_js_key(s, "via");
		ms_js_arr(s);
		ms_js_str(s, ms_sym_name(m, rq->contract));
		ms_js_close(s);
	}
	requirement_notes(s, a, rq);
	ms_js_key(s, "severity");
	ms_js_str(s, medscope_severity_name((medscope_severity)rq->severity));
	ms_js_close(s);
}

static json_t *summary_object(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "errors", json_integer((json_int_t)a->counts[MS_SEV_ERROR]), &oom);
	ms_json_set(o, "warnings", json_integer((json_int_t)a->counts[MS_SEV_WARNING]), &oom);
	ms_json_set(o, "notes", json_integer((json_int_t)a->counts[MS_SEV_NOTE]), &oom);
	/* Suppressed findings are in none of the three counts (rules.md §5);
	 * the key is there when some are, so models without exceptions keep
	 * their documents. */
	if (a->suppressed)
		ms_json_set(o, "suppressed", json_integer((json_int_t)a->suppressed), &oom);
	return ms_json_done(o, oom);
}

/* ---- the document ------------------------------------------------------ */

/* What the elements of one document share: scratch text, and the long
 * vias written so far (json_chains.h). */
typedef struct {
	ms_buf scratch;
	ms_json_chains *chains;
} doc;

/* Element i of one of the arrays, written into `s`. */
typedef void (*element_fn)(ms_js *s, const medscope_analysis *a, size_t i, medscope_lang lang,
                           doc *d);

static void party_at(ms_js *s, const medscope_analysis *a, size_t i, medscope_lang lang, doc *d)
{
	(void)lang;
	party_object(s, a, a->party_order[i], d->chains);
}

static void system_at(ms_js *s, const medscope_analysis *a, size_t i, medscope_lang lang, doc *d)
{
	(void)lang;
	system_object(s, a, a->system_order[i], d->chains);
}

static void agreement_at(ms_js *s, const medscope_analysis *a, size_t i, medscope_lang lang,
                         doc *d)
{
	(void)lang, (void)d;
	agreement_object(s, a, &a->requirements.v[i]);
}

static void finding_at(ms_js *s, const medscope_analysis *a, size_t i, medscope_lang lang, doc *d)
{
	ms_js_finding(s, a, &a->findings.v[i], lang, &d->scratch);
}

static void chain_at(ms_js *s, const medscope_analysis *a, size_t i, medscope_lang lang, doc *d)
{
	(void)lang;
	ms_js_chain(s, a, d->chains, i);
}

/* "H" -> {"id": "H", "name": "みなと病院", "kind": "facility"}: a column
 * of the 責任分界表, named as the tables name it. */
static void matrix_party(ms_js *s, const medscope_model *m, uint32_t party)
{
	const ms_party *p = &m->parties.v[party];
	ms_js_obj(s);
	ms_js_key(s, "id");
	ms_js_str(s, p->id);
	ms_js_key(s, "name");
	ms_js_str(s, p->name);
	ms_js_key(s, "kind");
	ms_js_str(s, ms_code(MS_W_PARTY_KIND, p->kind));
	ms_js_close(s);
}

/* The 責任分界表 of one facility: its parties (the facility first; ids in
 * "parties", with names in "columns"), and per served system (by layer,
 * then id) the role codes of each party holding any, in vocabulary order.
 * The columns are distinct parties, so no key of "roles" repeats. */
static void matrix_object(ms_js *s, const medscope_analysis *a, const ms_matrix *mx)
{
	const medscope_model *m = a->model;
	ms_js_obj(s);
	ms_js_key(s, "facility");
	ms_js_str(s, m->parties.v[mx->facility].id);
	ms_js_key(s, "facility_name");
	ms_js_str(s, m->parties.v[mx->facility].name);
	ms_js_key(s, "parties");
	ms_js_arr(s);
	for (uint32_t j = 0; j < mx->ncols; j++)
		ms_js_str(s, m->parties.v[mx->cols[j]].id);
	ms_js_close(s);
	ms_js_key(s, "columns");
	ms_js_arr(s);
	for (uint32_t j = 0; j < mx->ncols; j++)
		matrix_party(s, m, mx->cols[j]);
	ms_js_close(s);
	ms_js_key(s, "rows");
	ms_js_arr(s);
	for (uint32_t r = 0; r < mx->nrows; r++) {
		const ms_system *sys = &m->systems.v[mx->rows[r]];
		ms_js_obj(s);
		ms_js_key(s, "system");
		ms_js_str(s, sys->id);
		ms_js_key(s, "name");
		ms_js_str(s, sys->name ? sys->name : "");
		ms_js_key(s, "layer");
		ms_js_str(s, ms_code(MS_W_LAYER, sys->layer));
		ms_js_key(s, "roles");
		ms_js_obj(s);
		for (uint32_t j = 0; j < mx->ncols; j++) {
			uint16_t bits = ms_matrix_roles(mx, r, j);
			if (!bits)
				continue;
			ms_js_key(s, m->parties.v[mx->cols[j]].id);
			ms_js_arr(s);
			for (unsigned bit = 0; bit < MS_ROLE__COUNT; bit++)
				if (bits & (1u << bit))
					ms_js_str(s, ms_code(MS_W_MATRIX_ROLE, 1u << bit));
			ms_js_close(s);
		}
		ms_js_close(s);
		ms_js_close(s);
	}
	ms_js_close(s);
	ms_js_close(s);
}

static medscope_status matrix_array(ms_jw *w, const medscope_analysis *a, const char *facility)
{
	ms_report_matrices mt;
	medscope_status s = ms_report_matrices_open(&mt, a, facility);
	if (s != MEDSCOPE_OK)
		return s;
	s = ms_jw_array_begin(w, "matrix");
	for (uint32_t i = 0; i < mt.n && s == MEDSCOPE_OK; i++) {
		ms_matrix mx;
		if (ms_matrix_build(mt.ix, mt.facs[i], &mx) < 0) {
			s = MEDSCOPE_ERR_NOMEM;
			break;
		}
		ms_js js;
		ms_jw_item_js(w, &js, 4);
		matrix_object(&js, a, &mx);
		s = ms_js_flush(&js);
		ms_matrix_free(&mx);
	}
	ms_jw_array_end(w);
	ms_report_matrices_close(&mt);
	return s;
}

/* `"key": [ ... ]`, one element streamed at a time. */
static medscope_status array(ms_jw *w, const char *key, const medscope_analysis *a, size_t n,
                             element_fn fn, medscope_lang lang, doc *d)
{
	medscope_status s = ms_jw_array_begin(w, key);
	ms_js js;
	for (size_t i = 0; i < n && s == MEDSCOPE_OK; i++) {
		ms_jw_item_js(w, &js, 4);
		fn(&js, a, i, lang, d);
		s = ms_js_flush(&js);
	}
	ms_jw_array_end(w);
	return s;
}

medscope_status ms_emit_json(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	ms_jw w;
	doc d = {MS_BUF_INIT, ms_json_chains_new(a)};
	medscope_table t = opts->table;
	medscope_lang lang = opts->lang;
	const medscope_model *m = a->model;

	ms_jw_begin(&w, out);
	medscope_status s = d.chains ? ms_jw_member(&w, "format", json_string("medscope-report/1"))
	                             : MEDSCOPE_ERR_NOMEM;
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "model", ms_json_model(a));
	/* A table other than ALL keeps only its arrays (scope/owners --format json). */
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_SCOPE))
		s = array(&w, "parties", a, m->parties.n, party_at, lang, &d);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_OWNERS))
		s = array(&w, "systems", a, m->systems.n, system_at, lang, &d);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_OWNERS ||
	                         t == MEDSCOPE_TABLE_AGREEMENTS))
		s = array(&w, "agreements", a, a->requirements.n, agreement_at, lang, &d);
	/* The 責任分界表 of each facility (issue 15), in the whole report too. */
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_MATRIX))
		s = matrix_array(&w, a, opts->facility);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_FINDINGS))
		s = array(&w, "findings", a, a->findings.n, finding_at, lang, &d);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_FINDINGS))
		s = ms_jw_member(&w, "summary", summary_object(a));
	/* Last: the chunks of long vias, numbered as the arrays above first
	 * needed them; only when there are any, so documents of real models
	 * are as they were. */
	if (s == MEDSCOPE_OK && ms_json_chains_count(d.chains))
		s = array(&w, "chains", a, ms_json_chains_count(d.chains), chain_at, lang, &d);
	ms_json_chains_free(d.chains);
	ms_buf_free(&d.scratch);
	return ms_jw_end(&w, s);
}
