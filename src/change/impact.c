/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope impact: everything that depends on one party or system — for an
 * IaaS incident or a vendor leaving. FAQ 2.1: 「ある事業者の提供サービスや契約の
 * 変更が、他の事業者の提供サービスに影響を及ぼすことがあります」 and the parties
 * should agree 「サービスや契約変更に関する通知などの責務」. So, from the target:
 *
 *   1. the systems that run on it, transitively (reverse runs-on, breadth
 *      first, so each system gets its smallest depth);
 *   2. the facilities they are served to and the risk-management ownership
 *      entries of those systems (rules.md §2; the analysis has them);
 *   3. the change-notification agreements present that bind an affected
 *      party (who must notify whom);
 *   4. the notification pairs along the dependency — supplier → dependent
 *      provider (runs-on), provider → owner, owner → facility — that no
 *      change-notification agreement covers (the gaps), matched exactly as
 *      `check` matches a requirement (analyze/match.h): naming both
 *      parties, with no covers or covers naming every system concerned
 *      (both systems of a runs-on edge).
 *
 * Every step walks each system, edge, entry and agreement a bounded number
 * of times; look-ups go through hash maps, so the whole is linear.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/match.h"
#include "change/idmap.h"
#include "util/hash.h"
#include "change/impact.h"

#define UNSEEN UINT32_MAX

/* Party flags: why a party is concerned. */
enum { P_PROVIDER = 1, P_OWNER = 2, P_FACILITY = 4 };

typedef struct {
	uint32_t pair, system, agreement;
} tmp_link;

typedef struct {
	medscope_impact *im;
	const medscope_analysis *a;
	const medscope_model *m;
	uint32_t *sdepth, *sparent; /* per system */
	uint32_t *pdepth;           /* per party: its position, see collect() */
	uint8_t *pflags;            /* per party: P_* */
	const uint32_t *prank;      /* per party: rank by id (the analysis's) */
	ms_matcher match;           /* agreements as check matches them (rules.md §3) */
	ms_idmap pairmap;           /* (kind, from, to) -> pair */
	MS_VEC(tmp_link) tmp;
	int oom;
} ictx;

const char *ms_pair_kind_name(unsigned kind)
{
	static const char *const names[] = {"runs-on", "provider-owner", "owner-facility"};
	return kind < 3 ? names[kind] : "?";
}

/* ---- 1. reverse runs-on, breadth first ---------------------------------- */

static void walk(ictx *c)
{
	const medscope_model *m = c->m;
	size_t ns = m->systems.n;
	uint32_t *off = calloc(ns + 1, sizeof(uint32_t));
	uint32_t *rev = malloc((m->edges.n + 1) * sizeof(uint32_t));
	uint32_t *queue = malloc((ns + 1) * sizeof(uint32_t));
	if (!off || !rev || !queue) {
		c->oom = 1;
		goto cleanup;
	}
	/* CSR of "who runs on t". */
	for (uint32_t s = 0; s < ns; s++)
		for (uint32_t k = 0; k < m->systems.v[s].nruns; k++)
			off[m->edges.v[m->systems.v[s].runs_off + k].target + 1]++;
	for (size_t t = 0; t < ns; t++)
		off[t + 1] += off[t];
	for (uint32_t s = 0; s < ns; s++)
		for (uint32_t k = 0; k < m->systems.v[s].nruns; k++) {
			uint32_t t = m->edges.v[m->systems.v[s].runs_off + k].target;
			rev[off[t]++] = s;
		}
	for (size_t t = ns; t > 0; t--)
		off[t] = off[t - 1];
	off[0] = 0;

	size_t head = 0, tail = 0;
	if (c->im->target_kind == MS_SYM_SYSTEM) {
		queue[tail++] = c->im->target;
	} else {
		for (uint32_t s = 0; s < ns; s++)
			if (m->systems.v[s].provider == c->im->target)
				queue[tail++] = s;
	}
	for (size_t i = 0; i < tail; i++)
		c->sdepth[queue[i]] = 0;
	while (head < tail) {
		uint32_t t = queue[head++];
		for (uint32_t k = off[t]; k < off[t + 1]; k++) {
			uint32_t s = rev[k];
			if (c->sdepth[s] != UNSEEN)
				continue;
			c->sdepth[s] = c->sdepth[t] + 1;
			c->sparent[s] = t;
			queue[tail++] = s;
		}
	}
cleanup:
	free(off);
	free(rev);
	free(queue);
}

