/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §1 and the Terms: who is a 対象事業者 of the vendor guideline.
 * Each case is the guideline's (FAQ 1, 1.1-1.4, 2.2, fn. 2), positive and
 * negative; expected values come from the guideline text, not the program.
 */
#include "analysis_helpers.h"

#define HOSPITAL "  <facility id=\"H\" name=\"病院\"/>\n"
#define EHR_OF(p) "  <system id=\"ehr\" provider=\"" p "\" layer=\"saas\" data=\"medical\"/>\n"

/* FAQ 1 (1): a 契約等 with a facility for a medical system. */
static void test_scope_direct_contract_is_direct(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"A\"/>\n" EHR_OF("A")
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(ms_ta_scope(a, "A")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_DIRECT);
	const ms_reason *r = ms_ta_reason(a, "A", MS_RULE_DIRECT_CONTRACT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, r->via), "k1");
	CU_ASSERT_FALSE(ms_ta_scope(a, "A")->mhlw);
	ms_ta_done(a);
}

/* The same contract signed by a vendor, not a facility, is no direct contract. */
static void test_scope_contract_with_vendor_client_is_not_direct(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <vendor id=\"M\"/>\n  <vendor id=\"A\"/>\n" EHR_OF("A")
		"  <contract id=\"k1\" client=\"M\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "A", MS_RULE_DIRECT_CONTRACT));
	CU_ASSERT_FALSE(ms_ta_scope(a, "A")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "A"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

/* FAQ 1.1 「売買契約のみで…対象範囲外」 and FAQ 1.3: remote maintenance in the
 * terms counts as maintenance. */
static void test_scope_sale_only_is_out(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"R\"/>\n"
		"  <system id=\"ris\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <system id=\"pacs\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <contract id=\"k2\" client=\"H\" supplier=\"R\" type=\"sale\" covers=\"pacs\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"R\" type=\"sale\" covers=\"ris\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "R")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_category(a, "R"), MS_CAT_NONE);
	CU_ASSERT_EQUAL(ms_ta_scope(a, "R")->nreasons, 1);
	const ms_reason *r = ms_ta_reason(a, "R", MS_RULE_SALE_ONLY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, r->via), "k1,k2"); /* sorted by id */
	ms_ta_done(a);
}

static void test_scope_sale_and_maintenance_is_direct(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"S\"/>\n"
		"  <system id=\"lis\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <contract id=\"k2\" client=\"H\" supplier=\"S\" type=\"sale maintenance\" covers=\"lis\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "S"), MS_CAT_DIRECT);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "S", MS_RULE_SALE_ONLY));
	ms_ta_done(a);
}

/* FAQ 1.3 「医療機関等の指示に基づいて保守を行うケースは含まれません」. */
static void test_scope_dispatch_only_is_out(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"P\"/>\n  <vendor id=\"P2\"/>\n"
		"  <system id=\"pacs\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <contract id=\"k3\" client=\"H\" supplier=\"P\" type=\"dispatch\" covers=\"pacs\"/>\n"
		"  <contract id=\"k4\" client=\"H\" supplier=\"P2\" type=\"sale dispatch\" covers=\"pacs\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "P"), MS_RULE_DISPATCH_ONLY);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "P", MS_RULE_DISPATCH_ONLY)->via), "k3");
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "P2"), MS_RULE_DISPATCH_ONLY);
	CU_ASSERT_FALSE(ms_ta_scope(a, "P")->in_scope);
	ms_ta_done(a);
}

/* Maintenance on the vendor's own judgement (請負) is in scope. */
static void test_scope_dispatch_and_maintenance_is_direct(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"P\"/>\n"
		"  <system id=\"pacs\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <contract id=\"k3\" client=\"H\" supplier=\"P\" type=\"dispatch\" covers=\"pacs\"/>\n"
		"  <contract id=\"k5\" client=\"H\" supplier=\"P\" type=\"maintenance\" covers=\"pacs\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "P"), MS_CAT_DIRECT);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "P", MS_RULE_DISPATCH_ONLY));
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "P", MS_RULE_DIRECT_CONTRACT)->via), "k5");
	ms_ta_done(a);
}

