/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The findings-only analysis that `medscope check` uses (medscope_analyze_options.findings_only):
 * it must give the same findings, in the same order, with the same messages
 * and counts as a full analysis, keep none of what it skips, and refuse
 * every other format. Also ms_model_drop_lookup(): ids are still found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analysis.h"
#include "helpers.h"

static const medscope_analyze_options lean_opts = {.findings_only = 1};

/* The check output of `a` in `lang` (malloc'd), or NULL. */
static char *check_text(const medscope_analysis *a, medscope_lang lang, medscope_status *st)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.lang = lang;
	*st = medscope_emit(f, a, MEDSCOPE_FORMAT_CHECK, &eo);
	fclose(f);
	return text;
}

/* Full and findings-only analyses of one model agree; returns the number
 * of findings compared. */
static size_t compare(medscope_model *m, const char *what)
{
	medscope_analysis *full = NULL, *lean = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&full, m, NULL), MEDSCOPE_OK);
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&lean, m, &lean_opts), MEDSCOPE_OK);
	CU_ASSERT_FALSE(full->findings_only);
	CU_ASSERT_TRUE(lean->findings_only);
	/* Nothing of what it skips is kept. */
	CU_ASSERT_EQUAL(lean->requirements.n, 0);
	CU_ASSERT_EQUAL(lean->ownership.n, 0);
	CU_ASSERT_EQUAL(lean->findings.n, full->findings.n);
	for (int s = MEDSCOPE_SEVERITY_NONE; s <= MEDSCOPE_SEVERITY_ERROR; s++)
		CU_ASSERT_EQUAL(medscope_analysis_count(lean, (medscope_severity)s),
		                medscope_analysis_count(full, (medscope_severity)s));
	CU_ASSERT_EQUAL(medscope_analysis_max_severity(lean), medscope_analysis_max_severity(full));
	/* Scope and served systems are computed the same way. */
	for (size_t p = 0; p < m->parties.n; p++) {
		CU_ASSERT_EQUAL(lean->scope[p].in_scope, full->scope[p].in_scope);
		CU_ASSERT_EQUAL(lean->scope[p].category, full->scope[p].category);
	}
	for (size_t s = 0; s < m->systems.n; s++)
		CU_ASSERT_EQUAL(lean->sysinfo[s].nown, full->sysinfo[s].nown);
	for (size_t i = 0; i < full->findings.n && i < lean->findings.n; i++) {
		const ms_finding *f = &full->findings.v[i], *g = &lean->findings.v[i];
		CU_ASSERT_EQUAL(f->rule, g->rule);
		CU_ASSERT_EQUAL(f->severity, g->severity);
		CU_ASSERT_EQUAL(f->loc.line, g->loc.line);
		CU_ASSERT_EQUAL(f->loc.col, g->loc.col);
		CU_ASSERT_EQUAL(f->element_sym, g->element_sym);
	}
	for (int lang = 0; lang < 2; lang++) {
		medscope_status s1 = MEDSCOPE_ERR_IO, s2 = MEDSCOPE_ERR_IO;
		char *a = check_text(full, (medscope_lang)lang, &s1);
		char *b = check_text(lean, (medscope_lang)lang, &s2);
		CU_ASSERT_EQUAL(s1, MEDSCOPE_OK);
		CU_ASSERT_EQUAL(s2, MEDSCOPE_OK);
		CU_ASSERT_PTR_NOT_NULL(a);
		CU_ASSERT_PTR_NOT_NULL(b);
		if (a && b && strcmp(a, b) != 0) {
			fprintf(stderr, "\n%s: check output differs (lang %d)\n", what, lang);
			CU_FAIL("check output differs");
		}
		free(a);
		free(b);
	}
	size_t n = full->findings.n;
	medscope_analysis_free(full);
	medscope_analysis_free(lean);
	return n;
}

static void test_examples_same_findings(void)
{
	static const char *const files[] = {
		"examples/01-single-vendor.xml",        "examples/02-vendor-selects-iaas.xml",
		"examples/03-chain-a-b-c.xml",          "examples/04-facility-contracts-a-and-b.xml",
		"examples/05-procured-by-a-signed-by-facility.xml",
		"examples/06-unknown-infrastructure.xml", "examples/07-operation-development-split.xml",
		"examples/08-sale-only-vs-maintenance.xml", "examples/09-devices.xml",
		"examples/10-phr.xml",                  "examples/11-regional-network.xml",
		"examples/12-meal-service.xml",         "examples/13-care-provider.xml",
		"examples/14-overseas-storage.xml",     "examples/15-risk-acceptance.xml",
		"examples/16-third-party-provision.xml", "examples/change/before.xml",
		"examples/change/after.xml"};
	size_t total = 0;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		medscope_model *m = ms_test_load_file(files[i], NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		total += compare(m, files[i]);
		medscope_model_free(m);
	}
	/* Some examples raise findings on purpose: the comparison is not empty. */
	CU_ASSERT_TRUE(total > 0);
}

