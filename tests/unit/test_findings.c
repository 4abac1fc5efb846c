/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §4 and the analysis interface: the findings that are not missing
 * agreements, their dates at the as-of boundary, their messages, and the
 * as-of date, counts and order of findings.
 */
#include "analysis_helpers.h"
#include "util/date.h"

/* One direct vendor A with a valid P-mark, serving ehr to H; `extra` adds. */
static medscope_analysis *model_with(const char *extra)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC("  <facility id=\"H\"/>\n  <facility id=\"H2\"/>\n"
		"  <vendor id=\"A\"><certification scheme=\"pmark\"/></vendor>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"/>\n"
		"  <system id=\"idle\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n%s"),
		extra);
	return ANALYSE(buf);
}

/* FAQ 5.1: sharing or accepting risk needs the facility's agreement. */
static void test_finding_risk_acceptance_unagreed(void)
{
	medscope_analysis *a = model_with(
		"  <risk id=\"r1\" system=\"ehr\" owner=\"A\" treatment=\"accept\" reviewed=\"2026-10-01\">PIN</risk>\n"
		"  <risk id=\"r2\" system=\"ehr\" owner=\"A\" treatment=\"share\" agreed-with=\"H2\" reviewed=\"2026-10-01\"/>\n"
		"  <risk id=\"r3\" system=\"ehr\" owner=\"A\" treatment=\"retain\" agreed-with=\"A\" reviewed=\"2026-10-01\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* r2: H2 is a facility, but ehr is not served to it. retain = accept. */
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED), 3);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED, "A,ehr,r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_ERROR);
	CU_ASSERT_EQUAL(f->element, MS_SYM_RISK);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "A shares or accepts risk r1 of ehr without the agreement of a facility");
	ms_ta_done(a);
}

static void test_finding_risk_acceptance_agreed_is_fine(void)
{
	medscope_analysis *a = model_with(
		"  <vendor id=\"B\"/>\n"
		"  <risk id=\"r1\" system=\"ehr\" owner=\"A\" treatment=\"accept\" agreed-with=\"B H\" reviewed=\"2026-10-01\"/>\n"
		"  <risk id=\"r2\" system=\"ehr\" owner=\"A\" treatment=\"reduce\" reviewed=\"2026-10-01\"/>\n"
		"  <risk id=\"r3\" system=\"ehr\" owner=\"H\" treatment=\"accept\" reviewed=\"2026-10-01\"/>\n"
		/* served to nobody: any facility's agreement will do */
		"  <risk id=\"r4\" system=\"idle\" owner=\"A\" treatment=\"share\" agreed-with=\"H2\" reviewed=\"2026-10-01\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_RISK_ACCEPTANCE_UNAGREED), 0);
	ms_ta_done(a);
}

/* FAQ 5.2: reviewed within 365 days of as-of (2026-11-01). */
static void test_finding_residual_risk_review_boundary(void)
{
	medscope_analysis *a = model_with(
		"  <risk id=\"r365\" system=\"ehr\" owner=\"A\" treatment=\"reduce\" reviewed=\"2025-11-01\"/>\n"
		"  <risk id=\"r366\" system=\"ehr\" owner=\"A\" treatment=\"reduce\" reviewed=\"2025-10-31\"/>\n"
		"  <risk id=\"rnone\" system=\"ehr\" owner=\"A\" treatment=\"avoid\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE), 2);
	CU_ASSERT_PTR_NULL(ms_ta_finding(a, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE, "A,ehr,r365"));
	const ms_finding *f = ms_ta_finding(a, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE, "A,ehr,r366");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_WARNING);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "A has not reviewed risk r366 of ehr within a year (last review: 2025-10-31)");
	f = ms_ta_finding(a, MS_RULE_RESIDUAL_RISK_REVIEW_OVERDUE, "A,ehr,rnone");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "A has not reviewed risk rnone of ehr within a year (last review: \xe2\x80\x94)");
	ms_ta_done(a);
}

/* FAQ 4.2 / MHLW: P-mark, ISMS, JIS Q 15001/27001 or equivalent. */
static medscope_analysis *cert_model(const char *certs_b, const char *b_role)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC("  <facility id=\"H\"/>\n"
		"  <vendor id=\"A\">%s</vendor>\n"
		"  <vendor id=\"B\">%s</vendor>\n  <vendor id=\"Z\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"),
		certs_b, b_role);
	return ANALYSE(buf);
}

