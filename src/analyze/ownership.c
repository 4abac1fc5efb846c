/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §2: who owns risk management of each served system towards each
 * facility. A system is served to facility F when it is in supply(T) of a
 * system T that one of F's prime contracts covers.
 *
 * Cost: the served pairs are counted, then filled in place, facility by
 * facility in id order, so entries come out sorted by (system, facility)
 * with no sort: O(prime contracts x supply + entries). Selection chains are
 * built once per (A, T), breadth-first over the contracts of the parties
 * already in the chain (CSR rows), and cached (chains.c): a chain without
 * a facility-signed contract does not depend on the facility, so 21,000
 * clinics of one cloud EHR share one chain.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

/* ---- served pairs ----------------------------------------------------- */

int ms_served_layout(ms_engine *e)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	uint32_t *count = e->carry.own_fill;
	for (uint32_t f = 0; f < e->np; f++) {
		if (!ms_is_facility(e, f))
			continue;
		uint32_t ep = ms_engine_epoch(e);
		for (uint32_t k = e->ix.by_client.off[f]; k < e->ix.by_client.off[f + 1]; k++) {
			uint32_t c = e->ix.by_client.idx[k];
			if (!(e->ix.cflags[c] & MS_CF_PRIME))
				continue;
			/* rules.md Terms: every T the prime contract covers is served, and
			 * so is everything in supply(T). */
			ms_span cv = m->contracts.v[c].covers;
			for (uint32_t i = 0; i < cv.n; i++) {
				ms_span sp = ms_supply(e, MS_SPAN_AT(m, cv, i));
				if (e->oom)
					return -1;
				for (uint32_t j = 0; j < sp.n; j++) {
					uint32_t x = e->supply.pool.v[sp.off + j];
					if (e->fac.served_mark[x] != ep) {
						e->fac.served_mark[x] = ep;
						count[x]++;
					}
				}
			}
		}
	}
	/* Laid out by system id (cli.md order of the entries). */
	size_t total = 0;
	for (uint32_t i = 0; i < e->ns; i++) {
		uint32_t s = a->system_order[i];
		a->sysinfo[s].own_off = (uint32_t)total;
		a->sysinfo[s].nown = count[s];
		a->sysinfo[s].served = count[s] > 0;
		total += count[s];
		count[s] = 0;
	}
	if (total >= UINT32_MAX)
		return -1;
	if (total && a->findings_only) {
		/* Only the facilities are read again (ms_own_facility). */
		e->carry.own_facility = malloc(total * sizeof(uint32_t));
		if (!e->carry.own_facility)
			return -1;
	} else if (total) {
		a->ownership.v = malloc(total * sizeof(ms_ownership));
		if (!a->ownership.v)
			return -1;
		a->ownership.n = a->ownership.cap = total;
	}
	return 0;
}

/* ---- one facility ----------------------------------------------------- */

/* Triples by system, then prime (by id), then contract and T: the
 * triples of one entry are contiguous, and so are each prime's. */
static int triple_less(const ms_engine *e, const ms_triple *x, const ms_triple *y)
{
	if (x->system != y->system)
		return x->system < y->system;
	uint32_t px = e->ix.party_rank[e->m->contracts.v[x->contract].supplier];
	uint32_t py = e->ix.party_rank[e->m->contracts.v[y->contract].supplier];
	if (px != py)
		return px < py;
	if (x->contract != y->contract)
		return x->contract < y->contract;
	return x->target < y->target;
}

/* Sort e->fac.triples (bottom-up merge). */
static int sort_triples(ms_engine *e)
{
	size_t n = e->fac.triples.n;
	if (n < 2)
		return 0;
	if (e->work.triples_buf.cap < n) {
		ms_triple *nv = realloc(e->work.triples_buf.v, n * sizeof(*nv));
		if (!nv)
			return -1;
		e->work.triples_buf.v = nv;
		e->work.triples_buf.cap = n;
	}
	ms_triple *src = e->fac.triples.v, *dst = e->work.triples_buf.v;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = triple_less(e, &src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		ms_triple *t = src;
		src = dst;
		dst = t;
	}
	if (src != e->fac.triples.v)
		memcpy(e->fac.triples.v, src, n * sizeof(*src));
	return 0;
}

static int id_less(const ms_engine *e, uint32_t c1, uint32_t c2)
{
	return strcmp(e->m->contracts.v[c1].id, e->m->contracts.v[c2].id) < 0;
}