/* FAQ 1.3 「製品保証としてセキュリティパッチの提供等のみ」. */
static void test_scope_patch_only_is_out(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"Q\"/>\n  <vendor id=\"Q2\"/>\n"
		"  <system id=\"term\" provider=\"H\" layer=\"terminal\" data=\"medical\"/>\n"
		"  <contract id=\"k4\" client=\"H\" supplier=\"Q\" type=\"patch-only\" covers=\"term\"/>\n"
		"  <contract id=\"k6\" client=\"H\" supplier=\"Q2\" type=\"sale patch-only\" covers=\"term\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "Q"), MS_RULE_PATCH_ONLY);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "Q2"), MS_RULE_PATCH_ONLY);
	CU_ASSERT_FALSE(ms_ta_scope(a, "Q2")->in_scope);
	ms_ta_done(a);
}

static void test_scope_patch_and_operation_is_direct(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"Q\"/>\n"
		"  <system id=\"term\" provider=\"H\" layer=\"terminal\" data=\"medical\"/>\n"
		"  <contract id=\"k4\" client=\"H\" supplier=\"Q\" type=\"patch-only operation\" covers=\"term\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "Q"), MS_CAT_DIRECT);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "Q", MS_RULE_PATCH_ONLY));
	ms_ta_done(a);
}

/* FAQ 1 (3) and 1.4: the PHR service receiving on the patient's instruction
 * is in scope as a whole; fn. 2: one the patient fills himself is not. */
static const char *const phr_model = MS_DOC(HOSPITAL
	"  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n"
	"  <system id=\"ehr\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
	"  <system id=\"phr-a\" provider=\"A\" layer=\"saas\" data=\"phr\"/>\n"
	"  <system id=\"phr-b\" provider=\"B\" layer=\"saas\" data=\"phr\"/>\n"
	"  <flow id=\"f1\" from=\"ehr\" to=\"phr-a\" data=\"medical\" basis=\"patient-instruction\"/>\n"
	"  <flow id=\"f2\" from=\"ehr\" to=\"phr-b\" data=\"medical\" basis=\"via-patient\"/>\n");

static void test_scope_patient_instruction_is_patient_directed(void)
{
	medscope_analysis *a = ANALYSE(phr_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "A"), MS_CAT_PATIENT_DIRECTED);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "A", MS_RULE_PATIENT_INSTRUCTION)->via), "f1");
	/* FAQ 1.4: the whole PHR service becomes a medical system. */
	CU_ASSERT_TRUE(a->sysinfo[SYSTEM(a, "phr-a")].medical);
	CU_ASSERT_FALSE(a->sysinfo[SYSTEM(a, "phr-b")].medical);
	ms_ta_done(a);
}

static void test_scope_via_patient_is_out(void)
{
	medscope_analysis *a = ANALYSE(phr_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "B")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "B"), MS_RULE_VIA_PATIENT);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "B", MS_RULE_VIA_PATIENT)->via), "f2");
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "B", MS_RULE_PATIENT_INSTRUCTION));
	ms_ta_done(a);
}

/* A patient-instruction flow without medical information, or one that does
 * not come from a facility, makes nobody patient-directed. */
