/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §1: who is a 対象事業者 of the vendor guideline, one result per
 * party, with every reason that holds (and the one out-of-scope reason when
 * none does).
 *
 * Cost: O(parties + contracts + systems + connections + flows). The
 * supply-chain reason through subcontracts is a fixed point computed with a
 * worklist: each party enters it once and each of its client contracts is
 * looked at once.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

typedef struct {
	ms_engine *e;
	uint8_t *in;        /* per party: in scope */
	uint8_t *conn_med;  /* per system: connected to a medical system served to a facility */
	ms_csr by_pi;       /* recipient party -> patient-instruction flows (FAQ 1 (3)) */
	ms_csr by_vp;       /* recipient party -> via-patient flows (FAQ fn. 2) */
} scope_ctx;

/* The recipient of a flow: its `to` party, or the provider of its `to` system. */
static uint32_t recipient(const medscope_model *m, const ms_flow *f)
{
	if (f->to == MS_NONE)
		return MS_NONE;
	return f->to_is_system ? m->systems.v[f->to].provider : f->to;
}

static int build_flow_index(scope_ctx *sc)
{
	ms_engine *e = sc->e;
	const medscope_model *m = e->m;
	size_t n = m->flows.n;
	uint32_t *rows = calloc(n + 1, sizeof(*rows));
	if (!rows)
		return -1;
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		const ms_flow *f = &m->flows.v[i];
		rows[i] = MS_NONE;
		if (f->basis != MS_BASIS_PATIENT_INSTRUCTION || !(f->data & MS_DATA_MEDICAL) ||
		    f->from == MS_NONE)
			continue;
		/* 「医療機関等から医療情報を受領する」: from a facility, a system a facility
		 * runs, or a system served to a facility. */
		bool from_facility = f->from_is_system
		                             ? ms_is_facility(e, m->systems.v[f->from].provider) ||
		                                       e->a->sysinfo[f->from].served
		                             : ms_is_facility(e, f->from);
		if (from_facility)
			rows[i] = recipient(m, f);
	}
	if (ms_csr_build(&sc->by_pi, e->np, rows, NULL, n) < 0)
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		const ms_flow *f = &m->flows.v[i];
		rows[i] = f->basis == MS_BASIS_VIA_PATIENT ? recipient(m, f) : MS_NONE;
	}
	if (ms_csr_build(&sc->by_vp, e->np, rows, NULL, n) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(rows);
	return rc;
}

/* Record reason `rule` with e->work.tmp (symbols) as via, sorted by id. */
static void add_reason(ms_engine *e, uint16_t rule)
{
	uint32_t n = ms_sort_syms(e->m, e->work.tmp.v, (uint32_t)e->work.tmp.n);
	ms_span via = ms_pool_put(e, e->work.tmp.v, n);
	ms_reason *r = MS_VEC_PUSH(e->a->reasons);
	if (!r || e->oom) {
		e->oom = 1;
		return;
	}
	r->rule = rule;
	r->via = via;
}

/* Each in-scope test fills e->work.tmp with its via and says whether it holds. */

/* FAQ 1 (1) 「医療機関等との契約等に基づいて」: supplier of a prime contract. */
static bool direct_contract(scope_ctx *sc, uint32_t p)
{
	ms_engine *e = sc->e;
	e->work.tmp.n = 0;
	for (uint32_t k = e->ix.by_supplier.off[p]; k < e->ix.by_supplier.off[p + 1]; k++) {
		uint32_t c = e->ix.by_supplier.idx[k];
		if ((e->ix.cflags[c] & MS_CF_PRIME) && ms_push(e, &e->work.tmp, e->m->contracts.v[c].sym) < 0)
			return false;
	}
	return e->work.tmp.n > 0;
}

/* FAQ 1 (3) 「患者等の指示に基づいて医療機関等から医療情報を受領する事業者」. */
static bool patient_instruction(scope_ctx *sc, uint32_t p)
{
	ms_engine *e = sc->e;
	e->work.tmp.n = 0;
	for (uint32_t k = sc->by_pi.off[p]; k < sc->by_pi.off[p + 1]; k++)
		if (ms_push(e, &e->work.tmp, e->m->flows.v[sc->by_pi.idx[k]].sym) < 0)
			return false;
	return e->work.tmp.n > 0;
}