/* Does a selection chain from a (for one of a's triples g[0..ng)) lead to
 * system x (rules.md Terms: to a system, not to a party)? Its slot, with
 * the smallest-id prime contract whose chain does. */
static uint32_t reaches(ms_engine *e, const ms_triple *g, size_t ng, uint32_t a, uint32_t x,
                        uint32_t *via_contract, ms_chain *via_chain)
{
	uint32_t best_slot = MS_NONE, best_target = MS_NONE;
	for (size_t i = 0; i < ng && !e->oom; i++) {
		/* One contract has a triple per covered system: the system with
		 * the smallest id breaks the tie, not the order of the document. */
		if (best_slot != MS_NONE && !id_less(e, g[i].contract, *via_contract) &&
		    (g[i].contract != *via_contract ||
		     e->ix.system_rank[g[i].target] > e->ix.system_rank[best_target]))
			continue;
		ms_chain ch = *ms_chain_get(e, a, g[i].target);
		uint32_t slot = ms_chain_to(e, &ch, a, x);
		if (slot != MS_NONE) {
			best_slot = slot;
			best_target = g[i].target;
			*via_contract = g[i].contract;
			*via_chain = ch;
		}
	}
	return best_slot;
}

/* The smallest-id contract among g[0..ng). */
static uint32_t first_contract(const ms_engine *e, const ms_triple *g, size_t ng)
{
	uint32_t best = g[0].contract;
	for (size_t i = 1; i < ng; i++)
		if (id_less(e, g[i].contract, best))
			best = g[i].contract;
	return best;
}

/* Index in e->fac.pranges of prime p (they are sorted by id), or MS_NONE. */
static uint32_t prime_index(const ms_engine *e, uint32_t p)
{
	if (p == MS_NONE)
		return MS_NONE;
	uint32_t lo = 0, hi = (uint32_t)e->fac.pranges.n, r = e->ix.party_rank[p];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e->ix.party_rank[e->fac.pranges.v[mid].party] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < e->fac.pranges.n && e->fac.pranges.v[lo].party == p ? lo : MS_NONE;
}

/* Is there a selection chain to system t from party a: from the covered
 * systems of a's triples g[0..ng) when a is a prime, else from x itself
 * (a subcontractor providing x)? Its via in *via. */
static bool chain_to(ms_engine *e, uint32_t a, uint32_t x, const ms_triple *g, size_t ng,
                     uint32_t t, ms_span *via)
{
	if (ng) {
		uint32_t vc;
		ms_chain ch;
		uint32_t slot = reaches(e, g, ng, a, t, &vc, &ch);
		if (slot == MS_NONE)
			return false;
		*via = ms_chain_via_item(e, vc, ch, slot);
		return true;
	}
	ms_chain ch = *ms_chain_get(e, a, x);
	uint32_t slot = ms_chain_to(e, &ch, a, t);
	if (slot == MS_NONE)
		return false;
	/* No prime contract leads here: the chain's own contracts name it. */
	e->work.tmp2.n = 0;
	for (uint32_t s = slot; s != 0;) {
		const ms_chain_item *it = &e->chains.items.v[ch.off + s - 1];
		if (ms_push(e, &e->work.tmp2, e->m->contracts.v[it->contract].sym) < 0)
			return true;
		s = it->from;
	}
	uint32_t n = (uint32_t)e->work.tmp2.n;
	for (uint32_t k = 0; k < n / 2; k++) { /* top down */
		uint32_t v = e->work.tmp2.v[k];
		e->work.tmp2.v[k] = e->work.tmp2.v[n - 1 - k];
		e->work.tmp2.v[n - 1 - k] = v;
	}
	*via = ms_pool_put(e, e->work.tmp2.v, n);
	return true;
}

/* rules.md §4 unknown-infrastructure-but-selected: the known="false" edge
 * ed of x contradicts the selection chain `via` from party p (FAQ 2.1 「事業者A
 * は事業者Bの構成要素は不明ではなく、具体的に把握している」), once per edge. */
