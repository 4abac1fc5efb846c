/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The supply view (cli.md, Diagrams): a cluster per party, marked with its
 * scope; a node per system, shaped by its layer and labelled with its
 * risk-management owner and, where other primes must take it into account
 * (FAQ 2.1, facility-contracted), who they are; runs-on, connects-to,
 * contract and data-flow edges; missing agreements as red dashed edges
 * between the parties concerned, labelled with the topic. The label
 * pieces it shares with the other views are in graph_labels.c.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"

static int party_cluster_label(ms_gv *c, Agraph_t *cl, uint32_t party)
{
	ms_buf *b = &c->label;
	ms_buf_clear(b);
	ms_gv_table_open(b);
	ms_gv_party_title(c, b, party);
	ms_gv_table_close(b);
	return b->oom || c->line.oom ? -1 : ms_gv_set_html(cl, "label", b->s);
}

/* Distinct values, in first-seen order, up to a cap. */
typedef struct {
	uint32_t v[4];
	uint32_t count[4];
	uint32_t n, more;
} few;

static void few_add(few *f, uint32_t v)
{
	for (uint32_t i = 0; i < f->n; i++)
		if (f->v[i] == v) {
			f->count[i]++;
			return;
		}
	if (f->n < 4)
		f->v[f->n] = v, f->count[f->n++] = 1;
	else
		f->more++;
}

/* "RM: A社" rows and the "considered by" row of a served system. */
static void ownership_rows(ms_gv *c, ms_buf *b, uint32_t s, bool one_facility)
{
	static const char open[] = "<FONT POINT-SIZE=\"9\" COLOR=\"#0d47a1\">";
	const ms_system_info *si = &c->a->sysinfo[s];
	ms_buf *l = &c->line;
	if (!si->nown)
		return;
	few owners = {0}, considered = {0};
	for (uint32_t i = 0; i < si->nown; i++) {
		const ms_ownership *o = &c->a->ownership.v[si->own_off + i];
		few_add(&owners, o->owner);
		for (uint32_t k = 0; k < o->considered_by.n; k++)
			few_add(&considered, MS_APOOL(c->a, o->considered_by, k));
	}
	for (uint32_t i = 0; i < owners.n; i++) {
		ms_buf_clear(l);
		ms_buf_puts(l, "<B>");
		ms_gv_text(l, "RM: ", 0, 0);
		/* A long name wraps: each of its lines becomes a row, so the
		 * bold closes and opens again around every break. */
		ms_buf name = MS_BUF_INIT;
		ms_gv_party_short(c, &name, owners.v[i], MS_GV_NAME_MAX);
		for (const char *p = name.s ? name.s : "", *br; *p; p = br + 5) {
			br = strstr(p, "<BR/>");
			if (!br) {
				ms_buf_puts(l, p);
				break;
			}
			ms_buf_put(l, p, (size_t)(br - p));
			ms_buf_puts(l, "</B><BR/><B>");
		}
		if (name.oom)
			l->oom = 1;
		ms_buf_free(&name);
		ms_buf_puts(l, "</B>");
		c->marks |= 1u << MS_MK_RM;
		if (!one_facility) {
			c->marks |= 1u << MS_MK_RM_TOWARDS;
			/* Towards which facilities: their ids when few, else how many. */
			ms_gv_text(l, " ← ", 0, 0);
			if (owners.count[i] <= 3) {
				uint32_t shown = 0;
				for (uint32_t k = 0; k < si->nown; k++) {
					const ms_ownership *o = &c->a->ownership.v[si->own_off + k];
					if (o->owner != owners.v[i])
						continue;
					if (shown++)
						ms_gv_text(l, ", ", 0, 0);
					ms_gv_text(l, c->m->parties.v[o->facility].id, MS_GV_NAME_MAX, 0);
				}
			} else {
				char num[48];
				snprintf(num, sizeof(num), MS_L(c->lang, "%u facilities", "%u 施設"),
				         (unsigned)owners.count[i]);
				ms_gv_text(l, num, 0, 0);
			}
		}
		ms_gv_row_html(b, false, open, "</FONT>", l->s);
	}
	ms_buf_clear(l);
	if (owners.more)
		ms_gv_rows(b, false, open, "</FONT>", MS_L(c->lang, "and more owners", "ほかの主体あり"), 0, 0);
	if (considered.n) {
		/* FAQ 2.1: the other prime must take these components (APIs
		 * included) into its own risk management. */
		ms_gv_text(l, MS_L(c->lang, "considered by: ", "要考慮: "), 0, 0);
		c->marks |= 1u << MS_MK_CONSIDERED;
		for (uint32_t i = 0; i < considered.n; i++) {
			if (i)
				ms_gv_text(l, ", ", 0, 0);
			ms_gv_party_short(c, l, considered.v[i], MS_GV_NAME_MAX);
		}
		if (considered.more)
			ms_gv_text(l, ", …", 0, 0);
		ms_gv_row_html(b, false, open, "</FONT>", l->s);
		ms_buf_clear(l);
	}
}

