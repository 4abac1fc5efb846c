/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The example models (examples/NN-*.xml and examples/change/): each header
 * comment states, from the guideline, who is in scope, who owns each served
 * system and which agreements are missing. These tests assert those conclusions (written
 * from the comments and the guideline, not from the program's output).
 * Where a comment and rules.md (as decided by the lead) differ, the test
 * follows rules.md and says so.
 */
#include "analysis_helpers.h"

#define RUN(file)                                                                              \
	medscope_analysis *a = ANALYSE_FILE("examples/" file);                                \
	CU_ASSERT_PTR_NOT_NULL_FATAL(a)

static void counts(const medscope_analysis *a, size_t errors, size_t warnings, size_t notes)
{
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_ERROR), errors);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_WARNING), warnings);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_NOTE), notes);
}

static void owner(const medscope_analysis *a, const char *sys, const char *fac, const char *who,
                  int basis)
{
	CU_ASSERT_STRING_EQUAL(ms_ta_owner(a, sys, fac), who);
	CU_ASSERT_EQUAL(ms_ta_basis(a, sys, fac), basis);
}

/* GL 2.2.1: one vendor for every layer. */
static void test_example_01_single_vendor(void)
{
	RUN("01-single-vendor.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "H"), MS_RULE_FACILITY);
	CU_ASSERT_TRUE(ms_ta_scope(a, "H")->mhlw);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "plat", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "dc", "H", "A", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL), 0);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT), 0);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 2 / GL 2.2.2 case 1; subcontracting approval missing on purpose. */
static void test_example_02_vendor_selects_iaas(void)
{
	RUN("02-vendor-selects-iaas.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "plat", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_own(a, "iaas", "H")->via), "k1,k2");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "iaas"), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "iaas,plat"), 1);
	/* No H-B agreement is needed. */
	CU_ASSERT_PTR_NULL(ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "B,H", NULL));
	counts(a, 1, 0, 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL), 1);
	ms_ta_done(a);
}

/* GL 2.2.2 case 2: A's risk management includes B's and C's. */
static void test_example_03_chain_a_b_c(void)
{
	RUN("03-chain-a-b-c.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_EQUAL(ms_ta_category(a, "C"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "paas", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	owner(a, "iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_own(a, "iaas", "H")->via), "k1,k2,k3");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "paas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr,paas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "B,C", NULL), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "B,C", "iaas,paas"), 0);
	counts(a, 0, 2, 0);
	ms_ta_done(a);
}

/* GL 2.2.3 / FAQ 2.1: the facility contracts A and B separately. */
static void test_example_04_facility_contracts_a_and_b(void)
{
	RUN("04-facility-contracts-a-and-b.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_DIRECT);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "a-dc", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "pacs", "H", "B", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "B,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "B,H", NULL), 1);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g1,g2");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr,pacs"), 0);
	counts(a, 0, 1, 0);
	ms_ta_done(a);
}

/* FAQ 2.1: A procured B, the hospital signs with B. The comment lists an
 * H-A subcontracting requirement for k2; under the lead's decision on
 * selection chains (a contract the facility signs is not followed through
 * selected-by) k2 is in no chain, so there is none. Findings are the same. */
static void test_example_05_procured_by_a_signed_by_facility(void)
{
	RUN("05-procured-by-a-signed-by-facility.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_DIRECT);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "plat", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "iaas", "H", "A", MS_RULE_PROCURED_BY_PRIME);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "B,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "B,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "iaas,plat"), 1);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL), 0);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT), 0);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 2.1 不明なインフラ: disclosed to H1, not to H2. */
static void test_example_06_unknown_infrastructure(void)
{
	RUN("06-unknown-infrastructure.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "X"), MS_CAT_DIRECT);
	owner(a, "ehr-h1", "H1", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "iaas-x", "H1", "X", MS_RULE_FACILITY_CONTRACTED);
	CU_ASSERT_STRING_EQUAL(JOIN_PARTIES(a, ms_ta_own(a, "iaas-x", "H1")->considered_by), "A");
	owner(a, "ehr-h2", "H2", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "vm-h2", "H2", "H2", MS_RULE_SELF_OPERATED);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H1", "iaas-x"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H2", "vm-h2"), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H1", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "H1,X", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H2", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,H1,X", "iaas-x"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,X", "ehr-h1,iaas-x"), 0);
	counts(a, 1, 1, 0);
	ms_ta_done(a);
}