static void note_selected(ms_engine *e, uint32_t x, uint32_t edge, uint32_t p, ms_span via)
{
	const medscope_model *m = e->m;
	if (e->carry.edge_noted[edge])
		return;
	e->carry.edge_noted[edge] = 1;
	const ms_edge *ed = &m->edges.v[edge];
	ms_args args;
	ms_args_init(&args);
	args.system = m->systems.v[x].sym;
	args.systems = ms_pool_one(e, e->shared.one_sysym, ed->target, m->systems.v[ed->target].sym);
	args.party = ms_psym(e, p);
	args.via = via;
	ms_finding_add(e, MS_RULE_UNKNOWN_INFRASTRUCTURE_BUT_SELECTED,
	               ms_rules[MS_RULE_UNKNOWN_INFRASTRUCTURE_BUT_SELECTED].severity, ed->loc,
	               MS_SYM_SYSTEM, m->systems.v[x].sym, &args);
}

/* runs-on known="false" of served system x (provider b) towards a system S
 * that b does not provide (FAQ 2.1 不明なインフラ). When b, or a prime of the
 * facility reaching x, has a selection chain to S, the flag contradicts the
 * contracts: a note, and nothing required. Otherwise each prime reaching x
 * must tell the facility (rules.md §3; not b when b is a subcontractor,
 * who has no contract with the facility). */
static void note_unknown_infra(ms_engine *e, uint32_t x, uint32_t b, const ms_triple *g)
{
	const medscope_model *m = e->m;
	const ms_system *sy = &m->systems.v[x];
	const ms_prime_range *pr = e->fac.pranges.v;
	for (uint32_t j = 0; j < sy->nruns && !e->oom; j++) {
		uint32_t edge = sy->runs_off + j;
		const ms_edge *ed = &m->edges.v[edge];
		if (ed->flag)
			continue;
		uint32_t pb = m->systems.v[ed->target].provider;
		if (pb == b)
			continue;
		ms_span via = {0, 0};
		bool selected = false;
		if (pb != MS_NONE) {
			uint32_t bi = prime_index(e, b);
			const ms_prime_range *r = bi == MS_NONE ? NULL : &pr[bi];
			if (chain_to(e, b, x, r ? g + r->lo : NULL, r ? r->hi - r->lo : 0, ed->target, &via)) {
				note_selected(e, x, edge, b, via);
				selected = true;
			}
			/* A prime providing S itself knows it: nothing to disclose, and
			 * no selection chain to name. */
			for (size_t k = 0; k < e->fac.pranges.n && !selected; k++)
				selected = pr[k].party == pb;
			for (size_t k = 0; k < e->fac.pranges.n && !selected && !e->oom; k++) {
				if (pr[k].party == b)
					continue;
				if (chain_to(e, pr[k].party, x, g + pr[k].lo, pr[k].hi - pr[k].lo, ed->target,
				             &via)) {
					note_selected(e, x, edge, pr[k].party, via);
					selected = true;
				}
			}
		}
		for (size_t k = 0; k < e->fac.pranges.n && !selected; k++) {
			ms_unknown_infra *u = MS_VEC_PUSH(e->fac.uinfra);
			if (!u) {
				e->oom = 1;
				return;
			}
			u->party = pr[k].party;
			u->infra = ed->target;
			u->system = x;
			u->loc = ed->loc;
		}
	}
}

/* Does the chain path to `slot` (from its prime down) pass through party q? */
static bool path_has(const ms_engine *e, ms_chain ch, uint32_t slot, uint32_t q)
{
	for (uint32_t s = slot; s != 0;) {
		const ms_chain_item *it = &e->chains.items.v[ch.off + s - 1];
		if (it->party == q)
			return true;
		s = it->from;
	}
	return false;
}

/* §2 selected-by-prime: which of the primes (index into e->fac.pranges)
 * with a selection chain to system g[0].system owns, MS_NONE when none has
 * one. A prime whose chain passes through another prime with a chain owns
 * before it: FAQ 2.1 「事業者Aが事業者Bを調達しても、契約上は、医療機関等と事業者B
 * が直接契約する場合…事業者Aは事業者Bの構成要素の内容を含めてリスクマネジメントを
 * 行い」 — B's components (what B subcontracted) are in the RM of the A that
 * procured B, whatever their ids. rules.md §2's "the smallest id owns" then
 * only breaks ties between primes the guideline does not order (two chains
 * that do not pass through each other), and a cycle of such procurements. */
