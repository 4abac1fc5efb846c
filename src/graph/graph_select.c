/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What to draw. Without --focus: everything. With --focus ID --depth N:
 * what lies within N hops of party or system ID, where one hop is one of
 * these links (undirected):
 *
 *   a system and its provider; runs-on; connects-to;
 *   a contract's client and supplier, and each with the systems it covers;
 *   a facility and each system served to it (rules.md §2: its whole supply);
 *   a flow's two ends; the parties of an agreement or a required agreement.
 *
 * A drawn system always brings its provider (the cluster it sits in).
 *
 * Folding (graph.h, MS_GV_FOLD_*), the same rule in every view: past
 * max_nodes (dot is impractical past about 1-2k nodes,
 * scale-and-bad-inputs.md §3) or past a few dozen facilities, facilities
 * (never the focus) that would be drawn alike fold into one node with a
 * count; when the drawing is still larger than its paper, the caller asks
 * for the next level (all facilities of one kind). If the drawing is still
 * over the node budget, the caller is told to use --focus.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/diags.h"

/* Facilities drawn one by one at most, before alike ones are folded. */
#define MS_GV_FOLD_FACILITIES 60

/* Undirected adjacency over vertices parties [0, P) and systems [P, P+S). */
typedef struct {
	uint32_t *off; /* [V + 1] */
	uint32_t *adj;
	uint32_t *fill; /* [V] while building */
	size_t nv;
	bool counting;
	bool oom;
} adjacency;

static void link(adjacency *g, uint32_t u, uint32_t v)
{
	if (u == v || u == MS_NONE || v == MS_NONE)
		return;
	if (g->counting) {
		g->off[u + 1]++, g->off[v + 1]++;
	} else {
		g->adj[g->fill[u]++] = v;
		g->adj[g->fill[v]++] = u;
	}
}

static void link_parties(adjacency *g, const medscope_model *m, ms_span parties)
{
	/* Pairwise for the usual 2-3 parties; a star from the first past 6. */
	uint32_t n = parties.n;
	for (uint32_t i = 0; i < (n <= 6 ? n : 1); i++)
		for (uint32_t j = i + 1; j < n; j++)
			link(g, MS_SPAN_AT(m, parties, i), MS_SPAN_AT(m, parties, j));
}

static void relations(adjacency *g, const medscope_analysis *a)
{
	const medscope_model *m = a->model;
	uint32_t P = (uint32_t)m->parties.n;
	for (size_t s = 0; s < m->systems.n; s++) {
		const ms_system *sy = &m->systems.v[s];
		uint32_t sv = P + (uint32_t)s;
		if (sy->provider != MS_NONE)
			link(g, sv, sy->provider);
		for (uint32_t i = 0; i < sy->nruns; i++)
			link(g, sv, P + m->edges.v[sy->runs_off + i].target);
		for (uint32_t i = 0; i < sy->nconn; i++)
			link(g, sv, P + m->edges.v[sy->conn_off + i].target);
	}
	for (size_t k = 0; k < m->contracts.n; k++) {
		const ms_contract *ct = &m->contracts.v[k];
		link(g, ct->client, ct->supplier);
		for (uint32_t i = 0; i < ct->covers.n; i++) {
			uint32_t t = P + MS_SPAN_AT(m, ct->covers, i);
			link(g, ct->client, t);
			link(g, ct->supplier, t);
		}
	}
	for (size_t i = 0; i < a->ownership.n; i++)
		link(g, a->ownership.v[i].facility, P + a->ownership.v[i].system);
	for (size_t i = 0; i < m->flows.n; i++) {
		const ms_flow *f = &m->flows.v[i];
		link(g, f->from_is_system ? P + f->from : f->from, f->to_is_system ? P + f->to : f->to);
	}
	for (size_t i = 0; i < m->agreements.n; i++)
		link_parties(g, m, m->agreements.v[i].parties);
	for (size_t i = 0; i < a->requirements.n; i++) {
		const ms_requirement *r = &a->requirements.v[i];
		for (uint32_t x = 0; x < r->nparties; x++)
			for (uint32_t y = x + 1; y < r->nparties; y++)
				link(g, r->parties[x], r->parties[y]);
	}
}