/* FAQ 3.1: operation by A, development subcontracted to B. */
static void test_example_07_operation_development_split(void)
{
	RUN("07-operation-development-split.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "ehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,H", "ehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,B", "ehr"), 1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 1.1, 1.3: sale only vs. remote maintenance in the terms. */
static void test_example_08_sale_only_vs_maintenance(void)
{
	RUN("08-sale-only-vs-maintenance.xml");
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "R"), MS_RULE_SALE_ONLY);
	CU_ASSERT_FALSE(ms_ta_scope(a, "R")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_category(a, "S"), MS_CAT_DIRECT);
	owner(a, "lis", "H", "H", MS_RULE_SELF_OPERATED);
	owner(a, "rvpn", "H", "S", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "ris", "H"));
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "pacs", "H"));
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "H,S", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "H,S", NULL), 1);
	CU_ASSERT_PTR_NULL(ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "H,R", NULL));
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 1, 1.2, 1.3: devices, dispatched staff, patches. */
static void test_example_09_devices(void)
{
	RUN("09-devices.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "M"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "N"), MS_RULE_NOT_RELEVANT);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "P"), MS_RULE_DISPATCH_ONLY);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "Q"), MS_RULE_PATCH_ONLY);
	owner(a, "mri", "H", "H", MS_RULE_SELF_OPERATED);
	CU_ASSERT_EQUAL(a->ownership.n, 1); /* nothing else is served */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "H,M", "mri"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "H,M", "mri"), 1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 1 (3), 1.4, fn. 2: PHR services. */
static void test_example_10_phr(void)
{
	RUN("10-phr.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_PATIENT_DIRECTED);
	CU_ASSERT_TRUE(a->sysinfo[SYSTEM(a, "phr-a")].medical);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "B"), MS_RULE_VIA_PATIENT);
	CU_ASSERT_FALSE(ms_ta_scope(a, "B")->in_scope);
	CU_ASSERT_EQUAL(a->ownership.n, 0);
	CU_ASSERT_EQUAL(a->requirements.n, 0);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 2.2: regional networks. rules.md rev. 2: N1 is a managing operator
 * (「同主体は、本ガイドラインに基づいて、委託先の事業者を監督し、管理責任を果たす
 * ことが求められます」): towards H1 and H2 it is the vendor, k3 is its
 * subcontract, D is in its supply chain; N1 gets no entry of its own, and
 * N1-D need the supplier agreement and change notification, not the
 * facility's demarcation and risk agreement. */
static void test_example_11_regional_network(void)
{
	RUN("11-regional-network.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "N1"), MS_CAT_DIRECT);
	CU_ASSERT_TRUE(ms_ta_scope(a, "N1")->mhlw);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "N2"), MS_RULE_COORDINATION_ONLY);
	CU_ASSERT_TRUE(ms_ta_scope(a, "N2")->mhlw);
	CU_ASSERT_EQUAL(ms_ta_category(a, "D"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "D", MS_RULE_DIRECT_CONTRACT));
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "H1"), MS_RULE_FACILITY);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "H2"), MS_RULE_FACILITY);
	owner(a, "rn", "H1", "N1", MS_RULE_PRIME_PROVIDER);
	owner(a, "rn", "H2", "N1", MS_RULE_PRIME_PROVIDER);
	owner(a, "dc", "H1", "N1", MS_RULE_SELECTED_BY_PRIME);
	owner(a, "dc", "H2", "N1", MS_RULE_SELECTED_BY_PRIME);
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "dc", "N1"));
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "rn", "N1"));
	static const char *const pairs[] = {"H1,N1", "H2,N1"};
	for (int i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, pairs[i], NULL), 1);
		CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, pairs[i], NULL), 1);
		CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, pairs[i], "dc"), 1);
	}
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "D,N1", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "D,N1", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "D,N1", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "D,N1", "dc,rn"), 1);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_CHANGE_NOTIFICATION), 1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* FAQ 1: the meal-service company's connected system. */
static void test_example_12_meal_service(void)
{
	RUN("12-meal-service.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "V"), MS_CAT_CONNECTED_SERVICE);
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "M"), MS_RULE_NO_RELATION);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "meal-sys", "H"));
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	counts(a, 0, 1, 0);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "V");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_WARNING);
	ms_ta_done(a);
}

