/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §5: accepted findings. Each rule both ways: an exception applies
 * (code and subjects match, a facility concerned approved, until not past),
 * or it does not and says why (unapproved, expired, unused), one of the
 * three at most; a suppressed finding leaves the counts, never a status.
 */
#include "analysis_helpers.h"

/* Vendor A without certification (missing-certification, subjects {A})
 * serving ehr to H; H2 is a facility A does not serve. No agreement
 * between H and A (missing-demarcation). `extra` adds. */
static medscope_analysis *model_as_of(const char *extra, const char *as_of)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, MS_DOC("  <facility id=\"H\"/>\n  <facility id=\"H2\"/>\n"
		"  <vendor id=\"A\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <agreement id=\"g1\" parties=\"H A\" topics=\"risk-management\"/>\n%s"),
		extra);
	return ms_ta_run(buf, NULL, as_of);
}

#define MODEL(extra) model_as_of(extra, NULL)

static const ms_finding *cert(const medscope_analysis *a)
{
	return ms_ta_finding(a, MS_RULE_MISSING_CERTIFICATION, "A");
}

static void test_exception_approved_by_facility_served_applies(void)
{
	medscope_analysis *a = MODEL("  <exception id=\"x1\" code=\"missing-certification\" subjects=\"A\""
	                             " approved-by=\"H A\" until=\"2027-03-31\" reason=\"取得中\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_finding *f = cert(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->exception, 0);
	CU_ASSERT_EQUAL(a->suppressed, 1);
	CU_ASSERT_EQUAL(medscope_analysis_suppressed_count(a), 1);
	/* Not counted, so not for --fail-on either. */
	CU_ASSERT_EQUAL(a->counts[MS_SEV_ERROR], 1); /* missing-demarcation only */
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNAPPROVED), 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_EXPIRED), 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNUSED), 0);
	ms_ta_done(a);
}

static void test_exception_without_approval_is_not_applied(void)
{
	medscope_analysis *a = MODEL("");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(cert(a)->exception, MS_NONE);
	CU_ASSERT_EQUAL(a->suppressed, 0);
	CU_ASSERT_EQUAL(a->counts[MS_SEV_ERROR], 2);
	ms_ta_done(a);
}

/* FAQ 5.1: a vendor cannot accept on its own. */
static void test_exception_vendor_only_is_unapproved(void)
{
	medscope_analysis *a = MODEL("  <exception id=\"x1\" code=\"missing-certification\" subjects=\"A\""
	                             " approved-by=\"A\" until=\"2027-03-31\" reason=\"r\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(cert(a)->exception, MS_NONE);
	const ms_finding *u = ms_ta_finding(a, MS_RULE_EXCEPTION_UNAPPROVED, "x1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->severity, MS_SEV_ERROR);
	CU_ASSERT_EQUAL(u->element, MS_SYM_EXCEPTION);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, u, MEDSCOPE_LANG_EN),
	                       "Exception x1 (missing-certification) is approved by no facility the "
	                       "finding concerns, so it does not apply");
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNUSED), 0);
	ms_ta_done(a);
}

/* H2 is a facility, but A serves it nothing: it is not concerned. */
static void test_exception_approved_by_facility_not_served_does_not_apply(void)
{
	medscope_analysis *a = MODEL("  <exception id=\"x1\" code=\"missing-certification\" subjects=\"A\""
	                             " approved-by=\"H2\" until=\"2027-03-31\" reason=\"r\"/>\n"
	                             "  <exception id=\"x2\" code=\"missing-demarcation\" subjects=\"A\""
	                             " approved-by=\"H2\" until=\"2027-03-31\" reason=\"r\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(cert(a)->exception, MS_NONE);
	CU_ASSERT_EQUAL(a->suppressed, 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNAPPROVED), 2);
	ms_ta_done(a);
}