/* FAQ 1 (2) 「直接的な契約関係になくとも」: (a) provides a served system;
 * (b) with `sub`, supplies a qualifying contract of an in-scope client that
 * covers a relevant system (役務). */
static bool supply_chain(scope_ctx *sc, uint32_t p, bool sub)
{
	ms_engine *e = sc->e;
	const medscope_model *m = e->m;
	e->work.tmp.n = 0;
	for (uint32_t k = e->ix.by_provider.off[p]; k < e->ix.by_provider.off[p + 1]; k++) {
		uint32_t s = e->ix.by_provider.idx[k];
		if (e->a->sysinfo[s].served && ms_push(e, &e->work.tmp, m->systems.v[s].sym) < 0)
			return false;
	}
	for (uint32_t k = e->ix.by_supplier.off[p]; sub && k < e->ix.by_supplier.off[p + 1]; k++) {
		uint32_t c = e->ix.by_supplier.idx[k];
		const ms_contract *ct = &m->contracts.v[c];
		if ((e->ix.cflags[c] & MS_CF_QUALIFYING) && (e->ix.cflags[c] & MS_CF_RELEVANT) &&
		    sc->in[ct->client] && ms_push(e, &e->work.tmp, ct->sym) < 0)
			return false;
	}
	return e->work.tmp.n > 0;
}

/* FAQ 1 「当該システム等が医療情報システム等に接続している場合」. */
static bool connected_service(scope_ctx *sc, uint32_t p)
{
	ms_engine *e = sc->e;
	const medscope_model *m = e->m;
	e->work.tmp.n = 0;
	for (uint32_t k = e->ix.by_supplier.off[p]; k < e->ix.by_supplier.off[p + 1]; k++) {
		uint32_t c = e->ix.by_supplier.idx[k];
		const ms_contract *ct = &m->contracts.v[c];
		if (!(e->ix.cflags[c] & MS_CF_QUALIFYING))
			continue;
		bool conn = false;
		for (uint32_t i = 0; i < ct->covers.n && !conn; i++)
			conn = sc->conn_med[MS_SPAN_AT(m, ct->covers, i)];
		if (conn && ms_push(e, &e->work.tmp, ct->sym) < 0)
			return false;
	}
	return e->work.tmp.n > 0;
}

/* rules.md §4 connected-system-no-contract: a system connected to a
 * facility's medical system, provided by someone else under no qualifying
 * contract at all - the model cannot tell whether its provider is a
 * 対象事業者, so it says so rather than leaving the provider out silently. */
static void connected_without_contract(scope_ctx *sc)
{
	ms_engine *e = sc->e;
	const medscope_model *m = e->m;
	for (uint32_t x = 0; x < e->ns && !e->oom; x++) {
		const ms_system *sy = &m->systems.v[x];
		if (!sc->conn_med[x] || e->a->sysinfo[x].served || sy->provider == MS_NONE ||
		    ms_is_facility(e, sy->provider))
			continue;
		bool covered = false;
		for (uint32_t k = e->ix.by_cover.off[x]; k < e->ix.by_cover.off[x + 1] && !covered; k++)
			covered = (e->ix.cflags[e->ix.by_cover.idx[k]] & MS_CF_QUALIFYING) != 0;
		if (covered)
			continue;
		ms_args args;
		ms_args_init(&args);
		args.system = sy->sym;
		args.party = ms_psym(e, sy->provider);
		ms_finding_add(e, MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT,
		               ms_rules[MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT].severity, sy->loc,
		               MS_SYM_SYSTEM, sy->sym, &args);
	}
}