static int adjacency_build(adjacency *g, const medscope_analysis *a)
{
	g->nv = a->model->parties.n + a->model->systems.n;
	g->off = calloc(g->nv + 1, sizeof(*g->off));
	g->fill = malloc((g->nv + 1) * sizeof(*g->fill));
	if (!g->off || !g->fill)
		return -1;
	g->counting = true;
	relations(g, a);
	for (size_t v = 0; v < g->nv; v++)
		g->off[v + 1] += g->off[v];
	g->adj = malloc(((size_t)g->off[g->nv] + 1) * sizeof(*g->adj));
	if (!g->adj)
		return -1;
	if (g->nv)
		memcpy(g->fill, g->off, g->nv * sizeof(*g->fill));
	g->counting = false;
	relations(g, a);
	free(g->fill);
	g->fill = NULL;
	return 0;
}

static void adjacency_free(adjacency *g)
{
	free(g->off), free(g->adj), free(g->fill);
	memset(g, 0, sizeof(*g));
}

void ms_gv_sel_free(ms_gv_sel *sel)
{
	free(sel->party), free(sel->system), free(sel->group), free(sel->gent_off);
	MS_VEC_FREE(sel->groups);
	MS_VEC_FREE(sel->gent);
	memset(sel, 0, sizeof(*sel));
}

uint32_t ms_gv_end_party(const ms_gv *c, uint32_t party)
{
	if (party == MS_NONE)
		return MS_NONE;
	switch (c->sel.party[party]) {
	case MS_GV_ON: return party;
	case MS_GV_FOLDED: return c->nparties + c->nsystems + c->sel.group[party];
	default: return MS_NONE;
	}
}

uint32_t ms_gv_end_system(const ms_gv *c, uint32_t system)
{
	switch (c->sel.system[system]) {
	case MS_GV_ON: return c->nparties + system;
	case MS_GV_FOLDED: return ms_gv_end_party(c, c->m->systems.v[system].provider);
	default: return MS_NONE;
	}
}

uint32_t ms_gv_end_rank(const ms_gv *c, uint32_t end)
{
	if (end < c->nparties)
		return c->sel.party_rank[end];
	if (end < c->nparties + c->nsystems)
		return c->nparties + c->sel.system_rank[end - c->nparties];
	return end;
}

/* Nodes the view draws for what is selected now. */
static size_t count_nodes(const ms_gv *c)
{
	const ms_gv_sel *s = &c->sel;
	size_t n = s->groups.n;
	for (uint32_t p = 0; p < c->nparties; p++) {
		if (s->party[p] != MS_GV_ON)
			continue;
		if (c->o->view == MEDSCOPE_VIEW_RESPONSIBILITY)
			n += s->fac_off[p + 1] - s->fac_off[p];
		else
			n++;
	}
	if (c->o->view == MEDSCOPE_VIEW_RESPONSIBILITY) {
		for (size_t g = 0; g < s->groups.n; g++)
			n += s->gent_off[g + 1] - s->gent_off[g];
	} else if (c->o->view == MEDSCOPE_VIEW_SUPPLY) {
		for (uint32_t i = 0; i < c->nsystems; i++)
			n += s->system[i] == MS_GV_ON;
	}
	return n;
}

bool ms_gv_can_fold(const ms_gv *c)
{
	uint32_t seen[MS_FAC__COUNT + 1] = {0};
	for (uint32_t p = 0; p < c->nparties; p++) {
		const ms_party *pt = &c->m->parties.v[p];
		if (c->sel.party[p] != MS_GV_ON || pt->kind != MS_PARTY_FACILITY || p == c->sel.focus_party ||
		    pt->facility_type > MS_FAC__COUNT)
			continue;
		if (++seen[pt->facility_type] >= 2)
			return true;
	}
	/* A group beside another of its kind, or beside a facility of it. */
	for (size_t g = 0; g < c->sel.groups.n; g++)
		if (c->sel.groups.v[g].type <= MS_FAC__COUNT && ++seen[c->sel.groups.v[g].type] >= 2)
			return true;
	return false;
}

/* ---- folding ---- */

typedef MS_VEC(uint32_t) u32vec;

typedef struct {
	const ms_gv *c;
	const uint32_t *key_off, *keys;
	const uint32_t *cand;
} fold_ctx;