static void test_scope_patient_instruction_needs_medical_from_a_facility(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL
		"  <vendor id=\"A\"/>\n  <vendor id=\"C\"/>\n  <vendor id=\"W\"/>\n"
		"  <system id=\"ehr\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <system id=\"w-app\" provider=\"W\" layer=\"saas\" data=\"phr\"/>\n"
		"  <system id=\"phr-a\" provider=\"A\" layer=\"saas\" data=\"phr\"/>\n"
		"  <flow id=\"f1\" from=\"ehr\" to=\"phr-a\" data=\"phr\" basis=\"patient-instruction\"/>\n"
		"  <flow id=\"f3\" from=\"w-app\" to=\"C\" data=\"medical\" basis=\"patient-instruction\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "A")->in_scope);
	CU_ASSERT_FALSE(ms_ta_scope(a, "C")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "A"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

/* A via-patient recipient that also maintains a medical system is in scope
 * for that contract: via-patient is only for a party with nothing else. */
static void test_scope_via_patient_with_contract_is_not_via_patient(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <system id=\"scale\" provider=\"H\" layer=\"device\" data=\"none\"/>\n"
		"  <system id=\"phr-b\" provider=\"B\" layer=\"saas\" data=\"phr\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"B\" type=\"maintenance\" covers=\"scale\"/>\n"
		"  <flow id=\"f2\" from=\"ehr\" to=\"phr-b\" data=\"medical\" basis=\"via-patient\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "B"), MS_RULE_NOT_RELEVANT);
	ms_ta_done(a);
}

/* FAQ 2.2: an operator that only coordinates is out; one entrusted with
 * medical information is in; both are 医療機関等 under the MHLW guideline. */
static const char *const network_model = MS_DOC(HOSPITAL
	"  <network-operator id=\"N1\" manages-medical-info=\"true\"/>\n"
	"  <network-operator id=\"N2\" manages-medical-info=\"false\"/>\n"
	"  <network-operator id=\"N3\" manages-medical-info=\"true\"/>\n"
	"  <vendor id=\"D\"/>\n"
	"  <system id=\"rn\" provider=\"N1\" layer=\"saas\" data=\"medical\"><runs-on ref=\"dc\"/></system>\n"
	"  <system id=\"dc\" provider=\"D\" layer=\"iaas\" data=\"medical\"/>\n"
	"  <system id=\"spec\" provider=\"N2\" layer=\"saas\" data=\"medical\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"N1\" type=\"entrustment\" covers=\"rn\"/>\n"
	"  <contract id=\"k2\" client=\"H\" supplier=\"N2\" type=\"entrustment\" covers=\"spec\"/>\n"
	"  <contract id=\"k3\" client=\"N1\" supplier=\"D\" type=\"service\" covers=\"dc\"/>\n");

static void test_scope_coordination_only_operator_is_out(void)
{
	medscope_analysis *a = ANALYSE(network_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_party_scope *s = ms_ta_scope(a, "N2");
	CU_ASSERT_FALSE(s->in_scope);
	CU_ASSERT_TRUE(s->mhlw);
	CU_ASSERT_EQUAL(s->nreasons, 1);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "N2"), MS_RULE_COORDINATION_ONLY);
	ms_ta_done(a);
}

static void test_scope_operator_managing_medical_info_is_direct(void)
{
	medscope_analysis *a = ANALYSE(network_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_party_scope *s = ms_ta_scope(a, "N1");
	CU_ASSERT_TRUE(s->in_scope);
	CU_ASSERT_TRUE(s->mhlw);
	CU_ASSERT_EQUAL(s->category, MS_CAT_DIRECT);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "N1", MS_RULE_COORDINATION_ONLY));
	/* rules.md rev. 2, managing operator (FAQ 2.2 「委託先の事業者を監督し」):
	 * towards its participants N1 is the vendor, and k3 is its subcontract,
	 * not a prime contract, so its data centre D is supply-chain, not direct. */
	CU_ASSERT_EQUAL(ms_ta_category(a, "D"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "D", MS_RULE_DIRECT_CONTRACT));
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "D", MS_RULE_SUPPLY_CHAIN)->via), "dc,k3");
	/* An operator that manages nothing for anybody has no relation. */
	CU_ASSERT_FALSE(ms_ta_scope(a, "N3")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "N3"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

/* FAQ 1: the meal-service company's system connected to the EHR. */
static const char *meal_model(const char *connect)
{
	static char buf[2048];
	snprintf(buf, sizeof buf, MS_DOC(HOSPITAL
		"  <vendor id=\"A\"/>\n  <vendor id=\"M\" role=\"meal-service\"/>\n  <vendor id=\"V\"/>\n"
		EHR_OF("A")
		"  <system id=\"meal-sys\" provider=\"V\" layer=\"saas\" data=\"none\">%s</system>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"M\" supplier=\"V\" type=\"service\" covers=\"meal-sys\"/>\n"),
		connect);
	return buf;
}

static void test_scope_meal_service_supplier_is_connected_service(void)
{
	medscope_analysis *a = ANALYSE(meal_model("<connects-to ref=\"ehr\"/>"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "V"), MS_CAT_CONNECTED_SERVICE);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "V", MS_RULE_CONNECTED_SERVICE)->via), "k2");
	/* The meal-service company itself supplies nothing: no relation. */
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "M"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

static void test_scope_unconnected_meal_system_is_not_relevant(void)
{
	medscope_analysis *a = ANALYSE(meal_model(""));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "V")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "V"), MS_RULE_NOT_RELEVANT);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "V", MS_RULE_NOT_RELEVANT)->via), "k2");
	ms_ta_done(a);
}

/* Connected to a medical system that no facility is served: not in scope. */
static void test_scope_connection_to_unserved_system_is_not_connected_service(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <vendor id=\"A\"/>\n  <vendor id=\"M\"/>\n  <vendor id=\"V\"/>\n"
		EHR_OF("A")
		"  <system id=\"meal-sys\" provider=\"V\" layer=\"saas\"><connects-to ref=\"ehr\"/></system>\n"
		"  <contract id=\"k2\" client=\"M\" supplier=\"V\" type=\"service\" covers=\"meal-sys\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "V", MS_RULE_CONNECTED_SERVICE));
	CU_ASSERT_FALSE(ms_ta_scope(a, "V")->in_scope);
	ms_ta_done(a);
}