/* The one out-of-scope reason of a vendor or network operator. */
static void out_of_scope(scope_ctx *sc, uint32_t p)
{
	ms_engine *e = sc->e;
	const medscope_model *m = e->m;
	unsigned types = 0;
	bool qualifying = false, relevant = false;
	e->work.tmp.n = 0;
	for (uint32_t k = e->ix.by_supplier.off[p]; k < e->ix.by_supplier.off[p + 1]; k++) {
		uint32_t c = e->ix.by_supplier.idx[k];
		const ms_contract *ct = &m->contracts.v[c];
		qualifying |= (e->ix.cflags[c] & MS_CF_QUALIFYING) != 0;
		relevant |= (e->ix.cflags[c] & MS_CF_QUALIFYING) && (e->ix.cflags[c] & MS_CF_RELEVANT);
		if (ms_is_facility(e, ct->client)) {
			types |= ct->types;
			if (ms_push(e, &e->work.tmp, ct->sym) < 0)
				return;
		}
	}
	if (e->work.tmp.n) {
		/* FAQ 1.1 売買契約のみ; FAQ 1.3 派遣 (医療機関等の指示に基づく保守),
		 * セキュリティパッチの提供等のみ. */
		if ((types & ~MS_CT_SALE) == 0) {
			add_reason(e, MS_RULE_SALE_ONLY);
			return;
		}
		if ((types & ~(MS_CT_SALE | MS_CT_DISPATCH | MS_CT_PATCH_ONLY)) == 0 &&
		    (types & MS_CT_DISPATCH)) {
			add_reason(e, MS_RULE_DISPATCH_ONLY);
			return;
		}
		if ((types & ~(MS_CT_SALE | MS_CT_PATCH_ONLY)) == 0 && (types & MS_CT_PATCH_ONLY)) {
			add_reason(e, MS_RULE_PATCH_ONLY);
			return;
		}
	}
	/* FAQ fn. 2: the patient registers what the facility handed him. */
	e->work.tmp.n = 0;
	for (uint32_t k = sc->by_vp.off[p]; !qualifying && k < sc->by_vp.off[p + 1]; k++)
		if (ms_push(e, &e->work.tmp, m->flows.v[sc->by_vp.idx[k]].sym) < 0)
			return;
	if (e->work.tmp.n) {
		add_reason(e, MS_RULE_VIA_PATIENT);
		return;
	}
	/* FAQ 1.2 「医療情報を格納しない機器等は…含まれません」. */
	if (qualifying && !relevant) {
		for (uint32_t k = e->ix.by_supplier.off[p]; k < e->ix.by_supplier.off[p + 1]; k++) {
			uint32_t c = e->ix.by_supplier.idx[k];
			if ((e->ix.cflags[c] & MS_CF_QUALIFYING) && ms_push(e, &e->work.tmp, m->contracts.v[c].sym) < 0)
				return;
		}
		add_reason(e, MS_RULE_NOT_RELEVANT);
		return;
	}
	add_reason(e, MS_RULE_NO_RELATION);
}

static uint8_t category_of(uint16_t rule)
{
	switch (rule) {
	case MS_RULE_DIRECT_CONTRACT: return MS_CAT_DIRECT;
	case MS_RULE_PATIENT_INSTRUCTION: return MS_CAT_PATIENT_DIRECTED;
	case MS_RULE_SUPPLY_CHAIN: return MS_CAT_SUPPLY_CHAIN;
	case MS_RULE_CONNECTED_SERVICE: return MS_CAT_CONNECTED_SERVICE;
	default: return MS_CAT_NONE;
	}
}

/* Whether vendor p is in scope before the subcontract fixed point. */
static bool initially_in(scope_ctx *sc, uint32_t p)
{
	const ms_party *pt = &sc->e->m->parties.v[p];
	if (pt->kind == MS_PARTY_FACILITY)
		return false;
	if (pt->kind == MS_PARTY_NETWORK_OPERATOR) /* FAQ 2.2: only when it manages it */
		return pt->manages_medical_info && direct_contract(sc, p);
	return direct_contract(sc, p) || patient_instruction(sc, p) || supply_chain(sc, p, false) ||
	       connected_service(sc, p);
}