static int cmp_candidates(const void *ctx, uint32_t i, uint32_t j)
{
	const fold_ctx *f = ctx;
	const ms_party *pi = &f->c->m->parties.v[f->cand[i]], *pj = &f->c->m->parties.v[f->cand[j]];
	if (pi->facility_type != pj->facility_type)
		return pi->facility_type < pj->facility_type ? -1 : 1;
	uint32_t ni = f->key_off[i + 1] - f->key_off[i], nj = f->key_off[j + 1] - f->key_off[j];
	if (ni != nj)
		return ni < nj ? -1 : 1;
	/* No keys at all leaves `keys` NULL, which memcmp may not be given. */
	int r = ni ? memcmp(f->keys + f->key_off[i], f->keys + f->key_off[j], ni * sizeof(uint32_t)) : 0;
	if (r)
		return r;
	uint32_t ri = f->c->sel.party_rank[f->cand[i]], rj = f->c->sel.party_rank[f->cand[j]];
	return ri < rj ? -1 : ri > rj;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

static bool same_key(const fold_ctx *f, uint32_t i, uint32_t j)
{
	uint32_t pi = f->cand[i], pj = f->cand[j];
	if (f->c->m->parties.v[pi].facility_type != f->c->m->parties.v[pj].facility_type)
		return false;
	uint32_t ni = f->key_off[i + 1] - f->key_off[i], nj = f->key_off[j + 1] - f->key_off[j];
	return ni == nj && (ni == 0 || memcmp(f->keys + f->key_off[i], f->keys + f->key_off[j], ni * 4) == 0);
}

/* A facility's key: the drawn, unfolded vertices next to it (supply and
 * contracts), or its owner table (responsibility). Appends to *keys. */
static int facility_key(ms_gv *c, const adjacency *adj, uint32_t f, u32vec *keys,
                        const uint8_t *candidate)
{
	const ms_gv_sel *s = &c->sel;
	size_t start = keys->n;
	if (c->o->view == MEDSCOPE_VIEW_RESPONSIBILITY) {
		for (uint32_t i = s->fac_off[f]; i < s->fac_off[f + 1]; i++) {
			const ms_ownership *o = &c->a->ownership.v[s->fac_own[i]];
			uint32_t key[3] = {o->system, o->owner == f ? MS_NONE : o->owner, o->basis};
			/* One push at a time: a push may move the array, so a
			 * pointer from an earlier push must not be kept. */
			for (size_t k = 0; k < 3; k++) {
				uint32_t *slot = MS_VEC_PUSH(*keys);
				if (!slot)
					return -1;
				*slot = key[k];
			}
		}
		return 0;
	}
	for (uint32_t i = adj->off[f]; i < adj->off[f + 1]; i++) {
		uint32_t v = adj->adj[i];
		if (v < c->nparties ? (s->party[v] == MS_GV_OFF || candidate[v])
		                    : (s->system[v - c->nparties] == MS_GV_OFF ||
		                       c->m->systems.v[v - c->nparties].provider == f ||
		                       (c->m->systems.v[v - c->nparties].provider != MS_NONE &&
		                        candidate[c->m->systems.v[v - c->nparties].provider])))
			continue;
		uint32_t *k = MS_VEC_PUSH(*keys);
		if (!k)
			return -1;
		*k = v;
	}
	qsort(keys->v + start, keys->n - start, sizeof(uint32_t), cmp_u32);
	/* unique */
	size_t w = start;
	for (size_t r = start; r < keys->n; r++)
		if (r == start || keys->v[r] != keys->v[w - 1])
			keys->v[w++] = keys->v[r];
	keys->n = w;
	return 0;
}

/* Entries of a group's owner table: (system rank, owner or MS_NONE for
 * the member itself, basis) of every member, counted. */
typedef struct {
	uint32_t rank, owner, basis, own;
} gkey;

static int cmp_gkey(const void *x, const void *y)
{
	const gkey *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->owner != b->owner)
		return a->owner < b->owner ? -1 : 1;
	if (a->basis != b->basis)
		return a->basis < b->basis ? -1 : 1;
	return a->own < b->own ? -1 : a->own > b->own;
}

