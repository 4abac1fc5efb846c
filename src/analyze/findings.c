/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §4: the findings that are not missing agreements (risks,
 * certifications, data location, agreements to review, unknown providers),
 * and the constructor every finding goes through.
 *
 * Cost: O(risks x agreed-with x log facilities + certifications + systems +
 * agreements); each finding sorts its few subjects. The facility lists of
 * per-system findings are built once per system and shared.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

void ms_args_init(ms_args *x)
{
	memset(x, 0, sizeof(*x));
	x->facility = x->party = x->other = x->system = x->contract = x->agreement = x->risk =
		x->exception = MS_NONE;
	x->near = MS_NONE;
	x->date = MS_NO_DATE;
	x->scheme = -1;
	x->code = -1;
}

static int subj_add(ms_engine *e, uint32_t sym)
{
	return sym == MS_NONE ? 0 : ms_push(e, &e->work.subj, sym);
}

static int subj_span(ms_engine *e, ms_span sp, uint32_t cap)
{
	for (uint32_t i = 0; i < sp.n && i < cap; i++)
		if (subj_add(e, MS_APOOL(e->a, sp, i)) < 0)
			return -1;
	return 0;
}

uint32_t ms_finding_add(ms_engine *e, uint16_t rule, uint8_t severity, ms_loc loc,
                        uint8_t element, uint32_t element_sym, const ms_args *args)
{
	medscope_analysis *a = e->a;
	if (e->oom)
		return MS_NONE;
	/* Subjects: every id of the arguments (facility lists: the first three,
	 * as the message shows them), sorted by id, each once. */
	e->work.subj.n = 0;
	const uint32_t one[] = {args->facility, args->party,     args->other, args->system,
	                        args->contract, args->agreement, args->risk,  args->exception};
	for (size_t i = 0; i < sizeof one / sizeof *one; i++)
		if (subj_add(e, one[i]) < 0)
			return MS_NONE;
	if (subj_span(e, args->systems, UINT32_MAX) < 0 || subj_span(e, args->via, UINT32_MAX) < 0 ||
	    subj_span(e, args->facilities, 3) < 0)
		return MS_NONE;
	uint32_t n = ms_sort_syms(e->m, e->work.subj.v, (uint32_t)e->work.subj.n);
	ms_span subjects = ms_pool_put(e, e->work.subj.v, n);
	ms_finding *f = MS_VEC_PUSH(a->findings);
	if (!f || e->oom) {
		e->oom = 1;
		return MS_NONE;
	}
	f->rule = rule;
	f->severity = severity;
	f->loc = loc;
	f->element = element;
	f->element_sym = element_sym;
	f->subjects = subjects;
	f->args = *args;
	f->exception = MS_NONE;
	return (uint32_t)(a->findings.n - 1);
}

ms_span ms_served_facilities(ms_engine *e, uint32_t s)
{
	const medscope_analysis *a = e->a;
	const ms_system_info *si = &a->sysinfo[s];
	ms_span sp = {0, 0};
	if (si->nown == 0)
		return sp;
	if (e->shared.served_facilities[s] == MS_NONE) {
		sp = ms_pool_put(e, NULL, si->nown);
		if (e->oom)
			return sp;
		/* The entries are sorted by facility id already. */
		for (uint32_t i = 0; i < si->nown; i++)
			e->a->pool.v[sp.off + i] = e->m->parties.v[ms_own_facility(e, s, i)].sym;
		e->shared.served_facilities[s] = sp.off;
	}
	sp.off = e->shared.served_facilities[s];
	sp.n = si->nown;
	return sp;
}

bool ms_served_to(const ms_engine *e, uint32_t s, uint32_t f)
{
	uint32_t k = ms_own_lower_bound(e, s, 0, e->ix.party_rank[f]);
	return k < e->a->sysinfo[s].nown && ms_own_facility(e, s, k) == f;
}

