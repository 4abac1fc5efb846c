/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §3: which agreements must exist and when one is there. Every
 * requirement code present and missing; how agreements match (parties,
 * topic, covers, in writing, smallest id); where the finding points.
 */
#include "analysis_helpers.h"

#define H_A "  <facility id=\"H\"/>\n  <vendor id=\"A\"/>\n"
#define EHR_A "  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
#define K1 "  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"

static medscope_analysis *with_agreements(const char *agreements)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC(H_A EHR_A
		"  <system id=\"lab\" provider=\"A\" layer=\"saas\"/>\n"
		"  <contract id=\"k0\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"lab\"/>\n"
		K1 "%s"), agreements);
	return ANALYSE(buf);
}

/* MHLW 経営管理編 1.3.2 and FAQ 4/5: F with every prime A. */
static void test_agreement_demarcation_and_risk_present(void)
{
	medscope_analysis *a = with_agreements(
		"  <agreement id=\"g2\" parties=\"A H\" topics=\"demarcation risk-management\"/>\n"
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\" covers=\"ehr\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	/* rules.md §3: g1 names ehr, the most specific; g2 (no covers) meets
	 * it too and is listed after it. */
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g1,g2");
	CU_ASSERT_EQUAL(q->finding, MS_NONE);
	CU_ASSERT_EQUAL(q->topic, MS_TOPIC_DEMARCATION);
	/* lab is no relevant system: only the relevant ones are listed, and k0
	 * (lab only) is no prime contract. */
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, q->contract), "k1");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", "ehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_DEMARCATION), 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_RISK_AGREEMENT), 0);
	ms_ta_done(a);
}

static void test_agreement_demarcation_and_risk_missing(void)
{
	medscope_analysis *a = with_agreements(
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"incident-response\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_EQUAL(q->severity, MS_SEV_ERROR);
	CU_ASSERT_NOT_EQUAL_FATAL(q->finding, MS_NONE);
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_EQUAL(f->rule, MS_RULE_MISSING_DEMARCATION);
	CU_ASSERT_EQUAL(f->element, MS_SYM_CONTRACT);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "k1");
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, f->subjects), "A,H,ehr");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "No written demarcation agreement between H and A (systems: ehr)");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", "ehr"), 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_RISK_AGREEMENT), 1);
	ms_ta_done(a);
}

/* MHLW 1.3.2 「書面等により可視化し」: an unwritten demarcation does not count
 * (but the same agreement still serves other topics). */
static void test_demarcation_not_in_writing_does_not_satisfy(void)
{
	medscope_analysis *a = with_agreements(
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\" documented=\"false\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr"), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", "ehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_DEMARCATION_NOT_IN_WRITING), 1);
	ms_ta_done(a);
}

/* An agreement whose covers does not name the system, or that lacks one of
 * the parties, does not satisfy. */
static void test_agreement_covers_and_parties_must_match(void)
{
	medscope_analysis *a = with_agreements(
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation\" covers=\"lab\"/>\n"
		"  <facility id=\"H9\"/>\n"
		"  <agreement id=\"g2\" parties=\"H9 A\" topics=\"risk-management\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr"), 0);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", "ehr"), 0);
	ms_ta_done(a);
}

/* A → B (selected by A) with an A-B agreement; H approves or not. */
static medscope_analysis *subcontract_model(const char *agreements)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC("  <facility id=\"H\"/>\n  <facility id=\"H2\"/>\n"
		"  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
		"  <system id=\"spare\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
		K1
		"  <contract id=\"k5\" client=\"H2\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas spare\"/>\n"
		"  <agreement id=\"g0\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
		"  <agreement id=\"g9\" parties=\"H2 A\" topics=\"demarcation risk-management subcontracting\"/>\n"
		"%s"), agreements);
	return ANALYSE(buf);
}

/* MHLW 経営管理編 遵守事項 「再委託を行う場合には…承認を得る」. */
static void test_agreement_subcontract_approval_missing_and_present(void)
{
	medscope_analysis *a = subcontract_model(
		"  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation change-notification\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* systems: what k2 covers that is served to H (not spare). */
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H", "iaas");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, q->contract), "k2");
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "k2");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "No prior approval by H of subcontracting to B under A (k2; systems: iaas) "
	                       "(nearest agreement g9: it does not name H)");
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL, "A,H2", "iaas"), 1);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL), 1);
	ms_ta_done(a);
}