static void test_finding_missing_certification_severity_by_category(void)
{
	medscope_analysis *a = cert_model("", "<certification scheme=\"ismap\"/>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_finding *fa = ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "A");
	const ms_finding *fb = ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "B");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fa);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fb);
	CU_ASSERT_EQUAL(fa->severity, MS_SEV_ERROR);   /* direct */
	CU_ASSERT_EQUAL(fb->severity, MS_SEV_WARNING); /* supply-chain; ISMAP alone does not count */
	CU_ASSERT_EQUAL(fa->element, MS_SYM_PARTY);
	/* Out of scope Z needs none. */
	CU_ASSERT_PTR_NULL(ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "Z"));
	ms_ta_done(a);
}

/* valid-until == as-of is still valid; the day before has expired. */
static void test_finding_certification_valid_on_as_of_boundary(void)
{
	medscope_analysis *a = cert_model("<certification scheme=\"isms\" valid-until=\"2026-11-01\"/>",
	                                  "<certification scheme=\"pmark\" valid-until=\"2026-10-31\"/>\n"
	                                  "<certification scheme=\"equivalent\"/>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_CERTIFICATION), 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_CERTIFICATION_EXPIRED), 1);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_CERTIFICATION_EXPIRED, "B");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_WARNING);
	CU_ASSERT_EQUAL(f->element, MS_SYM_PARTY);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, f->element_sym), "B");
	/* The scheme is named by its word, not its code (pmark). */
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "B's certification (Privacy Mark) expired on 2026-10-31");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_JA),
	                       "B の認証（プライバシーマーク）は 2026-10-31 に有効期限が切れています");
	ms_ta_done(a);
}

/* An expired certificate counts as absent. */
static void test_finding_expired_certification_is_missing(void)
{
	medscope_analysis *a = cert_model("<certification scheme=\"jisq27001\" valid-until=\"2026-10-31\"/>",
	                                  "<certification scheme=\"jisq15001\"/>");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "A"));
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_CERTIFICATION_EXPIRED, "A"));
	CU_ASSERT_PTR_NULL(ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "B"));
	ms_ta_done(a);
}

/* MHLW 外部保存: where the data is; once per served system, naming the
 * facilities (first three, then "+N"). */
static void test_finding_data_outside_japan_and_region_unknown(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(
		"  <facility id=\"H1\"/>\n  <facility id=\"H2\"/>\n  <facility id=\"H3\"/>\n"
		"  <facility id=\"H4\"/>\n  <facility id=\"H5\"/>\n"
		"  <vendor id=\"A\"><certification scheme=\"pmark\"/></vendor>\n"
		"  <system id=\"img\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"overseas\"/>\n"
		"  <system id=\"cl\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <system id=\"onprem\" provider=\"A\" layer=\"on-premise\" data=\"medical\"/>\n"
		"  <system id=\"idle\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"overseas\"/>\n"
		"  <contract id=\"k5\" client=\"H5\" supplier=\"A\" type=\"service\" covers=\"img\"/>\n"
		"  <contract id=\"k1\" client=\"H1\" supplier=\"A\" type=\"service\" covers=\"img cl onprem\"/>\n"
		"  <contract id=\"k2\" client=\"H2\" supplier=\"A\" type=\"service\" covers=\"img\"/>\n"
		"  <contract id=\"k3\" client=\"H3\" supplier=\"A\" type=\"service\" covers=\"img\"/>\n"
		"  <contract id=\"k4\" client=\"H4\" supplier=\"A\" type=\"service\" covers=\"img\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_DATA_OUTSIDE_JAPAN), 1); /* idle is served to nobody */
	const ms_finding *f = ms_ta_finding(a, MS_RULE_DATA_OUTSIDE_JAPAN, "A,H1,H2,H3,img");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, f->args.facilities), "H1,H2,H3,H4,H5");
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "Data of img (provider A), served to H1, H2, H3 (+2), is stored outside Japan");
	/* cl: outside (saas default) with unknown region; onprem: inside, jp. */
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_DATA_REGION_UNKNOWN), 1);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_DATA_REGION_UNKNOWN, "A,H1,cl"));
	ms_ta_done(a);
}

