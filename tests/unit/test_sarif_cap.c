/* SPDX-License-Identifier: Apache-2.0 */
/*
 * --max-results (cli.md, SARIF): at most N results, the highest severities
 * kept and, within the severity where the cut falls, the first ones
 * written; a tool notification says how many were left out. The counts
 * are worked out by hand below; the examples' findings are in
 * tests/golden/json.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/sarif_common.h"
#include "helpers.h"

/* Which of `sev[0..n)` (ms_severity, in written order) the cap keeps, as a
 * string of 'k' (kept) and '-' (left out). */
static void kept(const unsigned *sev, size_t n, size_t max, char *out, ms_sarif_cap *cap)
{
	size_t count[4] = {0};
	for (size_t i = 0; i < n; i++)
		count[sev[i]]++;
	ms_sarif_cap_init(cap, count, max);
	for (size_t i = 0; i < n; i++)
		out[i] = ms_sarif_cap_keep(cap, sev[i]) ? 'k' : '-';
	out[n] = '\0';
}

enum { N = MS_SEV_NOTE, W = MS_SEV_WARNING, E = MS_SEV_ERROR };

static void test_cap_keeps_everything_within_the_limit(void)
{
	static const unsigned sev[] = {N, W, E, W};
	char out[8];
	ms_sarif_cap cap;
	kept(sev, 4, 4, out, &cap);
	CU_ASSERT_STRING_EQUAL(out, "kkkk");
	CU_ASSERT_EQUAL(cap.omitted, 0);
	kept(sev, 4, 0, out, &cap); /* 0: no limit */
	CU_ASSERT_STRING_EQUAL(out, "kkkk");
	CU_ASSERT_EQUAL(cap.omitted, 0);
}

static void test_cap_drops_lowest_severity_then_latest(void)
{
	/* Limit 3 of: note, warning, error, warning, note, warning. The error
	 * (1) fits, then two of the three warnings (the first two written);
	 * the third warning and both notes go. */
	static const unsigned sev[] = {N, W, E, W, N, W};
	char out[8];
	ms_sarif_cap cap;
	kept(sev, 6, 3, out, &cap);
	CU_ASSERT_STRING_EQUAL(out, "-kkk--");
	CU_ASSERT_EQUAL(cap.total, 6);
	CU_ASSERT_EQUAL(cap.omitted, 3);
	CU_ASSERT_EQUAL(cap.omitted_by[MS_SEV_ERROR], 0);
	CU_ASSERT_EQUAL(cap.omitted_by[MS_SEV_WARNING], 1);
	CU_ASSERT_EQUAL(cap.omitted_by[MS_SEV_NOTE], 2);
}

static void test_cap_smaller_than_the_errors(void)
{
	/* Limit 1 of two errors and a warning: the first error only. */
	static const unsigned sev[] = {W, E, E};
	char out[8];
	ms_sarif_cap cap;
	kept(sev, 3, 1, out, &cap);
	CU_ASSERT_STRING_EQUAL(out, "-k-");
	CU_ASSERT_EQUAL(cap.omitted_by[MS_SEV_ERROR], 1);
	CU_ASSERT_EQUAL(cap.omitted_by[MS_SEV_WARNING], 1);
	/* A cut exactly between severities: both errors, no warning. */
	kept(sev, 3, 2, out, &cap);
	CU_ASSERT_STRING_EQUAL(out, "-kk");
	CU_ASSERT_EQUAL(cap.omitted, 1);
}

/* Example 14 (overseas storage) has five findings: the error
 * missing-certification (line 36), the warnings certification-expired (37),
 * data-outside-japan (45, 49) and the note
 * external-storage-no-cloud-certification (45). */
static json_t *sarif_of_example_14(size_t max)
{
	medscope_model *m = ms_test_load_file("examples/14-overseas-storage.xml", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	CU_ASSERT_EQUAL(eo.max_results, 25000);
	eo.max_results = max;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(medscope_emit(f, a, MEDSCOPE_FORMAT_SARIF, &eo), MEDSCOPE_OK);
	fclose(f);
	json_t *doc = json_loadb(buf, n, 0, NULL);
	free(buf);
	medscope_analysis_free(a);
	medscope_model_free(m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	return doc;
}

static void test_sarif_max_results_notification(void)
{
	json_t *doc = sarif_of_example_14(2);
	json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
	json_t *results = json_object_get(run, "results");
	CU_ASSERT_EQUAL_FATAL(json_array_size(results), 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(results, 0), "ruleId")),
	                       "missing-certification");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(results, 1), "ruleId")),
	                       "certification-expired");
	json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
	CU_ASSERT_TRUE(json_is_true(json_object_get(inv, "executionSuccessful")));
	json_t *note = json_array_get(json_object_get(inv, "toolExecutionNotifications"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(note);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(note, "level")), "warning");
	const char *text = json_string_value(json_object_get(json_object_get(note, "message"), "text"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "5 results"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "3 left out"));
	json_t *props = json_object_get(note, "properties");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(props, "omitted")), 3);
	json_t *by = json_object_get(props, "omittedByLevel");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(by, "error")), 0);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(by, "warning")), 2);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(by, "note")), 1);
	json_decref(doc);

	/* Within the limit: every result, and no notification at all. */
	doc = sarif_of_example_14(5);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(run, "results")), 5);
	CU_ASSERT_PTR_NULL(json_object_get(run, "invocations"));
	json_decref(doc);
}

static CU_TestInfo tests[] = {
	{"cap_keeps_everything_within_the_limit", test_cap_keeps_everything_within_the_limit},
	{"cap_drops_lowest_severity_then_latest", test_cap_drops_lowest_severity_then_latest},
	{"cap_smaller_than_the_errors", test_cap_smaller_than_the_errors},
	{"sarif_max_results_notification", test_sarif_max_results_notification},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_sarif_cap = {"sarif_cap", NULL, NULL, NULL, NULL, tests};