/* FAQ 3 「事業者AB間の義務と責任の合意形成」: once per contract, a warning. */
static void test_agreement_supplier_agreement_missing_and_present(void)
{
	medscope_analysis *a = subcontract_model("");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT), 1); /* H and H2 share it */
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", "iaas");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_EQUAL(q->severity, MS_SEV_WARNING);
	CU_ASSERT_EQUAL(a->findings.v[q->finding].severity, MS_SEV_WARNING);
	ms_ta_done(a);

	a = subcontract_model("  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation\" covers=\"iaas\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT, "A,B", "iaas"), 1);
	ms_ta_done(a);
}

/* FAQ 2.1: the F-B contract of a procured B is the facility's own: no
 * approval of it is asked for. */
static void test_agreement_procured_by_prime_needs_no_subcontract_approval(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A "  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
		K1
		"  <contract id=\"k2\" client=\"H\" supplier=\"B\" selected-by=\"A\" type=\"service\" covers=\"iaas\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_basis(a, "iaas", "H"), MS_RULE_PROCURED_BY_PRIME);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUBCONTRACT_APPROVAL), 0);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_SUPPLIER_AGREEMENT), 0);
	/* B is a prime of H in its own right. */
	CU_ASSERT_PTR_NOT_NULL(ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "B,H", "iaas"));
	ms_ta_done(a);
}

/* GL 2.2.3 / MHLW 企画管理編: the facility agrees the 連携部分 with A and B. */
static medscope_analysis *integration_model(const char *agreements)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC(H_A "  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"bk\"/></system>\n"
		"  <system id=\"bk\" provider=\"B\" layer=\"saas\" data=\"medical\"/>\n"
		K1
		"  <contract id=\"k4\" client=\"H\" supplier=\"B\" type=\"service\" covers=\"bk\"/>\n%s"),
		agreements);
	return ANALYSE(buf);
}

static void test_agreement_integration_missing(void)
{
	medscope_analysis *a = integration_model(
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"integration\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "bk");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE); /* F-A alone is not enough */
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "k4"); /* B's prime contract */
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "No agreement on the integration between A and B, which H contracts "
	                       "separately (systems: bk) (nearest agreement g1: it does not name B)");
	ms_ta_done(a);
}

static void test_agreement_integration_two_agreements_satisfy(void)
{
	medscope_analysis *a = integration_model(
		"  <agreement id=\"g5\" parties=\"H B\" topics=\"integration\"/>\n"
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"integration\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "bk");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g1,g5");
	ms_ta_done(a);
}

static void test_agreement_integration_one_three_party_agreement_satisfies(void)
{
	medscope_analysis *a = integration_model(
		"  <agreement id=\"g5\" parties=\"H B\" topics=\"integration\"/>\n"
		"  <agreement id=\"g7\" parties=\"B H A\" topics=\"integration change-notification\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "bk");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g7");
	/* The same agreement covers the change notification between A and B. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "bk,ehr"), 1);
	ms_ta_done(a);
}

/* FAQ 2.1 「情報連携のためのAPI等含む」: two primes' systems connected by an API. */
static void test_agreement_integration_for_connected_primes(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A "  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><connects-to ref=\"pacs\" api=\"true\"/></system>\n"
		"  <system id=\"pacs\" provider=\"B\" layer=\"saas\" data=\"medical\"/>\n"
		K1
		"  <contract id=\"k2\" client=\"H\" supplier=\"B\" type=\"service\" covers=\"pacs\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_basis(a, "pacs", "H"), MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT, "A,B,H", "ehr,pacs"), 0);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT), 1);
	ms_ta_done(a);
}

/* One prime alone needs no integration agreement. */
static void test_agreement_no_integration_with_one_prime(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><connects-to ref=\"pacs\"/></system>\n"
		"  <system id=\"pacs\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr pacs\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_INTEGRATION_AGREEMENT), 0);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_CHANGE_NOTIFICATION), 0);
	ms_ta_done(a);
}

/* FAQ 2.1 不明なインフラ: A runs on infrastructure it does not know; with the
 * disclosure agreed the requirement is met. */
static medscope_analysis *unknown_infra_model(const char *known, const char *extra)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC(H_A "  <vendor id=\"X\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\">\n"
		"    <runs-on ref=\"iaas\" known=\"%s\"/>\n  </system>\n"
		"  <system id=\"iaas\" provider=\"X\" layer=\"iaas\" data-region=\"jp\"/>\n"
		K1 "%s"), known, extra);
	return ANALYSE(buf);
}