/* MHLW 外部保存 (ISMAP 等): a note for the external store's provider. */
static void test_finding_external_storage_needs_cloud_certification(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n"
		"  <vendor id=\"A\"><certification scheme=\"pmark\"/><certification scheme=\"ismap\" valid-until=\"2026-01-01\"/></vendor>\n"
		"  <vendor id=\"B\"><certification scheme=\"pmark\"/><certification scheme=\"cs-gold\"/></vendor>\n"
		"  <system id=\"store-a\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\" external-storage=\"true\"/>\n"
		"  <system id=\"store-b\" provider=\"B\" layer=\"saas\" data=\"medical\" data-region=\"jp\" external-storage=\"true\"/>\n"
		"  <system id=\"store-x\" layer=\"saas\" data=\"medical\" data-region=\"jp\" external-storage=\"true\"/>\n"
		"  <system id=\"plain\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION), 1);
	const ms_finding *f =
		ms_ta_finding(a, MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION, "A,store-a");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_NOTE);
	ms_ta_done(a);
}

/* GL 3.2 合意の維持; MHLW 1.3.2 書面等. */
static void test_finding_agreement_review_and_writing(void)
{
	medscope_analysis *a = model_with(
		"  <agreement id=\"g2\" parties=\"H A\" topics=\"incident-response\" review-by=\"2026-10-31\"/>\n"
		"  <agreement id=\"g3\" parties=\"H A\" topics=\"incident-response\" review-by=\"2026-11-01\"/>\n"
		"  <agreement id=\"g4\" parties=\"H A\" topics=\"demarcation\" documented=\"false\"/>\n"
		"  <agreement id=\"g5\" parties=\"H A\" topics=\"lifecycle\" documented=\"false\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_AGREEMENT_REVIEW_OVERDUE), 1);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_AGREEMENT_REVIEW_OVERDUE, "g2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->element, MS_SYM_AGREEMENT);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "Agreement g2 was due for review on 2026-10-31");
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_DEMARCATION_NOT_IN_WRITING), 1);
	f = ms_ta_finding(a, MS_RULE_DEMARCATION_NOT_IN_WRITING, "g4");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_ERROR);
	/* g1 (written) still satisfies the demarcation requirement. */
	CU_ASSERT_EQUAL(ms_ta_present(a, MS_RULE_MISSING_DEMARCATION, "A,H", "ehr"), 1);
	ms_ta_done(a);
}

/* FAQ 2.1: a served system without provider (once per system). */
static void test_finding_provider_unknown(void)
{
	medscope_analysis *a = model_with(
		"  <system id=\"infra\" layer=\"iaas\" data-region=\"jp\"/>\n"
		"  <system id=\"loose\" layer=\"iaas\" data-region=\"jp\"/>\n"
		"  <contract id=\"k2\" client=\"H2\" supplier=\"A\" type=\"service\" covers=\"ehr infra\"/>\n"
		"  <contract id=\"k3\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr infra\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_PROVIDER_UNKNOWN), 1);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_PROVIDER_UNKNOWN, "H,H2,infra");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "The provider of infra, served to H, H2, is unknown");
	ms_ta_done(a);
}

/* The catalog's Japanese template, filled the same way. */
static void test_finding_message_in_japanese(void)
{
	medscope_analysis *a = model_with(
		"  <agreement id=\"g2\" parties=\"H A\" topics=\"incident-response\" review-by=\"2026-10-31\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_finding *f = ms_ta_finding(a, MS_RULE_AGREEMENT_REVIEW_OVERDUE, "g2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	char ja[2048];
	snprintf(ja, sizeof ja, "%s", ms_ta_message(a, f, MEDSCOPE_LANG_JA));
	CU_ASSERT_PTR_NOT_NULL(strstr(ja, "g2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ja, "2026-10-31"));
	CU_ASSERT_PTR_NULL(strchr(ja, '{'));
	CU_ASSERT_STRING_NOT_EQUAL(ja, ms_ta_message(a, f, MEDSCOPE_LANG_EN));
	ms_ta_done(a);
}

/* as-of: the option, else the model's, else today; a bad option is a usage
 * error. */
static void test_finding_as_of_sources(void)
{
	medscope_model *m = ms_test_load(MS_DOC("  <vendor id=\"A\"/>\n"), NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = NULL;
	medscope_analyze_options o = {.as_of = "2027-02-28"};
	CU_ASSERT_EQUAL(medscope_analyze(&a, m, &o), MEDSCOPE_OK);
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of(a), "2027-02-28");
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of_source(a), "option");
	CU_ASSERT_PTR_EQUAL(medscope_analysis_model(a), m);
	medscope_analysis_free(a);
	a = NULL;
	CU_ASSERT_EQUAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of(a), "2026-11-01");
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of_source(a), "model");
	medscope_analysis_free(a);
	const char *bad[] = {"2026-02-30", "2026-1-01", "", "tomorrow"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		a = (medscope_analysis *)1;
		o.as_of = bad[i];
		CU_ASSERT_EQUAL(medscope_analyze(&a, m, &o), MEDSCOPE_ERR_USAGE);
		CU_ASSERT_PTR_NULL(a);
	}
	medscope_model_free(m);

	m = ms_test_load("<deployment xmlns=\"urn:medscope:deployment:1\" name=\"t\"><vendor id=\"A\"/>"
	                 "</deployment>", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of_source(a), "today");
	char today[11];
	ms_date_format(ms_date_today(), today);
	CU_ASSERT_STRING_EQUAL(medscope_analysis_as_of(a), today);
	medscope_analysis_free(a);
	medscope_model_free(m);
	medscope_analysis_free(NULL);
}

/* The as-of option moves every date rule. */
static void test_finding_as_of_option_moves_date_rules(void)
{
	static const char *const doc = MS_DOC("  <facility id=\"H\"/>\n  <vendor id=\"A\"/>\n"
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"lifecycle\" review-by=\"2026-06-01\"/>\n");
	medscope_analysis *a = ms_ta_run(doc, NULL, "2026-06-01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_AGREEMENT_REVIEW_OVERDUE), 0);
	ms_ta_done(a);
	a = ms_ta_run(doc, NULL, "2026-06-02");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_AGREEMENT_REVIEW_OVERDUE), 1);
	ms_ta_done(a);
}