static int group_entries(ms_gv *c)
{
	ms_gv_sel *s = &c->sel;
	size_t G = s->groups.n;
	s->gent_off = calloc(G + 1, sizeof(*s->gent_off));
	if (!s->gent_off)
		return -1;
	MS_VEC(gkey) keys = {0};
	int rc = -1;
	for (size_t g = 0; g < G; g++) {
		keys.n = 0;
		for (uint32_t f = 0; f < c->nparties; f++) {
			if (s->party[f] != MS_GV_FOLDED || s->group[f] != g)
				continue;
			for (uint32_t i = s->fac_off[f]; i < s->fac_off[f + 1]; i++) {
				const ms_ownership *o = &c->a->ownership.v[s->fac_own[i]];
				gkey *k = MS_VEC_PUSH(keys);
				if (!k)
					goto cleanup;
				k->rank = s->system_rank[o->system];
				k->owner = o->owner == f ? MS_NONE : o->owner;
				k->basis = o->basis;
				k->own = s->fac_own[i];
			}
		}
		if (keys.n)
			qsort(keys.v, keys.n, sizeof(*keys.v), cmp_gkey);
		for (size_t i = 0; i < keys.n;) {
			size_t j = i + 1;
			while (j < keys.n && keys.v[j].rank == keys.v[i].rank &&
			       keys.v[j].owner == keys.v[i].owner && keys.v[j].basis == keys.v[i].basis)
				j++;
			ms_gv_gentry *e = MS_VEC_PUSH(s->gent);
			if (!e)
				goto cleanup;
			e->own = keys.v[i].own, e->owner = keys.v[i].owner, e->count = (uint32_t)(j - i);
			i = j;
		}
		s->gent_off[g + 1] = (uint32_t)s->gent.n;
	}
	rc = 0;
cleanup:
	MS_VEC_FREE(keys);
	return rc;
}

static medscope_status fold(ms_gv *c, adjacency *adj, unsigned level)
{
	ms_gv_sel *s = &c->sel;
	medscope_status st = MEDSCOPE_ERR_NOMEM;
	uint8_t *candidate = calloc(c->nparties + 1, 1);
	uint32_t *cand = malloc((c->nparties + 1) * sizeof(*cand));
	uint32_t *key_off = malloc((c->nparties + 2) * sizeof(*key_off));
	uint32_t *order = malloc((c->nparties + 1) * sizeof(*order));
	u32vec keys = {0};
	if (!candidate || !cand || !key_off || !order)
		goto cleanup;
	uint32_t ncand = 0;
	for (uint32_t i = 0; i < c->nparties; i++) {
		uint32_t p = c->a->party_order[i];
		if (s->party[p] == MS_GV_ON && c->m->parties.v[p].kind == MS_PARTY_FACILITY &&
		    p != s->focus_party)
			candidate[p] = 1, cand[ncand++] = p;
	}
	if (level == MS_GV_FOLD_ALIKE && c->o->view != MEDSCOPE_VIEW_RESPONSIBILITY && !adj->off &&
	    adjacency_build(adj, c->a) < 0)
		goto cleanup;
	/* By kind: every key is empty, so the kind alone decides. */
	for (uint32_t i = 0; i < ncand; i++) {
		key_off[i] = (uint32_t)keys.n;
		if (level == MS_GV_FOLD_ALIKE && facility_key(c, adj, cand[i], &keys, candidate) < 0)
			goto cleanup;
	}
	key_off[ncand] = (uint32_t)keys.n;
	for (uint32_t i = 0; i < ncand; i++)
		order[i] = i;
	fold_ctx f = {c, key_off, keys.v, cand};
	if (ms_sort_u32(order, ncand, cmp_candidates, &f) < 0)
		goto cleanup;
	for (uint32_t i = 0; i < ncand;) {
		uint32_t j = i + 1;
		while (j < ncand && same_key(&f, order[i], order[j]))
			j++;
		if (j - i >= 2) {
			ms_gv_group *g = MS_VEC_PUSH(s->groups);
			if (!g)
				goto cleanup;
			/* The run is in id order after the key: its first is the smallest id. */
			g->first = cand[order[i]];
			g->type = c->m->parties.v[g->first].facility_type;
			g->count = j - i;
			for (uint32_t k = i; k < j; k++) {
				s->party[cand[order[k]]] = MS_GV_FOLDED;
				s->group[cand[order[k]]] = (uint32_t)(s->groups.n - 1);
			}
		}
		i = j;
	}
	/* A folded facility's own systems are inside its group. */
	for (uint32_t i = 0; i < c->nsystems; i++) {
		uint32_t p = c->m->systems.v[i].provider;
		if (s->system[i] == MS_GV_ON && p != MS_NONE && s->party[p] == MS_GV_FOLDED)
			s->system[i] = MS_GV_FOLDED;
	}
	s->level = level;
	if (c->o->view == MEDSCOPE_VIEW_RESPONSIBILITY && group_entries(c) < 0)
		goto cleanup;
	st = MEDSCOPE_OK;
cleanup:
	free(candidate), free(cand), free(key_off), free(order);
	MS_VEC_FREE(keys);
	return st;
}