static void test_agreement_unknown_infra_with_and_without_disclosure(void)
{
	medscope_analysis *a = unknown_infra_model("false", "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q =
		ms_ta_req(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H", "iaas");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_EQUAL(q->contract, MS_NONE);
	const ms_finding *f = &a->findings.v[q->finding];
	/* At the runs-on element (line 7 of the document, column 5), about ehr. */
	CU_ASSERT_EQUAL(f->loc.line, 7);
	CU_ASSERT_EQUAL(f->loc.col, 5);
	CU_ASSERT_EQUAL(f->element, MS_SYM_SYSTEM);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "ehr");
	CU_ASSERT_EQUAL(f->severity, MS_SEV_ERROR);
	ms_ta_done(a);

	a = unknown_infra_model("false", "  <agreement id=\"g1\" parties=\"H A\" "
	                                 "topics=\"unknown-infrastructure\" covers=\"iaas\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED, "A,H", "iaas"), 1);
	ms_ta_done(a);
}

/* Known infrastructure, or infrastructure A selected, needs no disclosure. */
static void test_agreement_unknown_infra_not_required_when_known_or_selected(void)
{
	medscope_analysis *a = unknown_infra_model("true", "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED), 0);
	ms_ta_done(a);
	a = unknown_infra_model("false", "  <contract id=\"k2\" client=\"A\" supplier=\"X\" "
	                                 "type=\"service\" covers=\"iaas\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_UNKNOWN_INFRASTRUCTURE_UNDISCLOSED), 0);
	ms_ta_done(a);
}

/* FAQ 2.1 「サービスや契約変更に関する通知などの責務」: A's system runs on B's,
 * both serving H and H2. */
static void test_agreement_change_notification_missing_and_present(void)
{
	medscope_analysis *a = subcontract_model("");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr,iaas");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->severity, MS_SEV_WARNING);
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, f->args.facilities), "H,H2");
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "ehr");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "The systems of A and B serving H, H2 depend on each other, with no "
	                       "agreement on notifying service or contract changes (systems: ehr, iaas)");
	ms_ta_done(a);
	/* An agreement naming A, B and a facility satisfies it. */
	a = subcontract_model("  <agreement id=\"g3\" parties=\"H B A\" topics=\"change-notification\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "ehr,iaas"), 1);
	ms_ta_done(a);
}

/* Not between a vendor and a facility, nor between systems that serve no
 * facility in common. */
static void test_agreement_no_change_notification_without_two_vendors_in_common(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H1\"/>\n  <facility id=\"H2\"/>\n"
		"  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\">\n"
		"    <runs-on ref=\"vm\"/><connects-to ref=\"pacs\"/>\n  </system>\n"
		"  <system id=\"vm\" provider=\"H1\" layer=\"on-premise\"/>\n"
		"  <system id=\"pacs\" provider=\"B\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H1\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"H2\" supplier=\"B\" type=\"service\" covers=\"pacs\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_CHANGE_NOTIFICATION), 0);
	ms_ta_done(a);
}

/* FAQ 3.1: A operates, B develops under A; the facility contracts only A. */
static medscope_analysis *lifecycle_model(const char *k2type, const char *agreements)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC(H_A "  <vendor id=\"B\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"on-premise\" data=\"medical\"><runs-on ref=\"srv\"/></system>\n"
		"  <system id=\"srv\" provider=\"A\" layer=\"on-premise\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"operation development\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"%s\" covers=\"srv\"/>\n%s"),
		k2type, agreements);
	return ANALYSE(buf);
}