static uint32_t chain_owner(ms_engine *e, const ms_triple *g, uint32_t b)
{
	const ms_prime_range *pr = e->fac.pranges.v;
	size_t nprime = e->fac.pranges.n;
	uint32_t x = g[0].system, first = MS_NONE;
	for (size_t k = 0; k < nprime && !e->oom; k++) {
		uint32_t vc, slot;
		ms_chain ch;
		if (pr[k].party == b ||
		    reaches(e, g + pr[k].lo, pr[k].hi - pr[k].lo, pr[k].party, x, &vc, &ch) == MS_NONE)
			continue;
		if (first == MS_NONE)
			first = (uint32_t)k;
		bool procured = false;
		for (size_t j = 0; j < nprime && !procured && !e->oom; j++) {
			if (j == k || pr[j].party == b)
				continue;
			slot = reaches(e, g + pr[j].lo, pr[j].hi - pr[j].lo, pr[j].party, x, &vc, &ch);
			procured = slot != MS_NONE && path_has(e, ch, slot, pr[k].party);
		}
		if (!procured)
			return (uint32_t)k;
	}
	return first;
}

/* The owner and basis of one entry (rules.md §2, first that holds); the via
 * goes to e->work.tmp, or to *single when it is a span already in the pool. */
static void decide_owner(ms_engine *e, uint32_t f, const ms_triple *g, uint32_t b,
                         uint16_t *basis, uint32_t *owner, ms_span *single)
{
	const medscope_model *m = e->m;
	const ms_prime_range *pr = e->fac.pranges.v;
	size_t nprime = e->fac.pranges.n;
	uint32_t x = g[0].system;
	if (b == f) {
		*basis = MS_RULE_SELF_OPERATED; /* FAQ 1.1 */
		*owner = f;
		return;
	}
	if (b == MS_NONE) {
		*basis = MS_RULE_UNKNOWN_PROVIDER; /* FAQ 5: the facility stays responsible */
		*owner = f;
		return;
	}
	/* FAQ 2.1 「事業者Aが事業者Bを調達しても、契約上は、医療機関等と事業者Bが
	 * 直接契約する場合」: F signs with B, selected-by A, a prime reaching S. */
	uint32_t pa = MS_NONE, pc = MS_NONE;
	const uint32_t *pv = e->fac.procured.v;
	size_t lo = 0, hi = e->fac.procured.n;
	while (lo < hi) { /* the first of F's such contracts with supplier B */
		size_t mid = lo + (hi - lo) / 2;
		if (m->contracts.v[pv[mid]].supplier < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < e->fac.procured.n && m->contracts.v[pv[lo]].supplier == b; lo++) {
		uint32_t c = pv[lo], sel = m->contracts.v[c].selected_by;
		/* ... through that contract: it covers S or a system whose supply
		 * contains S (rules.md §2), not B's other systems. */
		if (prime_index(e, sel) == MS_NONE || !ms_covers_supply_of(e, c, x))
			continue;
		if (pa == MS_NONE || e->ix.party_rank[sel] < e->ix.party_rank[pa] ||
		    (sel == pa && id_less(e, c, pc))) {
			pa = sel;
			pc = c;
		}
	}
	if (pa != MS_NONE) {
		const ms_prime_range *r = &pr[prime_index(e, pa)];
		*basis = MS_RULE_PROCURED_BY_PRIME;
		*owner = pa;
		if (ms_push(e, &e->work.tmp, m->contracts.v[first_contract(e, g + r->lo, r->hi - r->lo)].sym) == 0)
			ms_push(e, &e->work.tmp, m->contracts.v[pc].sym);
		return;
	}
	/* GL 2.2.2 case 1/2: a prime with a selection chain to S (through
	 * contracts covering S's supply: FAQ 2.1 「事業者Aは、事業者Bの選定に
	 * 関与しておらず」 when A contracted B for another system only). */
	uint32_t k = chain_owner(e, g, b);
	if (k != MS_NONE) {
		uint32_t vc;
		ms_chain chain;
		uint32_t slot = reaches(e, g + pr[k].lo, pr[k].hi - pr[k].lo, pr[k].party, x, &vc, &chain);
		*basis = MS_RULE_SELECTED_BY_PRIME;
		*owner = pr[k].party;
		*single = ms_chain_via_item(e, vc, chain, slot);
		return;
	}
	uint32_t bi = prime_index(e, b);
	if (bi != MS_NONE) {
		/* FAQ 2.1 / GL 2.2.3: the facility contracts B itself; another prime
		 * reaching S cannot run B's risk management. */
		*basis = nprime > 1 ? MS_RULE_FACILITY_CONTRACTED : MS_RULE_PRIME_PROVIDER;
		*owner = b;
	} else {
		/* FAQ 2: A checks B's infrastructure as part of its supply chain. */
		*basis = MS_RULE_PRIME_SUPPLY_CHAIN;
		*owner = pr[0].party;
		bi = 0;
	}
	uint32_t c = first_contract(e, g + pr[bi].lo, pr[bi].hi - pr[bi].lo);
	*single = ms_pool_one(e, e->shared.one_contract, c, m->contracts.v[c].sym);
}

/* One ownership entry: system g[0].system towards facility f (rules.md §2),
 * and what it brings to §3 and §4. */
static void decide_entry(ms_engine *e, uint32_t f, const ms_triple *g, size_t ng)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	uint32_t x = g[0].system, b = m->systems.v[x].provider;

	/* P(S, F): the primes reaching S, by id, with their triples. */
	e->fac.pranges.n = 0;
	for (size_t i = 0; i < ng; i++) {
		uint32_t p = m->contracts.v[g[i].contract].supplier;
		ms_prime_range *last = e->fac.pranges.n ? &e->fac.pranges.v[e->fac.pranges.n - 1] : NULL;
		if (last && last->party == p) {
			last->hi = (uint32_t)i + 1;
			continue;
		}
		ms_prime_range *r = MS_VEC_PUSH(e->fac.pranges);
		if (!r) {
			e->oom = 1;
			return;
		}
		r->party = p;
		r->lo = (uint32_t)i;
		r->hi = (uint32_t)i + 1;
	}

	uint16_t basis = 0;
	uint32_t owner = MS_NONE;
	ms_span single = {0, 0};
	e->work.tmp.n = 0;
	decide_owner(e, f, g, b, &basis, &owner, &single);
	if (e->oom)
		return;

	uint32_t slot = a->sysinfo[x].own_off + e->carry.own_fill[x]++;
	ms_ownership *ow = a->findings_only ? NULL : &a->ownership.v[slot];
	if (ow) {
		ow->system = x;
		ow->facility = f;
		ow->owner = owner;
		ow->basis = basis;
		ow->via = single.n ? single : ms_pool_put(e, e->work.tmp.v, (uint32_t)e->work.tmp.n);
	} else {
		e->carry.own_facility[slot] = f;
	}
	/* considered_by: every prime other than the owner and B, by id. */
	e->work.tmp.n = 0;
	for (size_t k = 0; k < e->fac.pranges.n; k++) {
		uint32_t p = e->fac.pranges.v[k].party;
		if (p == owner || p == b || ms_push(e, &e->work.tmp, p) < 0)
			continue;
		if (basis == MS_RULE_FACILITY_CONTRACTED) {
			/* §3 missing-integration-agreement: F with A and F with B. */
			ms_integ *in = MS_VEC_PUSH(e->fac.integ);
			if (!in) {
				e->oom = 1;
				return;
			}
			in->a = p;
			in->b = owner;
			in->sys1 = x;
			in->sys2 = MS_NONE;
		}
	}
	if (ow)
		ow->considered_by = ms_pool_put(e, e->work.tmp.v, (uint32_t)e->work.tmp.n);

	if (basis == MS_RULE_PRIME_SUPPLY_CHAIN) {
		ms_args args;
		ms_args_init(&args);
		args.system = m->systems.v[x].sym;
		args.facility = m->parties.v[f].sym;
		args.party = m->parties.v[owner].sym;
		args.other = m->parties.v[b].sym;
		ms_finding_add(e, MS_RULE_MISSING_CONTRACT, ms_rules[MS_RULE_MISSING_CONTRACT].severity,
		               m->systems.v[x].loc, MS_SYM_SYSTEM, m->systems.v[x].sym, &args);
	}
	if (e->carry.split_dev[x] != MS_NONE) /* FAQ 3.1: F with each prime but itself */
		for (size_t k = 0; k < e->fac.pranges.n; k++) {
			uint32_t pa = e->fac.pranges.v[k].party;
			ms_lifecycle_pair *lp = pa == f ? NULL : MS_VEC_PUSH(e->fac.lifecycle);
			if (pa == f)
				continue;
			if (!lp) {
				e->oom = 1;
				return;
			}
			lp->prime = pa;
			lp->system = x;
		}
	if (b != MS_NONE && b != f)
		note_unknown_infra(e, x, b, g);
}

