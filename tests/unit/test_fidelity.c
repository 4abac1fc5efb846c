/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Issue 12, guideline fidelity: the regression models tests/fidelity/NN-*.xml,
 * one per point of the issue. Each model's header comment quotes the
 * guideline and derives the expected conclusions by hand; these tests
 * assert exactly those, a positive and a negative case each (the negative
 * case is the second facility of the model, or the contract that differs).
 */
#include "analysis_helpers.h"

#define RUN(file)                                                                              \
	medscope_analysis *a = ANALYSE_FILE("tests/fidelity/" file);                          \
	CU_ASSERT_PTR_NOT_NULL_FATAL(a)

static void counts(const medscope_analysis *a, size_t errors, size_t warnings, size_t notes)
{
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_ERROR), errors);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_WARNING), warnings);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_NOTE), notes);
}

static void owner(const medscope_analysis *a, const char *sys, const char *fac, const char *who,
                  int basis, const char *via, const char *considered)
{
	const ms_ownership *o = ms_ta_own(a, sys, fac);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_STRING_EQUAL(a->model->parties.v[o->owner].id, who);
	CU_ASSERT_EQUAL(o->basis, basis);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, o->via), via);
	CU_ASSERT_STRING_EQUAL(JOIN_PARTIES(a, o->considered_by), considered);
}

/* ---- point 1: managing operator (FAQ 2.2) -------------------------------- */

static void test_fidelity_managing_operator_subcontract_is_supply_chain(void)
{
	RUN("01-managing-operator.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "N1"), MS_CAT_DIRECT);
	CU_ASSERT_TRUE(ms_ta_scope(a, "N1")->mhlw);
	CU_ASSERT_EQUAL(ms_ta_category(a, "D"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "D", MS_RULE_DIRECT_CONTRACT));
	owner(a, "dc", "H1", "N1", MS_RULE_SELECTED_BY_PRIME, "k1,k3", "");
	owner(a, "dc", "H2", "N1", MS_RULE_SELECTED_BY_PRIME, "k2,k3", "");
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "dc", "N1"));
	/* Chain contract, not prime: the supplier agreement, no facility pair. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "D,N1", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "D,N1", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "D,N1", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "H1,N1", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "H2,N1", "dc"), 1);
	/* 関係者: the operator and its data centre agree change notification. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "D,N1", "dc,rn"), 1);
	ms_ta_done(a);
}

static void test_fidelity_managing_operator_own_system_is_prime_contract(void)
{
	RUN("01-managing-operator.xml");
	/* k4 covers nothing N1 provides or supplies: N1 signs it as 医療機関等. */
	CU_ASSERT_EQUAL(ms_ta_category(a, "V"), MS_CAT_DIRECT);
	owner(a, "oehr", "N1", "V", MS_RULE_PRIME_PROVIDER, "k4", "");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "N1,V", "oehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "N1,V", "oehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "N1,V", NULL), -1);
	ms_ta_done(a);
}

static void test_fidelity_managing_operator_may_not_accept_risk_alone(void)
{
	RUN("01-managing-operator.xml");
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED, "N1,r1,rn"));
	/* r2, agreed with H1 (rn is served to it), is fine. */
	CU_ASSERT_PTR_NULL(ms_ta_finding(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED, "N1,r2,rn"));
	counts(a, 1, 0, 0);
	ms_ta_done(a);
}

/* ---- point 2: chains to a system (FAQ 2.1, GL 2.2.3) --------------------- */

static void test_fidelity_chain_to_dr_site_is_no_chain_to_production(void)
{
	RUN("02-chain-per-system.xml");
	owner(a, "prod", "H", "B", MS_RULE_FACILITY_CONTRACTED, "k2", "A");
	owner(a, "dr", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,k3", "");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "prod"), 0);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, NULL));
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "dr"), 1);
	counts(a, 1, 0, 0);
	ms_ta_done(a);
}

static void test_fidelity_chain_covering_production_is_selected_by_prime(void)
{
	RUN("02-chain-per-system.xml");
	owner(a, "prod2", "H2", "A", MS_RULE_SELECTED_BY_PRIME, "k4,k6", ""); /* B is the provider */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H2", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H2", "dr2,prod2"), 1);
	ms_ta_done(a);
}

/* ---- point 3: procured by the prime (FAQ 2.1) ---------------------------- */

