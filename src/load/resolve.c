/* SPDX-License-Identifier: Apache-2.0 */
/*
 * After parsing: every reference is still a symbol. Turn each into the
 * index of what it names, checking that it names the right kind of thing
 * (model.md, "What a loader must refuse"), and refuse runs-on cycles.
 *
 * Cost: O(references) for resolution, O(systems + runs-on edges) for the
 * cycle search (iterative, so a long chain cannot overflow the stack).
 */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "util/buf.h"
#include "util/diags.h"
#include "util/suggest.h"

typedef struct {
	medscope_model *m;
	medscope_diags *diags;
	medscope_lang lang;
	size_t errors;
	bool nomem;
} resolver;

static const char *kind_noun(const resolver *r, uint32_t sym)
{
	const ms_sym *s = &r->m->syms.v[sym];
	switch (s->kind) {
	case MS_SYM_PARTY:
		/* A party refused for a bad attribute keeps its id but has no
		 * entry (index MS_NONE): do not look it up. */
		if (s->index == MS_NONE)
			return MS_L(r->lang, "a party", "当事者");
		switch (r->m->parties.v[s->index].kind) {
		case MS_PARTY_FACILITY: return MS_L(r->lang, "a facility", "医療機関等 (facility)");
		case MS_PARTY_NETWORK_OPERATOR: return MS_L(r->lang, "a network-operator", "連携ネットワーク運営主体 (network-operator)");
		default: return MS_L(r->lang, "a vendor", "事業者 (vendor)");
		}
	case MS_SYM_SYSTEM: return MS_L(r->lang, "a system", "システム (system)");
	case MS_SYM_CONTRACT: return MS_L(r->lang, "a contract", "契約 (contract)");
	case MS_SYM_FLOW: return MS_L(r->lang, "a flow", "データフロー (flow)");
	case MS_SYM_AGREEMENT: return MS_L(r->lang, "an agreement", "合意 (agreement)");
	case MS_SYM_RISK: return MS_L(r->lang, "a risk", "リスク (risk)");
	case MS_SYM_EXCEPTION: return MS_L(r->lang, "an exception", "例外 (exception)");
	default: return "?";
	}
}

/* Does a symbol of this kind fit what the reference wants (SUGGEST_*
 * below, or one ms_sym_kind)? */
enum { SUGGEST_PARTY_OR_SYSTEM = 100, SUGGEST_SUBJECT };

static bool fits(uint8_t kind, int want)
{
	if (want == SUGGEST_PARTY_OR_SYSTEM)
		return kind == MS_SYM_PARTY || kind == MS_SYM_SYSTEM;
	if (want == SUGGEST_SUBJECT)
		return kind != MS_SYM_UNDEFINED && kind != MS_SYM_EXCEPTION;
	return kind == want;
}

/* The defined id of the wanted kind nearest to a misspelt one, or NULL.
 * Not on national-scale models: one pass over every id per message. */
static const char *nearest_id(const resolver *r, uint32_t sym, int want)
{
	const medscope_model *m = r->m;
	if (m->syms.n > 200000)
		return NULL;
	const char *name = m->syms.v[sym].name;
	ms_suggest sg;
	ms_suggest_init(&sg, name, strlen(name));
	for (size_t i = 0; i < m->syms.n; i++)
		if (i != sym && fits(m->syms.v[i].kind, want))
			ms_suggest_try(&sg, m->syms.v[i].name);
	return ms_suggest_best(&sg);
}

