/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The medscope-report/1 JSON document (cli.md, fixed shape).
 *
 * Streamed through the writer of jsonw.h: the top-level object and its
 * arrays are opened and closed here, and each element (one party, one
 * system, ...) is built as a small json_t, dumped by jansson and freed at
 * once, so memory stays bounded by the largest element, not the model.
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
static json_t *party_object(const medscope_analysis *a, uint32_t i)
{
	const ms_party *p = &a->model->parties.v[i];
	const ms_party_scope *sc = &a->scope[i];
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "id", json_string(p->id), &oom);
	ms_json_set(o, "kind", json_string(ms_code(MS_W_PARTY_KIND, p->kind)), &oom);
	ms_json_set(o, "name", json_string(p->name), &oom);
	ms_json_set(o, "mhlw", json_boolean(sc->mhlw), &oom);
	ms_json_set(o, "in_scope", json_boolean(sc->in_scope), &oom);
	ms_json_set(o, "category",
	            ms_json_str_or_null(sc->in_scope ? ms_code(MS_W_CATEGORY, sc->category) : NULL), &oom);
	json_t *reasons = json_array();
	for (uint32_t r = 0; r < sc->nreasons; r++) {
		const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
		json_t *ro = json_object();
		ms_json_set(ro, "code", json_string(ms_rules[rs->rule].code), &oom);
		ms_json_set(ro, "cite", json_string(ms_rules[rs->rule].cite_key), &oom);
		ms_json_set(ro, "via", ms_json_sym_ids(a, rs->via, &oom), &oom);
		ms_json_push(reasons, ro, &oom);
	}
	ms_json_set(o, "reasons", reasons, &oom);
	/* cli.md revision 2: scheme, expiry and whether valid on the as-of
	 * date, sorted by scheme then expiry as in the tables. */
	const ms_cert **certs = ms_sorted_certs(a->model, p);
	if (p->ncert && !certs)
		oom = 1;
	json_t *cl = json_array();
	for (uint32_t k = 0; certs && k < p->ncert; k++) {
		const ms_cert *c = certs[k];
		char d[11];
		json_t *co = json_object();
		ms_json_set(co, "scheme", json_string(ms_code(MS_W_CERT_SCHEME, c->scheme)), &oom);
		if (c->valid_until != MS_NO_DATE)
			ms_date_format(c->valid_until, d);
		ms_json_set(co, "valid_until",
		            ms_json_str_or_null(c->valid_until != MS_NO_DATE ? d : NULL), &oom);
		ms_json_set(co, "valid", json_boolean(ms_cert_valid(c, a->as_of)), &oom);
		ms_json_push(cl, co, &oom);
	}
	free(certs);
	ms_json_set(o, "certifications", cl, &oom);
	return ms_json_done(o, oom);
}

/* rules.md §2: one system and its (facility -> owner) entries. */
static json_t *system_object(const medscope_analysis *a, uint32_t i)
{
	const medscope_model *m = a->model;
	const ms_system *sys = &m->systems.v[i];
	const ms_system_info *info = &a->sysinfo[i];
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "id", json_string(sys->id), &oom);
	ms_json_set(o, "name", json_string(sys->name), &oom);
	if (sys->note) /* only when written: documents of models without notes are unchanged */
		ms_json_set(o, "note", json_string(sys->note), &oom);
	ms_json_set(o, "provider",
	            ms_json_str_or_null(sys->provider == MS_NONE ? NULL : m->parties.v[sys->provider].id),
	            &oom);
	ms_json_set(o, "layer", json_string(ms_code(MS_W_LAYER, sys->layer)), &oom);
	ms_json_set(o, "medical", json_boolean(info->medical), &oom);
	ms_json_set(o, "relevant", json_boolean(info->relevant), &oom);
	ms_json_set(o, "served", json_boolean(info->served), &oom);
	json_t *owners = json_array();
	for (uint32_t k = 0; k < info->nown; k++) {
		const ms_ownership *ow = &a->ownership.v[info->own_off + k];
		ms_json_push(owners, ms_json_ownership(a, ow, MS_JOWN_FACILITY | MS_JOWN_VIA, &oom), &oom);
	}
	ms_json_set(o, "ownership", owners, &oom);
	return ms_json_done(o, oom);
}