/* FAQ 1.4: care records with medical information. */
static void test_example_13_care_provider(void)
{
	RUN("13-care-provider.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "C"), MS_CAT_DIRECT);
	CU_ASSERT_TRUE(a->sysinfo[SYSTEM(a, "care-rec")].medical);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "K"), MS_RULE_FACILITY);
	CU_ASSERT_TRUE(ms_ta_scope(a, "K")->mhlw);
	owner(a, "care-rec", "K", "C", MS_RULE_PRIME_PROVIDER);
	owner(a, "tab", "K", "C", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "C,K", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "C,K", NULL), 1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* MHLW 外部保存: overseas region, no cloud certification, expired ISMS. */
static void test_example_14_overseas_storage(void)
{
	RUN("14-overseas-storage.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "img-archive", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "b-iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "b-iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "A")->severity, MS_SEV_ERROR);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_CERTIFICATION_EXPIRED, "A"));
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_DATA_OUTSIDE_JAPAN, "A,H,img-archive"));
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_DATA_OUTSIDE_JAPAN, "B,H,b-iaas"));
	CU_ASSERT_PTR_NOT_NULL(
		ms_ta_finding(a, MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION, "A,img-archive"));
	counts(a, 1, 3, 1);
	ms_ta_done(a);
}

/* FAQ 5.1, 5.2: risk acceptance without the facility, stale review. */
static void test_example_15_risk_acceptance(void)
{
	RUN("15-risk-acceptance.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "viewer", "H", "A", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED, "A,r1,viewer"));
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE, "A,ehr,r3"));
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED), 1);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE), 1);
	counts(a, 1, 1, 0);
	ms_ta_done(a);
}

/* MHLW 経営管理編 1.4: third-party provision with and without agreement. */
static void test_example_16_third_party_provision(void)
{
	RUN("16-third-party-provision.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "R1"), MS_RULE_NO_RELATION);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "R2"), MS_RULE_NO_RELATION);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, "H,R1", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, "H,R2", NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, "H,R2,f2"));
	counts(a, 1, 0, 0);
	ms_ta_done(a);
}

/* FAQ 2.2: a managing operator that subcontracts its platform (k3) and its
 * data centre (k4): its suppliers are its supply chain (「委託先の事業者を監督し、
 * 管理責任を果たす」), and only H2's approval of k4 is missing (g2 lacks dc). */
static void test_example_18_managing_operator_subcontracts(void)
{
	RUN("18-managing-operator-subcontracts.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "N1"), MS_CAT_DIRECT);
	CU_ASSERT_TRUE(ms_ta_scope(a, "N1")->mhlw);
	CU_ASSERT_EQUAL(ms_ta_category(a, "P"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_EQUAL(ms_ta_category(a, "D"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "P", MS_RULE_DIRECT_CONTRACT));
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "D", MS_RULE_DIRECT_CONTRACT));
	static const char *const fac[] = {"H1", "H2"};
	for (int i = 0; i < 2; i++) {
		owner(a, "rn", fac[i], "N1", MS_RULE_PRIME_PROVIDER);
		owner(a, "plat", fac[i], "N1", MS_RULE_SELECTED_BY_PRIME);
		owner(a, "dc", fac[i], "N1", MS_RULE_SELECTED_BY_PRIME);
	}
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_own(a, "dc", "H2")->via), "k2,k4");
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "plat", "N1"));
	CU_ASSERT_PTR_NULL(ms_ta_own(a, "dc", "N1"));
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "H1,N1", "plat"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "H1,N1", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "H2,N1", "plat"), 1);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "H2,N1", "dc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g2");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "N1,P", "plat"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "D,N1", "dc"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "N1,P", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "D,N1", NULL), -1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "N1,P", "plat,rn"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "D,P", "dc,plat"), 1);
	counts(a, 1, 0, 0);
	ms_ta_done(a);
}