static void risks(ms_engine *e)
{
	const medscope_model *m = e->m;
	int32_t as_of = e->a->as_of;
	for (size_t i = 0; i < m->risks.n && !e->oom; i++) {
		const ms_risk *r = &m->risks.v[i];
		ms_args args;
		ms_args_init(&args);
		args.risk = r->sym;
		args.system = m->systems.v[r->system].sym;
		args.party = ms_psym(e, r->owner);
		/* FAQ 5.1 「対象事業者の判断のみによってリスク共有やリスク受容を選択する
		 * ことは適当でなく」: a facility the system serves must have agreed. */
		if ((r->treatment == MS_TREAT_SHARE || r->treatment == MS_TREAT_ACCEPT) &&
		    ms_is_provider_party(e, r->owner)) {
			bool served = e->a->sysinfo[r->system].served, agreed = false;
			for (uint32_t k = 0; k < r->agreed_with.n && !agreed; k++) {
				uint32_t p = MS_SPAN_AT(m, r->agreed_with, k);
				agreed = ms_is_facility(e, p) && (!served || ms_served_to(e, r->system, p));
			}
			if (!agreed)
				ms_finding_add(e, MS_RULE_RISK_ACCEPTANCE_UNAGREED,
				               ms_rules[MS_RULE_RISK_ACCEPTANCE_UNAGREED].severity, r->loc,
				               MS_SYM_RISK, r->sym, &args);
		}
		/* FAQ 5.2 「（定期的に）再評価し」: reviewed within 365 days of as-of. */
		if (r->reviewed == MS_NO_DATE || r->reviewed < as_of - 365) {
			args.date = r->reviewed;
			ms_finding_add(e, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE,
			               ms_rules[MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE].severity, r->loc,
			               MS_SYM_RISK, r->sym, &args);
		}
	}
}

static void certifications(ms_engine *e)
{
	const medscope_model *m = e->m;
	const medscope_analysis *a = e->a;
	for (uint32_t p = 0; p < e->np && !e->oom; p++) {
		const ms_party *pt = &m->parties.v[p];
		bool guideline_cert = false;
		for (uint32_t k = 0; k < pt->ncert; k++) {
			const ms_cert *c = &m->certs.v[pt->cert_off + k];
			if (!ms_cert_valid(c, a->as_of)) {
				ms_args args;
				ms_args_init(&args);
				args.party = pt->sym;
				args.scheme = c->scheme;
				args.date = c->valid_until;
				ms_finding_add(e, MS_RULE_CERTIFICATION_EXPIRED,
				               ms_rules[MS_RULE_CERTIFICATION_EXPIRED].severity, c->loc,
				               MS_SYM_PARTY, pt->sym, &args);
				continue;
			}
			/* FAQ 4.2 P-mark or ISMS; MHLW: JIS Q 15001, JIS Q 27001 or equivalent.
			 * The cloud schemes do not satisfy it alone (model.md). */
			switch (c->scheme) {
			case MS_CERT_PMARK:
			case MS_CERT_ISMS:
			case MS_CERT_JISQ15001:
			case MS_CERT_JISQ27001:
			case MS_CERT_EQUIVALENT: guideline_cert = true; break;
			default: break;
			}
		}
		const ms_party_scope *sc = &a->scope[p];
		if (!sc->in_scope || guideline_cert)
			continue;
		ms_args args;
		ms_args_init(&args);
		args.party = pt->sym;
		uint8_t sev = sc->category == MS_CAT_DIRECT || sc->category == MS_CAT_PATIENT_DIRECTED
		                      ? MS_SEV_ERROR
		                      : MS_SEV_WARNING;
		ms_finding_add(e, MS_RULE_MISSING_CERTIFICATION, sev, pt->loc, MS_SYM_PARTY, pt->sym,
		               &args);
	}
}

static bool cloud_certified(const ms_engine *e, uint32_t p)
{
	const ms_party *pt = &e->m->parties.v[p];
	for (uint32_t k = 0; k < pt->ncert; k++) {
		const ms_cert *c = &e->m->certs.v[pt->cert_off + k];
		if ((c->scheme == MS_CERT_ISMAP || c->scheme == MS_CERT_CS_GOLD ||
		     c->scheme == MS_CERT_SOC2 || c->scheme == MS_CERT_FEDRAMP) &&
		    ms_cert_valid(c, e->a->as_of))
			return true;
	}
	return false;
}

