/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §3: the agreements that must exist, each present or missing
 * (ms_require, matched by match.c), and the requirements of one facility.
 *
 * Cost: per facility, O(its primes' contracts + chain contracts + served
 * systems' connections); globally, O(contracts + edges x log facilities +
 * flows + facilities per third-party flow); lifecycle splits, O(contracts
 * covering the supply of each served system), computed once per system.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

/* The finding of a requirement no agreement satisfies (sys[0..ns): its
 * systems, sorted; near: the near miss); its index, or MS_NONE. */
static uint32_t missing(ms_engine *e, const ms_req_spec *r, const uint32_t *sys, uint32_t ns,
                        uint32_t near, uint8_t lack, ms_span lacks)
{
	const medscope_model *m = e->m;
	ms_args args = r->args;
	if (ns == 1) {
		args.systems = ms_pool_one(e, e->shared.one_sysym, sys[0], m->systems.v[sys[0]].sym);
	} else {
		uint32_t *syms = ms_reserve(e, &e->work.req_syms, ns + 1);
		if (!syms)
			return MS_NONE;
		for (uint32_t i = 0; i < ns; i++)
			syms[i] = m->systems.v[sys[i]].sym;
		args.systems = ms_pool_put(e, syms, ns);
	}
	if (r->facilities)
		args.facilities = ms_pool_put(e, r->facilities, r->nfacilities);
	else if (r->facilities_of != MS_NONE)
		args.facilities = ms_served_facilities(e, r->facilities_of);
	if (r->via)
		args.via = ms_pool_put(e, r->via, r->nvia);
	args.near = near;
	args.lack = lack;
	args.lacks = lacks;
	return ms_finding_add(e, r->rule, (uint8_t)ms_rules[r->rule].severity, r->loc, r->element,
	                      r->element_sym, &args);
}

/* Match r's parties (or, for an integration, F-A and F-B each: FAQ 2.1 /
 * MHLW 企画管理編) over sys[0..ns); the agreements that meet it are left
 * in e->work.req_all by id. */
static int match_requirement(ms_engine *e, const ms_req_spec *r, const uint32_t *sys, uint32_t ns,
                             uint16_t topic, ms_match_result *res)
{
	ms_matcher *mt = &e->match;
	ms_match_query q = {r->parties, r->nparties, topic, sys, ns, r->edge};
	e->work.req_all.n = 0;
	if (ms_match(mt, &q, res) < 0)
		return -1;
	if (res->best == MS_NONE && r->two_agreements && r->nparties == 3) {
		const uint32_t pa[2] = {r->parties[0], r->parties[1]}, pb[2] = {r->parties[0], r->parties[2]};
		ms_match_query qa = {pa, 2, topic, sys, ns, r->edge}, qb = {pb, 2, topic, sys, ns, r->edge};
		ms_match_result ra, rb;
		if (ms_match(mt, &qa, &ra) < 0)
			return -1;
		if (ra.best == MS_NONE)
			return 0;
		for (size_t i = 0; i < mt->all.n; i++)
			if (ms_push(e, &e->work.req_all, mt->all.v[i]) < 0)
				return -1;
		if (ms_match(mt, &qb, &rb) < 0)
			return -1;
		if (rb.best == MS_NONE) {
			e->work.req_all.n = 0;
			return 0;
		}
		/* Both papers together: cite the smaller id, list the union. */
		const medscope_model *m = e->m;
		res->best = strcmp(m->agreements.v[rb.best].id, m->agreements.v[ra.best].id) < 0 ? rb.best
		                                                                              : ra.best;
		res->near = MS_NONE;
		for (size_t i = 0; i < mt->all.n; i++) {
			bool dup = false;
			for (size_t j = 0; j < e->work.req_all.n && !dup; j++)
				dup = e->work.req_all.v[j] == mt->all.v[i];
			if (!dup && ms_push(e, &e->work.req_all, mt->all.v[i]) < 0)
				return -1;
		}
		ms_agreements_by_id(m, e->work.req_all.v, e->work.req_all.n);
		return 0;
	}
	for (size_t i = 0; i < mt->all.n; i++)
		if (ms_push(e, &e->work.req_all, mt->all.v[i]) < 0)
			return -1;
	return 0;
}