/* The national shape (tests/gen/gen_national.c, small scale): every rule
 * the generator exercises, facility lists, lifecycle splits, third-party
 * flows, and enough entries to take the reserved-capacity path. */
static void test_generated_model_same_findings(void)
{
	char dir[] = "/tmp/medscope-fo-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
	         "cc -O1 -o %s/gen '%s/tests/gen/gen_national.c' && %s/gen --seed 7 --scale 0.03 -o %s/n.xml",
	         dir, MS_SOURCE_DIR, dir, dir);
	int rc = system(cmd);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	char path[512];
	snprintf(path, sizeof path, "%s/n.xml", dir);
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 100);
	CU_ASSERT_EQUAL(medscope_model_load_file(&m, path, NULL, d), MEDSCOPE_OK);
	medscope_diags_free(d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_TRUE(compare(m, "generated national model (scale 0.03)") > 1000);
	medscope_model_free(m);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

static void test_other_formats_refused(void)
{
	medscope_model *m = ms_test_load_file("examples/03-chain-a-b-c.xml", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, &lean_opts), MEDSCOPE_OK);
	static const medscope_format others[] = {
		MEDSCOPE_FORMAT_SCOPE, MEDSCOPE_FORMAT_OWNERS,   MEDSCOPE_FORMAT_JSON,
		MEDSCOPE_FORMAT_SARIF, MEDSCOPE_FORMAT_CSV,      MEDSCOPE_FORMAT_MARKDOWN,
		MEDSCOPE_FORMAT_HTML};
	FILE *devnull = fopen("/dev/null", "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(devnull);
	for (size_t i = 0; i < sizeof others / sizeof *others; i++)
		CU_ASSERT_EQUAL(medscope_emit(devnull, a, others[i], NULL), MEDSCOPE_ERR_USAGE);
	CU_ASSERT_EQUAL(medscope_emit(devnull, a, MEDSCOPE_FORMAT_CHECK, NULL), MEDSCOPE_OK);
	fclose(devnull);
	medscope_analysis_free(a);
	/* flags 0 is medscope_analyze(): a full analysis. */
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	CU_ASSERT_FALSE(a->findings_only);
	CU_ASSERT_TRUE(a->requirements.n > 0);
	CU_ASSERT_TRUE(a->ownership.n > 0);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

static void test_drop_lookup(void)
{
	medscope_model *m = ms_test_load_file("examples/03-chain-a-b-c.xml", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *before = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&before, m, NULL), MEDSCOPE_OK);
	uint32_t want[64];
	size_t n = m->syms.n < 64 ? m->syms.n : 64;
	for (size_t i = 0; i < n; i++)
		want[i] = ms_sym_find(m, m->syms.v[i].name, strlen(m->syms.v[i].name));
	ms_model_drop_lookup(m);
	CU_ASSERT_PTR_NULL(m->sym_hash);
	/* Every id is still found, by scanning; a prefix or unknown id is not. */
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(want[i], (uint32_t)i);
		CU_ASSERT_EQUAL(ms_sym_find(m, m->syms.v[i].name, strlen(m->syms.v[i].name)), (uint32_t)i);
	}
	CU_ASSERT_EQUAL(ms_sym_find(m, "no-such-id", 10), MS_NONE);
	/* A prefix of an id matches only an id spelled exactly so. */
	const char *first = m->syms.v[0].name;
	size_t plen = strlen(first) - 1;
	uint32_t p = ms_sym_find(m, first, plen);
	CU_ASSERT_TRUE(p == MS_NONE ||
	               (strlen(m->syms.v[p].name) == plen && strncmp(m->syms.v[p].name, first, plen) == 0));
	/* The analysis does not need the table. */
	medscope_status s1 = MEDSCOPE_ERR_IO, s2 = MEDSCOPE_ERR_IO;
	medscope_analysis *after = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&after, m, &lean_opts), MEDSCOPE_OK);
	char *a = check_text(before, MEDSCOPE_LANG_EN, &s1), *b = check_text(after, MEDSCOPE_LANG_EN, &s2);
	CU_ASSERT_PTR_NOT_NULL(a);
	CU_ASSERT_PTR_NOT_NULL(b);
	if (a && b)
		CU_ASSERT_STRING_EQUAL(a, b);
	free(a);
	free(b);
	ms_model_drop_lookup(m); /* twice is harmless */
	ms_model_drop_lookup(NULL);
	medscope_analysis_free(before);
	medscope_analysis_free(after);
	medscope_model_free(m);
}

static CU_TestInfo tests[] = {
	{"examples: same findings, order, messages and counts", test_examples_same_findings},
	{"generated national model: same findings", test_generated_model_same_findings},
	{"formats other than check refused", test_other_formats_refused},
	{"drop lookup: ids still found, analysis unchanged", test_drop_lookup},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_findings_only = {"findings_only", NULL, NULL, NULL, NULL, tests};