static void ref_error(resolver *r, ms_loc loc, const char *el, uint32_t owner_sym,
                      const char *attr, uint32_t sym, int want, const char *want_en,
                      const char *want_ja)
{
	r->errors++;
	const char *owner = owner_sym == MS_NONE ? "" : r->m->syms.v[owner_sym].name;
	const char *name = r->m->syms.v[sym].name;
	const char *hint = r->m->syms.v[sym].kind == MS_SYM_UNDEFINED ? nearest_id(r, sym, want) : NULL;
	if (hint)
		ms_diag_add(r->diags, ms_loc_path(r->m, loc), loc.line, loc.col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(r->lang, "<%s id=\"%s\">: '%s' refers to '%s', which is not defined; did you mean '%s'?",
		                 "<%s id=\"%s\">: '%s' が参照する '%s' は定義されていません。'%s' の誤りではありませんか?"),
		            el, owner, attr, name, hint);
	else if (r->m->syms.v[sym].kind == MS_SYM_UNDEFINED)
		ms_diag_add(r->diags, ms_loc_path(r->m, loc), loc.line, loc.col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(r->lang, "<%s id=\"%s\">: '%s' refers to '%s', which is not defined",
		                 "<%s id=\"%s\">: '%s' が参照する '%s' は定義されていません"),
		            el, owner, attr, name);
	else
		ms_diag_add(r->diags, ms_loc_path(r->m, loc), loc.line, loc.col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(r->lang, "<%s id=\"%s\">: '%s' refers to '%s', %s, but must name %s",
		                 "<%s id=\"%s\">: '%s' が参照する '%s' は %s です。%s を指定してください"),
		            el, owner, attr, name, kind_noun(r, sym), MS_L(r->lang, want_en, want_ja));
}

/* Resolve one reference to an index of `want`; MS_NONE after an error. */
static uint32_t resolve_ref(resolver *r, ms_loc loc, const char *el, uint32_t owner_sym,
                            const char *attr, uint32_t sym, ms_sym_kind want)
{
	const ms_sym *s = &r->m->syms.v[sym];
	if (s->kind == MS_SYM_UNDEFINED || s->kind != want) {
		ref_error(r, loc, el, owner_sym, attr, sym, (int)want,
		          want == MS_SYM_PARTY ? "a party (facility, network-operator or vendor)" : "a system",
		          want == MS_SYM_PARTY ? "当事者 (facility/network-operator/vendor)" : "システム (system)");
		return MS_NONE;
	}
	return s->index;
}

static void resolve_span(resolver *r, ms_loc loc, const char *el, uint32_t owner_sym,
                         const char *attr, ms_span span, ms_sym_kind want)
{
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t *v = &r->m->pool.v[span.off + i];
		*v = resolve_ref(r, loc, el, owner_sym, attr, *v, want);
	}
}

/* Put each system's runs-on edges before its connects-to edges (the
 * loader tagged connects-to in the high bit of the column). */
static int split_edges(medscope_model *m)
{
	ms_edge *tmp = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < m->systems.n; i++) {
		ms_system *s = &m->systems.v[i];
		uint32_t n = s->nruns + s->nconn;
		if (n == 0)
			continue;
		if (n > cap) {
			ms_edge *t = realloc(tmp, sizeof(*t) * n);
			if (!t) {
				free(tmp);
				return -1;
			}
			tmp = t;
			cap = n;
		}
		ms_edge *e = &m->edges.v[s->runs_off];
		uint32_t k = 0;
		for (uint32_t j = 0; j < n; j++)
			if (!(e[j].loc.col & 0x80000000u))
				tmp[k++] = e[j];
		for (uint32_t j = 0; j < n; j++)
			if (e[j].loc.col & 0x80000000u) {
				tmp[k] = e[j];
				tmp[k++].loc.col &= 0x7fffffffu;
			}
		memcpy(e, tmp, sizeof(*e) * n);
		s->conn_off = s->runs_off + s->nruns;
	}
	free(tmp);
	return 0;
}

/* model.md: a system names each resource it runs on once (the XSD's
 * xs:unique says the same). O(edges) with one mark per system. */