/* ---- 2. systems, entries, facilities ------------------------------------ */

static void concern(ictx *c, uint32_t p, unsigned flag, uint32_t depth)
{
	c->pflags[p] |= (uint8_t)flag;
	if (flag != P_FACILITY && depth < c->pdepth[p])
		c->pdepth[p] = depth;
}

static void collect(ictx *c)
{
	const medscope_analysis *a = c->a;
	medscope_impact *im = c->im;
	for (size_t i = 0; i < c->m->systems.n && !c->oom; i++) {
		uint32_t s = a->system_order[i];
		if (c->sdepth[s] == UNSEEN)
			continue;
		const ms_system_info *info = &a->sysinfo[s];
		ms_impact_system *is = MS_VEC_PUSH(im->systems);
		if (!is) {
			c->oom = 1;
			break;
		}
		is->system = s;
		is->parent = c->sparent[s];
		is->depth = c->sdepth[s];
		is->nfacilities = info->nown;
		if (is->depth > im->depth)
			im->depth = is->depth;
		/* Positions along the dependency, in half steps: the provider of a
		 * system at depth d sits at 2d, its owner (when another party) just
		 * after, at 2d + 1: the provider tells the owner, not the reverse. */
		uint32_t provider = c->m->systems.v[s].provider;
		if (provider != MS_NONE)
			concern(c, provider, P_PROVIDER, 2 * is->depth);
		for (uint32_t k = 0; k < info->nown; k++) {
			uint32_t *e = MS_VEC_PUSH(im->entries);
			if (!e) {
				c->oom = 1;
				break;
			}
			*e = info->own_off + k;
			const ms_ownership *ow = &a->ownership.v[*e];
			concern(c, ow->owner, P_OWNER, 2 * is->depth + (ow->owner != provider));
			concern(c, ow->facility, P_FACILITY, 0);
		}
	}
	for (size_t i = 0; i < c->m->parties.n && !c->oom; i++) {
		uint32_t p = a->party_order[i];
		if (!(c->pflags[p] & P_FACILITY))
			continue;
		uint32_t *f = MS_VEC_PUSH(im->facilities);
		if (!f)
			c->oom = 1;
		else
			*f = p;
	}
}

/* ---- 3. change-notification agreements ---------------------------------- */

/* The change-notification agreement meeting the pair x -> y for system s
 * (and t, the other system of a runs-on edge): the one `check` would
 * accept for that requirement (match.h), or MS_NONE. */
static uint32_t find_notice(ictx *c, uint32_t x, uint32_t y, uint32_t s, uint32_t t)
{
	const uint32_t parties[2] = {x, y}, sys[2] = {s, t};
	ms_match_query q = {parties, 2, MS_TOPIC_CHANGE_NOTIFICATION, sys, t == MS_NONE || t == s ? 1 : 2,
	                    t != MS_NONE && t != s};
	ms_match_result res;
	if (ms_match(&c->match, &q, &res) < 0) {
		c->oom = 1;
		return MS_NONE;
	}
	return res.best;
}

/* Agreements present that bind an affected party: the member closest to
 * the target (smallest depth; smallest id on a tie) notifies the others. */