static void test_agreement_lifecycle_split_missing_and_present(void)
{
	medscope_analysis *a = lifecycle_model("development", "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,H", "ehr");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	/* At the development contract whose supplier is not the operator. */
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "k2");
	CU_ASSERT_PTR_NOT_NULL(ms_ta_req(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,B", "ehr"));
	/* srv's own supply holds only B's development: no operation, no split. */
	CU_ASSERT_PTR_NULL(ms_ta_req(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,H", "srv"));
	ms_ta_done(a);

	a = lifecycle_model("development",
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"lifecycle\"/>\n"
		"  <agreement id=\"g2\" parties=\"A B\" topics=\"lifecycle\" covers=\"ehr\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,H", "ehr"), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT, "A,B", "ehr"), 1);
	ms_ta_done(a);
}

static void test_agreement_no_lifecycle_without_split(void)
{
	medscope_analysis *a = lifecycle_model("maintenance", "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_MISSING_LIFECYCLE_AGREEMENT), 0);
	ms_ta_done(a);
}

/* MHLW 経営管理編 1.4 第三者提供: from the facility, and from a system served
 * to two facilities (one requirement each); the recipient of a system flow
 * is its provider. */
static void test_agreement_third_party_provision_missing_and_present(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n  <facility id=\"H2\"/>\n"
		"  <vendor id=\"A\"/>\n  <vendor id=\"R1\"/>\n  <vendor id=\"R2\"/>\n"
		EHR_A
		"  <system id=\"r2-db\" provider=\"R2\" layer=\"saas\"/>\n"
		K1
		"  <contract id=\"k5\" client=\"H2\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <flow id=\"f1\" from=\"H\" to=\"R1\" data=\"medical\" basis=\"third-party-provision\"/>\n"
		"  <flow id=\"f2\" from=\"ehr\" to=\"r2-db\" data=\"medical\" basis=\"third-party-provision\"/>\n"
		"  <flow id=\"f3\" from=\"H\" to=\"R1\" data=\"medical\" basis=\"entrustment\"/>\n"
		"  <agreement id=\"g2\" parties=\"H R1\" topics=\"third-party-provision\"/>\n"
		"  <agreement id=\"g3\" parties=\"H2 R2\" topics=\"third-party-provision\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count_reqs(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED), 3);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, "H,R1", ""), 1);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, "H2,R2", "r2-db"), 1);
	const ms_requirement *q =
		ms_ta_req(a, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED, "H,R2", "r2-db");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_EQUAL(f->element, MS_SYM_FLOW);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "No agreement on what H and R2 are each responsible for in the "
	                       "third-party provision f2 (nearest agreement g2: it does not name R2)");
	ms_ta_done(a);
}

/* ---- rules.md §3 "Matching", revision 2 ---------------------------------- */

/* A facility contracting A for two systems, EHR and PACS. */
static medscope_analysis *two_systems(const char *agreements)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC(H_A EHR_A
		"  <system id=\"pacs\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr pacs\"/>\n"
		"%s"), agreements);
	return ANALYSE(buf);
}

/* MHLW 1.3.2 「書面等により可視化し」: one 契約書別紙 per system is the usual
 * practice; together they meet the one requirement (was a false error). */
static void test_match_per_system_annexes_meet_one_requirement(void)
{
	medscope_analysis *a = two_systems(
		"  <agreement id=\"g2\" parties=\"H A\" topics=\"demarcation risk-management\" covers=\"pacs\"/>\n"
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\" covers=\"ehr\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	/* Both name some of the systems: equally specific, the smaller id first. */
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "g1,g2");
	CU_ASSERT_EQUAL(q->near, MS_NONE);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_DEMARCATION), 0);
	ms_ta_done(a);
}

/* The negative: an annex for the EHR alone leaves the PACS uncovered, and
 * the finding names the annex and what its covers lacks (near miss). */
static void test_match_annex_for_one_system_is_a_near_miss(void)
{
	medscope_analysis *a = two_systems(
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\" covers=\"ehr\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_EQUAL(q->satisfied_all.n, 0);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g1");
	CU_ASSERT_EQUAL(q->lack, MS_LACK_SYSTEMS);
	CU_ASSERT_EQUAL(q->lacks.n, 1);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, MS_APOOL(a, q->lacks, 0)), "pacs");
	const ms_finding *f = &a->findings.v[q->finding];
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "No written demarcation agreement between H and A (systems: ehr, pacs) "
	                       "(nearest agreement g1: its covers lacks pacs)");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_JA),
	                       "H と A の間に責任分界の書面による合意がありません（対象: ehr, pacs）"
	                       "（近い合意 g1: covers に含まれないシステム pacs）");
	ms_ta_done(a);
}

/* rules.md §3: satisfied_by is the most specific agreement - covers naming
 * every system before one without covers - whatever the ids (was: the
 * smallest id, citing a general memo instead of the EHR's own 責任分界表). */
static void test_match_cites_the_most_specific_agreement(void)
{
	medscope_analysis *a = two_systems(
		"  <agreement id=\"a-memo\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
		"  <agreement id=\"b-annex\" parties=\"H A\" topics=\"demarcation\" covers=\"pacs\"/>\n"
		"  <agreement id=\"z-table\" parties=\"H A\" topics=\"demarcation\" covers=\"pacs ehr\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "z-table,a-memo,b-annex");
	/* Only the memo holds risk-management: it alone meets that one. */
	q = ms_ta_req(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, q), "a-memo");
	ms_ta_done(a);
}