void ms_require(ms_engine *e, ms_req_spec *r)
{
	medscope_analysis *a = e->a;
	if (e->oom)
		return;
	uint16_t topic = e->ix.topic_of[r->rule];
	uint32_t *sys = ms_reserve(e, &e->work.req_sys, r->nsystems + 1);
	if (!sys)
		return;
	if (r->nsystems)
		memcpy(sys, r->systems, r->nsystems * sizeof(*sys));
	uint32_t ns = ms_sort_systems(a, sys, r->nsystems);

	ms_match_result res;
	if (match_requirement(e, r, sys, ns, topic, &res) < 0) {
		e->oom = 1;
		return;
	}
	/* What the near miss lacks, as symbols (systems, or the party). */
	uint32_t near = res.near == MS_NONE ? MS_NONE : e->m->agreements.v[res.near].sym;
	ms_span lacks = {0, 0};
	if (res.lack == MS_LACK_PARTY) {
		lacks = ms_pool_put(e, &e->m->parties.v[res.lack_party].sym, 1);
	} else if (res.lack == MS_LACK_SYSTEMS) {
		const ms_matcher *mt = &e->match;
		uint32_t *syms = ms_reserve(e, &e->work.req_syms, mt->lacks.n + 1);
		if (!syms)
			return;
		for (size_t i = 0; i < mt->lacks.n; i++)
			syms[i] = e->m->systems.v[mt->lacks.v[i]].sym;
		lacks = ms_pool_put(e, syms, (uint32_t)mt->lacks.n);
	}
	if (a->findings_only) {
		if (res.best == MS_NONE)
			missing(e, r, sys, ns, near, res.lack, lacks);
		return;
	}
	ms_requirement *q = MS_VEC_PUSH(a->requirements);
	if (!q) {
		e->oom = 1;
		return;
	}
	uint32_t np = 0;
	for (uint32_t i = 0; i < r->nparties; i++) {
		uint32_t p = r->parties[i], k = np;
		bool dup = false;
		for (uint32_t j = 0; j < np; j++)
			dup |= q->parties[j] == p;
		if (dup)
			continue;
		while (k > 0 && e->ix.party_rank[q->parties[k - 1]] > e->ix.party_rank[p]) {
			q->parties[k] = q->parties[k - 1];
			k--;
		}
		q->parties[k] = p;
		np++;
	}
	for (uint32_t i = np; i < 3; i++)
		q->parties[i] = MS_NONE;
	q->nparties = (uint8_t)np;
	q->systems = ns == 1 ? ms_pool_one(e, e->shared.one_system, sys[0], sys[0])
	                     : ms_pool_put(e, sys, ns);
	q->satisfied_by = res.best;
	q->satisfied_all = ms_pool_put(e, e->work.req_all.v, (uint32_t)e->work.req_all.n);
	q->near = res.near;
	q->lack = res.lack;
	q->lacks = lacks;
	q->contract = r->contract;
	q->rule = r->rule;
	q->topic = topic;
	q->severity = (uint8_t)ms_rules[r->rule].severity;
	q->finding = MS_NONE;
	if (res.best != MS_NONE)
		return;
	uint32_t fi = missing(e, r, sys, ns, near, res.lack, lacks);
	a->requirements.v[a->requirements.n - 1].finding = fi;
}

void ms_req_init(ms_req_spec *r, uint16_t rule)
{
	memset(r, 0, sizeof(*r));
	r->rule = rule;
	r->contract = MS_NONE;
	r->element_sym = MS_NONE;
	r->facilities_of = MS_NONE;
	ms_args_init(&r->args);
}

/* Locate a spec at contract c. */
static void at_contract(const ms_engine *e, ms_req_spec *r, uint32_t c)
{
	const ms_contract *ct = &e->m->contracts.v[c];
	r->loc = ct->loc;
	r->element = MS_SYM_CONTRACT;
	r->element_sym = ct->sym;
}

/* ---- per facility ----------------------------------------------------- */

/* MHLW 経営管理編 1.3.2 (demarcation, in writing) and FAQ 4/5 (risk
 * management agreed): F with every prime A. */
