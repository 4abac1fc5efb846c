/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The label pieces every view shares: endpoint names, a party's scope
 * line and title, a folded group's label, a system's title (a party's
 * short name is beside ms_gv_text in graph_escape.c).
 * They only write text (graph_escape.c) and set no edge, so the views and
 * graph_edges.c can all use them.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"

medscope_status ms_gv_ends_init(ms_gv *c)
{
	c->nends = c->nparties + c->nsystems + c->sel.groups.n;
	c->node = calloc(c->nends + 1, sizeof(*c->node));
	c->cluster = calloc(c->nends + 1, sizeof(*c->cluster));
	c->anchor = calloc(c->nends + 1, 1);
	return c->node && c->cluster && c->anchor ? MEDSCOPE_OK : MEDSCOPE_ERR_NOMEM;
}

/* Model ids are [A-Za-z_][A-Za-z0-9_.-]* (model.md), which DOT takes as
 * they are; anything else (only possible for a model built by hand) gets a
 * name of ours. Names of our own start with '~', which no id can. */
static bool safe_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 100 || !(s[0] == '_' || ((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char ch = s[i];
		if (!(ch == '_' || ch == '.' || ch == '-' || (ch >= '0' && ch <= '9') ||
		      ((ch | 32) >= 'a' && (ch | 32) <= 'z')))
			return false;
	}
	return true;
}

const char *ms_gv_end_name(ms_gv *c, uint32_t end)
{
	ms_buf *b = &c->name;
	ms_buf_clear(b);
	if (end < c->nparties) {
		const char *id = c->m->parties.v[end].id;
		if (safe_id(id))
			ms_buf_puts(b, id);
		else
			ms_buf_printf(b, "~p%u", (unsigned)end);
	} else if (end < c->nparties + c->nsystems) {
		const char *id = c->m->systems.v[end - c->nparties].id;
		if (safe_id(id))
			ms_buf_puts(b, id);
		else
			ms_buf_printf(b, "~s%u", (unsigned)(end - c->nparties));
	} else {
		ms_buf_printf(b, "~group-%u", (unsigned)(end - c->nparties - c->nsystems + 1));
	}
	return b->oom ? NULL : b->s;
}

/* The first out-of-scope reason of a party (rules.md §1), or -1. */
static int out_reason(const ms_gv *c, uint32_t party)
{
	const ms_party_scope *sc = &c->a->scope[party];
	for (uint32_t i = 0; i < sc->nreasons; i++) {
		uint16_t rule = c->a->reasons.v[sc->reason_off + i].rule;
		if (ms_rules[rule].kind == MS_KIND_SCOPE_OUT)
			return rule;
	}
	return -1;
}

void ms_gv_scope_line(ms_gv *c, ms_buf *out, uint32_t party)
{
	const ms_party *p = &c->m->parties.v[party];
	const ms_party_scope *sc = &c->a->scope[party];
	if (p->kind == MS_PARTY_FACILITY) {
		ms_gv_text(out, ms_word(MS_W_FACILITY_TYPE, p->facility_type, c->lang), 0, 0);
		ms_gv_text(out, " · ", 0, 0);
	} else if (p->kind == MS_PARTY_NETWORK_OPERATOR) {
		/* Long: the kind, the scope and the MHLW note each get a row
		 * (callers turn <BR/> into table rows). */
		ms_gv_text(out, ms_word(MS_W_PARTY_KIND, p->kind, c->lang), 0, 0);
		ms_buf_puts(out, "<BR/>");
	}
	if (sc->in_scope) {
		ms_gv_text(out, MS_L(c->lang, "in scope: ", "対象事業者: "), 0, 0);
		ms_gv_text(out, ms_word(MS_W_CATEGORY, sc->category, c->lang), 0, 0);
		if (sc->mhlw) {
			ms_buf_puts(out, "<BR/>");
			ms_gv_text(out, MS_L(c->lang, "also a facility (MHLW guideline)", "医療機関等としても (厚労省GL)"),
			           0, 0);
		}
		return;
	}
	int rule = out_reason(c, party);
	if (rule == MS_RULE_FACILITY) {
		ms_gv_text(out, MS_L(c->lang, "facility: MHLW guideline applies", "医療機関等: 厚労省GLを適用"),
		           0, 0);
		return;
	}
	ms_gv_text(out, MS_L(c->lang, "out of scope: ", "対象外: "), 0, 0);
	ms_gv_text(out, rule >= 0 ? ms_rules[rule].title[c->lang] : "?", 0, 0);
}

void ms_gv_group_label(ms_gv *c, ms_buf *out, uint32_t group)
{
	const ms_gv_group *g = &c->sel.groups.v[group];
	ms_buf *l = &c->line;
	char num[32];
	ms_buf_clear(l);
	ms_gv_text(l, ms_word(MS_W_FACILITY_TYPE, g->type, c->lang), 0, 0);
	snprintf(num, sizeof(num), " ×%u", (unsigned)g->count);
	ms_gv_text(l, num, 0, 0);
	ms_gv_row_html(out, false, "<B>", "</B>", l->s);
	ms_buf_clear(l);
	ms_gv_text(l, c->m->parties.v[g->first].id, MS_GV_NAME_MAX, 0);
	if (c->sel.level >= MS_GV_FOLD_KIND) {
		/* By kind: the members differ, so no "like it". */
		snprintf(num, sizeof(num), MS_L(c->lang, " and %u more", " ほか %u 施設"), (unsigned)(g->count - 1));
		ms_gv_text(l, num, 0, 0);
	} else {
		ms_gv_text(l, MS_L(c->lang, " and others like it", " ほか同様の施設"), 0, 0);
	}
	ms_gv_row_html(out, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", l->s);
	ms_buf_clear(l);
}

/* ---- the supply view ---- */

/* The title rows of a party's box: name (wrapped), [id], scope. Left
 * aligned: they head a cluster. */
void ms_gv_party_title(ms_gv *c, ms_buf *b, uint32_t party)
{
	const ms_party *p = &c->m->parties.v[party];
	ms_buf *l = &c->line;
	ms_buf_clear(l);
	ms_gv_text(l, p->name[0] ? p->name : p->id, MS_GV_NAME_MAX, 30);
	ms_gv_row_html(b, true, "<B>", "</B>", l->s);
	ms_buf_clear(l);
	ms_gv_text(l, "[", 0, 0);
	ms_gv_text(l, p->id, MS_GV_NAME_MAX, 0);
	ms_gv_text(l, "] ", 0, 0);
	ms_gv_scope_line(c, l, party);
	ms_gv_row_html(b, true, "<FONT POINT-SIZE=\"9\">", "</FONT>", l->s);
	ms_buf_clear(l);
}

void ms_gv_system_title(ms_gv *c, ms_buf *b, uint32_t s)
{
	const ms_system *sy = &c->m->systems.v[s];
	ms_buf *l = &c->line;
	ms_gv_rows(b, false, "<B>", "</B>", sy->name[0] ? sy->name : sy->id, MS_GV_NAME_MAX, 24);
	ms_buf_clear(l);
	ms_gv_text(l, sy->id, MS_GV_NAME_MAX, 0);
	ms_gv_text(l, " · ", 0, 0);
	ms_gv_text(l, ms_word(MS_W_LAYER, sy->layer, c->lang), 0, 0);
	/* The analysis's verdict: a PHR that receives medical information on
	 * the patient's instruction is a medical system as a whole (FAQ 1.4). */
	if (c->a->sysinfo[s].medical) {
		ms_gv_text(l, " · ", 0, 0);
		ms_gv_text(l, ms_word(MS_W_DATA, MS_DATA_MEDICAL, c->lang), 0, 0);
	}
	ms_gv_row_html(b, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", l->s);
	ms_buf_clear(l);
}