/* ---- selection ---- */

static medscope_status find_focus(ms_gv *c)
{
	const char *id = c->o->focus;
	uint32_t sym = ms_sym_find(c->m, id, strlen(id));
	const char *file = c->m->file;
	if (sym == MS_NONE) {
		ms_diag_add(c->diags, file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "--focus: the model has no party or system with id '%s'",
		                    "--focus: id '%s' の事業者・医療機関等・システムはモデルにありません"),
		            id);
		return MEDSCOPE_ERR_USAGE;
	}
	const ms_sym *sy = &c->m->syms.v[sym];
	if (sy->kind == MS_SYM_PARTY) {
		c->sel.focus_party = sy->index;
	} else if (sy->kind == MS_SYM_SYSTEM) {
		c->sel.focus_system = sy->index;
	} else {
		ms_diag_add(c->diags, file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "--focus: '%s' is not a party or a system; give the id of one",
		                    "--focus: '%s' は事業者・医療機関等・システムではありません。それらの id を指定してください"),
		            id);
		return MEDSCOPE_ERR_USAGE;
	}
	return MEDSCOPE_OK;
}

/* Breadth-first from the focus, `depth` hops. */
static medscope_status walk(ms_gv *c, const adjacency *adj)
{
	uint32_t *dist = malloc(adj->nv * sizeof(*dist));
	uint32_t *queue = malloc((adj->nv + 1) * sizeof(*queue));
	if (!dist || !queue) {
		free(dist), free(queue);
		return MEDSCOPE_ERR_NOMEM;
	}
	memset(dist, 0xff, adj->nv * sizeof(*dist));
	uint32_t start = c->sel.focus_party != MS_NONE ? c->sel.focus_party
	                                                : c->nparties + c->sel.focus_system;
	size_t head = 0, tail = 0;
	dist[start] = 0;
	queue[tail++] = start;
	while (head < tail) {
		uint32_t u = queue[head++];
		if (u < c->nparties)
			c->sel.party[u] = MS_GV_ON;
		else
			c->sel.system[u - c->nparties] = MS_GV_ON;
		if (dist[u] >= c->o->depth)
			continue;
		for (uint32_t i = adj->off[u]; i < adj->off[u + 1]; i++) {
			uint32_t v = adj->adj[i];
			if (dist[v] == MS_NONE) {
				dist[v] = dist[u] + 1;
				queue[tail++] = v;
			}
		}
	}
	free(dist), free(queue);
	return MEDSCOPE_OK;
}

static void over_budget(ms_gv *c, size_t nodes)
{
	if (c->o->no_fold)
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "the diagram would have %zu nodes, more than the limit of %u; "
		                       "leave out --no-fold, draw part of the model with --focus ID "
		                       "[--depth N], or raise --max-nodes",
		                    "図のノード数が %zu となり上限 %u を超えます。--no-fold を外すか、"
		                    "--focus ID [--depth N] でモデルの一部を描くか、--max-nodes を増やしてください"),
		            nodes, c->o->max_nodes);
	else if (c->o->focus)
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "the diagram around '%s' would have %zu nodes, more than the limit "
		                       "of %u, even with similar facilities folded together; use a smaller "
		                       "--depth (now %u) or --focus on a system or a smaller party",
		                    "'%s' を中心とする図のノード数が %zu となり、同種の医療機関等をまとめても上限 %u "
		                    "を超えます。--depth (現在 %u) を小さくするか、システムや小さな事業者を --focus "
		                    "に指定してください"),
		            c->o->focus, nodes, c->o->max_nodes, c->o->depth);
	else
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "the diagram would have %zu nodes, more than the limit of %u, even with "
		                       "similar facilities folded together; draw part of the model with "
		                       "--focus ID [--depth N] (or raise --max-nodes)",
		                    "図のノード数が %zu となり、同種の医療機関等をまとめても上限 %u を超えます。"
		                    "--focus ID [--depth N] でモデルの一部を描いてください (または --max-nodes を増やす)"),
		            nodes, c->o->max_nodes);
}