static void demarcation_and_risk(ms_engine *e, uint32_t f, uint32_t pa, const uint32_t *pcs,
                                 size_t npcs)
{
	const medscope_model *m = e->m;
	e->work.tmp.n = 0;
	for (size_t k = 0; k < npcs; k++) {
		const ms_contract *ct = &m->contracts.v[pcs[k]];
		for (uint32_t i = 0; i < ct->covers.n; i++) {
			uint32_t s = MS_SPAN_AT(m, ct->covers, i);
			if (e->a->sysinfo[s].relevant && ms_push(e, &e->work.tmp, s) < 0)
				return;
		}
	}
	static const uint16_t rules[2] = {MS_RULE_MISSING_DEMARCATION, MS_RULE_MISSING_RISK_AGREEMENT};
	for (int i = 0; i < 2; i++) {
		ms_req_spec r;
		ms_req_init(&r, rules[i]);
		r.nparties = 2;
		r.parties[0] = f;
		r.parties[1] = pa;
		r.systems = e->work.tmp.v;
		r.nsystems = (uint32_t)e->work.tmp.n;
		r.contract = m->contracts.v[e->fac.prime_first[pa]].sym;
		at_contract(e, &r, e->fac.prime_first[pa]);
		r.args.facility = ms_psym(e, f);
		r.args.party = ms_psym(e, pa);
		ms_require(e, &r);
	}
}

/* MHLW 経営管理編 遵守事項 「再委託を行う場合には…承認を得る」: F approves every
 * contract in the selection chains from prime A (GL 2.2.2 case 1/2), other
 * than one a facility signed itself (FAQ 2.1 「契約上は、医療機関等と事業者Bが
 * 直接契約」: no 再委託), with the supplier of the last contract F signed
 * itself on the way (A, or B when F signed with B selected-by A). */
static void subcontracting(ms_engine *e, uint32_t f, uint32_t pa, const uint32_t *pcs, size_t npcs,
                           uint32_t served)
{
	const medscope_model *m = e->m;
	uint32_t ep = e->work.approval_epoch;
	for (size_t k = 0; k < npcs && !e->oom; k++) {
		const ms_contract *ct = &m->contracts.v[pcs[k]];
		for (uint32_t i = 0; i < ct->covers.n && !e->oom; i++) {
			ms_chain ch = *ms_chain_get(e, pa, MS_SPAN_AT(m, ct->covers, i));
			for (uint32_t j = 0; j < ch.n && !e->oom; j++) {
				uint32_t cc = e->chains.items.v[ch.off + j].contract;
				if (ms_facility_signed(e, cc))
					continue;
				/* Once per (contract, approver) for F: the chains of A and of
				 * the B that F signed with selected-by A share B's contracts. */
				uint32_t signer = ms_chain_signer(e, ch, pa, j + 1);
				if (e->work.contract_seen[cc] == ep && e->work.contract_signer[cc] == signer)
					continue;
				e->work.contract_seen[cc] = ep;
				e->work.contract_signer[cc] = signer;
				const ms_contract *sub = &m->contracts.v[cc];
				e->work.tmp.n = 0;
				for (uint32_t s = 0; s < sub->covers.n; s++) {
					uint32_t x = MS_SPAN_AT(m, sub->covers, s);
					if (e->fac.served_mark[x] == served && ms_push(e, &e->work.tmp, x) < 0)
						return;
				}
				ms_req_spec r;
				ms_req_init(&r, MS_RULE_MISSING_SUBCONTRACT_APPROVAL);
				r.nparties = 2;
				r.parties[0] = f;
				r.parties[1] = signer;
				r.systems = e->work.tmp.v;
				r.nsystems = (uint32_t)e->work.tmp.n;
				r.contract = sub->sym;
				at_contract(e, &r, cc);
				r.args.facility = ms_psym(e, f);
				r.args.party = ms_psym(e, signer);
				r.args.contract = sub->sym;
				r.args.other = ms_psym(e, sub->supplier);
				ms_require(e, &r);
				/* FAQ 3: the same chains need X-Y agreements (global pass). */
				if (!e->carry.supplier_listed[cc]) {
					e->carry.supplier_listed[cc] = 1;
					ms_push(e, &e->carry.supplier_req, cc);
				}
			}
		}
	}
}