static void assemble(scope_ctx *sc, uint32_t p)
{
	ms_engine *e = sc->e;
	const ms_party *pt = &e->m->parties.v[p];
	ms_party_scope *ps = &e->a->scope[p];
	ps->reason_off = (uint32_t)e->a->reasons.n;
	ps->mhlw = pt->kind != MS_PARTY_VENDOR; /* 医療機関等 under the MHLW guideline */
	if (pt->kind == MS_PARTY_FACILITY) {
		/* FAQ 1.1: facilities fall under the MHLW guideline. */
		e->work.tmp.n = 0;
		add_reason(e, MS_RULE_FACILITY);
	} else if (pt->kind == MS_PARTY_NETWORK_OPERATOR) {
		if (pt->manages_medical_info && direct_contract(sc, p)) {
			add_reason(e, MS_RULE_DIRECT_CONTRACT);
		} else if (!pt->manages_medical_info) {
			/* FAQ 2.2 「取りまとめや情報システム仕様の調整等のみ」. */
			e->work.tmp.n = 0;
			add_reason(e, MS_RULE_COORDINATION_ONLY);
		} else {
			out_of_scope(sc, p);
		}
	} else {
		if (direct_contract(sc, p))
			add_reason(e, MS_RULE_DIRECT_CONTRACT);
		if (patient_instruction(sc, p))
			add_reason(e, MS_RULE_PATIENT_INSTRUCTION);
		if (supply_chain(sc, p, true))
			add_reason(e, MS_RULE_SUPPLY_CHAIN);
		if (connected_service(sc, p))
			add_reason(e, MS_RULE_CONNECTED_SERVICE);
		if (e->a->reasons.n == ps->reason_off)
			out_of_scope(sc, p);
	}
	ps->nreasons = (uint32_t)(e->a->reasons.n - ps->reason_off);
	if (ps->nreasons) {
		uint8_t cat = category_of(e->a->reasons.v[ps->reason_off].rule);
		ps->in_scope = cat != MS_CAT_NONE;
		ps->category = cat;
	}
}

int ms_scope_pass(ms_engine *e)
{
	const medscope_model *m = e->m;
	scope_ctx sc = {.e = e};
	int rc = -1;
	sc.in = calloc((size_t)e->np + 1, 1);
	sc.conn_med = calloc((size_t)e->ns + 1, 1);
	uint32_t *work = malloc(((size_t)e->np + 1) * sizeof(*work));
	if (!sc.in || !sc.conn_med || !work || build_flow_index(&sc) < 0)
		goto cleanup;
	/* FAQ 1 「当該システム等が医療情報システム等に接続している場合」: connected to
	 * a medical system a facility is served or runs itself (rules.md rev. 2). */
	for (uint32_t s = 0; s < e->ns; s++) {
		uint32_t pr = m->systems.v[s].provider;
		bool own = pr != MS_NONE && ms_is_facility(e, pr);
		if (!e->a->sysinfo[s].medical || !(e->a->sysinfo[s].served || own))
			continue;
		for (uint32_t k = e->ix.neighbours.off[s]; k < e->ix.neighbours.off[s + 1]; k++)
			sc.conn_med[e->ix.neighbours.idx[k]] = 1;
	}
	connected_without_contract(&sc);
	size_t nwork = 0;
	for (uint32_t p = 0; p < e->np && !e->oom; p++)
		if (initially_in(&sc, p)) {
			sc.in[p] = 1;
			work[nwork++] = p;
		}
	/* Supply-chain (b), subcontracted work: a vendor supplying a qualifying
	 * contract to an in-scope client that covers a relevant system. */
	while (nwork) {
		uint32_t q = work[--nwork];
		for (uint32_t k = e->ix.by_client.off[q]; k < e->ix.by_client.off[q + 1]; k++) {
			uint32_t c = e->ix.by_client.idx[k];
			uint32_t s = m->contracts.v[c].supplier;
			if ((e->ix.cflags[c] & MS_CF_QUALIFYING) && (e->ix.cflags[c] & MS_CF_RELEVANT) &&
			    !sc.in[s] && m->parties.v[s].kind == MS_PARTY_VENDOR) {
				sc.in[s] = 1;
				work[nwork++] = s;
			}
		}
	}
	for (uint32_t p = 0; p < e->np && !e->oom; p++)
		assemble(&sc, p);
	rc = e->oom ? -1 : 0;
cleanup:
	free(sc.in);
	free(sc.conn_med);
	free(work);
	ms_csr_free(&sc.by_pi);
	ms_csr_free(&sc.by_vp);
	return rc;
}
