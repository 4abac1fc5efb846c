/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Edges are collected first and created last: parallel edges of one style
 * between the same two nodes (two contracts H -> A, 1,499 folded clinics'
 * contracts with one vendor, three missing topics between F and A) become
 * one edge whose label lists or counts them. Sorting by (style, ends, id)
 * makes the order - and so the DOT - independent of the model's element
 * order.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/date.h"
#include "util/diags.h"

static bool undirected(ms_gv_style st)
{
	return st == MS_ST_CONNECTS || st == MS_ST_CONNECTS_API || st == MS_ST_MISSING ||
	       st == MS_ST_MISSING_ACCEPTED || st == MS_ST_AGREEMENT;
}

static int cmp_id(const medscope_model *m, uint32_t sa, uint32_t sb)
{
	return strcmp(ms_sym_name(m, sa), ms_sym_name(m, sb));
}

/* Sort key of an item: the symbol of a contract, flow or agreement
 * (compared by id), else the index (requirements are already in report
 * order, model edges in document order). */
static uint32_t item_key(const ms_gv *c, ms_gv_style st, uint32_t item)
{
	const medscope_model *m = c->m;
	switch (st) {
	case MS_ST_CONTRACT:
	case MS_ST_CONTRACT_OTHER: return m->contracts.v[item].sym;
	case MS_ST_FLOW: return m->flows.v[item].sym;
	case MS_ST_AGREEMENT: return m->agreements.v[item].sym;
	default: return item;
	}
}

static bool key_is_symbol(ms_gv_style st)
{
	return st == MS_ST_CONTRACT || st == MS_ST_CONTRACT_OTHER || st == MS_ST_FLOW ||
	       st == MS_ST_AGREEMENT;
}

/*
 * Contract steps from a facility: facilities 0, their suppliers 1 (a
 * network operator too), the suppliers' suppliers 2, ... (MS_NONE when
 * unreachable). dot ranks every
 * edge, undirected ones too; pointing agreement edges the way contracts
 * point (facility -> prime -> subcontractor) keeps the picture running
 * left to right instead of folding back on itself.
 */
static int compute_levels(ms_gv *c)
{
	const medscope_model *m = c->m;
	size_t P = m->parties.n;
	c->level = malloc((P + 1) * sizeof(*c->level));
	if (!c->level)
		return -1;
	for (size_t p = 0; p < P; p++)
		c->level[p] = m->parties.v[p].kind == MS_PARTY_FACILITY ? 0 : MS_NONE;
	/* Bellman-Ford style passes; chains are short, so few passes. */
	for (unsigned pass = 0; pass < 8; pass++) {
		bool changed = false;
		for (size_t k = 0; k < m->contracts.n; k++) {
			const ms_contract *ct = &m->contracts.v[k];
			uint32_t from = c->level[ct->client];
			if (from != MS_NONE && from + 1 < c->level[ct->supplier]) {
				c->level[ct->supplier] = from + 1;
				changed = true;
			}
		}
		if (!changed)
			break;
	}
	return 0;
}

static uint32_t end_level(const ms_gv *c, uint32_t end)
{
	if (end < c->nparties)
		return c->level[end];
	if (end >= c->nparties + c->nsystems)
		return 0; /* a group of facilities */
	return MS_NONE;
}

void ms_gv_add_edge(ms_gv *c, ms_gv_style style, uint32_t tail, uint32_t head, uint32_t item)
{
	/* A link inside one folded group (or a system to itself) is not drawn. */
	if (tail == MS_NONE || head == MS_NONE || tail == head)
		return;
	if (undirected(style)) {
		if (!c->level && compute_levels(c) < 0) {
			c->oom = true;
			return;
		}
		uint32_t lt = end_level(c, tail), lh = end_level(c, head);
		if (lh < lt || (lh == lt && ms_gv_end_rank(c, head) < ms_gv_end_rank(c, tail))) {
			uint32_t t = tail;
			tail = head, head = t;
		}
	}
	ms_gv_edge_item *e = MS_VEC_PUSH(c->edges);
	if (!e) {
		c->oom = true;
		return;
	}
	e->style = (uint8_t)style;
	e->tail = tail, e->head = head;
	e->item = item;
	e->key = item_key(c, style, item);
}