static int cmp_supplier(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_model *m = ctx;
	uint32_t sx = m->contracts.v[x].supplier, sy = m->contracts.v[y].supplier;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* F's prime contracts (e->fac.pcs) and the qualifying contracts F signed with a
 * supplier someone else selected (e->fac.procured), both grouped by supplier;
 * the primes' smallest-id prime contracts in prime_first. */
static int facility_contracts(ms_engine *e, uint32_t f, uint32_t ep)
{
	const medscope_model *m = e->m;
	e->fac.pcs.n = e->fac.procured.n = 0;
	for (uint32_t k = e->ix.by_client.off[f]; k < e->ix.by_client.off[f + 1]; k++) {
		uint32_t c = e->ix.by_client.idx[k];
		const ms_contract *ct = &m->contracts.v[c];
		if (!(e->ix.cflags[c] & MS_CF_QUALIFYING))
			continue;
		if (ct->selected_by != f && ct->selected_by != ct->supplier) {
			uint32_t *p = MS_VEC_PUSH(e->fac.procured);
			if (!p)
				return -1;
			*p = c;
		}
		if (!(e->ix.cflags[c] & MS_CF_PRIME))
			continue;
		uint32_t *p = MS_VEC_PUSH(e->fac.pcs);
		if (!p)
			return -1;
		*p = c;
		uint32_t sup = ct->supplier;
		if (e->fac.prime_mark[sup] != ep) {
			e->fac.prime_mark[sup] = ep;
			e->fac.prime_first[sup] = c;
		} else if (id_less(e, c, e->fac.prime_first[sup])) {
			e->fac.prime_first[sup] = c;
		}
	}
	if (ms_sort_u32(e->fac.pcs.v, e->fac.pcs.n, cmp_supplier, m) < 0 ||
	    ms_sort_u32(e->fac.procured.v, e->fac.procured.n, cmp_supplier, m) < 0)
		return -1;
	return 0;
}

void ms_ownership_facility(ms_engine *e, uint32_t f)
{
	const medscope_model *m = e->m;
	ms_facility *fc = &e->fac;
	uint32_t ep = ms_engine_epoch(e);
	fc->f = f;
	fc->epoch = ep;
	fc->triples.n = fc->integ.n = fc->uinfra.n = fc->lifecycle.n = 0;
	fc->via_memo.n = fc->via_spans.n = 0;
	if (facility_contracts(e, f, ep) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t k = 0; k < fc->pcs.n; k++) {
		const ms_contract *ct = &m->contracts.v[fc->pcs.v[k]];
		for (uint32_t i = 0; i < ct->covers.n; i++) {
			uint32_t t = MS_SPAN_AT(m, ct->covers, i);
			ms_span sp = ms_supply(e, t);
			for (uint32_t j = 0; j < sp.n && !e->oom; j++) {
				ms_triple *tr = MS_VEC_PUSH(fc->triples);
				if (!tr) {
					e->oom = 1;
					return;
				}
				tr->system = e->supply.pool.v[sp.off + j];
				tr->contract = fc->pcs.v[k];
				tr->target = t;
				fc->served_mark[tr->system] = ep;
			}
		}
	}
	if (fc->triples.n == 0 || e->oom)
		return;
	if (sort_triples(e) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t i = 0; i < fc->triples.n && !e->oom;) {
		size_t j = i + 1;
		while (j < fc->triples.n && fc->triples.v[j].system == fc->triples.v[i].system)
			j++;
		decide_entry(e, f, fc->triples.v + i, j - i);
		i = j;
	}
}

int ms_analysis_by_facility(medscope_analysis *a)
{
	size_t np = a->model->parties.n, n = a->ownership.n;
	a->facility_off = calloc(np + 2, sizeof(uint32_t));
	a->facility_entries = malloc((n + 1) * sizeof(uint32_t));
	uint32_t *fill = malloc((np + 1) * sizeof(uint32_t));
	if (!a->facility_off || !a->facility_entries || !fill) {
		free(fill);
		return -1;
	}
	/* A counting sort by facility keeps each facility's entries in the
	 * order of the array: by system id. */
	for (size_t i = 0; i < n; i++)
		a->facility_off[a->ownership.v[i].facility + 1]++;
	for (size_t p = 0; p < np; p++)
		a->facility_off[p + 1] += a->facility_off[p];
	memcpy(fill, a->facility_off, (np + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		a->facility_entries[fill[a->ownership.v[i].facility]++] = (uint32_t)i;
	free(fill);
	return 0;
}