static void test_fidelity_procured_by_prime_keeps_chain_to_the_data_centre(void)
{
	RUN("03-procured-by-prime.xml");
	owner(a, "iaas", "H", "A", MS_RULE_PROCURED_BY_PRIME, "k1,k2", "");
	owner(a, "dc", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,k2,k3", "B");
	/* k2 is no 再委託; k3 is, approved with B. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "B,H", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL), 2); /* k3, k6 once each */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "B,H", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "B,C", "dc"), 1);
	/* A selected B: known="false" on ehr -> iaas is contradicted, not required. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H", NULL), -1);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_BUT_SELECTED, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, f->args.via), "k1,k2");
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->args.party), "A");
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->args.system), "ehr");
	ms_ta_done(a);
}

static void test_fidelity_facility_selected_contract_is_facility_contracted(void)
{
	RUN("03-procured-by-prime.xml");
	owner(a, "iaas2", "H2", "B", MS_RULE_FACILITY_CONTRACTED, "k5", "A");
	owner(a, "dc2", "H2", "B", MS_RULE_SELECTED_BY_PRIME, "k5,k6", "A");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H2", "iaas2"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H2", "iaas2"), 0);
	counts(a, 1, 0, 1);
	ms_ta_done(a);
}

/* ---- point 7: unknown infrastructure (FAQ 2.1) --------------------------- */

static void test_fidelity_unknown_infrastructure_under_subcontractor_is_the_primes(void)
{
	RUN("07-unknown-infrastructure-subcontractor.xml");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H", "infra"), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "B,H", NULL), -1);
	owner(a, "infra", "H", "A", MS_RULE_PRIME_SUPPLY_CHAIN, "k1", "");
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_MISSING_CONTRACT, "A,H,U,infra"));
	counts(a, 1, 1, 1);
	ms_ta_done(a);
}

static void test_fidelity_unknown_infrastructure_selected_by_subcontractor_is_a_note(void)
{
	RUN("07-unknown-infrastructure-subcontractor.xml");
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H2", NULL), -1);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_BUT_SELECTED, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_NOTE);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->args.party), "B");
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->args.system), "plat2");
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, f->args.via), "k4");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "plat2 runs on infra2 marked known=\"false\" (unknown infrastructure), but B "
	                       "selected it through contracts k4, so it is not unknown; the flag is ignored");
	owner(a, "infra2", "H2", "A", MS_RULE_SELECTED_BY_PRIME, "k5,k3,k4", "");
	ms_ta_done(a);
}

/* ---- point 4: per-system agreements (MHLW 1.3.2, FAQ 2.1) ------------- */

static void test_fidelity_per_system_annexes_meet_demarcation(void)
{
	RUN("04-per-system-agreements.xml");
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "backup,ehr");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g1,g2");
	/* g4 covers iaas: one end of each edge. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr,iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "backup,iaas"), 1);
	ms_ta_done(a);
}

static void test_fidelity_annex_for_one_system_only_is_missing(void)
{
	RUN("04-per-system-agreements.xml");
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H2", "backup2,ehr2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g5");
	CU_ASSERT_EQUAL(q->lack, MS_LACK_SYSTEMS);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, q->lacks), "backup2");
	/* g7 covers ehr2: the edge backup2 -> iaas2 has neither end in it. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr2,iaas2"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "backup2,iaas2"), 0);
	counts(a, 1, 1, 0);
	ms_ta_done(a);
}

/* ---- point 5: the most specific paper (MHLW 1.3.2) ----------------------- */

static void test_fidelity_most_specific_agreement_is_cited(void)
{
	RUN("05-most-specific-citation.xml");
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "backup,ehr");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->satisfied_by].id, "g2");
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g2,g1,g3");
	ms_ta_done(a);
}

static void test_fidelity_partial_covers_before_no_covers(void)
{
	RUN("05-most-specific-citation.xml");
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H2", "backup2,ehr2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g4,g5");
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* ---- point 6: near misses ------------------------------------------------ */

static void test_fidelity_near_miss_names_agreement_and_lacking_system(void)
{
	RUN("06-near-miss.xml");
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g1");
	CU_ASSERT_EQUAL(q->lack, MS_LACK_SYSTEMS);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, q->lacks), "pacs");
	const ms_finding *f = ms_ta_finding(a, MS_RULE_MISSING_DEMARCATION, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(ms_ta_message(a, f, MEDSCOPE_LANG_JA),
	                              "（近い合意 g1: covers に含まれないシステム pacs）"));
	q = ms_ta_req(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H2", "ehr2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g4");
	CU_ASSERT_EQUAL(q->lack, MS_LACK_PARTY);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, q->lacks), "A");
	counts(a, 2, 0, 0);
	ms_ta_done(a);
}