static int cmp_edges(const void *ctx, const void *x, const void *y)
{
	const ms_gv *c = ctx;
	const ms_gv_edge_item *a = x, *b = y;
	if (a->style != b->style)
		return a->style < b->style ? -1 : 1;
	uint32_t ra = ms_gv_end_rank(c, a->tail), rb = ms_gv_end_rank(c, b->tail);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	ra = ms_gv_end_rank(c, a->head), rb = ms_gv_end_rank(c, b->head);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (key_is_symbol(a->style) && a->key != b->key)
		return cmp_id(c->m, a->key, b->key);
	return a->key < b->key ? -1 : a->key > b->key;
}

/* ---- labels ---- */

static void put_bits(ms_gv *c, ms_buf *b, unsigned bits, ms_word_kind kind)
{
	const char *sep = MS_L(c->lang, ", ", "・");
	bool first = true;
	for (unsigned bit = 1; bit && bit <= bits; bit <<= 1) {
		if (!(bits & bit))
			continue;
		if (!first)
			ms_gv_text(b, sep, 0, 0);
		ms_gv_text(b, ms_word(kind, bit, c->lang), 0, 0);
		first = false;
	}
}


static void count_text(ms_gv *c, ms_buf *b, size_t n, const char *en, const char *ja)
{
	char num[32];
	snprintf(num, sizeof(num), "%zu", n);
	ms_gv_text(b, num, 0, 0);
	ms_gv_text(b, MS_L(c->lang, en, ja), 0, 0);
}

/* Label rows go to c->label; each row is built in c->line first. */
static void row(ms_gv *c)
{
	ms_gv_row_html(&c->label, false, "", "", c->line.s);
	ms_buf_clear(&c->line);
}

/* Contracts and flows: a row each for a few; a count and the first ids
 * for many. */
static void label_items(ms_gv *c, const ms_gv_edge_item *run, size_t n)
{
	const medscope_model *m = c->m;
	ms_buf *l = &c->line;
	ms_gv_style st = (ms_gv_style)run[0].style;
	if (n > 3) {
		unsigned bits = 0;
		for (size_t i = 0; i < n; i++)
			bits |= st == MS_ST_FLOW ? 1u << m->flows.v[run[i].item].basis
			                         : m->contracts.v[run[i].item].types;
		if (st == MS_ST_FLOW) {
			count_text(c, l, n, " flows", " 件のデータの流れ");
		} else {
			count_text(c, l, n, " contracts: ", " 件の契約: ");
			put_bits(c, l, bits, MS_W_CONTRACT_TYPE);
		}
		row(c);
		ms_gv_text(l, ms_sym_name(m, run[0].key), MS_GV_NAME_MAX, 0);
		ms_gv_text(l, ", ", 0, 0);
		ms_gv_text(l, ms_sym_name(m, run[1].key), MS_GV_NAME_MAX, 0);
		ms_gv_text(l, ", …", 0, 0);
		row(c);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		ms_gv_text(l, ms_sym_name(m, run[i].key), MS_GV_NAME_MAX, 0);
		ms_gv_text(l, ": ", 0, 0);
		if (st == MS_ST_FLOW) {
			const ms_flow *f = &m->flows.v[run[i].item];
			ms_gv_text(l, ms_word(MS_W_BASIS, f->basis, c->lang), 0, 0);
			ms_gv_text(l, " (", 0, 0);
			put_bits(c, l, f->data, MS_W_DATA);
			ms_gv_text(l, ")", 0, 0);
		} else {
			const ms_contract *k = &m->contracts.v[run[i].item];
			put_bits(c, l, k->types, MS_W_CONTRACT_TYPE);
			/* What it covers, when short: a maintenance contract on the
			 * facility's own device says nothing without it. */
			if (k->covers.n && k->covers.n <= 3) {
				ms_gv_text(l, " [", 0, 0);
				for (uint32_t j = 0; j < k->covers.n; j++) {
					if (j)
						ms_gv_text(l, ", ", 0, 0);
					ms_gv_text(l, m->systems.v[MS_SPAN_AT(m, k->covers, j)].id, MS_GV_NAME_MAX, 0);
				}
				ms_gv_text(l, "]", 0, 0);
			}
			/* FAQ 2.1: chosen by a prime though signed by the client. */
			if (k->selected_by != MS_NONE && k->selected_by != k->client) {
				ms_gv_text(l, MS_L(c->lang, " (selected by ", " (選定: "), 0, 0);
				ms_gv_party_short(c, l, k->selected_by, MS_GV_NAME_MAX);
				ms_gv_text(l, ")", 0, 0);
			}
		}
		row(c);
	}
}

