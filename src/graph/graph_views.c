/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The contracts view (parties as nodes; contracts, agreements and missing
 * agreements as edges: what procurement needs to see) and the
 * responsibility view (per facility, the systems served to it grouped by
 * their risk-management owner, rules.md §2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"

static int party_node_label(ms_gv *c, Agnode_t *n, uint32_t party)
{
	const ms_party *p = &c->m->parties.v[party];
	ms_buf *b = &c->label, *l = &c->line;
	ms_buf_clear(b);
	ms_gv_table_open(b);
	ms_gv_rows(b, false, "<B>", "</B>", p->name[0] ? p->name : p->id, MS_GV_NAME_MAX, 24);
	ms_gv_rows(b, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", p->id, MS_GV_NAME_MAX, 0);
	ms_buf_clear(l);
	ms_gv_scope_line(c, l, party);
	ms_gv_row_html(b, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", l->s);
	ms_gv_table_close(b);
	return b->oom || l->oom ? -1 : ms_gv_set_html(n, "label", b->s);
}

static int group_node(ms_gv *c, Agraph_t *parent, uint32_t group)
{
	uint32_t end = c->nparties + c->nsystems + group;
	Agnode_t *n = ms_gv_node(parent, ms_gv_end_name(c, end));
	ms_buf_clear(&c->label);
	ms_gv_table_open(&c->label);
	ms_gv_group_label(c, &c->label, group);
	ms_gv_table_close(&c->label);
	if (!n || ms_gv_style_apply(c, n, MS_ST_GROUP) < 0 || c->label.oom ||
	    ms_gv_set_html(n, "label", c->label.s) < 0)
		return -1;
	c->node[end] = n;
	return 0;
}

/* An agreement of three or more drawn parties: a small diamond with an
 * edge to each of them, rather than an edge for every pair. */
static int agreement_hub(ms_gv *c, uint32_t agreement, const uint32_t *ends, uint32_t n)
{
	const ms_agreement *g = &c->m->agreements.v[agreement];
	ms_buf name = MS_BUF_INIT;
	ms_buf_printf(&name, "~agreement-%u", (unsigned)agreement);
	Agnode_t *hub = name.oom ? NULL : ms_gv_node(c->g, name.s);
	ms_buf_free(&name);
	if (!hub || ms_gv_style_apply(c, hub, MS_ST_AGREEMENT_HUB) < 0)
		return -1;
	/* The id and the topics, two a row, on the diamond itself (an edge
	 * label here would risk Graphviz's flat-edge bug, see ms_gv_link). */
	ms_buf *b = &c->label;
	ms_buf_clear(b);
	ms_buf_clear(&c->line);
	ms_gv_table_open(b);
	ms_gv_rows(b, false, "<FONT POINT-SIZE=\"9\"><B>", "</B></FONT>", g->id, MS_GV_NAME_MAX, 0);
	unsigned k = 0;
	for (unsigned bit = 1; bit && bit <= g->topics; bit <<= 1) {
		if (!(g->topics & bit))
			continue;
		if (k % 2)
			ms_gv_text(&c->line, MS_L(c->lang, ", ", "・"), 0, 0);
		ms_gv_text(&c->line, ms_word(MS_W_TOPIC, bit, c->lang), 0, 0);
		if (k++ % 2) {
			ms_gv_row_html(b, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", c->line.s);
			ms_buf_clear(&c->line);
		}
	}
	if (c->line.len)
		ms_gv_row_html(b, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", c->line.s);
	ms_buf_clear(&c->line);
	ms_gv_table_close(b);
	int rc = b->oom ? -1 : ms_gv_set_html(hub, "label", b->s);
	for (uint32_t i = 0; i < n; i++)
		rc |= ms_gv_link(c, NULL, c->node[ends[i]], hub, MS_ST_AGREEMENT, NULL, false, NULL, NULL);
	return rc;
}

medscope_status ms_gv_build_contracts(ms_gv *c)
{
	const medscope_model *m = c->m;
	medscope_status st;
	if (ms_gv_graph_defaults(c, MS_L(c->lang, "contracts and agreements", "契約等と合意")) < 0)
		return MEDSCOPE_ERR_NOMEM;
	for (uint32_t i = 0; i < c->nparties; i++) {
		uint32_t p = c->a->party_order[i];
		if (c->sel.party[p] != MS_GV_ON)
			continue;
		Agnode_t *n = ms_gv_node(c->g, ms_gv_end_name(c, p));
		if (!n || ms_gv_style_apply(c, n, ms_gv_party_style(c, p)) < 0 ||
		    party_node_label(c, n, p) < 0)
			return MEDSCOPE_ERR_NOMEM;
		c->node[p] = n;
	}
	for (uint32_t g = 0; g < c->sel.groups.n; g++)
		if (group_node(c, c->g, g) < 0)
			return MEDSCOPE_ERR_NOMEM;
	ms_gv_add_contracts(c);
	/* Agreements: an edge between two parties, a hub for more. */
	uint32_t *order = malloc((m->agreements.n + 1) * sizeof(*order));
	uint32_t *ends = NULL;
	size_t nhubs = 0;
	if (!order)
		return MEDSCOPE_ERR_NOMEM;
	for (size_t i = 0; i < m->agreements.n; i++) {
		const ms_agreement *g = &m->agreements.v[i];
		uint32_t e[2], n = 0;
		bool more = false;
		for (uint32_t k = 0; k < g->parties.n; k++) {
			uint32_t end = ms_gv_end_party(c, MS_SPAN_AT(m, g->parties, k));
			if (end == MS_NONE || (n >= 1 && e[0] == end) || (n == 2 && e[1] == end))
				continue;
			if (n < 2)
				e[n++] = end;
			else
				more = true;
		}
		if (more)
			order[nhubs++] = (uint32_t)i;
		else if (n == 2)
			ms_gv_add_edge(c, MS_ST_AGREEMENT, e[0], e[1], (uint32_t)i);
	}
	ms_gv_add_missing(c);
	if ((st = ms_gv_emit_edges(c)) != MEDSCOPE_OK)
		goto cleanup;
	st = MEDSCOPE_ERR_NOMEM;
	ends = malloc((c->nends + 1) * sizeof(*ends));
	if (!ends)
		goto cleanup;
	/* Hubs in id order, after the merged edges. */
	for (size_t i = 1; i < nhubs; i++)
		for (size_t j = i; j > 0 && strcmp(m->agreements.v[order[j - 1]].id,
		                                   m->agreements.v[order[j]].id) > 0; j--) {
			uint32_t t = order[j];
			order[j] = order[j - 1], order[j - 1] = t;
		}
	for (size_t i = 0; i < nhubs; i++) {
		const ms_agreement *g = &m->agreements.v[order[i]];
		uint32_t n = 0;
		for (uint32_t k = 0; k < g->parties.n; k++) {
			uint32_t end = ms_gv_end_party(c, MS_SPAN_AT(m, g->parties, k));
			bool dup = end == MS_NONE;
			for (uint32_t j = 0; j < n && !dup; j++)
				dup = ends[j] == end;
			if (!dup)
				ends[n++] = end;
		}
		if (agreement_hub(c, order[i], ends, n) < 0)
			goto cleanup;
	}
	st = ms_gv_legend(c) < 0 ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
cleanup:
	free(order), free(ends);
	return st;
}

/* ---- responsibility ---- */

/* A facility's owner table, or a folded group's (graph.h). */
typedef struct {
	const ms_gv_gentry *v;
	uint32_t n;
	uint32_t members; /* 0: one facility */
} entries;

/* The clone of system `s` in the table, or NULL. Entries are in system id
 * order: a binary search by rank. */
static Agnode_t *clone_of(ms_gv *c, Agnode_t **clones, const entries *t, uint32_t s)
{
	uint32_t lo = 0, hi = t->n;
	uint32_t want = c->sel.system_rank[s];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t r = c->sel.system_rank[c->a->ownership.v[t->v[mid].own].system];
		if (r == want)
			return clones[mid];
		if (r < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int entry_label(ms_gv *c, Agnode_t *n, const ms_gv_gentry *e, uint32_t members)
{
	static const char open[] = "<FONT POINT-SIZE=\"9\" COLOR=\"#0d47a1\">";
	const ms_ownership *o = &c->a->ownership.v[e->own];
	ms_buf *b = &c->label, *l = &c->line;
	ms_buf_clear(b);
	ms_gv_table_open(b);
	ms_gv_system_title(c, b, o->system);
	ms_gv_rows(b, false, open, "</FONT>", ms_rules[o->basis].title[c->lang], 0, 30);
	if (members && e->count < members) {
		/* A folded group: how many of its facilities this entry is for. */
		char num[64];
		snprintf(num, sizeof(num), MS_L(c->lang, "for %u of the %u facilities", "%u 施設中 %u 施設"),
		         (unsigned)(c->lang == MEDSCOPE_LANG_JA ? members : e->count),
		         (unsigned)(c->lang == MEDSCOPE_LANG_JA ? e->count : members));
		ms_gv_rows(b, false, open, "</FONT>", num, 0, 0);
		c->marks |= 1u << MS_MK_GROUP_SHARE;
	}
	if (o->considered_by.n) {
		ms_buf_clear(l);
		ms_gv_text(l, MS_L(c->lang, "considered by: ", "要考慮: "), 0, 0);
		for (uint32_t k = 0; k < o->considered_by.n; k++) {
			if (k)
				ms_gv_text(l, ", ", 0, 0);
			ms_gv_party_short(c, l, MS_APOOL(c->a, o->considered_by, k), MS_GV_NAME_MAX);
		}
		ms_gv_row_html(b, false, open, "</FONT>", l->s);
		ms_buf_clear(l);
		c->marks |= 1u << MS_MK_CONSIDERED;
	}
	ms_gv_table_close(b);
	return b->oom || l->oom ? -1 : ms_gv_set_html(n, "label", b->s);
}

static int owner_label(ms_gv *c, Agraph_t *cl, uint32_t owner, uint32_t facility)
{
	ms_buf *b = &c->label, *l = &c->line;
	ms_buf_clear(b);
	ms_buf_clear(l);
	ms_gv_table_open(b);
	ms_gv_text(l, "RM: ", 0, 0);
	ms_gv_party_short(c, l, owner, MS_GV_NAME_MAX);
	ms_gv_row_html(b, true, "<B>", "</B>", l->s);
	ms_buf_clear(l);
	if (owner == facility)
		ms_gv_text(l, MS_L(c->lang, "the facility itself", "医療機関等自身"), 0, 0);
	else
		ms_gv_scope_line(c, l, owner);
	ms_gv_row_html(b, true, "<FONT POINT-SIZE=\"9\">", "</FONT>", l->s);
	ms_buf_clear(l);
	ms_gv_table_close(b);
	c->marks |= 1u << MS_MK_RM;
	return b->oom || l->oom ? -1 : ms_gv_set_html(cl, "label", b->s);
}

static int cmp_party_rank(const void *ctx, uint32_t x, uint32_t y)
{
	const ms_gv *c = ctx;
	uint32_t a = c->sel.party_rank[x], b = c->sel.party_rank[y];
	return a < b ? -1 : a > b;
}

/* One facility, or a group of folded ones (f: its first member). */
typedef MS_VEC(Agnode_t *) nodevec;

static int facility_table(ms_gv *c, uint32_t f, uint32_t group, const entries *t, nodevec *drawn)
{
	uint32_t nent = t->n;
	const char *fname = group == MS_NONE
	                            ? ms_gv_end_name(c, f)
	                            : ms_gv_end_name(c, c->nparties + c->nsystems + group);
	ms_buf prefix = MS_BUF_INIT, name = MS_BUF_INIT;
	Agnode_t **clones = calloc(nent + 1, sizeof(*clones));
	uint32_t *owners = malloc((nent + 1) * sizeof(*owners));
	int rc = -1;
	ms_buf_puts(&prefix, fname ? fname : "");
	ms_buf_printf(&name, "cluster_%s", prefix.s ? prefix.s : "");
	Agraph_t *fc = name.oom || prefix.oom ? NULL : ms_gv_subgraph(c->g, name.s);
	if (!fc || !clones || !owners)
		goto cleanup;
	ms_buf_clear(&c->label);
	ms_gv_table_open(&c->label);
	if (group == MS_NONE)
		ms_gv_party_title(c, &c->label, f);
	else
		ms_gv_group_label(c, &c->label, group);
	ms_gv_table_close(&c->label);
	if (c->label.oom || ms_gv_set_html(fc, "label", c->label.s) < 0 ||
	    ms_gv_style_apply(c, fc, group == MS_NONE ? MS_ST_FACILITY : MS_ST_GROUP) < 0)
		goto cleanup;
	/* Owners in id order, each a box of its systems; a facility that is
	 * its own owner stands as f. */
	for (uint32_t k = 0; k < nent; k++)
		owners[k] = t->v[k].owner == MS_NONE ? f : t->v[k].owner;
	if (ms_sort_u32(owners, nent, cmp_party_rank, c) < 0)
		goto cleanup;
	for (uint32_t i = 0; i < nent; i++) {
		uint32_t owner = owners[i];
		if (i && owners[i - 1] == owner)
			continue;
		Agraph_t *oc = NULL;
		for (uint32_t k = 0; k < nent; k++) {
			const ms_gv_gentry *e = &t->v[k];
			const ms_ownership *o = &c->a->ownership.v[e->own];
			if ((e->owner == MS_NONE ? f : e->owner) != owner)
				continue;
			if (!oc) {
				ms_buf_clear(&name);
				ms_buf_printf(&name, "cluster_%s/%s", prefix.s, ms_gv_end_name(c, owner));
				oc = name.oom ? NULL : ms_gv_subgraph(fc, name.s);
				if (!oc || ms_gv_style_apply(c, oc, MS_ST_OWNER) < 0 ||
				    owner_label(c, oc, owner, f) < 0)
					goto cleanup;
			}
			ms_buf_clear(&name);
			ms_buf_printf(&name, "%s/%s", prefix.s, ms_gv_end_name(c, c->nparties + o->system));
			if (k && c->a->ownership.v[t->v[k - 1].own].system == o->system)
				ms_buf_printf(&name, "/%u", (unsigned)k); /* a second owner of it */
			Agnode_t *n = name.oom ? NULL : ms_gv_node(oc, name.s);
			if (!n || ms_gv_style_apply(c, n, (ms_gv_style)c->m->systems.v[o->system].layer) < 0 ||
			    entry_label(c, n, e, t->members) < 0)
				goto cleanup;
			clones[k] = n;
			Agnode_t **slot = MS_VEC_PUSH(*drawn);
			if (!slot)
				goto cleanup;
			*slot = n;
		}
	}
	/* runs-on and connects-to between the systems of this table. */
	for (uint32_t k = 0; k < nent; k++) {
		const ms_system *sy = &c->m->systems.v[c->a->ownership.v[t->v[k].own].system];
		for (uint32_t pass = 0; pass < 2; pass++) {
			uint32_t off = pass ? sy->conn_off : sy->runs_off, cnt = pass ? sy->nconn : sy->nruns;
			for (uint32_t i = 0; i < cnt; i++) {
				const ms_edge *e = &c->m->edges.v[off + i];
				Agnode_t *to = clone_of(c, clones, t, e->target);
				if (!to || to == clones[k])
					continue;
				ms_gv_style est = pass ? (e->flag ? MS_ST_CONNECTS_API : MS_ST_CONNECTS)
				                       : (e->flag ? MS_ST_RUNS_ON : MS_ST_RUNS_ON_UNKNOWN);
				const char *label = NULL;
				if (est == MS_ST_CONNECTS_API || est == MS_ST_RUNS_ON_UNKNOWN) {
					ms_buf_clear(&c->label);
					ms_gv_table_open(&c->label);
					ms_gv_rows(&c->label, false, "", "",
					           est == MS_ST_CONNECTS_API
					                   ? "API"
					                   : MS_L(c->lang, "unknown infrastructure", "不明なインフラ"),
					           0, 0);
					ms_gv_table_close(&c->label);
					label = c->label.s;
				}
				if (c->label.oom || ms_gv_link(c, fc, clones[k], to, est, label, false, NULL, NULL) < 0)
					goto cleanup;
			}
		}
	}
	rc = 0;
cleanup:
	ms_buf_free(&prefix), ms_buf_free(&name);
	free(clones), free(owners);
	return rc;
}

/* A facility's own table, as entries. */
static int facility_entries(ms_gv *c, uint32_t f, ms_gv_gentry **out, uint32_t *n)
{
	const ms_gv_sel *s = &c->sel;
	*n = s->fac_off[f + 1] - s->fac_off[f];
	*out = malloc((*n + 1) * sizeof(**out));
	if (!*out)
		return -1;
	for (uint32_t k = 0; k < *n; k++) {
		uint32_t own = s->fac_own[s->fac_off[f] + k];
		(*out)[k].own = own;
		(*out)[k].owner = c->a->ownership.v[own].owner;
		(*out)[k].count = 1;
	}
	return 0;
}

/*
 * The tables say nothing to each other, and dot (left to right) would
 * stack them all in one column, a strip metres long for 30 facilities.
 * Laid in rows instead, reading order, about twice as many rows as
 * columns (an upright sheet; a table is wider than tall): an invisible edge from every node of a
 * table to the first node of the next one in its row puts that one to
 * its right.
 */
static int arrange_tables(ms_gv *c, const nodevec *drawn, const uint32_t *start, uint32_t ntables)
/* start[k] .. start[k + 1]: the nodes of item k in drawn */
{
	uint32_t cols = 0; /* sqrt(2 ntables / 3), rounded */
	while (3 * (uint64_t)(2 * cols + 1) * (2 * cols + 1) <= 8 * (uint64_t)ntables)
		cols++;
	if (cols < 2)
		return 0;
	for (uint32_t k = 1; k < ntables; k++) {
		if (k % cols == 0)
			continue;
		for (uint32_t i = start[k - 1]; i < start[k]; i++) {
			Agedge_t *e = ms_gv_edge(c->g, drawn->v[i], drawn->v[start[k]]);
			if (!e || ms_gv_set(e, "style", "invis") < 0)
				return -1;
		}
	}
	return 0;
}

medscope_status ms_gv_build_responsibility(ms_gv *c)
{
	nodevec drawn = {0};
	uint32_t *start = malloc((c->nparties + c->sel.groups.n + 2) * sizeof(*start));
	uint32_t ntables = 0;
	medscope_status st = MEDSCOPE_ERR_NOMEM;
	if (!start)
		return st;
	if (ms_gv_graph_defaults(c, MS_L(c->lang, "risk-management owners by facility",
	                                    "医療機関等ごとのリスクマネジメントの主体")) < 0)
		goto cleanup;
	bool any = false;
	for (uint32_t i = 0; i < c->nparties; i++) {
		uint32_t f = c->a->party_order[i];
		if (c->sel.party[f] != MS_GV_ON || c->sel.fac_off[f] == c->sel.fac_off[f + 1])
			continue;
		entries t = {NULL, 0, 0};
		ms_gv_gentry *v = NULL;
		int rc = facility_entries(c, f, &v, &t.n);
		t.v = v;
		start[ntables++] = (uint32_t)drawn.n;
		if (rc == 0)
			rc = facility_table(c, f, MS_NONE, &t, &drawn);
		free(v);
		if (rc < 0)
			goto cleanup;
		any = true;
	}
	for (uint32_t g = 0; g < c->sel.groups.n; g++) {
		uint32_t f = c->sel.groups.v[g].first;
		entries t = {c->sel.gent.v + c->sel.gent_off[g], c->sel.gent_off[g + 1] - c->sel.gent_off[g],
		             c->sel.groups.v[g].count};
		if (!t.n)
			continue;
		start[ntables++] = (uint32_t)drawn.n;
		if (facility_table(c, f, g, &t, &drawn) < 0)
			goto cleanup;
		any = true;
	}
	start[ntables] = (uint32_t)drawn.n;
	if (!any) {
		/* rules.md §2: systems served to no facility get no entry. */
		Agnode_t *n = ms_gv_node(c->g, "~nothing-served");
		ms_buf_clear(&c->label);
		ms_gv_table_open(&c->label);
		ms_gv_rows(&c->label, false, "", "",
		           MS_L(c->lang, "No system is served to a facility (no prime contract).",
		                   "医療機関等に提供されるシステムはありません (医療機関等との契約等がありません)。"),
		           0, 40);
		ms_gv_table_close(&c->label);
		if (!n || ms_gv_set(n, "shape", "note") < 0 || c->label.oom ||
		    ms_gv_set_html(n, "label", c->label.s) < 0)
			goto cleanup;
	}
	if (ms_gv_legend(c) < 0)
		goto cleanup;
	/* The legend is the first item of the first row. */
	if (any && ntables >= 4) {
		Agraph_t *lg = agsubg(c->g, (char *)"cluster_~legend", 0);
		nodevec all = {0};
		uint32_t *at = malloc((ntables + 2) * sizeof(*at));
		bool ok = at != NULL;
		for (Agnode_t *n = lg ? agfstnode(lg) : NULL; n && ok; n = agnxtnode(lg, n)) {
			Agnode_t **slot = MS_VEC_PUSH(all);
			ok = slot && (*slot = n);
		}
		uint32_t items = 0;
		if (ok && all.n)
			at[items++] = 0;
		for (uint32_t k = 0; ok && k <= ntables; k++) {
			at[items + k] = (uint32_t)all.n + start[k];
		}
		for (size_t i = 0; ok && i < drawn.n; i++) {
			Agnode_t **slot = MS_VEC_PUSH(all);
			ok = slot && (*slot = drawn.v[i]);
		}
		ok = ok && arrange_tables(c, &all, at, items + ntables) == 0;
		MS_VEC_FREE(all);
		free(at);
		if (!ok)
			goto cleanup;
	}
	st = MEDSCOPE_OK;
cleanup:
	MS_VEC_FREE(drawn);
	free(start);
	return st;
}
