/*
 * rules.md §3: the agreements that must exist, each present or missing.
 *
 * A requirement is met by an agreement naming all its parties, with the
 * topic, and with no `covers` or covers naming every system concerned (a
 * demarcation agreement must be in writing). Only the agreements of the
 * requirement's party with the fewest agreements are scanned, so matching
 * costs O(agreements of the smallest party x their list lengths).
 *
 * Cost: per facility, O(its primes' contracts + chain contracts + served
 * systems' connections); globally, O(contracts + edges x log facilities +
 * flows + facilities per third-party flow); lifecycle splits, O(contracts
 * covering the supply of each served system), computed once per system.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

void ms_args_init(ms_args *x)
{
	memset(x, 0, sizeof(*x));
	x->facility = x->party = x->other = x->system = x->contract = x->agreement = x->risk =
		MS_NONE;
	x->date = MS_NO_DATE;
	x->scheme = -1;
}

/* ---- matching --------------------------------------------------------- */

static bool agreement_ok(ms_engine *e, uint32_t g, const uint32_t *parties, uint32_t np,
                         uint16_t topic, const uint32_t *sys, uint32_t ns)
{
	const medscope_model *m = e->m;
	const ms_agreement *ag = &m->agreements.v[g];
	if (!(ag->topics & topic))
		return false;
	/* MHLW 経営管理編 1.3.2 「書面等により可視化し」: an unwritten demarcation
	 * does not count. */
	if (topic == MS_TOPIC_DEMARCATION && !ag->documented)
		return false;
	for (uint32_t i = 0; i < np; i++) {
		bool found = false;
		for (uint32_t k = 0; k < ag->parties.n && !found; k++)
			found = MS_SPAN_AT(m, ag->parties, k) == parties[i];
		if (!found)
			return false;
	}
	if (ag->has_covers && ns) {
		uint32_t ep = ms_engine_epoch(e);
		for (uint32_t k = 0; k < ag->covers.n; k++)
			e->cover_mark[MS_SPAN_AT(m, ag->covers, k)] = ep;
		for (uint32_t i = 0; i < ns; i++)
			if (e->cover_mark[sys[i]] != ep)
				return false;
	}
	return true;
}

/* The smallest-id agreement that satisfies, or MS_NONE. */
static uint32_t best_agreement(ms_engine *e, const uint32_t *parties, uint32_t np, uint16_t topic,
                               const uint32_t *sys, uint32_t ns)
{
	const ms_csr *ag = &e->agreements_of;
	uint32_t pmin = parties[0];
	for (uint32_t i = 1; i < np; i++)
		if (ag->off[parties[i] + 1] - ag->off[parties[i]] < ag->off[pmin + 1] - ag->off[pmin])
			pmin = parties[i];
	uint32_t best = MS_NONE;
	for (uint32_t k = ag->off[pmin]; k < ag->off[pmin + 1]; k++) {
		uint32_t g = ag->idx[k];
		if (g == best || (best != MS_NONE && strcmp(e->m->agreements.v[g].id,
		                                            e->m->agreements.v[best].id) >= 0))
			continue;
		if (agreement_ok(e, g, parties, np, topic, sys, ns))
			best = g;
	}
	return best;
}

static uint32_t *vec_reserve(ms_engine *e, ms_u32vec *vec, size_t n)
{
	if (vec->cap < n) {
		size_t cap = vec->cap ? vec->cap : 16;
		while (cap < n)
			cap *= 2;
		uint32_t *nv = realloc(vec->v, cap * sizeof(*nv));
		if (!nv) {
			e->oom = 1;
			return NULL;
		}
		vec->v = nv;
		vec->cap = cap;
	}
	return vec->v;
}

/* The finding of a requirement no agreement satisfies (sys[0..ns): its
 * systems, sorted); its index, or MS_NONE. */
