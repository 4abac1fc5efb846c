/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers for the analysis tests (test_scope.c, test_ownership.c,
 * test_agreements.c, test_findings.c, test_engine_examples.c): analyse an
 * inline model and look results up by id. Lists are compared as ids joined
 * with ",", in the order the analysis keeps them.
 */
#ifndef MS_ANALYSIS_HELPERS_H
#define MS_ANALYSIS_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analysis.h"
#include "helpers.h"

/* Analyse model text (or a file of the source tree when `path`), as of the
 * model's own date unless `as_of`. NULL when loading or analysing failed. */
static inline medscope_analysis *ms_ta_run(const char *xml, const char *path, const char *as_of)
{
	medscope_model *m = path ? ms_test_load_file(path, NULL) : ms_test_load(xml, NULL);
	if (!m)
		return NULL;
	medscope_analyze_options o = {.as_of = as_of};
	medscope_analysis *a = NULL;
	if (medscope_analyze(&a, m, &o) != MEDSCOPE_OK) {
		medscope_model_free(m);
		return NULL;
	}
	return a;
}

#define ANALYSE(xml) ms_ta_run(xml, NULL, NULL)
#define ANALYSE_FILE(path) ms_ta_run(NULL, path, NULL)

static inline void ms_ta_done(medscope_analysis *a)
{
	if (!a)
		return;
	medscope_model *m = (medscope_model *)medscope_analysis_model(a);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

static inline uint32_t ms_ta_sym(const medscope_analysis *a, const char *id)
{
	return ms_sym_find(a->model, id, strlen(id));
}

/* Index of the party, system, contract ... with this id, or MS_NONE. */
static inline uint32_t ms_ta_index(const medscope_analysis *a, const char *id, ms_sym_kind kind)
{
	uint32_t s = ms_ta_sym(a, id);
	if (s == MS_NONE || a->model->syms.v[s].kind != kind)
		return MS_NONE;
	return a->model->syms.v[s].index;
}

#define PARTY(a, id) ms_ta_index(a, id, MS_SYM_PARTY)
#define SYSTEM(a, id) ms_ta_index(a, id, MS_SYM_SYSTEM)

/* Join a span of symbols (syms) or of party/system indices into buf. */
static inline const char *ms_ta_join(const medscope_analysis *a, ms_span sp, int kind, char *buf,
                                     size_t cap)
{
	buf[0] = '\0';
	size_t len = 0;
	for (uint32_t i = 0; i < sp.n; i++) {
		uint32_t v = MS_APOOL(a, sp, i);
		const char *id = kind == 0   ? ms_sym_name(a->model, v)
		                 : kind == 1 ? a->model->parties.v[v].id
		                             : a->model->systems.v[v].id;
		len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", i ? "," : "", id);
	}
	return buf;
}

#define JOIN_SYMS(a, sp) ms_ta_join(a, sp, 0, (char[512]){0}, 512)
#define JOIN_PARTIES(a, sp) ms_ta_join(a, sp, 1, (char[512]){0}, 512)
#define JOIN_SYSTEMS(a, sp) ms_ta_join(a, sp, 2, (char[512]){0}, 512)

/* ---- scope -------------------------------------------------------------- */

static inline const ms_party_scope *ms_ta_scope(const medscope_analysis *a, const char *id)
{
	uint32_t p = PARTY(a, id);
	return p == MS_NONE ? NULL : &a->scope[p];
}

/* The reason `rule` of party id, or NULL. */
static inline const ms_reason *ms_ta_reason(const medscope_analysis *a, const char *id,
                                            unsigned rule)
{
	const ms_party_scope *s = ms_ta_scope(a, id);
	for (uint32_t i = 0; s && i < s->nreasons; i++)
		if (a->reasons.v[s->reason_off + i].rule == rule)
			return &a->reasons.v[s->reason_off + i];
	return NULL;
}

/* Category of party id: MS_CAT_*, or -1 when unknown. */
static inline int ms_ta_category(const medscope_analysis *a, const char *id)
{
	const ms_party_scope *s = ms_ta_scope(a, id);
	return s ? s->category : -1;
}

/* The first reason of an out-of-scope party, or -1. */
static inline int ms_ta_first_reason(const medscope_analysis *a, const char *id)
{
	const ms_party_scope *s = ms_ta_scope(a, id);
	return s && s->nreasons ? a->reasons.v[s->reason_off].rule : -1;
}

/* ---- ownership ---------------------------------------------------------- */

static inline const ms_ownership *ms_ta_own(const medscope_analysis *a, const char *sys,
                                            const char *fac)
{
	uint32_t s = SYSTEM(a, sys), f = PARTY(a, fac);
	if (s == MS_NONE || f == MS_NONE)
		return NULL;
	const ms_system_info *si = &a->sysinfo[s];
	for (uint32_t i = 0; i < si->nown; i++)
		if (a->ownership.v[si->own_off + i].facility == f)
			return &a->ownership.v[si->own_off + i];
	return NULL;
}

static inline const char *ms_ta_owner(const medscope_analysis *a, const char *sys, const char *fac)
{
	const ms_ownership *o = ms_ta_own(a, sys, fac);
	return o ? a->model->parties.v[o->owner].id : "(none)";
}

static inline int ms_ta_basis(const medscope_analysis *a, const char *sys, const char *fac)
{
	const ms_ownership *o = ms_ta_own(a, sys, fac);
	return o ? o->basis : -1;
}

/* ---- requirements ------------------------------------------------------- */

/* The requirement of `rule` whose parties (ids sorted, joined by ",") and,
 * unless NULL, systems match; NULL when there is none. */
static inline const ms_requirement *ms_ta_req(const medscope_analysis *a, unsigned rule,
                                              const char *parties, const char *systems)
{
	for (size_t i = 0; i < a->requirements.n; i++) {
		const ms_requirement *q = &a->requirements.v[i];
		if (q->rule != rule)
			continue;
		char buf[512];
		size_t len = 0;
		buf[0] = '\0';
		for (uint8_t k = 0; k < q->nparties; k++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? "," : "",
			                        a->model->parties.v[q->parties[k]].id);
		if (strcmp(buf, parties) != 0)
			continue;
		if (systems && strcmp(JOIN_SYSTEMS(a, q->systems), systems) != 0)
			continue;
		return q;
	}
	return NULL;
}

static inline size_t ms_ta_count_reqs(const medscope_analysis *a, unsigned rule)
{
	size_t n = 0;
	for (size_t i = 0; i < a->requirements.n; i++)
		n += a->requirements.v[i].rule == rule;
	return n;
}

/* 1 present, 0 missing, -1 no such requirement. */
static inline int ms_ta_present(const medscope_analysis *a, unsigned rule, const char *parties,
                                const char *systems)
{
	const ms_requirement *q = ms_ta_req(a, rule, parties, systems);
	return q ? q->satisfied_by != MS_NONE : -1;
}

/* satisfied_by, then the other agreements that contribute (by id), comma-joined. */
static inline const char *ms_ta_satisfied_by(const medscope_analysis *a, const ms_requirement *q)
{
	static char buf[256];
	if (!q || q->satisfied_by == MS_NONE)
		return "";
	size_t n = (size_t)snprintf(buf, sizeof buf, "%s", a->model->agreements.v[q->satisfied_by].id);
	for (uint32_t i = 0; i < q->satisfied_all.n && n < sizeof buf; i++) {
		uint32_t g = MS_APOOL(a, q->satisfied_all, i);
		if (g != q->satisfied_by)
			n += (size_t)snprintf(buf + n, sizeof buf - n, ",%s", a->model->agreements.v[g].id);
	}
	return buf;
}

/* ---- findings ----------------------------------------------------------- */

static inline size_t ms_ta_count(const medscope_analysis *a, unsigned rule)
{
	size_t n = 0;
	for (size_t i = 0; i < a->findings.n; i++)
		n += a->findings.v[i].rule == rule;
	return n;
}

/* The finding of `rule` whose subjects (joined by ",") are `subjects`
 * (NULL: any), or NULL. */
static inline const ms_finding *ms_ta_finding(const medscope_analysis *a, unsigned rule,
                                              const char *subjects)
{
	for (size_t i = 0; i < a->findings.n; i++) {
		const ms_finding *f = &a->findings.v[i];
		if (f->rule == rule && (!subjects || strcmp(JOIN_SYMS(a, f->subjects), subjects) == 0))
			return f;
	}
	return NULL;
}

/* The message of f in lang (static buffer). */
static inline const char *ms_ta_message(const medscope_analysis *a, const ms_finding *f,
                                        medscope_lang lang)
{
	static char out[2048];
	ms_buf b = MS_BUF_INIT;
	ms_finding_message(a, f, lang, &b);
	snprintf(out, sizeof out, "%s", ms_buf_cstr(&b));
	ms_buf_free(&b);
	return out;
}

#endif