static void test_fidelity_met_requirement_has_no_near_miss(void)
{
	RUN("06-near-miss.xml");
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g2");
	CU_ASSERT_EQUAL(q->near, MS_NONE);
	q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H2", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->near, MS_NONE);
	ms_ta_done(a);
}

/* ---- point 8: citations name documents ----------------------------------- */

static void test_fidelity_citations_name_documents_not_files(void)
{
	RUN("08-citations.xml");
	counts(a, 4, 0, 0);
	for (size_t i = 0; i < a->findings.n; i++) {
		const ms_rule *r = &ms_rules[a->findings.v[i].rule];
		CU_ASSERT_PTR_NOT_NULL_FATAL(r->cite_document);
		/* A title (「医療情報…」), never a copy's file name (000_….txt). */
		CU_ASSERT_PTR_NOT_NULL(strstr(r->cite_document, "医療情報"));
		CU_ASSERT_PTR_NULL(strstr(r->cite_document, ".txt"));
		CU_ASSERT_PTR_NULL(strstr(r->cite_key, ".txt"));
		CU_ASSERT_PTR_NULL(strstr(r->cite_key, "_1f3771b5"));
	}
	ms_ta_done(a);
}

static void test_fidelity_citations_quote_the_guideline(void)
{
	RUN("08-citations.xml");
	/* The quotes are the guideline's words (copied from the FAQ and the
	 * MHLW booklet by hand, not from the catalog). */
	CU_ASSERT_PTR_NOT_NULL(strstr(ms_rules[MS_RULE_RISK_ACCEPTANCE_UNAGREED].cite_quote,
	                              "対象事業者の判断のみによってリスク共有やリスク受容を選択することは適当でなく"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ms_rules[MS_RULE_DEMARCATION_NOT_IN_WRITING].cite_quote, "書面等により可視化し"));
	ms_ta_done(a);
}

/* ---- several primes with a chain (FAQ 2.1 「事業者Aが事業者Bを調達しても」) ---- */

static void test_fidelity_procuring_prime_owns_before_smaller_id(void)
{
	RUN("09-procuring-prime-owns.xml");
	/* E procured A (k2 selected-by="E"); both have a chain to dc, E's
	 * through A: E owns although "A" sorts first. */
	owner(a, "iaas", "H", "E", MS_RULE_PROCURED_BY_PRIME, "k1,k2", "");
	owner(a, "dc", "H", "E", MS_RULE_SELECTED_BY_PRIME, "k1,k2,k3", "A");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "E,H", NULL), -1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

static void test_fidelity_only_chain_or_unordered_chains_keep_smallest_id(void)
{
	RUN("09-procuring-prime-owns.xml");
	/* H2: only A has a chain to dc2; H3: E and A each subcontract dc3 to
	 * C, neither through the other, and the smallest id owns. */
	owner(a, "dc2", "H2", "A", MS_RULE_SELECTED_BY_PRIME, "k5,k6", "E");
	owner(a, "iaas2", "H2", "A", MS_RULE_FACILITY_CONTRACTED, "k5", "E");
	owner(a, "dc3", "H3", "A", MS_RULE_SELECTED_BY_PRIME, "k8,k10", "E");
	owner(a, "iaas3", "H3", "A", MS_RULE_FACILITY_CONTRACTED, "k8", "E");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "E,H3", "dc3"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H3", "dc3"), 1);
	ms_ta_done(a);
}

/* ---- a chain towards one facility only (rules.md Terms) ------------------ */

static void test_fidelity_via_lists_only_the_facilitys_own_contracts(void)
{
	RUN("10-via-per-facility.xml");
	owner(a, "iaas", "H", "E", MS_RULE_PROCURED_BY_PRIME, "k1,k2", "");
	owner(a, "dc", "H", "E", MS_RULE_SELECTED_BY_PRIME, "k1,k2,k3", "A");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "dc"), 1);
	ms_ta_done(a);
}

static void test_fidelity_other_facilitys_contract_is_no_chain(void)
{
	RUN("10-via-per-facility.xml");
	/* H's k2 is no selection of A for H2. */
	owner(a, "iaas", "H2", "E", MS_RULE_PRIME_SUPPLY_CHAIN, "k4", "");
	owner(a, "dc", "H2", "E", MS_RULE_PRIME_SUPPLY_CHAIN, "k4", "");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H2", NULL), -1);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_MISSING_CONTRACT, NULL));
	counts(a, 0, 2, 0);
	ms_ta_done(a);
}