static uint32_t missing(ms_engine *e, const ms_req_spec *r, const uint32_t *sys, uint32_t ns)
{
	const medscope_model *m = e->m;
	ms_args args = r->args;
	if (ns == 1) {
		args.systems = ms_pool_one(e, e->one_sysym, sys[0], m->systems.v[sys[0]].sym);
	} else {
		uint32_t *syms = vec_reserve(e, &e->req_syms, ns + 1);
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
	return ms_finding_add(e, r->rule, (uint8_t)ms_rules[r->rule].severity, r->loc, r->element,
	                      r->element_sym, &args);
}

void ms_require(ms_engine *e, ms_req_spec *r)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	if (e->oom)
		return;
	uint16_t topic = e->topic_of[r->rule];
	uint32_t *sys = vec_reserve(e, &e->req_sys, r->nsystems + 1);
	if (!sys)
		return;
	if (r->nsystems)
		memcpy(sys, r->systems, r->nsystems * sizeof(*sys));
	uint32_t ns = ms_sort_systems(e, sys, r->nsystems);

	uint32_t sat[2] = {MS_NONE, MS_NONE};
	sat[0] = best_agreement(e, r->parties, r->nparties, topic, sys, ns);
	if (sat[0] == MS_NONE && r->two_agreements && r->nparties == 3) {
		/* FAQ 2.1 / MHLW 企画管理編: F-A and F-B, each on the integration. */
		uint32_t pa[2] = {r->parties[0], r->parties[1]}, pb[2] = {r->parties[0], r->parties[2]};
		uint32_t g1 = best_agreement(e, pa, 2, topic, sys, ns);
		uint32_t g2 = g1 == MS_NONE ? MS_NONE : best_agreement(e, pb, 2, topic, sys, ns);
		if (g2 != MS_NONE) {
			bool swap = strcmp(m->agreements.v[g2].id, m->agreements.v[g1].id) < 0;
			sat[0] = swap ? g2 : g1;
			sat[1] = swap ? g1 : g2;
		}
	}

	if (a->findings_only) {
		if (sat[0] == MS_NONE)
			missing(e, r, sys, ns);
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
		while (k > 0 && e->party_rank[q->parties[k - 1]] > e->party_rank[p]) {
			q->parties[k] = q->parties[k - 1];
			k--;
		}
		q->parties[k] = p;
		np++;
	}
	for (uint32_t i = np; i < 3; i++)
		q->parties[i] = MS_NONE;
	q->nparties = (uint8_t)np;
	q->systems = ns == 1 ? ms_pool_one(e, e->one_system, sys[0], sys[0])
	                     : ms_pool_put(e, sys, ns);
	q->satisfied_by[0] = sat[0];
	q->satisfied_by[1] = sat[1];
	q->contract = r->contract;
	q->rule = r->rule;
	q->topic = topic;
	q->severity = (uint8_t)ms_rules[r->rule].severity;
	q->finding = MS_NONE;
	if (sat[0] != MS_NONE)
		return;
	uint32_t fi = missing(e, r, sys, ns);
	a->requirements.v[a->requirements.n - 1].finding = fi;
}

static void spec_init(ms_req_spec *r, uint16_t rule)
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

static int push(ms_engine *e, ms_u32vec *vec, uint32_t v)
{
	uint32_t *p = MS_VEC_PUSH(*vec);
	if (!p) {
		e->oom = 1;
		return -1;
	}
	*p = v;
	return 0;
}

static uint32_t psym(const ms_engine *e, uint32_t p)
{
	return p == MS_NONE ? MS_NONE : e->m->parties.v[p].sym;
}

/* ---- per facility ----------------------------------------------------- */

/* MHLW 経営管理編 1.3.2 (demarcation, in writing) and FAQ 4/5 (risk
 * management agreed): F with every prime A. */
static void demarcation_and_risk(ms_engine *e, uint32_t f, uint32_t pa, const uint32_t *pcs,
                                 size_t npcs)
{
	const medscope_model *m = e->m;
	e->tmp.n = 0;
	for (size_t k = 0; k < npcs; k++) {
		const ms_contract *ct = &m->contracts.v[pcs[k]];
		for (uint32_t i = 0; i < ct->covers.n; i++) {
			uint32_t s = MS_SPAN_AT(m, ct->covers, i);
			if (e->a->sysinfo[s].relevant && push(e, &e->tmp, s) < 0)
				return;
		}
	}
	static const uint16_t rules[2] = {MS_RULE_MISSING_DEMARCATION, MS_RULE_MISSING_RISK_AGREEMENT};
	for (int i = 0; i < 2; i++) {
		ms_req_spec r;
		spec_init(&r, rules[i]);
		r.nparties = 2;
		r.parties[0] = f;
		r.parties[1] = pa;
		r.systems = e->tmp.v;
		r.nsystems = (uint32_t)e->tmp.n;
		r.contract = m->contracts.v[e->prime_first[pa]].sym;
		at_contract(e, &r, e->prime_first[pa]);
		r.args.facility = psym(e, f);
		r.args.party = psym(e, pa);
		ms_require(e, &r);
	}
}