/* rules.md rev. 2, FAQ 1 「当該システム等が医療情報システム等に接続している場合には、
 * 本ガイドラインの対象事業者となります」: a connection to a medical system the
 * facility runs itself counts as much as one to a system it is served (the
 * meal-service company on the hospital's own on-premise EHR). */
static const char *own_ehr_model(const char *contract)
{
	static char buf[2048];
	snprintf(buf, sizeof buf, MS_DOC(HOSPITAL
		"  <vendor id=\"V\"/>\n"
		"  <system id=\"ehr\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <system id=\"meal-sys\" provider=\"V\" layer=\"saas\" data=\"none\">"
		"<connects-to ref=\"ehr\"/></system>\n%s"), contract);
	return buf;
}

static void test_scope_connected_to_facility_run_system_is_connected_service(void)
{
	medscope_analysis *a = ANALYSE(own_ehr_model(
		"  <contract id=\"k2\" client=\"H\" supplier=\"V\" type=\"service\" covers=\"meal-sys\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ms_ta_reason(a, "V", MS_RULE_CONNECTED_SERVICE));
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "V", MS_RULE_CONNECTED_SERVICE)->via), "k2");
	CU_ASSERT_TRUE(ms_ta_scope(a, "V")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT), 0);
	ms_ta_done(a);
}

/* rules.md §4 connected-system-no-contract: the same system with no
 * contract at all - warned, not silently no-relation. With a qualifying
 * contract there is no warning (above); a sale alone is no qualifying
 * contract, so it is still warned; without the connection, no warning. */
static void test_scope_connected_system_without_contract_is_warned(void)
{
	medscope_analysis *a = ANALYSE(own_ehr_model(""));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "V"), MS_RULE_NO_RELATION);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT), 1);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "meal-sys of V is connected to a facility's medical information system, "
	                       "but no contract in the model covers it, so whether V falls under the "
	                       "vendor guideline cannot be decided");
	ms_ta_done(a);
	a = ANALYSE(own_ehr_model(
		"  <contract id=\"k2\" client=\"H\" supplier=\"V\" type=\"sale\" covers=\"meal-sys\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT), 1);
	ms_ta_done(a);
	a = ANALYSE(meal_model("")); /* not connected */
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_CONNECTED_SYSTEM_NO_CONTRACT), 0);
	ms_ta_done(a);
}

/* FAQ 1 (2) 「直接的な契約関係になくとも」, FAQ 2: the IaaS under the EHR. */
static const char *const chain_model = MS_DOC(HOSPITAL
	"  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n  <vendor id=\"C\"/>\n  <vendor id=\"Z\"/>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\"/>\n"
	"  <system id=\"other\" provider=\"Z\" layer=\"iaas\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"B\" supplier=\"C\" type=\"operation\" covers=\"iaas\"/>\n");

static void test_scope_provider_of_served_system_is_supply_chain(void)
{
	medscope_analysis *a = ANALYSE(chain_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* No contract with anybody: providing a served system is enough. */
	CU_ASSERT_EQUAL(ms_ta_category(a, "B"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "B", MS_RULE_SUPPLY_CHAIN)->via), "iaas");
	/* Terms: iaas is relevant (supply of a medical system), not medical. */
	CU_ASSERT_TRUE(a->sysinfo[SYSTEM(a, "iaas")].relevant);
	CU_ASSERT_FALSE(a->sysinfo[SYSTEM(a, "iaas")].medical);
	CU_ASSERT_TRUE(a->sysinfo[SYSTEM(a, "iaas")].served);
	ms_ta_done(a);
}

static void test_scope_provider_of_unserved_system_is_out(void)
{
	medscope_analysis *a = ANALYSE(chain_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "Z")->in_scope);
	CU_ASSERT_FALSE(a->sysinfo[SYSTEM(a, "other")].relevant);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "Z"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

/* 役務 in the supply chain: C operates B's infrastructure, B being in scope. */
static void test_scope_subcontracted_work_is_supply_chain(void)
{
	medscope_analysis *a = ANALYSE(chain_model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "C"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "C", MS_RULE_SUPPLY_CHAIN)->via), "k2");
	ms_ta_done(a);
}