static void duties(ictx *c)
{
	const medscope_model *m = c->m;
	for (uint32_t g = 0; g < m->agreements.n && !c->oom; g++) {
		const ms_agreement *ag = &m->agreements.v[g];
		if (!(ag->topics & MS_TOPIC_CHANGE_NOTIFICATION))
			continue;
		uint32_t from = MS_NONE, concerned = 0;
		for (uint32_t i = 0; i < ag->parties.n; i++) {
			uint32_t p = MS_SPAN_AT(m, ag->parties, i);
			if (!c->pflags[p])
				continue;
			concerned++;
			if (c->pdepth[p] == UNSEEN)
				continue;
			if (from == MS_NONE || c->pdepth[p] < c->pdepth[from] ||
			    (c->pdepth[p] == c->pdepth[from] && c->prank[p] < c->prank[from]))
				from = p;
		}
		if (from == MS_NONE)
			continue;
		/* With covers it must name an affected system; without, it is about
		 * every system the parties share, so another member must be concerned. */
		int relevant = 0;
		if (ag->has_covers) {
			for (uint32_t i = 0; i < ag->covers.n && !relevant; i++)
				relevant = c->sdepth[MS_SPAN_AT(m, ag->covers, i)] != UNSEEN;
		} else {
			relevant = concerned >= 2;
		}
		if (!relevant)
			continue;
		ms_impact_duty *d = MS_VEC_PUSH(c->im->duties);
		if (!d) {
			c->oom = 1;
			break;
		}
		d->agreement = g;
		d->from = from;
		d->position = c->pdepth[from];
	}
}

static int cmp_duty(const void *pa, const void *pb)
{
	const ms_impact_duty *a = pa, *b = pb;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return (a->agreement > b->agreement) - (a->agreement < b->agreement);
}

/* ---- 4. notification pairs ---------------------------------------------- */

/* Link system s to the pair (kind, x -> y); returns the agreement found
 * for it (MS_NONE = a gap). */
static uint32_t link(ictx *c, unsigned kind, uint32_t x, uint32_t y, uint32_t s, uint32_t t)
{
	medscope_impact *im = c->im;
	uint64_t h = ms_hash_pair((uint64_t)x << 32 | y, (uint64_t)kind + 1);
	uint32_t pi = MS_NONE;
	size_t pos = 0;
	for (uint32_t k; (k = ms_idmap_next(&c->pairmap, h, &pos)) != MS_NONE;) {
		const ms_impact_pair *p = &im->pairs.v[k];
		if (p->kind == kind && p->from == x && p->to == y) {
			pi = k;
			break;
		}
	}
	if (pi == MS_NONE) {
		ms_impact_pair *p = MS_VEC_PUSH(im->pairs);
		if (!p) {
			c->oom = 1;
			return MS_NONE;
		}
		pi = (uint32_t)(im->pairs.n - 1);
		p->from = x;
		p->to = y;
		p->kind = (uint8_t)kind;
		p->agreement = MS_NONE;
		p->order = (uint64_t)kind << 60 | (uint64_t)c->prank[x] << 30 | c->prank[y];
		if (ms_idmap_put(&c->pairmap, h, pi) < 0) {
			c->oom = 1;
			return MS_NONE;
		}
	}
	ms_impact_pair *p = &im->pairs.v[pi];
	uint32_t g = find_notice(c, x, y, s, t);
	/* Entries of one system come together: link each system once a pair. */
	if (p->nlinks && c->tmp.v[p->link_off].system == s)
		return g;
	tmp_link *l = MS_VEC_PUSH(c->tmp);
	if (!l) {
		c->oom = 1;
		return g;
	}
	l->pair = pi;
	l->system = s;
	l->agreement = g;
	p->link_off = (uint32_t)(c->tmp.n - 1); /* the last link, while collecting */
	p->nlinks++;
	if (g == MS_NONE)
		p->nuncovered++;
	else if (p->agreement == MS_NONE)
		p->agreement = g;
	return g;
}

