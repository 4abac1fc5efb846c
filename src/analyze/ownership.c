/*
 * rules.md §2: who owns risk management of each served system towards each
 * facility. A system is served to facility F when it is in supply(T) of a
 * system T that one of F's prime contracts covers.
 *
 * Cost: the served pairs are counted, then filled in place, facility by
 * facility in id order, so entries come out sorted by (system, facility)
 * with no sort: O(prime contracts x supply + entries). Selection chains are
 * built once per (A, T), breadth-first over the contracts of the parties
 * already in the chain (CSR rows), and cached: a chain does not depend on
 * the facility, so 21,000 clinics of one cloud EHR share one chain.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

/* ---- served pairs ----------------------------------------------------- */

int ms_served_layout(ms_engine *e)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	uint32_t *count = e->own_fill;
	for (uint32_t f = 0; f < e->np; f++) {
		if (!ms_is_facility(e, f))
			continue;
		uint32_t ep = ms_engine_epoch(e);
		for (uint32_t k = e->by_client.off[f]; k < e->by_client.off[f + 1]; k++) {
			uint32_t c = e->by_client.idx[k];
			if (!(e->cflags[c] & MS_CF_PRIME))
				continue;
			/* rules.md Terms: every T the prime contract covers is served, and
			 * so is everything in supply(T). */
			ms_span cv = m->contracts.v[c].covers;
			for (uint32_t i = 0; i < cv.n; i++) {
				ms_span sp = ms_supply(e, MS_SPAN_AT(m, cv, i));
				if (e->oom)
					return -1;
				for (uint32_t j = 0; j < sp.n; j++) {
					uint32_t x = e->supply_pool.v[sp.off + j];
					if (e->served_mark[x] != ep) {
						e->served_mark[x] = ep;
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
		e->own_facility = malloc(total * sizeof(uint32_t));
		if (!e->own_facility)
			return -1;
	} else if (total) {
		a->ownership.v = malloc(total * sizeof(ms_ownership));
		if (!a->ownership.v)
			return -1;
		a->ownership.n = a->ownership.cap = total;
	}
	return 0;
}

/* ---- selection chains ------------------------------------------------- */

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static int chain_cache_grow(ms_engine *e)
{
	uint32_t cap = e->chain_cap ? e->chain_cap * 2 : 256;
	uint64_t *keys = malloc(sizeof(*keys) * cap);
	uint32_t *ids = malloc(sizeof(*ids) * cap);
	if (!keys || !ids) {
		free(keys);
		free(ids);
		return -1;
	}
	for (uint32_t i = 0; i < cap; i++)
		ids[i] = MS_NONE;
	for (uint32_t i = 0; i < e->chain_cap; i++) {
		if (e->chain_ids[i] == MS_NONE)
			continue;
		uint32_t h = (uint32_t)mix64(e->chain_keys[i]) & (cap - 1);
		while (ids[h] != MS_NONE)
			h = (h + 1) & (cap - 1);
		keys[h] = e->chain_keys[i];
		ids[h] = e->chain_ids[i];
	}
	free(e->chain_keys);
	free(e->chain_ids);
	e->chain_keys = keys;
	e->chain_ids = ids;
	e->chain_cap = cap;
	return 0;
}

/* Follow one CSR row of contracts from party q into the chain being built. */
static void chain_follow(ms_engine *e, const ms_csr *row, uint32_t q, uint32_t ep, size_t start)
{
	const medscope_model *m = e->m;
	for (uint32_t k = row->off[q]; k < row->off[q + 1]; k++) {
		uint32_t c = row->idx[k];
		if (!(e->cflags[c] & MS_CF_QUALIFYING) || e->contract_mark[c] == ep)
			continue;
		const ms_contract *ct = &m->contracts.v[c];
		if (ct->supplier == ct->client) /* a party's contract with itself subcontracts nothing */
			continue;
		bool covers = false;
		for (uint32_t i = 0; i < ct->covers.n && !covers; i++)
			covers = e->chain_sys[MS_SPAN_AT(m, ct->covers, i)] == ep;
		if (!covers) /* rules.md §2: each covering systems in supply(T) */
			continue;
		e->contract_mark[c] = ep;
		uint32_t s = ct->supplier;
		ms_chain_item *it = MS_VEC_PUSH(e->chain_items);
		uint32_t *qp = it && e->party_mark[s] != ep ? MS_VEC_PUSH(e->queue) : NULL;
		if (!it || (e->party_mark[s] != ep && !qp)) {
			e->oom = 1;
			return;
		}
		it->contract = c;
		it->party = s;
		it->from = e->party_slot[q];
		it->first = e->party_mark[s] != ep;
		if (it->first) {
			e->party_mark[s] = ep;
			e->party_slot[s] = (uint32_t)(e->chain_items.n - start);
			*qp = s;
		}
	}
}

typedef struct {
	const ms_engine *e;
	uint32_t off;
} slot_ctx;

static int cmp_slot_party(const void *ctx, uint32_t x, uint32_t y)
{
	const slot_ctx *sc = ctx;
	uint32_t px = sc->e->chain_items.v[sc->off + x - 1].party;
	uint32_t py = sc->e->chain_items.v[sc->off + y - 1].party;
	return px < py ? -1 : px > py;
}

const ms_chain *ms_chain_get(ms_engine *e, uint32_t a, uint32_t t)
{
	static const ms_chain empty = {0, 0, 0, 0};
	uint64_t key = ((uint64_t)a << 32) | t;
	if (e->chain_cap) {
		uint32_t h = (uint32_t)mix64(key) & (e->chain_cap - 1);
		while (e->chain_ids[h] != MS_NONE) {
			if (e->chain_keys[h] == key)
				return &e->chains.v[e->chain_ids[h]];
			h = (h + 1) & (e->chain_cap - 1);
		}
	}
	if ((e->chain_count + 1) * 2 > e->chain_cap && chain_cache_grow(e) < 0) {
		e->oom = 1;
		return &empty;
	}
	ms_span sp = ms_supply(e, t);
	uint32_t ep = ms_engine_epoch(e);
	for (uint32_t i = 0; i < sp.n; i++)
		e->chain_sys[e->supply_pool.v[sp.off + i]] = ep;
	/* Breadth-first from A: a qualifying contract joins when its client is in
	 * the chain, or its selected-by party is and a vendor signed it (FAQ 2.1,
	 * GL 2.2.2 case 1/2: A selects B, B procures C). */
	size_t start = e->chain_items.n;
	e->queue.n = 0;
	uint32_t *q0 = MS_VEC_PUSH(e->queue);
	if (!q0) {
		e->oom = 1;
		return &empty;
	}
	*q0 = a;
	e->party_mark[a] = ep;
	e->party_slot[a] = 0;
	for (size_t head = 0; head < e->queue.n && !e->oom; head++) {
		uint32_t q = e->queue.v[head];
		chain_follow(e, &e->by_client, q, ep, start);
		chain_follow(e, &e->by_selector, q, ep, start);
	}
	/* Index the parties reached, for ms_chain_find() in O(log n). */
	size_t istart = e->chain_index.n;
	for (size_t i = start; i < e->chain_items.n && !e->oom; i++) {
		if (!e->chain_items.v[i].first)
			continue;
		uint32_t *slot = MS_VEC_PUSH(e->chain_index);
		if (!slot) {
			e->oom = 1;
			break;
		}
		*slot = (uint32_t)(i - start + 1);
	}
	ms_chain *ch = e->oom ? NULL : MS_VEC_PUSH(e->chains);
	if (!ch) {
		e->oom = 1;
		return &empty;
	}
	ch->off = (uint32_t)start;
	ch->n = (uint32_t)(e->chain_items.n - start);
	ch->ioff = (uint32_t)istart;
	ch->ni = (uint32_t)(e->chain_index.n - istart);
	slot_ctx sc = {e, ch->off};
	/* An empty chain may have no array at all: no pointer arithmetic on NULL. */
	if (ch->ni && ms_sort_u32(e->chain_index.v + istart, ch->ni, cmp_slot_party, &sc) < 0) {
		e->oom = 1;
		return &empty;
	}
	uint32_t h = (uint32_t)mix64(key) & (e->chain_cap - 1);
	while (e->chain_ids[h] != MS_NONE)
		h = (h + 1) & (e->chain_cap - 1);
	e->chain_keys[h] = key;
	e->chain_ids[h] = (uint32_t)(e->chains.n - 1);
	e->chain_count++;
	return ch;
}

uint32_t ms_chain_find(const ms_engine *e, const ms_chain *c, uint32_t a, uint32_t b)
{
	if (b == a)
		return 0;
	if (c->ni == 0) /* an empty chain may have no array: no arithmetic on NULL */
		return MS_NONE;
	const uint32_t *slots = e->chain_index.v + c->ioff;
	uint32_t lo = 0, hi = c->ni;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e->chain_items.v[c->off + slots[mid] - 1].party < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->ni && e->chain_items.v[c->off + slots[lo] - 1].party == b)
		return slots[lo];
	return MS_NONE;
}

static int u32_fill(ms_engine *e, ms_u32vec *v, size_t n, uint32_t value)
{
	if (v->cap < n) {
		size_t cap = v->cap ? v->cap : 16;
		while (cap < n)
			cap *= 2;
		uint32_t *nv = realloc(v->v, cap * sizeof(*nv));
		if (!nv) {
			e->oom = 1;
			return -1;
		}
		v->v = nv;
		v->cap = cap;
	}
	for (size_t i = 0; i < n; i++)
		v->v[i] = value;
	v->n = n;
	return 0;
}

/* Lay out the vias of every slot of chain ch under prime contract c:
 * depth-first, so a slot's via extends its parent's in place when nothing
 * came between, and is a copy of it plus one contract otherwise. */
static uint32_t via_build(ms_engine *e, uint32_t c, ms_chain ch)
{
	const medscope_model *m = e->m;
	uint32_t n = ch.n + 1, base = (uint32_t)e->via_spans.n;
	for (uint32_t i = 0; i < n; i++) {
		ms_span *sp = MS_VEC_PUSH(e->via_spans);
		if (!sp) {
			e->oom = 1;
			return MS_NONE;
		}
	}
	/* The tree of slots: children of each slot (only items that brought a party). */
	if (u32_fill(e, &e->via_child, n, MS_NONE) < 0 || u32_fill(e, &e->via_sibling, n, MS_NONE) < 0)
		return MS_NONE;
	for (uint32_t s = n - 1; s >= 1; s--) {
		const ms_chain_item *it = &e->chain_items.v[ch.off + s - 1];
		if (!it->first)
			continue;
		e->via_sibling.v[s] = e->via_child.v[it->from];
		e->via_child.v[it->from] = s;
	}
	e->via_spans.v[base] = ms_pool_put(e, &m->contracts.v[c].sym, 1);
	e->via_stack.n = 0;
	for (uint32_t s = e->via_child.v[0]; s != MS_NONE; s = e->via_sibling.v[s]) {
		uint32_t *p = MS_VEC_PUSH(e->via_stack);
		if (!p) {
			e->oom = 1;
			return MS_NONE;
		}
		*p = s;
	}
	while (e->via_stack.n && !e->oom) {
		uint32_t s = e->via_stack.v[--e->via_stack.n];
		const ms_chain_item *it = &e->chain_items.v[ch.off + s - 1];
		ms_span parent = e->via_spans.v[base + it->from];
		uint32_t sym = m->contracts.v[it->contract].sym;
		ms_span sp;
		if (parent.off + parent.n == e->a->pool.n) { /* extend in place */
			ms_pool_put(e, &sym, 1);
			sp.off = parent.off;
			sp.n = parent.n + 1;
		} else {
			sp = ms_pool_put(e, NULL, parent.n + 1);
			if (e->oom)
				return MS_NONE;
			memcpy(e->a->pool.v + sp.off, e->a->pool.v + parent.off, parent.n * sizeof(uint32_t));
			e->a->pool.v[sp.off + parent.n] = sym;
		}
		e->via_spans.v[base + s] = sp;
		for (uint32_t k = e->via_child.v[s]; k != MS_NONE; k = e->via_sibling.v[k]) {
			uint32_t *p = MS_VEC_PUSH(e->via_stack);
			if (!p) {
				e->oom = 1;
				return MS_NONE;
			}
			*p = k;
		}
	}
	return base;
}

/* The via of an entry owned through chain ch from prime contract c:
 * [c, the chain contracts down to `slot`]. */
static ms_span chain_via(ms_engine *e, uint32_t c, ms_chain ch, uint32_t slot)
{
	ms_span none = {0, 0};
	uint32_t base = MS_NONE;
	for (size_t i = 0; i < e->via_memo.n && base == MS_NONE; i++)
		if (e->via_memo.v[i].contract == c && e->via_memo.v[i].chain_off == ch.off)
			base = e->via_memo.v[i].spans;
	if (base == MS_NONE) {
		base = via_build(e, c, ch);
		ms_via_memo *vm = base == MS_NONE ? NULL : MS_VEC_PUSH(e->via_memo);
		if (!vm) {
			e->oom = 1;
			return none;
		}
		vm->contract = c;
		vm->chain_off = ch.off;
		vm->spans = base;
	}
	return e->via_spans.v[base + slot];
}

/* ---- one facility ----------------------------------------------------- */

/* Triples by system, then prime (by id), then contract and T: the
 * triples of one entry are contiguous, and so are each prime's. */
static int triple_less(const ms_engine *e, const ms_triple *x, const ms_triple *y)
{
	if (x->system != y->system)
		return x->system < y->system;
	uint32_t px = e->party_rank[e->m->contracts.v[x->contract].supplier];
	uint32_t py = e->party_rank[e->m->contracts.v[y->contract].supplier];
	if (px != py)
		return px < py;
	if (x->contract != y->contract)
		return x->contract < y->contract;
	return x->target < y->target;
}

/* Sort e->triples (bottom-up merge). */
static int sort_triples(ms_engine *e)
{
	size_t n = e->triples.n;
	if (n < 2)
		return 0;
	if (e->triples_buf.cap < n) {
		ms_triple *nv = realloc(e->triples_buf.v, n * sizeof(*nv));
		if (!nv)
			return -1;
		e->triples_buf.v = nv;
		e->triples_buf.cap = n;
	}
	ms_triple *src = e->triples.v, *dst = e->triples_buf.v;
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
	if (src != e->triples.v)
		memcpy(e->triples.v, src, n * sizeof(*src));
	return 0;
}

static int id_less(const ms_engine *e, uint32_t c1, uint32_t c2)
{
	return strcmp(e->m->contracts.v[c1].id, e->m->contracts.v[c2].id) < 0;
}

/* Does a selection chain from a (for one of a's triples g[0..ng)) reach b?
 * Its slot, with the smallest-id prime contract whose chain does. */
static uint32_t reaches(ms_engine *e, const ms_triple *g, size_t ng, uint32_t a, uint32_t b,
                        uint32_t *via_contract, ms_chain *via_chain)
{
	uint32_t best_slot = MS_NONE;
	for (size_t i = 0; i < ng && !e->oom; i++) {
		if (best_slot != MS_NONE && !id_less(e, g[i].contract, *via_contract))
			continue;
		ms_chain ch = *ms_chain_get(e, a, g[i].target);
		uint32_t slot = ms_chain_find(e, &ch, a, b);
		if (slot != MS_NONE) {
			best_slot = slot;
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

/* Index in e->pranges of prime p (they are sorted by id), or MS_NONE. */
static uint32_t prime_index(const ms_engine *e, uint32_t p)
{
	if (p == MS_NONE)
		return MS_NONE;
	uint32_t lo = 0, hi = (uint32_t)e->pranges.n, r = e->party_rank[p];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e->party_rank[e->pranges.v[mid].party] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < e->pranges.n && e->pranges.v[lo].party == p ? lo : MS_NONE;
}

/* runs-on known="false" of x (provider a) towards infrastructure neither a
 * provides nor a selection chain from a reaches (FAQ 2.1 不明なインフラ): from
 * the covered systems of a's triples g[0..ng), or from x itself when a is
 * no prime of the facility. */
static void note_unknown_infra(ms_engine *e, uint32_t x, uint32_t a, const ms_triple *g,
                               size_t ng)
{
	const medscope_model *m = e->m;
	const ms_system *sy = &m->systems.v[x];
	for (uint32_t j = 0; j < sy->nruns && !e->oom; j++) {
		const ms_edge *ed = &m->edges.v[sy->runs_off + j];
		if (ed->flag)
			continue;
		uint32_t pb = m->systems.v[ed->target].provider;
		if (pb == a)
			continue;
		if (pb != MS_NONE) {
			uint32_t vc;
			ms_chain vch;
			if (ng) {
				if (reaches(e, g, ng, a, pb, &vc, &vch) != MS_NONE)
					continue;
			} else {
				ms_chain ch = *ms_chain_get(e, a, x);
				if (ms_chain_find(e, &ch, a, pb) != MS_NONE)
					continue;
			}
		}
		ms_unknown_infra *u = MS_VEC_PUSH(e->uinfra);
		if (!u) {
			e->oom = 1;
			return;
		}
		u->party = a;
		u->infra = ed->target;
		u->system = x;
		u->loc = ed->loc;
	}
}

static int push_tmp(ms_engine *e, uint32_t v)
{
	uint32_t *p = MS_VEC_PUSH(e->tmp);
	if (!p) {
		e->oom = 1;
		return -1;
	}
	*p = v;
	return 0;
}

/* The owner and basis of one entry (rules.md §2, first that holds); the via
 * goes to e->tmp, or to *single when it is a span already in the pool. */
static void decide_owner(ms_engine *e, uint32_t f, const ms_triple *g, uint32_t b,
                         uint16_t *basis, uint32_t *owner, ms_span *single)
{
	const medscope_model *m = e->m;
	const ms_prime_range *pr = e->pranges.v;
	size_t nprime = e->pranges.n;
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
	const uint32_t *pv = e->procured.v;
	size_t lo = 0, hi = e->procured.n;
	while (lo < hi) { /* the first of F's such contracts with supplier B */
		size_t mid = lo + (hi - lo) / 2;
		if (m->contracts.v[pv[mid]].supplier < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < e->procured.n && m->contracts.v[pv[lo]].supplier == b; lo++) {
		uint32_t c = pv[lo], sel = m->contracts.v[c].selected_by;
		if (prime_index(e, sel) == MS_NONE)
			continue;
		if (pa == MS_NONE || e->party_rank[sel] < e->party_rank[pa] ||
		    (sel == pa && id_less(e, c, pc))) {
			pa = sel;
			pc = c;
		}
	}
	if (pa != MS_NONE) {
		const ms_prime_range *r = &pr[prime_index(e, pa)];
		*basis = MS_RULE_PROCURED_BY_PRIME;
		*owner = pa;
		if (push_tmp(e, m->contracts.v[first_contract(e, g + r->lo, r->hi - r->lo)].sym) == 0)
			push_tmp(e, m->contracts.v[pc].sym);
		return;
	}
	/* GL 2.2.2 case 1/2: a prime whose selection chain reaches B; the
	 * smallest id owns. */
	for (size_t k = 0; k < nprime && !e->oom; k++) {
		if (pr[k].party == b)
			continue;
		uint32_t vc;
		ms_chain chain;
		uint32_t slot = reaches(e, g + pr[k].lo, pr[k].hi - pr[k].lo, pr[k].party, b, &vc, &chain);
		if (slot != MS_NONE) {
			*basis = MS_RULE_SELECTED_BY_PRIME;
			*owner = pr[k].party;
			*single = chain_via(e, vc, chain, slot);
			return;
		}
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
	*single = ms_pool_one(e, e->one_contract, c, m->contracts.v[c].sym);
}

/* One ownership entry: system g[0].system towards facility f (rules.md §2),
 * and what it brings to §3 and §4. */
static void decide_entry(ms_engine *e, uint32_t f, const ms_triple *g, size_t ng)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	uint32_t x = g[0].system, b = m->systems.v[x].provider;

	/* P(S, F): the primes reaching S, by id, with their triples. */
	e->pranges.n = 0;
	for (size_t i = 0; i < ng; i++) {
		uint32_t p = m->contracts.v[g[i].contract].supplier;
		ms_prime_range *last = e->pranges.n ? &e->pranges.v[e->pranges.n - 1] : NULL;
		if (last && last->party == p) {
			last->hi = (uint32_t)i + 1;
			continue;
		}
		ms_prime_range *r = MS_VEC_PUSH(e->pranges);
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
	e->tmp.n = 0;
	decide_owner(e, f, g, b, &basis, &owner, &single);
	if (e->oom)
		return;

	uint32_t slot = a->sysinfo[x].own_off + e->own_fill[x]++;
	ms_ownership *ow = a->findings_only ? NULL : &a->ownership.v[slot];
	if (ow) {
		ow->system = x;
		ow->facility = f;
		ow->owner = owner;
		ow->basis = basis;
		ow->via = single.n ? single : ms_pool_put(e, e->tmp.v, (uint32_t)e->tmp.n);
	} else {
		e->own_facility[slot] = f;
	}
	/* considered_by: every prime other than the owner and B, by id. */
	e->tmp.n = 0;
	for (size_t k = 0; k < e->pranges.n; k++) {
		uint32_t p = e->pranges.v[k].party;
		if (p == owner || p == b || push_tmp(e, p) < 0)
			continue;
		if (basis == MS_RULE_FACILITY_CONTRACTED) {
			/* §3 missing-integration-agreement: F with A and F with B. */
			ms_integ *in = MS_VEC_PUSH(e->integ);
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
		ow->considered_by = ms_pool_put(e, e->tmp.v, (uint32_t)e->tmp.n);

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
	if (e->split_dev[x] != MS_NONE) /* FAQ 3.1 */
		for (size_t k = 0; k < e->pranges.n; k++)
			ms_require_lifecycle_prime(e, f, e->pranges.v[k].party, x);
	if (b != MS_NONE && b != f) {
		uint32_t bi = prime_index(e, b);
		const ms_prime_range *r = bi == MS_NONE ? NULL : &e->pranges.v[bi];
		note_unknown_infra(e, x, b, r ? g + r->lo : NULL, r ? r->hi - r->lo : 0);
	}
}

static int cmp_supplier(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_model *m = ctx;
	uint32_t sx = m->contracts.v[x].supplier, sy = m->contracts.v[y].supplier;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* F's prime contracts (e->pcs) and the qualifying contracts F signed with a
 * supplier someone else selected (e->procured), both grouped by supplier;
 * the primes' smallest-id prime contracts in prime_first. */
static int facility_contracts(ms_engine *e, uint32_t f, uint32_t ep)
{
	const medscope_model *m = e->m;
	e->pcs.n = e->procured.n = 0;
	for (uint32_t k = e->by_client.off[f]; k < e->by_client.off[f + 1]; k++) {
		uint32_t c = e->by_client.idx[k];
		const ms_contract *ct = &m->contracts.v[c];
		if (!(e->cflags[c] & MS_CF_QUALIFYING))
			continue;
		if (ct->selected_by != f && ct->selected_by != ct->supplier) {
			uint32_t *p = MS_VEC_PUSH(e->procured);
			if (!p)
				return -1;
			*p = c;
		}
		if (!(e->cflags[c] & MS_CF_PRIME))
			continue;
		uint32_t *p = MS_VEC_PUSH(e->pcs);
		if (!p)
			return -1;
		*p = c;
		uint32_t sup = ct->supplier;
		if (e->prime_mark[sup] != ep) {
			e->prime_mark[sup] = ep;
			e->prime_first[sup] = c;
		} else if (id_less(e, c, e->prime_first[sup])) {
			e->prime_first[sup] = c;
		}
	}
	if (ms_sort_u32(e->pcs.v, e->pcs.n, cmp_supplier, m) < 0 ||
	    ms_sort_u32(e->procured.v, e->procured.n, cmp_supplier, m) < 0)
		return -1;
	return 0;
}

static void facility_pass(ms_engine *e, uint32_t f)
{
	const medscope_model *m = e->m;
	uint32_t ep = ms_engine_epoch(e);
	e->triples.n = e->integ.n = e->uinfra.n = 0;
	e->via_memo.n = e->via_spans.n = 0;
	if (facility_contracts(e, f, ep) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t k = 0; k < e->pcs.n; k++) {
		const ms_contract *ct = &m->contracts.v[e->pcs.v[k]];
		for (uint32_t i = 0; i < ct->covers.n; i++) {
			uint32_t t = MS_SPAN_AT(m, ct->covers, i);
			ms_span sp = ms_supply(e, t);
			for (uint32_t j = 0; j < sp.n && !e->oom; j++) {
				ms_triple *tr = MS_VEC_PUSH(e->triples);
				if (!tr) {
					e->oom = 1;
					return;
				}
				tr->system = e->supply_pool.v[sp.off + j];
				tr->contract = e->pcs.v[k];
				tr->target = t;
				e->served_mark[tr->system] = ep;
			}
		}
	}
	if (e->triples.n == 0 || e->oom)
		return;
	if (sort_triples(e) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t i = 0; i < e->triples.n && !e->oom;) {
		size_t j = i + 1;
		while (j < e->triples.n && e->triples.v[j].system == e->triples.v[i].system)
			j++;
		decide_entry(e, f, e->triples.v + i, j - i);
		i = j;
	}
	if (!e->oom)
		ms_agreements_facility(e, f, ep);
}

int ms_ownership_pass(ms_engine *e)
{
	/* Facilities in id order: each system's entries then come out sorted by
	 * facility id in the slots ms_served_layout() reserved. */
	for (uint32_t i = 0; i < e->np && !e->oom; i++) {
		uint32_t f = e->a->party_order[i];
		if (ms_is_facility(e, f))
			facility_pass(e, f);
	}
	return e->oom ? -1 : 0;
}