/* The fixed point: D works for C, which works for A; D is reached too. A
 * subcontract of an out-of-scope client does not count. */
static void test_scope_supply_chain_reaches_every_level(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL
		"  <vendor id=\"A\"/>\n  <vendor id=\"C\"/>\n  <vendor id=\"D\"/>\n"
		"  <vendor id=\"X\"/>\n  <vendor id=\"Y\"/>\n"
		EHR_OF("A")
		"  <system id=\"x-app\" provider=\"X\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k3\" client=\"C\" supplier=\"D\" type=\"development\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"C\" type=\"development\" covers=\"ehr\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k9\" client=\"X\" supplier=\"Y\" type=\"development\" covers=\"x-app\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "C"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_EQUAL(ms_ta_category(a, "D"), MS_CAT_SUPPLY_CHAIN);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_reason(a, "D", MS_RULE_SUPPLY_CHAIN)->via), "k3");
	CU_ASSERT_FALSE(ms_ta_scope(a, "Y")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "Y"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

/* FAQ 1.1: a facility is out of scope (and under the MHLW guideline), even
 * when it runs something for another facility. */
static void test_scope_facility_is_out_and_mhlw(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <facility id=\"H2\" type=\"clinic\"/>\n"
		"  <system id=\"ehr\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H2\" supplier=\"H\" type=\"service\" covers=\"ehr\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_party_scope *s = ms_ta_scope(a, "H");
	CU_ASSERT_FALSE(s->in_scope);
	CU_ASSERT_TRUE(s->mhlw);
	CU_ASSERT_EQUAL(s->nreasons, 1);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "H"), MS_RULE_FACILITY);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "H2"), MS_RULE_FACILITY);
	ms_ta_done(a);
}

static void test_scope_vendor_is_not_mhlw(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <vendor id=\"A\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "A")->mhlw);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "A"), MS_RULE_NO_RELATION);
	ms_ta_done(a);
}

/* FAQ 1.2: a device storing no medical information and connected to
 * nothing is out; connected to the PACS it is in. */
static const char *device_model(const char *connect)
{
	static char buf[2048];
	snprintf(buf, sizeof buf, MS_DOC(HOSPITAL "  <vendor id=\"N\"/>\n"
		"  <system id=\"pacs\" provider=\"H\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <system id=\"bca\" provider=\"H\" layer=\"device\" data=\"none\">%s</system>\n"
		"  <contract id=\"k2\" client=\"H\" supplier=\"N\" type=\"maintenance\" covers=\"bca\"/>\n"),
		connect);
	return buf;
}

static void test_scope_standalone_device_is_not_relevant(void)
{
	medscope_analysis *a = ANALYSE(device_model(""));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(ms_ta_scope(a, "N")->in_scope);
	CU_ASSERT_EQUAL(ms_ta_first_reason(a, "N"), MS_RULE_NOT_RELEVANT);
	CU_ASSERT_FALSE(a->sysinfo[SYSTEM(a, "bca")].served);
	ms_ta_done(a);
}

static void test_scope_connected_device_is_direct(void)
{
	medscope_analysis *a = ANALYSE(device_model("<connects-to ref=\"pacs\"/>"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_category(a, "N"), MS_CAT_DIRECT);
	CU_ASSERT_PTR_NULL(ms_ta_reason(a, "N", MS_RULE_NOT_RELEVANT));
	/* Terms: connected to a medical system makes it relevant; the PACS it
	 * connects to is not served by that contract. */
	CU_ASSERT_TRUE(a->sysinfo[SYSTEM(a, "bca")].relevant);
	CU_ASSERT_FALSE(a->sysinfo[SYSTEM(a, "pacs")].served);
	ms_ta_done(a);
}

/* Every reason that holds is listed, in rules.md order; the first gives
 * the category. */
static void test_scope_lists_every_reason_first_gives_category(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(HOSPITAL "  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <system id=\"phr\" provider=\"B\" layer=\"saas\" data=\"phr\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
		"  <flow id=\"f1\" from=\"H\" to=\"phr\" data=\"medical\" basis=\"patient-instruction\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_party_scope *s = ms_ta_scope(a, "B");
	CU_ASSERT_EQUAL_FATAL(s->nreasons, 2);
	CU_ASSERT_EQUAL(a->reasons.v[s->reason_off].rule, MS_RULE_PATIENT_INSTRUCTION);
	CU_ASSERT_EQUAL(a->reasons.v[s->reason_off + 1].rule, MS_RULE_SUPPLY_CHAIN);
	CU_ASSERT_EQUAL(s->category, MS_CAT_PATIENT_DIRECTED);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, a->reasons.v[s->reason_off + 1].via), "iaas,k2");
	ms_ta_done(a);
}