static void pairs(ictx *c)
{
	medscope_impact *im = c->im;
	const medscope_model *m = c->m;
	const medscope_analysis *a = c->a;
	/* Supplier -> dependent provider, for each runs-on edge inside the
	 * affected part (FAQ 2.1: a change of B's service affects A's). */
	for (size_t i = 0; i < im->systems.n && !c->oom; i++) {
		uint32_t s = im->systems.v[i].system;
		const ms_system *sys = &m->systems.v[s];
		for (uint32_t k = 0; k < sys->nruns; k++) {
			uint32_t t = m->edges.v[sys->runs_off + k].target;
			uint32_t x = m->systems.v[t].provider, y = sys->provider;
			if (c->sdepth[t] != UNSEEN && x != MS_NONE && y != MS_NONE && x != y)
				link(c, MS_PAIR_RUNS_ON, x, y, s, t);
		}
	}
	/* Provider -> owner -> facility, for each ownership entry. */
	for (size_t i = 0; i < im->entries.n && !c->oom; i++) {
		const ms_ownership *e = &a->ownership.v[im->entries.v[i]];
		uint32_t provider = m->systems.v[e->system].provider;
		uint32_t *po = MS_VEC_PUSH(im->entry_po), *of = MS_VEC_PUSH(im->entry_of);
		if (!po || !of) {
			c->oom = 1;
			break;
		}
		*po = provider == MS_NONE || provider == e->owner
		              ? MS_IMPACT_NA
		              : link(c, MS_PAIR_PROVIDER_OWNER, provider, e->owner, e->system, MS_NONE);
		*of = e->owner == e->facility
		              ? MS_IMPACT_NA
		              : link(c, MS_PAIR_OWNER_FACILITY, e->owner, e->facility, e->system, MS_NONE);
	}
}

static int cmp_pair(const void *pa, const void *pb)
{
	const ms_impact_pair *a = pa, *b = pb;
	return (a->order > b->order) - (a->order < b->order);
}

/* Sort the pairs and lay each pair's links out together, in the order
 * they were found (systems by id). */
static void finish_pairs(ictx *c)
{
	medscope_impact *im = c->im;
	size_t np = im->pairs.n;
	uint32_t *newpos = malloc((np + 1) * sizeof(uint32_t));
	uint32_t *fill = calloc(np + 1, sizeof(uint32_t));
	ms_impact_link *links = malloc((c->tmp.n + 1) * sizeof(*links));
	if (!newpos || !fill || !links) {
		c->oom = 1;
		goto cleanup;
	}
	/* Remember where each pair was, through the sort. */
	for (size_t i = 0; i < np; i++)
		im->pairs.v[i].link_off = (uint32_t)i;
	if (np > 1)
		qsort(im->pairs.v, np, sizeof(*im->pairs.v), cmp_pair);
	for (size_t i = 0; i < np; i++)
		newpos[im->pairs.v[i].link_off] = (uint32_t)i;
	uint32_t off = 0;
	for (size_t i = 0; i < np; i++) {
		im->pairs.v[i].link_off = off;
		off += im->pairs.v[i].nlinks;
		if (im->pairs.v[i].nuncovered)
			im->ngaps++;
	}
	for (size_t i = 0; i < c->tmp.n; i++) {
		const tmp_link *t = &c->tmp.v[i];
		ms_impact_pair *p = &im->pairs.v[newpos[t->pair]];
		ms_impact_link *l = &links[p->link_off + fill[newpos[t->pair]]++];
		l->system = t->system;
		l->agreement = t->agreement;
	}
	im->links.v = links;
	im->links.n = im->links.cap = c->tmp.n;
	links = NULL;
cleanup:
	free(newpos);
	free(fill);
	free(links);
}

/* ---- the whole ---------------------------------------------------------- */