static void find_repeated_runs_on(resolver *r)
{
	medscope_model *m = r->m;
	uint32_t *mark = calloc(m->systems.n ? m->systems.n : 1, sizeof(*mark));
	if (!mark) {
		r->nomem = true;
		return;
	}
	for (size_t i = 0; i < m->systems.n; i++) {
		const ms_system *s = &m->systems.v[i];
		for (uint32_t j = 0; j < s->nruns; j++) {
			const ms_edge *e = &m->edges.v[s->runs_off + j];
			if (e->target == MS_NONE)
				continue;
			if (mark[e->target] == i + 1) {
				r->errors++;
				ms_diag_add(r->diags, ms_loc_path(m, e->loc), e->loc.line, e->loc.col,
				            MEDSCOPE_SEVERITY_ERROR,
				            MS_L(r->lang, "<system id=\"%s\">: runs-on names '%s' twice",
				                 "<system id=\"%s\">: runs-on に '%s' が 2 回あります"),
				            s->id, m->systems.v[e->target].id);
			}
			mark[e->target] = (uint32_t)i + 1;
		}
	}
	free(mark);
}

/* Report every runs-on cycle once, at the runs-on element that closes it. */
static void find_cycles(resolver *r)
{
	medscope_model *m = r->m;
	size_t n = m->systems.n;
	if (!n)
		return;
	uint8_t *color = calloc(n, 1); /* 0 new, 1 on the stack, 2 done */
	uint32_t *stack = malloc(sizeof(*stack) * n);
	uint32_t *next = malloc(sizeof(*next) * n); /* next edge to try */
	if (!color || !stack || !next) {
		/* Without the search a cycle would go unreported. */
		r->nomem = true;
		goto cleanup;
	}
	for (size_t root = 0; root < n; root++) {
		if (color[root])
			continue;
		size_t sp = 0;
		stack[sp++] = (uint32_t)root;
		color[root] = 1;
		next[root] = 0;
		while (sp) {
			uint32_t v = stack[sp - 1];
			const ms_system *s = &m->systems.v[v];
			if (next[v] == s->nruns) {
				color[v] = 2;
				sp--;
				continue;
			}
			const ms_edge *e = &m->edges.v[s->runs_off + next[v]++];
			uint32_t w = e->target;
			if (w == MS_NONE)
				continue;
			if (color[w] == 0) {
				color[w] = 1;
				next[w] = 0;
				stack[sp++] = w;
			} else if (color[w] == 1) {
				ms_buf path = MS_BUF_INIT;
				size_t from = sp;
				while (from > 0 && stack[from - 1] != w)
					from--;
				for (size_t i = from ? from - 1 : 0, shown = 0; i < sp; i++, shown++) {
					if (shown == 12) {
						ms_buf_puts(&path, " → …");
						break;
					}
					ms_buf_puts(&path, m->systems.v[stack[i]].id);
					ms_buf_puts(&path, " → ");
				}
				ms_buf_puts(&path, m->systems.v[w].id);
				r->errors++;
				ms_diag_add(r->diags, ms_loc_path(m, e->loc), e->loc.line, e->loc.col, MEDSCOPE_SEVERITY_ERROR,
				            MS_L(r->lang, "runs-on cycle: %s (a system cannot depend on itself)",
				                 "runs-on が循環しています: %s (システムは自分自身に依存できません)"),
				            ms_buf_cstr(&path));
				ms_buf_free(&path);
			}
		}
	}
cleanup:
	free(color);
	free(stack);
	free(next);
}

