/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §5: accepted findings. Each exception of the model is matched
 * to the findings of its code whose subjects include all of its own; a
 * match is suppressed when one of the exception's approvers is a facility
 * the finding concerns and the exception has not expired. An exception
 * raises at most one of exception-unapproved, exception-expired and
 * exception-unused, in that order. Scope, ownership and requirements are
 * never touched: a suppressed missing-* finding stays a missing
 * requirement.
 *
 * Cost: one counting sort of the findings by code, then per exception the
 * findings of its code, each checked by one merge of two sorted subject
 * lists and, per approver, a binary search of the served systems' entries:
 * O(findings + sum over exceptions of matched findings x (subjects +
 * approvers x log facilities)). Party-alone findings also walk the
 * party's provided systems.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

/* Every id of the exception is among the finding's subjects. Both lists
 * are sorted by id without duplicates. */
static bool subjects_cover(const medscope_analysis *a, const uint32_t *want, uint32_t nwant,
                           ms_span have)
{
	const medscope_model *m = a->model;
	uint32_t j = 0;
	for (uint32_t i = 0; i < nwant; i++) {
		const char *w = ms_sym_name(m, want[i]);
		int c = 1;
		while (j < have.n && (c = strcmp(ms_sym_name(m, MS_APOOL(a, have, j)), w)) < 0)
			j++;
		if (j == have.n || c != 0)
			return false;
		j++;
	}
	return true;
}

/* Does party p (a vendor) serve facility f: is one of its systems served to f? */
static bool party_serves(const ms_engine *e, uint32_t p, uint32_t f)
{
	for (uint32_t k = e->ix.by_provider.off[p]; k < e->ix.by_provider.off[p + 1]; k++)
		if (ms_served_to(e, e->ix.by_provider.idx[k], f))
			return true;
	return false;
}

/*
 * Does finding `fi` concern facility f (rules.md §5)? When f is among its
 * subjects, is a party of an agreement among them, or is served a system
 * (or a risk's system) among them; for a finding about no system at all
 * (missing-certification, ...), when a party among its subjects serves f.
 */
static bool concerns(const ms_engine *e, const ms_finding *fi, uint32_t f)
{
	const medscope_model *m = e->m;
	bool any_system = false;
	for (uint32_t i = 0; i < fi->subjects.n; i++) {
		const ms_sym *s = &m->syms.v[MS_APOOL(e->a, fi->subjects, i)];
		if (s->index == MS_NONE)
			continue;
		switch (s->kind) {
		case MS_SYM_PARTY:
			if (s->index == f)
				return true;
			break;
		case MS_SYM_SYSTEM:
			any_system = true;
			if (ms_served_to(e, s->index, f))
				return true;
			break;
		case MS_SYM_RISK:
			any_system = true;
			if (ms_served_to(e, m->risks.v[s->index].system, f))
				return true;
			break;
		case MS_SYM_AGREEMENT: {
			const ms_agreement *g = &m->agreements.v[s->index];
			for (uint32_t k = 0; k < g->parties.n; k++)
				if (MS_SPAN_AT(m, g->parties, k) == f)
					return true;
			break;
		}
		default:
			break;
		}
	}
	if (any_system)
		return false;
	for (uint32_t i = 0; i < fi->subjects.n; i++) {
		const ms_sym *s = &m->syms.v[MS_APOOL(e->a, fi->subjects, i)];
		if (s->kind == MS_SYM_PARTY && s->index != MS_NONE && party_serves(e, s->index, f))
			return true;
	}
	return false;
}

/* One of x's approvers is a facility that finding fi concerns. */
static bool approved_for(const ms_engine *e, const ms_exception *x, const ms_finding *fi)
{
	for (uint32_t k = 0; k < x->approved_by.n; k++) {
		uint32_t p = MS_SPAN_AT(e->m, x->approved_by, k);
		if (ms_is_facility(e, p) && concerns(e, fi, p))
			return true;
	}
	return false;
}

static bool names_a_facility(const ms_engine *e, const ms_exception *x)
{
	for (uint32_t k = 0; k < x->approved_by.n; k++)
		if (ms_is_facility(e, MS_SPAN_AT(e->m, x->approved_by, k)))
			return true;
	return false;
}

static void raise(ms_engine *e, const ms_exception *x, uint16_t rule)
{
	ms_args args;
	ms_args_init(&args);
	args.exception = x->sym;
	args.code = (int)x->code;
	if (rule == MS_RULE_EXCEPTION_EXPIRED)
		args.date = x->until;
	ms_finding_add(e, rule, (uint8_t)ms_rules[rule].severity, x->loc, MS_SYM_EXCEPTION, x->sym,
	               &args);
}

int ms_exceptions_pass(ms_engine *e)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	if (m->exceptions.n == 0)
		return 0;
	/* The findings of each code, in finding order (a counting sort): the
	 * exceptions' own findings come after this and are never matched. */
	size_t nf = a->findings.n;
	uint32_t off[MS_RULE__COUNT + 1] = {0};
	uint32_t *by_code = malloc((nf + 1) * sizeof(*by_code));
	if (!by_code)
		return -1;
	for (size_t i = 0; i < nf; i++)
		off[a->findings.v[i].rule + 1]++;
	for (int r = 0; r < MS_RULE__COUNT; r++)
		off[r + 1] += off[r];
	uint32_t fill[MS_RULE__COUNT];
	memcpy(fill, off, sizeof fill);
	for (size_t i = 0; i < nf; i++)
		by_code[fill[a->findings.v[i].rule]++] = (uint32_t)i;

	for (size_t xi = 0; xi < m->exceptions.n && !e->oom; xi++) {
		const ms_exception *x = &m->exceptions.v[xi];
		/* The exception's subjects in the findings' order (by id, once). */
		e->work.subj.n = 0;
		for (uint32_t k = 0; k < x->subjects.n; k++)
			if (ms_push(e, &e->work.subj, MS_SPAN_AT(m, x->subjects, k)) < 0)
				break;
		if (e->oom)
			break;
		uint32_t nwant = ms_sort_syms(m, e->work.subj.v, (uint32_t)e->work.subj.n);
		bool facility_named = names_a_facility(e, x);
		bool expired = a->as_of > x->until; /* until == as-of still applies */
		size_t matched = 0, approved = 0;
		for (uint32_t k = off[x->code]; k < off[x->code + 1]; k++) {
			ms_finding *fi = &a->findings.v[by_code[k]];
			if (!subjects_cover(a, e->work.subj.v, nwant, fi->subjects))
				continue;
			matched++;
			if (!facility_named || !approved_for(e, x, fi))
				continue;
			approved++;
			/* The first exception in the model's order that applies wins. */
			if (!expired && fi->exception == MS_NONE)
				fi->exception = (uint32_t)xi;
		}
		if (!facility_named || (matched && !approved))
			raise(e, x, MS_RULE_EXCEPTION_UNAPPROVED);
		else if (expired)
			raise(e, x, MS_RULE_EXCEPTION_EXPIRED);
		else if (!approved)
			raise(e, x, MS_RULE_EXCEPTION_UNUSED);
	}
	free(by_code);
	return e->oom ? -1 : 0;
}