static void systems(ms_engine *e)
{
	const medscope_model *m = e->m;
	const medscope_analysis *a = e->a;
	for (uint32_t s = 0; s < e->ns && !e->oom; s++) {
		const ms_system *sy = &m->systems.v[s];
		ms_args args;
		ms_args_init(&args);
		args.system = sy->sym;
		args.party = ms_psym(e, sy->provider);
		bool overseas = sy->region == MS_REGION_OVERSEAS;
		bool unknown = sy->location == MS_LOC_OUTSIDE && sy->region == MS_REGION_UNKNOWN;
		if (a->sysinfo[s].served && (overseas || unknown || sy->provider == MS_NONE)) {
			args.facilities = ms_served_facilities(e, s);
			/* MHLW 外部保存: 所在国・国外法の適用可能性; seed 004 「データの国外通過・
			 * 保管などが不明瞭」. Once per system, naming its facilities. */
			if (overseas)
				ms_finding_add(e, MS_RULE_DATA_OUTSIDE_JAPAN,
				               ms_rules[MS_RULE_DATA_OUTSIDE_JAPAN].severity, sy->loc,
				               MS_SYM_SYSTEM, sy->sym, &args);
			else if (unknown)
				ms_finding_add(e, MS_RULE_DATA_REGION_UNKNOWN,
				               ms_rules[MS_RULE_DATA_REGION_UNKNOWN].severity, sy->loc,
				               MS_SYM_SYSTEM, sy->sym, &args);
			if (sy->provider == MS_NONE) { /* FAQ 2.1 */
				ms_args pa;
				ms_args_init(&pa);
				pa.system = sy->sym;
				pa.facilities = args.facilities;
				ms_finding_add(e, MS_RULE_PROVIDER_UNKNOWN,
				               ms_rules[MS_RULE_PROVIDER_UNKNOWN].severity, sy->loc,
				               MS_SYM_SYSTEM, sy->sym, &pa);
			}
		}
		/* MHLW 外部保存 (ISMAP 等; seed 004 p7). */
		if (sy->external_storage && sy->provider != MS_NONE && !cloud_certified(e, sy->provider)) {
			ms_args ea;
			ms_args_init(&ea);
			ea.system = sy->sym;
			ea.party = ms_psym(e, sy->provider);
			ms_finding_add(e, MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION,
			               ms_rules[MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION].severity,
			               sy->loc, MS_SYM_SYSTEM, sy->sym, &ea);
		}
	}
}

static void agreements(ms_engine *e)
{
	const medscope_model *m = e->m;
	for (size_t i = 0; i < m->agreements.n && !e->oom; i++) {
		const ms_agreement *g = &m->agreements.v[i];
		ms_args args;
		ms_args_init(&args);
		args.agreement = g->sym;
		/* GL 3.2 合意の維持 (変化に応じて再合意形成). */
		if (g->review_by != MS_NO_DATE && g->review_by < e->a->as_of) {
			args.date = g->review_by;
			ms_finding_add(e, MS_RULE_AGREEMENT_REVIEW_OVERDUE,
			               ms_rules[MS_RULE_AGREEMENT_REVIEW_OVERDUE].severity, g->loc,
			               MS_SYM_AGREEMENT, g->sym, &args);
			args.date = MS_NO_DATE;
		}
		/* MHLW 1.3.2 「書面等により可視化し」. */
		if ((g->topics & MS_TOPIC_DEMARCATION) && !g->documented)
			ms_finding_add(e, MS_RULE_DEMARCATION_NOT_IN_WRITING,
			               ms_rules[MS_RULE_DEMARCATION_NOT_IN_WRITING].severity, g->loc,
			               MS_SYM_AGREEMENT, g->sym, &args);
	}
}

int ms_findings_pass(ms_engine *e)
{
	risks(e);
	certifications(e);
	systems(e);
	agreements(e);
	return e->oom ? -1 : 0;
}