size_t ms_resolve(medscope_model *m, medscope_diags *diags, medscope_lang lang)
{
	resolver r = {m, diags, lang, 0, false};
	if (split_edges(m) < 0) {
		ms_diag_add(diags, m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(lang, "out of memory", "メモリが不足しました"));
		return MS_RESOLVE_NOMEM;
	}
	for (size_t i = 0; i < m->systems.n; i++) {
		ms_system *s = &m->systems.v[i];
		if (s->provider != MS_NONE)
			s->provider = resolve_ref(&r, s->loc, "system", s->sym, "provider", s->provider,
			                          MS_SYM_PARTY);
		for (uint32_t j = 0; j < s->nruns + s->nconn; j++) {
			ms_edge *e = &m->edges.v[s->runs_off + j];
			e->target = resolve_ref(&r, e->loc, "system", s->sym,
			                        j < s->nruns ? "runs-on ref" : "connects-to ref", e->target,
			                        MS_SYM_SYSTEM);
		}
	}
	for (size_t i = 0; i < m->contracts.n; i++) {
		ms_contract *c = &m->contracts.v[i];
		c->client = resolve_ref(&r, c->loc, "contract", c->sym, "client", c->client, MS_SYM_PARTY);
		c->supplier = resolve_ref(&r, c->loc, "contract", c->sym, "supplier", c->supplier,
		                          MS_SYM_PARTY);
		/* model.md: selected-by defaults to the client. */
		c->selected_by = c->selected_by == MS_NONE
		                         ? c->client
		                         : resolve_ref(&r, c->loc, "contract", c->sym, "selected-by",
		                                       c->selected_by, MS_SYM_PARTY);
		resolve_span(&r, c->loc, "contract", c->sym, "covers", c->covers, MS_SYM_SYSTEM);
	}
	for (size_t i = 0; i < m->flows.n; i++) {
		ms_flow *f = &m->flows.v[i];
		uint32_t ends[2] = {f->from, f->to};
		const char *names[2] = {"from", "to"};
		for (int k = 0; k < 2; k++) {
			const ms_sym *s = &m->syms.v[ends[k]];
			bool ok = s->kind == MS_SYM_PARTY || s->kind == MS_SYM_SYSTEM;
			if (!ok) {
				ref_error(&r, f->loc, "flow", f->sym, names[k], ends[k], SUGGEST_PARTY_OR_SYSTEM,
				          "a party or a system", "当事者またはシステム");
				ends[k] = MS_NONE;
				continue;
			}
			if (k == 0)
				f->from_is_system = s->kind == MS_SYM_SYSTEM;
			else
				f->to_is_system = s->kind == MS_SYM_SYSTEM;
			ends[k] = s->index;
		}
		f->from = ends[0];
		f->to = ends[1];
	}
	for (size_t i = 0; i < m->agreements.n; i++) {
		ms_agreement *a = &m->agreements.v[i];
		resolve_span(&r, a->loc, "agreement", a->sym, "parties", a->parties, MS_SYM_PARTY);
		resolve_span(&r, a->loc, "agreement", a->sym, "covers", a->covers, MS_SYM_SYSTEM);
	}
	for (size_t i = 0; i < m->risks.n; i++) {
		ms_risk *k = &m->risks.v[i];
		k->system = resolve_ref(&r, k->loc, "risk", k->sym, "system", k->system, MS_SYM_SYSTEM);
		k->owner = resolve_ref(&r, k->loc, "risk", k->sym, "owner", k->owner, MS_SYM_PARTY);
		resolve_span(&r, k->loc, "risk", k->sym, "agreed-with", k->agreed_with, MS_SYM_PARTY);
	}
	for (size_t i = 0; i < m->exceptions.n; i++) {
		ms_exception *x = &m->exceptions.v[i];
		resolve_span(&r, x->loc, "exception", x->sym, "approved-by", x->approved_by, MS_SYM_PARTY);
		/* Subjects stay symbols: a finding's subjects are ids of any kind
		 * (rules.md §5), though never an exception's. */
		for (uint32_t k = 0; k < x->subjects.n; k++) {
			uint32_t sym = MS_SPAN_AT(m, x->subjects, k);
			uint8_t kind = m->syms.v[sym].kind;
			if (kind == MS_SYM_UNDEFINED || kind == MS_SYM_EXCEPTION)
				ref_error(&r, x->loc, "exception", x->sym, "subjects", sym, SUGGEST_SUBJECT,
				          "a party, system, contract, flow, agreement or risk",
				          "当事者・システム・契約・データフロー・合意・リスクのいずれか");
		}
	}
	find_repeated_runs_on(&r);
	find_cycles(&r);
	return r.nomem ? MS_RESOLVE_NOMEM : r.errors;
}