/* ---- the most specific near miss (rules.md §3, as satisfied_by) --------- */

static void near(const medscope_analysis *a, const char *parties, const char *sys, const char *g,
                 int lack)
{
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, parties, sys);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL_FATAL(q->near == MS_NONE, 0);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, g);
	CU_ASSERT_EQUAL(q->lack, lack);
}

static void test_fidelity_near_miss_names_the_most_specific_agreement(void)
{
	RUN("11-near-miss-most-specific.xml");
	/* g2 covers ehr1, g1 has no covers: g2, though g1 sorts first. */
	near(a, "A,H1", "ehr1", "g2", MS_LACK_PARTY);
	/* Not in writing: g5 (covers ehr2) before g4 (no covers). */
	near(a, "A,H2", "ehr2", "g5", MS_LACK_IN_WRITING);
	counts(a, 5, 0, 0);
	ms_ta_done(a);
}

static void test_fidelity_equally_specific_near_misses_by_id(void)
{
	RUN("11-near-miss-most-specific.xml");
	near(a, "A,H3", "ehr3", "g7", MS_LACK_PARTY);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"test_fidelity_managing_operator_subcontract_is_supply_chain",
	 test_fidelity_managing_operator_subcontract_is_supply_chain},
	{"test_fidelity_managing_operator_own_system_is_prime_contract",
	 test_fidelity_managing_operator_own_system_is_prime_contract},
	{"test_fidelity_managing_operator_may_not_accept_risk_alone",
	 test_fidelity_managing_operator_may_not_accept_risk_alone},
	{"test_fidelity_chain_to_dr_site_is_no_chain_to_production",
	 test_fidelity_chain_to_dr_site_is_no_chain_to_production},
	{"test_fidelity_chain_covering_production_is_selected_by_prime",
	 test_fidelity_chain_covering_production_is_selected_by_prime},
	{"test_fidelity_procured_by_prime_keeps_chain_to_the_data_centre",
	 test_fidelity_procured_by_prime_keeps_chain_to_the_data_centre},
	{"test_fidelity_facility_selected_contract_is_facility_contracted",
	 test_fidelity_facility_selected_contract_is_facility_contracted},
	{"test_fidelity_unknown_infrastructure_under_subcontractor_is_the_primes",
	 test_fidelity_unknown_infrastructure_under_subcontractor_is_the_primes},
	{"test_fidelity_unknown_infrastructure_selected_by_subcontractor_is_a_note",
	 test_fidelity_unknown_infrastructure_selected_by_subcontractor_is_a_note},
	{"test_fidelity_per_system_annexes_meet_demarcation",
	 test_fidelity_per_system_annexes_meet_demarcation},
	{"test_fidelity_annex_for_one_system_only_is_missing",
	 test_fidelity_annex_for_one_system_only_is_missing},
	{"test_fidelity_most_specific_agreement_is_cited", test_fidelity_most_specific_agreement_is_cited},
	{"test_fidelity_partial_covers_before_no_covers", test_fidelity_partial_covers_before_no_covers},
	{"test_fidelity_near_miss_names_agreement_and_lacking_system",
	 test_fidelity_near_miss_names_agreement_and_lacking_system},
	{"test_fidelity_met_requirement_has_no_near_miss", test_fidelity_met_requirement_has_no_near_miss},
	{"test_fidelity_citations_name_documents_not_files",
	 test_fidelity_citations_name_documents_not_files},
	{"test_fidelity_citations_quote_the_guideline", test_fidelity_citations_quote_the_guideline},
	{"test_fidelity_procuring_prime_owns_before_smaller_id",
	 test_fidelity_procuring_prime_owns_before_smaller_id},
	{"test_fidelity_only_chain_or_unordered_chains_keep_smallest_id",
	 test_fidelity_only_chain_or_unordered_chains_keep_smallest_id},
	{"test_fidelity_via_lists_only_the_facilitys_own_contracts",
	 test_fidelity_via_lists_only_the_facilitys_own_contracts},
	{"test_fidelity_other_facilitys_contract_is_no_chain", test_fidelity_other_facilitys_contract_is_no_chain},
	{"test_fidelity_near_miss_names_the_most_specific_agreement",
	 test_fidelity_near_miss_names_the_most_specific_agreement},
	{"test_fidelity_equally_specific_near_misses_by_id", test_fidelity_equally_specific_near_misses_by_id},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_fidelity = {"fidelity", NULL, NULL, NULL, NULL, tests};