/* Parties and systems are reported by id. */
static void test_scope_orders_parties_and_systems_by_id(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <vendor id=\"b\"/>\n  <vendor id=\"C\"/>\n  <vendor id=\"a\"/>\n"
		"  <system id=\"s2\" layer=\"saas\"/>\n  <system id=\"s10\" layer=\"saas\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const char *ids[3];
	for (int i = 0; i < 3; i++)
		ids[i] = a->model->parties.v[a->party_order[i]].id;
	CU_ASSERT_STRING_EQUAL(ids[0], "C"); /* byte order, as strcmp */
	CU_ASSERT_STRING_EQUAL(ids[1], "a");
	CU_ASSERT_STRING_EQUAL(ids[2], "b");
	CU_ASSERT_STRING_EQUAL(a->model->systems.v[a->system_order[0]].id, "s10");
	CU_ASSERT_STRING_EQUAL(a->model->systems.v[a->system_order[1]].id, "s2");
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"test_scope_direct_contract_is_direct", test_scope_direct_contract_is_direct},
	{"test_scope_contract_with_vendor_client_is_not_direct",
	 test_scope_contract_with_vendor_client_is_not_direct},
	{"test_scope_sale_only_is_out", test_scope_sale_only_is_out},
	{"test_scope_sale_and_maintenance_is_direct", test_scope_sale_and_maintenance_is_direct},
	{"test_scope_dispatch_only_is_out", test_scope_dispatch_only_is_out},
	{"test_scope_dispatch_and_maintenance_is_direct", test_scope_dispatch_and_maintenance_is_direct},
	{"test_scope_patch_only_is_out", test_scope_patch_only_is_out},
	{"test_scope_patch_and_operation_is_direct", test_scope_patch_and_operation_is_direct},
	{"test_scope_patient_instruction_is_patient_directed",
	 test_scope_patient_instruction_is_patient_directed},
	{"test_scope_via_patient_is_out", test_scope_via_patient_is_out},
	{"test_scope_patient_instruction_needs_medical_from_a_facility",
	 test_scope_patient_instruction_needs_medical_from_a_facility},
	{"test_scope_via_patient_with_contract_is_not_via_patient",
	 test_scope_via_patient_with_contract_is_not_via_patient},
	{"test_scope_coordination_only_operator_is_out", test_scope_coordination_only_operator_is_out},
	{"test_scope_operator_managing_medical_info_is_direct",
	 test_scope_operator_managing_medical_info_is_direct},
	{"test_scope_meal_service_supplier_is_connected_service",
	 test_scope_meal_service_supplier_is_connected_service},
	{"test_scope_unconnected_meal_system_is_not_relevant",
	 test_scope_unconnected_meal_system_is_not_relevant},
	{"test_scope_connection_to_unserved_system_is_not_connected_service",
	 test_scope_connection_to_unserved_system_is_not_connected_service},
	{"test_scope_provider_of_served_system_is_supply_chain",
	 test_scope_provider_of_served_system_is_supply_chain},
	{"test_scope_provider_of_unserved_system_is_out", test_scope_provider_of_unserved_system_is_out},
	{"test_scope_subcontracted_work_is_supply_chain", test_scope_subcontracted_work_is_supply_chain},
	{"test_scope_supply_chain_reaches_every_level", test_scope_supply_chain_reaches_every_level},
	{"test_scope_facility_is_out_and_mhlw", test_scope_facility_is_out_and_mhlw},
	{"test_scope_vendor_is_not_mhlw", test_scope_vendor_is_not_mhlw},
	{"test_scope_standalone_device_is_not_relevant", test_scope_standalone_device_is_not_relevant},
	{"test_scope_connected_device_is_direct", test_scope_connected_device_is_direct},
	{"test_scope_lists_every_reason_first_gives_category",
	 test_scope_lists_every_reason_first_gives_category},
	{"test_scope_orders_parties_and_systems_by_id", test_scope_orders_parties_and_systems_by_id},
	{"test_scope_connected_to_facility_run_system_is_connected_service",
	 test_scope_connected_to_facility_run_system_is_connected_service},
	{"test_scope_connected_system_without_contract_is_warned",
	 test_scope_connected_system_without_contract_is_warned},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_scope = {"scope", NULL, NULL, NULL, NULL, tests};