/* FAQ 5.2: until equal to as-of still applies; the day after, expired. */
static void test_exception_until_boundary(void)
{
	const char *x = "  <exception id=\"x1\" code=\"missing-certification\" subjects=\"A\""
	                " approved-by=\"H\" until=\"2026-11-01\" reason=\"r\"/>\n";
	medscope_analysis *a = model_as_of(x, "2026-11-01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(cert(a)->exception, 0);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_EXPIRED), 0);
	ms_ta_done(a);
	a = model_as_of(x, "2026-11-02");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(cert(a)->exception, MS_NONE);
	const ms_finding *e = ms_ta_finding(a, MS_RULE_EXCEPTION_EXPIRED, "x1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->severity, MS_SEV_WARNING);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, e, MEDSCOPE_LANG_EN),
	                       "Exception x1 (missing-certification) expired on 2026-11-01");
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNUSED), 0);
	ms_ta_done(a);
}

static void test_exception_matching_no_finding_is_unused(void)
{
	medscope_analysis *a = MODEL(
		/* wrong subject: the finding is about A alone */
		"  <exception id=\"x1\" code=\"missing-certification\" subjects=\"A ehr\""
		" approved-by=\"H\" until=\"2027-03-31\" reason=\"r\"/>\n"
		/* a finding the model does not have */
		"  <exception id=\"x2\" code=\"data-outside-japan\" subjects=\"ehr\""
		" approved-by=\"H\" until=\"2027-03-31\" reason=\"r\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(cert(a)->exception, MS_NONE);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNUSED), 2);
	const ms_finding *u = ms_ta_finding(a, MS_RULE_EXCEPTION_UNUSED, "x2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(u->severity, MS_SEV_NOTE);
	ms_ta_done(a);
}

/* At most one of the three, in the order unapproved, expired, unused. */
static void test_exception_raises_one_finding_in_order(void)
{
	medscope_analysis *a = MODEL("  <exception id=\"x1\" code=\"data-outside-japan\" subjects=\"ehr\""
	                             " approved-by=\"A\" until=\"2026-01-31\" reason=\"r\"/>\n"
	                             "  <exception id=\"x2\" code=\"data-outside-japan\" subjects=\"ehr\""
	                             " approved-by=\"H\" until=\"2026-01-31\" reason=\"r\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_EXCEPTION_UNAPPROVED, "x1"));
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_EXCEPTION_EXPIRED, "x2"));
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNAPPROVED), 1);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_EXPIRED), 1);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_EXCEPTION_UNUSED), 0);
	ms_ta_done(a);
}

/* An exception never turns a missing paper into a present one. */
static void test_suppressed_requirement_stays_missing(void)
{
	medscope_analysis *a = MODEL("  <exception id=\"x1\" code=\"missing-demarcation\" subjects=\"H A\""
	                             " approved-by=\"H\" until=\"2027-03-31\" reason=\"r\"/>\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	const ms_requirement *q = ms_ta_req(a, MS_RULE_MISSING_DEMARCATION, "A,H", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL(q->satisfied_by, MS_NONE);
	CU_ASSERT_NOT_EQUAL_FATAL(q->finding, MS_NONE);
	CU_ASSERT_EQUAL(a->findings.v[q->finding].exception, 0);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"exception_approved_by_facility_served_applies", test_exception_approved_by_facility_served_applies},
	{"exception_without_approval_is_not_applied", test_exception_without_approval_is_not_applied},
	{"exception_vendor_only_is_unapproved", test_exception_vendor_only_is_unapproved},
	{"exception_approved_by_facility_not_served_does_not_apply",
	 test_exception_approved_by_facility_not_served_does_not_apply},
	{"exception_until_boundary", test_exception_until_boundary},
	{"exception_matching_no_finding_is_unused", test_exception_matching_no_finding_is_unused},
	{"exception_raises_one_finding_in_order", test_exception_raises_one_finding_in_order},
	{"suppressed_requirement_stays_missing", test_suppressed_requirement_stays_missing},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_exceptions = {"exceptions", NULL, NULL, NULL, NULL, tests};