/* MHLW 1.3.2 「書面等により可視化し」, rules.md §3 Matching: one annex per
 * system meets the demarcation requirement together. */
static void test_example_19_per_system_annexes(void)
{
	RUN("19-per-system-annexes.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "pacs", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g1,g2");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", "iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr,iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "iaas,pacs"), 1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* Before the change: everything agreed (as of 2026-04-01). */
static void test_example_change_before(void)
{
	RUN("change/before.xml");
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of(a), "2026-04-01");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "plat", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "iaas-b", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "iaas-b"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", NULL), 1);
	counts(a, 0, 0, 0);
	ms_ta_done(a);
}

/* After: IaaS swapped to C, backup from B contracted by H (GL 2.2.3). */
static void test_example_change_after(void)
{
	RUN("change/after.xml");
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_DIRECT);
	CU_ASSERT_EQUAL(ms_ta_category(a, "C"), MS_CAT_SUPPLY_CHAIN);
	owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "plat", "H", "A", MS_RULE_PRIME_PROVIDER);
	owner(a, "iaas-c", "H", "A", MS_RULE_SELECTED_BY_PRIME);
	owner(a, "b-backup", "H", "B", MS_RULE_FACILITY_CONTRACTED);
	CU_ASSERT_STRING_EQUAL(JOIN_PARTIES(a, ms_ta_own(a, "b-backup", "H")->considered_by), "A");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "B,H", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "iaas-c"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,C", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,C", NULL), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "b-backup"), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "b-backup,ehr"), 0);
	CU_ASSERT_EQUAL(ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "B")->severity, MS_SEV_ERROR);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_AGREEMENT_REVIEW_OVERDUE, "g1"));
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_CERTIFICATION_EXPIRED, "B"));
	counts(a, 2, 3, 0);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"test_example_01_single_vendor", test_example_01_single_vendor},
	{"test_example_02_vendor_selects_iaas", test_example_02_vendor_selects_iaas},
	{"test_example_03_chain_a_b_c", test_example_03_chain_a_b_c},
	{"test_example_04_facility_contracts_a_and_b", test_example_04_facility_contracts_a_and_b},
	{"test_example_05_procured_by_a_signed_by_facility",
	 test_example_05_procured_by_a_signed_by_facility},
	{"test_example_06_unknown_infrastructure", test_example_06_unknown_infrastructure},
	{"test_example_07_operation_development_split", test_example_07_operation_development_split},
	{"test_example_08_sale_only_vs_maintenance", test_example_08_sale_only_vs_maintenance},
	{"test_example_09_devices", test_example_09_devices},
	{"test_example_10_phr", test_example_10_phr},
	{"test_example_11_regional_network", test_example_11_regional_network},
	{"test_example_12_meal_service", test_example_12_meal_service},
	{"test_example_13_care_provider", test_example_13_care_provider},
	{"test_example_14_overseas_storage", test_example_14_overseas_storage},
	{"test_example_15_risk_acceptance", test_example_15_risk_acceptance},
	{"test_example_16_third_party_provision", test_example_16_third_party_provision},
	{"test_example_18_managing_operator_subcontracts",
	 test_example_18_managing_operator_subcontracts},
	{"test_example_19_per_system_annexes", test_example_19_per_system_annexes},
	{"test_example_change_before", test_example_change_before},
	{"test_example_change_after", test_example_change_after},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_engine_examples = {"engine_examples", NULL, NULL, NULL, NULL, tests};