static int integ_cmp(const void *ctx, uint32_t x, uint32_t y)
{
	const ms_engine *e = ctx;
	const ms_integ *p = &e->fac.integ.v[x], *q = &e->fac.integ.v[y];
	uint32_t p1 = e->ix.party_rank[p->a], p2 = e->ix.party_rank[p->b];
	uint32_t q1 = e->ix.party_rank[q->a], q2 = e->ix.party_rank[q->b];
	uint32_t plo = p1 < p2 ? p1 : p2, phi = p1 < p2 ? p2 : p1;
	uint32_t qlo = q1 < q2 ? q1 : q2, qhi = q1 < q2 ? q2 : q1;
	if (plo != qlo)
		return plo < qlo ? -1 : 1;
	return phi < qhi ? -1 : phi > qhi;
}

static bool same_pair(const ms_integ *p, const ms_integ *q)
{
	return (p->a == q->a && p->b == q->b) || (p->a == q->b && p->b == q->a);
}

/* MHLW 企画管理編 「サービスの連携部分についても併せて取決め」; FAQ 2.1
 * 「情報連携のためのAPI等含む」: one requirement per facility and pair. */
static void integration(ms_engine *e, uint32_t f, uint32_t served)
{
	const medscope_model *m = e->m;
	const ms_triple *t = e->fac.triples.v;
	for (size_t i = 0; i < e->fac.triples.n; i++) {
		if (i > 0 && t[i].system == t[i - 1].system)
			continue;
		const ms_system *sy = &m->systems.v[t[i].system];
		uint32_t pa = sy->provider;
		if (pa == MS_NONE || pa == f || e->fac.prime_mark[pa] != served)
			continue;
		for (uint32_t j = 0; j < sy->nconn; j++) {
			uint32_t y = m->edges.v[sy->conn_off + j].target;
			uint32_t pb = m->systems.v[y].provider;
			if (e->fac.served_mark[y] != served || pb == MS_NONE || pb == pa || pb == f ||
			    e->fac.prime_mark[pb] != served)
				continue;
			ms_integ *in = MS_VEC_PUSH(e->fac.integ);
			if (!in) {
				e->oom = 1;
				return;
			}
			in->a = pa;
			in->b = pb;
			in->sys1 = t[i].system;
			in->sys2 = y;
		}
	}
	size_t n = e->fac.integ.n;
	if (!n)
		return;
	uint32_t *order = ms_reserve(e, &e->work.tmp2, n);
	if (!order)
		return;
	if (ms_sort_order(order, n, integ_cmp, e) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t i = 0; i < n && !e->oom;) {
		const ms_integ *first = &e->fac.integ.v[order[i]];
		size_t j = i;
		e->work.tmp.n = 0;
		uint32_t loc_c = MS_NONE, loc_b = MS_NONE;
		for (; j < n && same_pair(first, &e->fac.integ.v[order[j]]); j++) {
			const ms_integ *in = &e->fac.integ.v[order[j]];
			if (ms_push(e, &e->work.tmp, in->sys1) < 0 ||
			    (in->sys2 != MS_NONE && ms_push(e, &e->work.tmp, in->sys2) < 0))
				return;
			uint32_t c = e->fac.prime_first[in->b];
			if (loc_c == MS_NONE ||
			    strcmp(m->contracts.v[c].id, m->contracts.v[loc_c].id) < 0) {
				loc_c = c;
				loc_b = in->b;
			}
		}
		uint32_t other = loc_b == first->a ? first->b : first->a;
		ms_req_spec r;
		ms_req_init(&r, MS_RULE_MISSING_INTEGRATION_AGREEMENT);
		r.nparties = 3;
		r.parties[0] = f;
		r.parties[1] = other;
		r.parties[2] = loc_b;
		r.two_agreements = true;
		r.systems = e->work.tmp.v;
		r.nsystems = (uint32_t)e->work.tmp.n;
		r.contract = m->contracts.v[loc_c].sym;
		at_contract(e, &r, loc_c);
		r.args.facility = ms_psym(e, f);
		r.args.party = ms_psym(e, other);
		r.args.other = ms_psym(e, loc_b);
		ms_require(e, &r);
		i = j;
	}
}