medscope_status medscope_impact_compute(medscope_impact **out, const medscope_analysis *analysis,
                                        const char *id)
{
	if (!out)
		return MEDSCOPE_ERR_USAGE;
	*out = NULL;
	if (!analysis || !id)
		return MEDSCOPE_ERR_USAGE;
	const medscope_model *m = analysis->model;
	uint32_t sym = ms_sym_find(m, id, strlen(id));
	if (sym == MS_NONE || (m->syms.v[sym].kind != MS_SYM_PARTY && m->syms.v[sym].kind != MS_SYM_SYSTEM))
		return MEDSCOPE_ERR_USAGE;

	medscope_status s = MEDSCOPE_ERR_NOMEM;
	size_t ns = m->systems.n, np = m->parties.n;
	ictx c = {0};
	c.a = analysis;
	c.m = m;
	c.im = calloc(1, sizeof(*c.im));
	c.sdepth = malloc((ns + 1) * sizeof(uint32_t));
	c.sparent = malloc((ns + 1) * sizeof(uint32_t));
	c.pdepth = malloc((np + 1) * sizeof(uint32_t));
	c.pflags = calloc(np + 1, 1);
	c.prank = analysis->party_rank;
	if (!c.im || !c.sdepth || !c.sparent || !c.pdepth || !c.pflags ||
	    ms_matcher_init(&c.match, m) < 0)
		goto cleanup;
	memset(c.sdepth, 0xff, (ns + 1) * sizeof(uint32_t));
	memset(c.sparent, 0xff, (ns + 1) * sizeof(uint32_t));
	memset(c.pdepth, 0xff, (np + 1) * sizeof(uint32_t));
	c.im->a = analysis;
	c.im->target_sym = sym;
	c.im->target_kind = m->syms.v[sym].kind;
	c.im->target = m->syms.v[sym].index;

	walk(&c);
	if (!c.oom)
		collect(&c);
	if (!c.oom)
		duties(&c);
	if (!c.oom) {
		/* The chain reads from the target outwards: B tells A, A tells H. */
		if (c.im->duties.n > 1)
			qsort(c.im->duties.v, c.im->duties.n, sizeof(*c.im->duties.v), cmp_duty);
		pairs(&c);
	}
	if (!c.oom)
		finish_pairs(&c);
	if (c.oom)
		goto cleanup;
	*out = c.im;
	c.im = NULL;
	s = MEDSCOPE_OK;
cleanup:
	medscope_impact_free(c.im);
	free(c.sdepth);
	free(c.sparent);
	free(c.pdepth);
	free(c.pflags);
	ms_matcher_free(&c.match);
	ms_idmap_free(&c.pairmap);
	MS_VEC_FREE(c.tmp);
	return s;
}

void medscope_impact_free(medscope_impact *im)
{
	if (!im)
		return;
	MS_VEC_FREE(im->systems);
	MS_VEC_FREE(im->facilities);
	MS_VEC_FREE(im->entries);
	MS_VEC_FREE(im->entry_po);
	MS_VEC_FREE(im->entry_of);
	MS_VEC_FREE(im->duties);
	MS_VEC_FREE(im->pairs);
	MS_VEC_FREE(im->links);
	free(im);
}

const char *medscope_impact_target_kind(const medscope_impact *im)
{
	if (!im)
		return "";
	if (im->target_kind == MS_SYM_SYSTEM)
		return "system";
	return ms_code(MS_W_PARTY_KIND, im->a->model->parties.v[im->target].kind);
}

size_t medscope_impact_system_count(const medscope_impact *im)
{
	return im ? im->systems.n : 0;
}

size_t medscope_impact_facility_count(const medscope_impact *im)
{
	return im ? im->facilities.n : 0;
}

size_t medscope_impact_entry_count(const medscope_impact *im)
{
	return im ? im->entries.n : 0;
}

size_t medscope_impact_gap_count(const medscope_impact *im)
{
	return im ? im->ngaps : 0;
}

unsigned medscope_impact_depth(const medscope_impact *im)
{
	return im ? im->depth : 0;
}