/* Near misses by party and by writing (rules.md §3 "Near misses"). */
static void test_match_near_miss_by_party_and_in_writing(void)
{
	medscope_analysis *a = two_systems(
		"  <vendor id=\"B\"/>\n"
		"  <agreement id=\"g1\" parties=\"H B\" topics=\"risk-management\"/>\n"
		"  <agreement id=\"g2\" parties=\"H A\" topics=\"demarcation\" documented=\"false\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_RISK_AGREEMENT, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g1");
	CU_ASSERT_EQUAL(q->lack, MS_LACK_PARTY);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, MS_APOOL(a, q->lacks, 0)), "A");
	q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_STRING_EQUAL(a->model->agreements.v[q->near].id, "g2");
	CU_ASSERT_EQUAL(q->lack, MS_LACK_IN_WRITING);
	CU_ASSERT_EQUAL(q->lacks.n, 0);
	/* Negative: an agreement lacking the topic is no near miss. */
	medscope_analysis *b = two_systems(
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"subcontracting\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	q = ms_ta_req(b, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr,pacs");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->near, MS_NONE);
	ms_ta_done(b);
	ms_ta_done(a);
}

/* FAQ 2.1 「関係者間でサービスや契約変更に関する通知などの責務」 per edge: A's app
 * runs on B's infrastructure; an A-B agreement covering the infrastructure
 * covers the dependency (either end), one covering neither end does not. */
static medscope_analysis *edge_model(const char *covers)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC(
		"  <facility id=\"H\"/>\n  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n"
		"  <system id=\"app\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"i\"/></system>\n"
		"  <system id=\"i\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <system id=\"other\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"app\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"i\"/>\n"
		"  <agreement id=\"g1\" parties=\"A B\" topics=\"change-notification\" covers=\"%s\"/>\n"),
		covers);
	return ANALYSE(buf);
}

static void test_match_edge_requirement_either_end(void)
{
	medscope_analysis *a = edge_model("i");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "app,i"), 1);
	ms_ta_done(a);
	a = edge_model("other"); /* neither end */
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_CHANGE_NOTIFICATION, "A,B", "app,i");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_EQUAL(q->lack, MS_LACK_SYSTEMS);
	CU_ASSERT_EQUAL(q->lacks.n, 2);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"test_agreement_demarcation_and_risk_present", test_agreement_demarcation_and_risk_present},
	{"test_agreement_demarcation_and_risk_missing", test_agreement_demarcation_and_risk_missing},
	{"test_demarcation_not_in_writing_does_not_satisfy",
	 test_demarcation_not_in_writing_does_not_satisfy},
	{"test_agreement_covers_and_parties_must_match", test_agreement_covers_and_parties_must_match},
	{"test_agreement_subcontract_approval_missing_and_present",
	 test_agreement_subcontract_approval_missing_and_present},
	{"test_agreement_supplier_agreement_missing_and_present",
	 test_agreement_supplier_agreement_missing_and_present},
	{"test_agreement_procured_by_prime_needs_no_subcontract_approval",
	 test_agreement_procured_by_prime_needs_no_subcontract_approval},
	{"test_agreement_integration_missing", test_agreement_integration_missing},
	{"test_agreement_integration_two_agreements_satisfy",
	 test_agreement_integration_two_agreements_satisfy},
	{"test_agreement_integration_one_three_party_agreement_satisfies",
	 test_agreement_integration_one_three_party_agreement_satisfies},
	{"test_agreement_integration_for_connected_primes",
	 test_agreement_integration_for_connected_primes},
	{"test_agreement_no_integration_with_one_prime", test_agreement_no_integration_with_one_prime},
	{"test_agreement_unknown_infra_with_and_without_disclosure",
	 test_agreement_unknown_infra_with_and_without_disclosure},
	{"test_agreement_unknown_infra_not_required_when_known_or_selected",
	 test_agreement_unknown_infra_not_required_when_known_or_selected},
	{"test_agreement_change_notification_missing_and_present",
	 test_agreement_change_notification_missing_and_present},
	{"test_agreement_no_change_notification_without_two_vendors_in_common",
	 test_agreement_no_change_notification_without_two_vendors_in_common},
	{"test_agreement_lifecycle_split_missing_and_present",
	 test_agreement_lifecycle_split_missing_and_present},
	{"test_agreement_no_lifecycle_without_split", test_agreement_no_lifecycle_without_split},
	{"test_agreement_third_party_provision_missing_and_present",
	 test_agreement_third_party_provision_missing_and_present},
	{"test_match_per_system_annexes_meet_one_requirement", test_match_per_system_annexes_meet_one_requirement},
	{"test_match_annex_for_one_system_is_a_near_miss", test_match_annex_for_one_system_is_a_near_miss},
	{"test_match_cites_the_most_specific_agreement", test_match_cites_the_most_specific_agreement},
	{"test_match_near_miss_by_party_and_in_writing", test_match_near_miss_by_party_and_in_writing},
	{"test_match_edge_requirement_either_end", test_match_edge_requirement_either_end},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_agreements = {"agreements", NULL, NULL, NULL, NULL, tests};