/* The label of system `s` in the supply view: title, then its owners. */
static int system_label(ms_gv *c, void *obj, uint32_t s, bool one_facility)
{
	ms_buf *b = &c->label;
	ms_buf_clear(b);
	ms_gv_table_open(b);
	ms_gv_system_title(c, b, s);
	ownership_rows(c, b, s, one_facility);
	ms_gv_table_close(b);
	return b->oom || c->line.oom ? -1 : ms_gv_set_html(obj, "label", b->s);
}

/* Whether at most one facility has ownership entries: then "RM: A社" needs
 * no "← H". */
static bool single_facility(const ms_gv *c)
{
	uint32_t seen = MS_NONE;
	for (size_t i = 0; i < c->a->ownership.n; i++) {
		uint32_t f = c->a->ownership.v[i].facility;
		if (seen != MS_NONE && f != seen)
			return false;
		seen = f;
	}
	return true;
}

static medscope_status add_nodes(ms_gv *c)
{
	const medscope_model *m = c->m;
	uint32_t P = c->nparties, S = c->nsystems;
	bool one = single_facility(c);
	medscope_status st = MEDSCOPE_ERR_NOMEM;
	/* Systems per provider, in id order (a counting sort). */
	uint32_t *off = calloc(P + 2, sizeof(*off));
	uint32_t *list = malloc((S + 1) * sizeof(*list));
	Agraph_t *unknown = NULL;
	if (!off || !list)
		goto cleanup;
	for (uint32_t i = 0; i < S; i++) {
		uint32_t p = m->systems.v[i].provider;
		off[(p == MS_NONE ? P : p) + 1]++;
	}
	for (uint32_t p = 0; p <= P; p++)
		off[p + 1] += off[p];
	for (uint32_t i = 0; i < S; i++) {
		uint32_t s = c->a->system_order[i];
		uint32_t p = m->systems.v[s].provider;
		list[off[p == MS_NONE ? P : p]++] = s;
	}
	for (uint32_t p = P + 1; p > 0; p--)
		off[p] = off[p - 1];
	off[0] = 0;

	for (uint32_t i = 0; i <= P; i++) {
		uint32_t p = i < P ? c->a->party_order[i] : P;
		Agraph_t *cl;
		if (p < P) {
			if (c->sel.party[p] != MS_GV_ON)
				continue;
			const char *name = ms_gv_end_name(c, p);
			ms_buf cname = MS_BUF_INIT;
			ms_buf_printf(&cname, "cluster_%s", name ? name : "");
			cl = cname.oom || !name ? NULL : ms_gv_subgraph(c->g, cname.s);
			ms_buf_free(&cname);
			if (!cl || ms_gv_style_apply(c, cl, ms_gv_party_style(c, p)) < 0 ||
			    party_cluster_label(c, cl, p) < 0)
				goto cleanup;
			/* The party itself: an invisible point its contracts, flows
			 * and agreements attach to, clipped at the cluster's border. */
			Agnode_t *anchor = ms_gv_node(cl, ms_gv_end_name(c, p));
			if (!anchor || ms_gv_set(anchor, "shape", "point") < 0 ||
			    ms_gv_set(anchor, "style", "invis") < 0 || ms_gv_set(anchor, "width", "0.01") < 0)
				goto cleanup;
			c->node[p] = anchor, c->cluster[p] = cl, c->anchor[p] = 1;
		} else {
			cl = NULL; /* systems without a provider */
		}
		for (uint32_t k = off[p]; k < off[p + 1]; k++) {
			uint32_t s = list[k];
			if (c->sel.system[s] != MS_GV_ON)
				continue;
			if (p == P && !unknown) {
				unknown = ms_gv_subgraph(c->g, "cluster_~unknown-provider");
				ms_buf *b = &c->label;
				ms_buf_clear(b);
				ms_buf_puts(b, "<B>");
				ms_gv_text(b, MS_L(c->lang, "provider unknown", "提供者不明"), 0, 0);
				ms_buf_puts(b, "</B>");
				if (!unknown || ms_gv_style_apply(c, unknown, MS_ST_UNKNOWN_PROVIDER) < 0 ||
				    b->oom || ms_gv_set_html(unknown, "label", b->s) < 0)
					goto cleanup;
			}
			Agraph_t *parent = p == P ? unknown : cl;
			Agnode_t *n = ms_gv_node(parent, ms_gv_end_name(c, P + s));
			if (!n || ms_gv_style_apply(c, n, (ms_gv_style)m->systems.v[s].layer) < 0 ||
			    system_label(c, n, s, one) < 0)
				goto cleanup;
			c->node[P + s] = n, c->cluster[P + s] = parent;
		}
	}
	for (size_t g = 0; g < c->sel.groups.n; g++) {
		uint32_t end = P + S + (uint32_t)g;
		Agnode_t *n = ms_gv_node(c->g, ms_gv_end_name(c, end));
		ms_buf_clear(&c->label);
		ms_gv_table_open(&c->label);
		ms_gv_group_label(c, &c->label, (uint32_t)g);
		ms_gv_table_close(&c->label);
		if (!n || ms_gv_style_apply(c, n, MS_ST_GROUP) < 0 || c->label.oom ||
		    ms_gv_set_html(n, "label", c->label.s) < 0)
			goto cleanup;
		c->node[end] = n;
	}
	st = MEDSCOPE_OK;
cleanup:
	free(off), free(list);
	return st;
}