static int uinfra_cmp(const void *ctx, uint32_t x, uint32_t y)
{
	const ms_engine *e = ctx;
	const ms_unknown_infra *p = &e->fac.uinfra.v[x], *q = &e->fac.uinfra.v[y];
	if (p->party != q->party)
		return p->party < q->party ? -1 : 1;
	if (p->infra != q->infra)
		return p->infra < q->infra ? -1 : 1;
	if (p->loc.line != q->loc.line)
		return p->loc.line < q->loc.line ? -1 : 1;
	return p->loc.col < q->loc.col ? -1 : p->loc.col > q->loc.col;
}

/* FAQ 2.1 「不明なインフラ上で事業者Aのシステムが利用される場合には、どのような
 * リスクがあるのか医療機関等に対して伝え」: one per (F, A, S), at the first
 * runs-on element. */
static void unknown_infrastructure(ms_engine *e, uint32_t f)
{
	const medscope_model *m = e->m;
	size_t n = e->fac.uinfra.n;
	if (!n)
		return;
	uint32_t *order = ms_reserve(e, &e->work.tmp2, n);
	if (!order)
		return;
	if (ms_sort_order(order, n, uinfra_cmp, e) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const ms_unknown_infra *u = &e->fac.uinfra.v[order[i]];
		if (i > 0) {
			const ms_unknown_infra *prev = &e->fac.uinfra.v[order[i - 1]];
			if (prev->party == u->party && prev->infra == u->infra)
				continue;
		}
		ms_req_spec r;
		ms_req_init(&r, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED);
		r.nparties = 2;
		r.parties[0] = f;
		r.parties[1] = u->party;
		r.systems = &u->infra;
		r.nsystems = 1;
		r.loc = u->loc;
		r.element = MS_SYM_SYSTEM;
		r.element_sym = m->systems.v[u->system].sym;
		r.args.facility = ms_psym(e, f);
		r.args.party = ms_psym(e, u->party);
		ms_require(e, &r);
	}
}

/* FAQ 3.1 F <-> A lifecycle for each served system x with a split and
 * each prime A of F reaching it (found by the ownership entries). */
static void lifecycle_primes(ms_engine *e, uint32_t f)
{
	const medscope_model *m = e->m;
	for (size_t i = 0; i < e->fac.lifecycle.n && !e->oom; i++) {
		uint32_t pa = e->fac.lifecycle.v[i].prime, x = e->fac.lifecycle.v[i].system;
		uint32_t d = e->carry.split_dev[x], dsup = m->contracts.v[d].supplier;
		ms_req_spec r;
		ms_req_init(&r, MS_RULE_MISSING_LIFECYCLE_AGREEMENT);
		r.nparties = 2;
		r.parties[0] = f;
		r.parties[1] = pa;
		r.systems = &x;
		r.nsystems = 1;
		r.contract = m->contracts.v[d].sym;
		at_contract(e, &r, d);
		r.args.facility = ms_psym(e, f);
		r.args.party = ms_psym(e, pa);
		r.args.other = ms_psym(e, pa == dsup ? e->carry.split_other[x] : dsup);
		ms_require(e, &r);
	}
}

void ms_agreements_facility(ms_engine *e)
{
	const medscope_model *m = e->m;
	uint32_t f = e->fac.f, epoch = e->fac.epoch;
	lifecycle_primes(e, f);
	e->work.approval_epoch = ms_engine_epoch(e);
	/* e->fac.pcs holds F's prime contracts grouped by supplier: one group a prime. */
	for (size_t i = 0; i < e->fac.pcs.n && !e->oom;) {
		uint32_t pa = m->contracts.v[e->fac.pcs.v[i]].supplier;
		size_t j = i + 1;
		while (j < e->fac.pcs.n && m->contracts.v[e->fac.pcs.v[j]].supplier == pa)
			j++;
		if (pa != f) {
			demarcation_and_risk(e, f, pa, e->fac.pcs.v + i, j - i);
			subcontracting(e, f, pa, e->fac.pcs.v + i, j - i, epoch);
		}
		i = j;
	}
	if (!e->oom)
		integration(e, f, epoch);
	if (!e->oom)
		unknown_infrastructure(e, f);
}