medscope_status ms_gv_select(ms_gv *c)
{
	ms_gv_sel *s = &c->sel;
	const medscope_analysis *a = c->a;
	size_t P = c->nparties, S = c->nsystems;
	adjacency adj = {0};
	medscope_status st = MEDSCOPE_ERR_NOMEM;
	s->focus_party = s->focus_system = MS_NONE;
	s->party = calloc(P + 1, 1);
	s->system = calloc(S + 1, 1);
	s->group = malloc((P + 1) * sizeof(*s->group));
	s->party_rank = a->party_rank;
	s->system_rank = a->system_rank;
	s->fac_off = a->facility_off;
	s->fac_own = a->facility_entries;
	if (!s->party || !s->system || !s->group)
		goto cleanup;
	for (size_t i = 0; i < P; i++)
		s->group[i] = MS_NONE;

	if (c->o->focus) {
		if ((st = find_focus(c)) != MEDSCOPE_OK)
			goto cleanup;
		st = MEDSCOPE_ERR_NOMEM;
		if (adjacency_build(&adj, a) < 0 || walk(c, &adj) != MEDSCOPE_OK)
			goto cleanup;
	} else {
		memset(s->party, MS_GV_ON, P);
		memset(s->system, MS_GV_ON, S);
	}
	/* A drawn system sits in its provider's cluster. */
	for (size_t i = 0; i < S; i++) {
		uint32_t p = c->m->systems.v[i].provider;
		if (s->system[i] == MS_GV_ON && p != MS_NONE)
			s->party[p] = MS_GV_ON;
	}
	s->nodes = count_nodes(c);
	size_t facilities = 0;
	for (size_t p = 0; p < P; p++)
		facilities += s->party[p] == MS_GV_ON && c->m->parties.v[p].kind == MS_PARTY_FACILITY;
	/* Each facility is a cluster, and clusters make dot super-linear
	 * (scale-and-bad-inputs.md §3); past a few dozen, facilities with the
	 * same links say nothing one by one: fold them even under the node
	 * budget. */
	unsigned level = c->o->no_fold ? MS_GV_FOLD_NONE : c->fold;
	if (!c->o->no_fold && level < MS_GV_FOLD_ALIKE &&
	    (s->nodes > c->o->max_nodes || facilities > MS_GV_FOLD_FACILITIES))
		level = MS_GV_FOLD_ALIKE;
	if (c->o->no_fold && s->nodes > c->o->max_nodes) {
		over_budget(c, s->nodes);
		st = MEDSCOPE_ERR_LIMIT;
		goto cleanup;
	}
	if (level > MS_GV_FOLD_NONE) {
		/* Folding only removes facilities: if the rest alone is too big,
		 * say so at once. */
		size_t rest = 0;
		for (size_t p = 0; p < P; p++)
			if (s->party[p] == MS_GV_ON &&
			    (c->m->parties.v[p].kind != MS_PARTY_FACILITY || p == s->focus_party))
				rest += c->o->view == MEDSCOPE_VIEW_RESPONSIBILITY
				                ? s->fac_off[p + 1] - s->fac_off[p]
				                : 1;
		if (c->o->view == MEDSCOPE_VIEW_SUPPLY)
			for (size_t i = 0; i < S; i++) {
				uint32_t p = c->m->systems.v[i].provider;
				rest += s->system[i] == MS_GV_ON &&
				        (p == MS_NONE || c->m->parties.v[p].kind != MS_PARTY_FACILITY ||
				         p == s->focus_party);
			}
		if (rest > c->o->max_nodes) {
			over_budget(c, s->nodes);
			st = MEDSCOPE_ERR_LIMIT;
			goto cleanup;
		}
		if ((st = fold(c, &adj, level)) != MEDSCOPE_OK)
			goto cleanup;
		s->nodes = count_nodes(c);
		if (s->nodes > c->o->max_nodes) {
			over_budget(c, s->nodes);
			st = MEDSCOPE_ERR_LIMIT;
			goto cleanup;
		}
	}
	st = MEDSCOPE_OK;
cleanup:
	adjacency_free(&adj);
	return st;
}