/* Topics, two a row (an agreement often names four or five). */
static void topic_rows(ms_gv *c, unsigned topics)
{
	unsigned k = 0;
	for (unsigned bit = 1; bit && bit <= topics; bit <<= 1) {
		if (!(topics & bit))
			continue;
		if (k % 2)
			ms_gv_text(&c->line, MS_L(c->lang, ", ", "・"), 0, 0);
		ms_gv_text(&c->line, ms_word(MS_W_TOPIC, bit, c->lang), 0, 0);
		if (k++ % 2)
			row(c);
	}
	if (c->line.len)
		row(c);
}

static void label_agreements(ms_gv *c, const ms_gv_edge_item *run, size_t n)
{
	if (n > 2) {
		count_text(c, &c->line, n, " agreements", " 件の合意");
		row(c);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const ms_agreement *g = &c->m->agreements.v[run[i].item];
		ms_gv_text(&c->line, g->id, MS_GV_NAME_MAX, 0);
		ms_gv_text(&c->line, ":", 0, 0);
		row(c);
		topic_rows(c, g->topics);
	}
}

/* "例外 x1 (〜2027-03-31)": the exceptions that accept the run's missing
 * agreements, each once (a run is a few requirements between two parties). */
static void accepted_rows(ms_gv *c, const ms_gv_edge_item *run, size_t n)
{
	const medscope_analysis *a = c->a;
	for (size_t i = 0; i < n; i++) {
		uint32_t x = a->findings.v[a->requirements.v[run[i].item].finding].exception;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = a->findings.v[a->requirements.v[run[j].item].finding].exception == x;
		if (seen)
			continue;
		const ms_exception *e = &c->m->exceptions.v[x];
		char until[11], text[64];
		ms_date_format(e->until, until);
		ms_gv_text(&c->line, MS_L(c->lang, "exception ", "例外 "), 0, 0);
		ms_gv_text(&c->line, e->id, 24, 0);
		snprintf(text, sizeof(text), MS_L(c->lang, " (until %s)", " (〜%s)"), until);
		ms_gv_text(&c->line, text, 0, 0);
		row(c);
	}
}

static void label_missing(ms_gv *c, const ms_gv_edge_item *run, size_t n)
{
	unsigned topics = 0, ntopics = 0;
	bool accepted = run[0].style == MS_ST_MISSING_ACCEPTED;
	for (size_t i = 0; i < n; i++)
		topics |= c->a->requirements.v[run[i].item].topic;
	for (unsigned bit = 1; bit && bit <= topics; bit <<= 1)
		ntopics += (topics & bit) != 0;
	ms_gv_text(&c->line, accepted ? MS_L(c->lang, "missing, accepted:", "合意なし (受容):")
	                              : MS_L(c->lang, "missing:", "合意なし:"),
	           0, 0);
	if (n > ntopics) {
		char num[32];
		snprintf(num, sizeof(num), " (%zu)", n);
		ms_gv_text(&c->line, num, 0, 0);
	}
	row(c);
	/* One topic a row keeps the label narrow. */
	for (unsigned bit = 1; bit && bit <= topics; bit <<= 1) {
		if (!(topics & bit))
			continue;
		ms_gv_text(&c->line, ms_word(MS_W_TOPIC, bit, c->lang), 0, 0);
		row(c);
	}
	if (accepted)
		accepted_rows(c, run, n);
}