/* Counts per severity, the highest one, and findings in document order. */
static void test_finding_counts_and_order(void)
{
	medscope_analysis *a = model_with(
		"  <agreement id=\"g2\" parties=\"H A\" topics=\"demarcation\" documented=\"false\" review-by=\"2026-01-01\"/>\n"
		"  <system id=\"store\" provider=\"A\" layer=\"saas\" data-region=\"jp\" external-storage=\"true\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_ERROR), 1);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_WARNING), 1);
	CU_ASSERT_EQUAL(medscope_analysis_count(a, MEDSCOPE_SEVERITY_NOTE), 1);
	CU_ASSERT_EQUAL(medscope_analysis_max_severity(a), MEDSCOPE_SEVERITY_ERROR);
	CU_ASSERT_EQUAL_FATAL(a->findings.n, 3);
	/* g2 (line 10) holds two findings, ordered by code; store is line 11. */
	CU_ASSERT_EQUAL(a->findings.v[0].rule, MS_RULE_AGREEMENT_REVIEW_OVERDUE);
	CU_ASSERT_EQUAL(a->findings.v[1].rule, MS_RULE_DEMARCATION_NOT_IN_WRITING);
	CU_ASSERT_EQUAL(a->findings.v[2].rule, MS_RULE_EXTERNAL_STORAGE_NO_CLOUD_CERTIFICATION);
	CU_ASSERT_EQUAL(a->findings.v[0].loc.line, 10);
	CU_ASSERT_EQUAL(a->findings.v[2].loc.line, 11);
	ms_ta_done(a);

	a = model_with("");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->findings.n, 0);
	CU_ASSERT_EQUAL(medscope_analysis_max_severity(a), MEDSCOPE_SEVERITY_NONE);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"test_finding_risk_acceptance_unagreed", test_finding_risk_acceptance_unagreed},
	{"test_finding_risk_acceptance_agreed_is_fine", test_finding_risk_acceptance_agreed_is_fine},
	{"test_finding_residual_risk_review_boundary", test_finding_residual_risk_review_boundary},
	{"test_finding_missing_certification_severity_by_category",
	 test_finding_missing_certification_severity_by_category},
	{"test_finding_certification_valid_on_as_of_boundary",
	 test_finding_certification_valid_on_as_of_boundary},
	{"test_finding_expired_certification_is_missing", test_finding_expired_certification_is_missing},
	{"test_finding_data_outside_japan_and_region_unknown",
	 test_finding_data_outside_japan_and_region_unknown},
	{"test_finding_external_storage_needs_cloud_certification",
	 test_finding_external_storage_needs_cloud_certification},
	{"test_finding_agreement_review_and_writing", test_finding_agreement_review_and_writing},
	{"test_finding_provider_unknown", test_finding_provider_unknown},
	{"test_finding_message_in_japanese", test_finding_message_in_japanese},
	{"test_finding_as_of_sources", test_finding_as_of_sources},
	{"test_finding_as_of_option_moves_date_rules", test_finding_as_of_option_moves_date_rules},
	{"test_finding_counts_and_order", test_finding_counts_and_order},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_findings = {"findings", NULL, NULL, NULL, NULL, tests};