/* MHLW 経営管理編 遵守事項 「再委託を行う場合には…承認を得る」: F approves every
 * contract in the selection chains from prime A (GL 2.2.2 case 1/2). */
static void subcontracting(ms_engine *e, uint32_t f, uint32_t pa, const uint32_t *pcs, size_t npcs,
                           uint32_t served)
{
	const medscope_model *m = e->m;
	uint32_t ep = ms_engine_epoch(e);
	for (size_t k = 0; k < npcs && !e->oom; k++) {
		const ms_contract *ct = &m->contracts.v[pcs[k]];
		for (uint32_t i = 0; i < ct->covers.n && !e->oom; i++) {
			ms_chain ch = *ms_chain_get(e, pa, MS_SPAN_AT(m, ct->covers, i));
			for (uint32_t j = 0; j < ch.n && !e->oom; j++) {
				uint32_t cc = e->chain_items.v[ch.off + j].contract;
				if (e->csub_mark[cc] == ep)
					continue;
				e->csub_mark[cc] = ep;
				const ms_contract *sub = &m->contracts.v[cc];
				e->tmp.n = 0;
				for (uint32_t s = 0; s < sub->covers.n; s++) {
					uint32_t x = MS_SPAN_AT(m, sub->covers, s);
					if (e->served_mark[x] == served && push(e, &e->tmp, x) < 0)
						return;
				}
				ms_req_spec r;
				spec_init(&r, MS_RULE_MISSING_SUBCONTRACT_APPROVAL);
				r.nparties = 2;
				r.parties[0] = f;
				r.parties[1] = pa;
				r.systems = e->tmp.v;
				r.nsystems = (uint32_t)e->tmp.n;
				r.contract = sub->sym;
				at_contract(e, &r, cc);
				r.args.facility = psym(e, f);
				r.args.party = psym(e, pa);
				r.args.contract = sub->sym;
				r.args.other = psym(e, sub->supplier);
				ms_require(e, &r);
				/* FAQ 3: the same chains need X-Y agreements (global pass). */
				e->cflags[cc] |= MS_CF_SUPPLIER_REQ;
			}
		}
	}
}