/* The label of a merged edge, as table rows in c->label. */
static void label_run(ms_gv *c, const ms_gv_edge_item *run, size_t n)
{
	ms_gv_style st = (ms_gv_style)run[0].style;
	ms_buf *l = &c->line;
	ms_buf_clear(l);
	switch (st) {
	case MS_ST_CONTRACT:
	case MS_ST_CONTRACT_OTHER:
	case MS_ST_FLOW: label_items(c, run, n); return;
	case MS_ST_AGREEMENT: label_agreements(c, run, n); return;
	case MS_ST_MISSING:
	case MS_ST_MISSING_ACCEPTED: label_missing(c, run, n); return;
	case MS_ST_RUNS_ON_UNKNOWN:
		ms_gv_text(l, MS_L(c->lang, "unknown infrastructure", "不明なインフラ"), 0, 0);
		break;
	case MS_ST_CONNECTS_API: ms_gv_text(l, "API", 0, 0); break;
	default: break;
	}
	if (n > 1) {
		char num[32];
		snprintf(num, sizeof(num), " ×%zu", n);
		ms_gv_text(l, num, 0, 0);
	}
	if (l->len)
		row(c);
}

/* ---- creation ---- */

/* The pairs of nodes joined so far, in the direction created: a set of
 * (tail, head) in open addressing. */
typedef struct {
	uint64_t *slot; /* key + 1; 0 = empty */
	size_t cap;
} pairset;

static size_t pair_hash(uint64_t k, size_t cap)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (cap - 1);
}

static bool pair_has(const pairset *ps, uint32_t t, uint32_t h)
{
	uint64_t k = ((uint64_t)t << 32 | h) + 1;
	for (size_t i = pair_hash(k, ps->cap); ps->slot[i]; i = (i + 1) & (ps->cap - 1))
		if (ps->slot[i] == k)
			return true;
	return false;
}

static void pair_add(pairset *ps, uint32_t t, uint32_t h)
{
	uint64_t k = ((uint64_t)t << 32 | h) + 1;
	size_t i = pair_hash(k, ps->cap);
	while (ps->slot[i] && ps->slot[i] != k)
		i = (i + 1) & (ps->cap - 1);
	ps->slot[i] = k;
}

int ms_gv_link(ms_gv *c, Agraph_t *label_parent, Agnode_t *t, Agnode_t *h, ms_gv_style st,
               const char *html, bool back, Agraph_t *ltail, Agraph_t *lhead)
{
	int rc = 0;
	bool directed = !undirected(st);
	if (!html) {
		Agedge_t *e = ms_gv_edge(c->g, t, h);
		if (!e)
			return -1;
		rc |= ms_gv_style_apply(c, e, st);
		if (back && directed)
			rc |= ms_gv_set(e, "dir", "back");
		if (ltail)
			rc |= ms_gv_set(e, "ltail", agnameof(ltail));
		if (lhead)
			rc |= ms_gv_set(e, "lhead", agnameof(lhead));
		return rc;
	}
	/*
	 * A labelled edge is drawn as two edges through a node that carries
	 * the label. Graphviz 2.43 puts an edge label on a virtual node, and
	 * when dot lays such an edge "flat" (both ends on one rank, which
	 * happens between clusters) its flat_edges() reallocates a rank array
	 * the clusters still point into: dot_cleanup then frees it twice and
	 * the process aborts (valgrind, scale-0.01 national model). A real
	 * node in the middle takes the label's place and never sits on a flat
	 * edge with a label.
	 */
	char name[32];
	snprintf(name, sizeof(name), "~label-%u", ++c->nlabels);
	Agnode_t *mid = ms_gv_node(label_parent ? label_parent : c->g, name);
	Agedge_t *e1 = mid ? ms_gv_edge(c->g, t, mid) : NULL;
	Agedge_t *e2 = mid ? ms_gv_edge(c->g, mid, h) : NULL;
	if (!e1 || !e2)
		return -1;
	rc |= ms_gv_set(mid, "shape", "plain");
	rc |= ms_gv_set(mid, "fontsize", "9");
	rc |= ms_gv_set(mid, "fontcolor", ms_gv_style_fontcolor(st));
	rc |= ms_gv_set_html(mid, "label", html);
	rc |= ms_gv_style_apply(c, e1, st);
	rc |= ms_gv_style_apply(c, e2, st);
	/* One arrowhead, at the head (or, turned, at the tail). */
	rc |= ms_gv_set(e1, "dir", back && directed ? "back" : "none");
	if (back || !directed)
		rc |= ms_gv_set(e2, "dir", "none");
	if (ltail)
		rc |= ms_gv_set(e1, "ltail", agnameof(ltail));
	if (lhead)
		rc |= ms_gv_set(e2, "lhead", agnameof(lhead));
	return rc;
}