/* rules.md §3: one required agreement and whether an agreement meets it. */
static json_t *agreement_object(const medscope_analysis *a, const ms_requirement *rq)
{
	const medscope_model *m = a->model;
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "code", json_string(ms_rules[rq->rule].code), &oom);
	json_t *parties = json_array();
	for (unsigned k = 0; k < rq->nparties && k < 3; k++)
		ms_json_push(parties, json_string(m->parties.v[rq->parties[k]].id), &oom);
	ms_json_set(o, "parties", parties, &oom);
	ms_json_set(o, "topic", json_string(ms_code(MS_W_TOPIC, rq->topic)), &oom);
	ms_json_set(o, "systems", ms_json_index_ids(a, rq->systems, 0, &oom), &oom);
	int present = rq->satisfied_by != MS_NONE;
	ms_json_set(o, "status", json_string(present ? "present" : "missing"), &oom);
	ms_json_set(o, "satisfied_by",
	            ms_json_str_or_null(present ? m->agreements.v[rq->satisfied_by].id : NULL), &oom);
	if (rq->satisfied_all.n > 1) {
		/* Every agreement that contributes (one per system, or F-A and F-B), by id. */
		json_t *all = json_array();
		for (uint32_t k = 0; k < rq->satisfied_all.n; k++)
			ms_json_push(all, json_string(m->agreements.v[MS_APOOL(a, rq->satisfied_all, k)].id), &oom);
		ms_json_set(o, "satisfied_by_all", all, &oom);
	}
	if (rq->near != MS_NONE) {
		/* rules.md §3 "Near misses": which agreement, and what it lacks. */
		json_t *nm = json_object();
		ms_json_set(nm, "agreement", json_string(m->agreements.v[rq->near].id), &oom);
		ms_json_set(nm, "lacks", json_string(ms_code(MS_W_LACK, rq->lack)), &oom);
		json_t *ids = json_array();
		for (uint32_t k = 0; k < rq->lacks.n; k++)
			ms_json_push(ids, json_string(ms_sym_name(m, MS_APOOL(a, rq->lacks, k))), &oom);
		ms_json_set(nm, "ids", ids, &oom);
		ms_json_set(o, "near_miss", nm, &oom);
	}
	if (rq->contract != MS_NONE) {
		json_t *via = json_array();
		ms_json_push(via, json_string(ms_sym_name(m, rq->contract)), &oom);
		ms_json_set(o, "via", via, &oom);
	}
	ms_json_set(o, "severity", json_string(medscope_severity_name((medscope_severity)rq->severity)),
	            &oom);
	return ms_json_done(o, oom);
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
	return ms_json_finding(a, &a->findings.v[i], lang, scratch);
}

/* The 責任分界表 of one facility: its parties (the facility first), and per
 * served system (by layer, then id) the role codes of each party holding
 * any, in vocabulary order. */
static json_t *matrix_object(const medscope_analysis *a, const ms_matrix *mx)
{
	const medscope_model *m = a->model;
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "facility", json_string(m->parties.v[mx->facility].id), &oom);
	json_t *parties = json_array();
	for (uint32_t j = 0; j < mx->ncols; j++)
		ms_json_push(parties, json_string(m->parties.v[mx->cols[j]].id), &oom);
	ms_json_set(o, "parties", parties, &oom);
	json_t *rows = json_array();
	for (uint32_t r = 0; r < mx->nrows; r++) {
		const ms_system *sys = &m->systems.v[mx->rows[r]];
		json_t *ro = json_object(), *roles = json_object();
		ms_json_set(ro, "system", json_string(sys->id), &oom);
		ms_json_set(ro, "layer", json_string(ms_code(MS_W_LAYER, sys->layer)), &oom);
		for (uint32_t j = 0; j < mx->ncols; j++) {
			uint16_t bits = ms_matrix_roles(mx, r, j);
			if (!bits)
				continue;
			json_t *list = json_array();
			for (unsigned bit = 0; bit < MS_ROLE__COUNT; bit++)
				if (bits & (1u << bit))
					ms_json_push(list, json_string(ms_code(MS_W_MATRIX_ROLE, 1u << bit)), &oom);
			ms_json_set(roles, m->parties.v[mx->cols[j]].id, list, &oom);
		}
		ms_json_set(ro, "roles", roles, &oom);
		ms_json_push(rows, ro, &oom);
	}
	ms_json_set(o, "rows", rows, &oom);
	return ms_json_done(o, oom);
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
		s = ms_jw_item(w, matrix_object(a, &mx));
		ms_matrix_free(&mx);
	}
	ms_jw_array_end(w);
	ms_report_matrices_close(&mt);
	return s;
}

/* `"key": [ ... ]`, one element dumped and freed at a time. */
static medscope_status array(ms_jw *w, const char *key, const medscope_analysis *a, size_t n,
                             element_fn fn, medscope_lang lang, ms_buf *scratch)
{
	medscope_status s = ms_jw_array_begin(w, key);
	for (size_t i = 0; i < n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(w, fn(a, i, lang, scratch));
	ms_jw_array_end(w);
	return s;
}

medscope_status ms_emit_json(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	ms_jw w;
	ms_buf scratch = MS_BUF_INIT;
	medscope_table t = opts->table;
	medscope_lang lang = opts->lang;
	const medscope_model *m = a->model;

	ms_jw_begin(&w, out);
	medscope_status s = ms_jw_member(&w, "format", json_string("medscope-report/1"));
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "model", ms_json_model(a));
	/* A table other than ALL keeps only its arrays (scope/owners --format json). */
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_SCOPE))
		s = array(&w, "parties", a, m->parties.n, party_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_OWNERS))
		s = array(&w, "systems", a, m->systems.n, system_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_OWNERS ||
	                         t == MEDSCOPE_TABLE_AGREEMENTS))
		s = array(&w, "agreements", a, a->requirements.n, agreement_at, lang, &scratch);
	if (s == MEDSCOPE_OK && t == MEDSCOPE_TABLE_MATRIX)
		s = matrix_array(&w, a, opts->facility);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_FINDINGS))
		s = array(&w, "findings", a, a->findings.n, finding_at, lang, &scratch);
	if (s == MEDSCOPE_OK && (t == MEDSCOPE_TABLE_ALL || t == MEDSCOPE_TABLE_FINDINGS))
		s = ms_jw_member(&w, "summary", summary_object(a));
	ms_buf_free(&scratch);
	return ms_jw_end(&w, s);
}