static int integ_cmp(const void *ctx, uint32_t x, uint32_t y)
{
	const ms_engine *e = ctx;
	const ms_integ *p = &e->integ.v[x], *q = &e->integ.v[y];
	uint32_t p1 = e->party_rank[p->a], p2 = e->party_rank[p->b];
	uint32_t q1 = e->party_rank[q->a], q2 = e->party_rank[q->b];
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
	const ms_triple *t = e->triples.v;
	for (size_t i = 0; i < e->triples.n; i++) {
		if (i > 0 && t[i].system == t[i - 1].system)
			continue;
		const ms_system *sy = &m->systems.v[t[i].system];
		uint32_t pa = sy->provider;
		if (pa == MS_NONE || pa == f || e->prime_mark[pa] != served)
			continue;
		for (uint32_t j = 0; j < sy->nconn; j++) {
			uint32_t y = m->edges.v[sy->conn_off + j].target;
			uint32_t pb = m->systems.v[y].provider;
			if (e->served_mark[y] != served || pb == MS_NONE || pb == pa || pb == f ||
			    e->prime_mark[pb] != served)
				continue;
			ms_integ *in = MS_VEC_PUSH(e->integ);
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
	size_t n = e->integ.n;
	if (!n)
		return;
	uint32_t *order = vec_reserve(e, &e->tmp2, n);
	if (!order)
		return;
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	if (ms_sort_u32(order, n, integ_cmp, e) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t i = 0; i < n && !e->oom;) {
		const ms_integ *first = &e->integ.v[order[i]];
		size_t j = i;
		e->tmp.n = 0;
		uint32_t loc_c = MS_NONE, loc_b = MS_NONE;
		for (; j < n && same_pair(first, &e->integ.v[order[j]]); j++) {
			const ms_integ *in = &e->integ.v[order[j]];
			if (push(e, &e->tmp, in->sys1) < 0 ||
			    (in->sys2 != MS_NONE && push(e, &e->tmp, in->sys2) < 0))
				return;
			uint32_t c = e->prime_first[in->b];
			if (loc_c == MS_NONE ||
			    strcmp(m->contracts.v[c].id, m->contracts.v[loc_c].id) < 0) {
				loc_c = c;
				loc_b = in->b;
			}
		}
		uint32_t other = loc_b == first->a ? first->b : first->a;
		ms_req_spec r;
		spec_init(&r, MS_RULE_MISSING_INTEGRATION_AGREEMENT);
		r.nparties = 3;
		r.parties[0] = f;
		r.parties[1] = other;
		r.parties[2] = loc_b;
		r.two_agreements = true;
		r.systems = e->tmp.v;
		r.nsystems = (uint32_t)e->tmp.n;
		r.contract = m->contracts.v[loc_c].sym;
		at_contract(e, &r, loc_c);
		r.args.facility = psym(e, f);
		r.args.party = psym(e, other);
		r.args.other = psym(e, loc_b);
		ms_require(e, &r);
		i = j;
	}
}

static int uinfra_cmp(const void *ctx, uint32_t x, uint32_t y)
{
	const ms_engine *e = ctx;
	const ms_unknown_infra *p = &e->uinfra.v[x], *q = &e->uinfra.v[y];
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
	size_t n = e->uinfra.n;
	if (!n)
		return;
	uint32_t *order = vec_reserve(e, &e->tmp2, n);
	if (!order)
		return;
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	if (ms_sort_u32(order, n, uinfra_cmp, e) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const ms_unknown_infra *u = &e->uinfra.v[order[i]];
		if (i > 0) {
			const ms_unknown_infra *prev = &e->uinfra.v[order[i - 1]];
			if (prev->party == u->party && prev->infra == u->infra)
				continue;
		}
		ms_req_spec r;
		spec_init(&r, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED);
		r.nparties = 2;
		r.parties[0] = f;
		r.parties[1] = u->party;
		r.systems = &u->infra;
		r.nsystems = 1;
		r.loc = u->loc;
		r.element = MS_SYM_SYSTEM;
		r.element_sym = m->systems.v[u->system].sym;
		r.args.facility = psym(e, f);
		r.args.party = psym(e, u->party);
		ms_require(e, &r);
	}
}

void ms_agreements_facility(ms_engine *e, uint32_t f, uint32_t epoch)
{
	const medscope_model *m = e->m;
	/* e->pcs holds F's prime contracts grouped by supplier: one group a prime. */
	for (size_t i = 0; i < e->pcs.n && !e->oom;) {
		uint32_t pa = m->contracts.v[e->pcs.v[i]].supplier;
		size_t j = i + 1;
		while (j < e->pcs.n && m->contracts.v[e->pcs.v[j]].supplier == pa)
			j++;
		if (pa != f) {
			demarcation_and_risk(e, f, pa, e->pcs.v + i, j - i);
			subcontracting(e, f, pa, e->pcs.v + i, j - i, epoch);
		}
		i = j;
	}
	if (!e->oom)
		integration(e, f, epoch);
	if (!e->oom)
		unknown_infrastructure(e, f);
}

void ms_require_lifecycle_prime(ms_engine *e, uint32_t f, uint32_t pa, uint32_t x)
{
	const medscope_model *m = e->m;
	if (pa == f)
		return;
	uint32_t d = e->split_dev[x], dsup = m->contracts.v[d].supplier;
	ms_req_spec r;
	spec_init(&r, MS_RULE_MISSING_LIFECYCLE_AGREEMENT);
	r.nparties = 2;
	r.parties[0] = f;
	r.parties[1] = pa;
	r.systems = &x;
	r.nsystems = 1;
	r.contract = m->contracts.v[d].sym;
	at_contract(e, &r, d);
	r.args.facility = psym(e, f);
	r.args.party = psym(e, pa);
	r.args.other = psym(e, pa == dsup ? e->split_other[x] : dsup);
	ms_require(e, &r);
}