static int create(ms_gv *c, const ms_gv_edge_item *run, size_t n, pairset *ps)
{
	uint32_t t = run[0].tail, h = run[0].head;
	if (!c->node[t] || !c->node[h])
		return 0; /* an end the view does not draw */
	/* Two nodes joined both ways (a contract A -> B, a missing agreement
	 * B - A) make a cycle dot must break; every edge between two nodes
	 * runs the way the first one did, the arrow turned with dir=back. */
	bool flip = pair_has(ps, h, t);
	if (flip) {
		uint32_t x = t;
		t = h, h = x;
	}
	pair_add(ps, t, h);
	ms_buf *b = &c->label;
	ms_buf_clear(b);
	ms_gv_table_open(b);
	size_t empty = b->len;
	label_run(c, run, n);
	bool any = b->len > empty;
	ms_gv_table_close(b);
	if (b->oom || c->line.oom)
		return -1;
	/* A party's anchor stands for its cluster: clip the edge at the
	 * cluster's border, unless the other end is inside that cluster. */
	Agraph_t *ct = c->cluster[t], *ch = c->cluster[h];
	Agraph_t *ltail = c->anchor[t] && ct && ct != ch ? ct : NULL;
	Agraph_t *lhead = c->anchor[h] && ch && ch != ct ? ch : NULL;
	/* The label stays inside a cluster both ends are in. */
	Agraph_t *parent = ct && ct == ch ? ct : NULL;
	return ms_gv_link(c, parent, c->node[t], c->node[h], (ms_gv_style)run[0].style,
	                  any ? b->s : NULL, flip, ltail, lhead);
}

medscope_status ms_gv_emit_edges(ms_gv *c)
{
	if (c->oom)
		return MEDSCOPE_ERR_NOMEM;
	if (ms_sort(c->edges.v, c->edges.n, sizeof(*c->edges.v), cmp_edges, c) < 0)
		return MEDSCOPE_ERR_NOMEM;
	size_t drawn = 0;
	for (size_t i = 0; i < c->edges.n;) {
		size_t j = i + 1;
		while (j < c->edges.n && c->edges.v[j].style == c->edges.v[i].style &&
		       c->edges.v[j].tail == c->edges.v[i].tail && c->edges.v[j].head == c->edges.v[i].head)
			j++;
		drawn++;
		i = j;
	}
	if (drawn > c->o->max_edges) {
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "the diagram would have %zu edges, more than the limit of %u; "
		                       "draw part of the model with --focus ID [--depth N]",
		                    "図の辺の数が %zu となり上限 %u を超えます。"
		                    "--focus ID [--depth N] でモデルの一部を描いてください"),
		            drawn, c->o->max_edges);
		return MEDSCOPE_ERR_LIMIT;
	}
	pairset ps = {NULL, 64};
	while (ps.cap < drawn * 2)
		ps.cap *= 2;
	ps.slot = calloc(ps.cap, sizeof(*ps.slot));
	if (!ps.slot)
		return MEDSCOPE_ERR_NOMEM;
	medscope_status st = MEDSCOPE_OK;
	for (size_t i = 0; i < c->edges.n;) {
		size_t j = i + 1;
		while (j < c->edges.n && c->edges.v[j].style == c->edges.v[i].style &&
		       c->edges.v[j].tail == c->edges.v[i].tail && c->edges.v[j].head == c->edges.v[i].head)
			j++;
		if (create(c, c->edges.v + i, j - i, &ps) < 0) {
			st = MEDSCOPE_ERR_NOMEM;
			break;
		}
		i = j;
	}
	free(ps.slot);
	return st;
}