/* Missing agreements (rules.md §3) between the parties concerned: for
 * three (integration: F with A and B) from the facility to each vendor. */
void ms_gv_add_missing(ms_gv *c)
{
	for (size_t i = 0; i < c->a->requirements.n; i++) {
		const ms_requirement *r = &c->a->requirements.v[i];
		if (r->satisfied_by != MS_NONE || r->nparties < 2)
			continue;
		uint32_t hub = r->parties[0];
		for (uint32_t k = 0; k < r->nparties; k++)
			if (c->m->parties.v[r->parties[k]].kind != MS_PARTY_VENDOR) {
				hub = r->parties[k];
				break;
			}
		bool accepted = r->finding != MS_NONE && r->finding < c->a->findings.n &&
		                c->a->findings.v[r->finding].exception != MS_NONE;
		for (uint32_t k = 0; k < r->nparties; k++)
			if (r->parties[k] != hub)
				ms_gv_add_edge(c, accepted ? MS_ST_MISSING_ACCEPTED : MS_ST_MISSING,
				               ms_gv_end_party(c, hub), ms_gv_end_party(c, r->parties[k]),
				               (uint32_t)i);
	}
}

/* Contracts, client -> supplier. */
void ms_gv_add_contracts(ms_gv *c)
{
	for (size_t k = 0; k < c->m->contracts.n; k++) {
		const ms_contract *ct = &c->m->contracts.v[k];
		ms_gv_style st = ct->types & MS_CT_QUALIFYING ? MS_ST_CONTRACT : MS_ST_CONTRACT_OTHER;
		ms_gv_add_edge(c, st, ms_gv_end_party(c, ct->client), ms_gv_end_party(c, ct->supplier),
		               (uint32_t)k);
	}
}

medscope_status ms_gv_build_supply(ms_gv *c)
{
	const medscope_model *m = c->m;
	medscope_status st;
	if (ms_gv_graph_defaults(c, MS_L(c->lang, "supply chain", "サプライチェーン構成")) < 0)
		return MEDSCOPE_ERR_NOMEM;
	if ((st = add_nodes(c)) != MEDSCOPE_OK)
		return st;
	for (uint32_t s = 0; s < c->nsystems; s++) {
		const ms_system *sy = &m->systems.v[s];
		uint32_t from = ms_gv_end_system(c, s);
		for (uint32_t i = 0; i < sy->nruns; i++) {
			const ms_edge *e = &m->edges.v[sy->runs_off + i];
			ms_gv_add_edge(c, e->flag ? MS_ST_RUNS_ON : MS_ST_RUNS_ON_UNKNOWN, from,
			               ms_gv_end_system(c, e->target), sy->runs_off + i);
		}
		for (uint32_t i = 0; i < sy->nconn; i++) {
			const ms_edge *e = &m->edges.v[sy->conn_off + i];
			ms_gv_add_edge(c, e->flag ? MS_ST_CONNECTS_API : MS_ST_CONNECTS, from,
			               ms_gv_end_system(c, e->target), sy->conn_off + i);
		}
	}
	ms_gv_add_contracts(c);
	for (size_t i = 0; i < m->flows.n; i++) {
		const ms_flow *f = &m->flows.v[i];
		uint32_t from = f->from_is_system ? ms_gv_end_system(c, f->from) : ms_gv_end_party(c, f->from);
		uint32_t to = f->to_is_system ? ms_gv_end_system(c, f->to) : ms_gv_end_party(c, f->to);
		ms_gv_add_edge(c, MS_ST_FLOW, from, to, (uint32_t)i);
	}
	ms_gv_add_missing(c);
	if ((st = ms_gv_emit_edges(c)) != MEDSCOPE_OK)
		return st;
	return ms_gv_legend(c) < 0 ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
}
