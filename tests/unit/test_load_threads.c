/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The loader builds large files in a second thread (loader.c). Whatever the
 * mode, the same input must give the same status, the same diagnostics in
 * the same order and the same model: each input here is loaded with the
 * builder in the caller's thread and in its own thread
 * (ms_load_thread_min = 0), and the two results are compared.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "load/load.h"
#include "medscope/analysis.h"

/* What a load gave: status, every diagnostic, and for a loaded model its
 * JSON report (which shows every entity, id and location). */
static char *outcome(const char *xml, size_t len, unsigned cap, const medscope_load_options *o)
{
	medscope_diags *d = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_diags_new(&d, cap), MEDSCOPE_OK);
	medscope_model *m = NULL;
	medscope_status s = medscope_model_load_memory(&m, xml, len, "in.xml", o, d);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "status %d, %zu diagnostics (%zu dropped)\n", (int)s, medscope_diags_count(d),
	        medscope_diags_dropped(d));
	for (size_t i = 0; i < medscope_diags_count(d); i++)
		fprintf(f, "%u:%u: %d: %s\n", medscope_diag_line(d, i), medscope_diag_column(d, i),
		        (int)medscope_diag_severity(d, i), medscope_diag_message(d, i));
	if (m) {
		medscope_analysis *a = NULL;
		CU_ASSERT_EQUAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
		medscope_emit_options eo;
		medscope_emit_options_init(&eo);
		if (a)
			CU_ASSERT_EQUAL(medscope_emit(f, a, MEDSCOPE_FORMAT_JSON, &eo), MEDSCOPE_OK);
		medscope_analysis_free(a);
	}
	fclose(f);
	medscope_model_free(m);
	medscope_diags_free(d);
	return buf;
}

static unsigned compared;

/* Compare the modes; with `expect`, both must also begin with it. */
static void compare_opts(const char *what, const char *xml, size_t len, unsigned cap,
                         const medscope_load_options *o, const char *expect)
{
	size_t saved = ms_load_thread_min;
	ms_load_thread_min = SIZE_MAX;
	char *inline_mode = outcome(xml, len, cap, o);
	ms_load_thread_min = 0;
	char *threaded = outcome(xml, len, cap, o);
	ms_load_thread_min = saved;
	if (expect && strncmp(inline_mode, expect, strlen(expect)) != 0) {
		fprintf(stderr, "\n  %s: expected\n%s  got\n%.2000s\n", what, expect, inline_mode);
		CU_FAIL("unexpected outcome");
	}
	int same = strcmp(inline_mode, threaded) == 0;
	if (!same)
		fprintf(stderr, "\n  %s: the modes differ\n  --- one thread\n%.2000s\n  --- two threads\n%.2000s\n",
		        what, inline_mode, threaded);
	CU_ASSERT_TRUE(same);
	compared++;
	free(inline_mode);
	free(threaded);
}

static void compare(const char *what, const char *xml, size_t len, unsigned cap)
{
	compare_opts(what, xml, len, cap, NULL, NULL);
}

static void compare_dir(const char *dir)
{
	DIR *dp = opendir(ms_test_path(dir));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.' || strstr(e->d_name, ".md") || strstr(e->d_name, ".sh"))
			continue;
		char rel[1024];
		snprintf(rel, sizeof(rel), "%s/%s", dir, e->d_name);
		size_t len;
		char *xml = ms_test_read(ms_test_path(rel), &len);
		if (!xml) /* a folder */
			continue;
		compare(rel, xml, len, 100);
		free(xml);
	}
	closedir(dp);
}

static void test_examples_and_bad_inputs_load_alike(void)
{
	compare_dir("examples");
	compare_dir("examples/change");
	compare_dir("tests/bad");
	compare_dir("tests/fuzz/corpus/load");
	CU_ASSERT_TRUE(compared >= 55);
}

/* A model of n facilities, each with a contract and an agreement: about
 * 300 bytes of events per facility, so n = 8000 fills ten blocks
 * and the queue's limit is reached. `bad` breaks every bad-th facility. */
static char *big_model(unsigned n, unsigned bad, size_t *len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<deployment xmlns=\"urn:medscope:deployment:1\" name=\"big\" as-of=\"2026-11-01\">\n"
	      "<vendor id=\"V\" name=\"ベンダー\"/>\n"
	      "<system id=\"S\" layer=\"saas\" provider=\"V\" data=\"medical\"/>\n",
	      f);
	for (unsigned i = 1; i <= n; i++) {
		int broken = bad && i % bad == 0;
		fprintf(f, "<facility id=\"H%u\" type=\"%s\" name=\"第%u病院\"/>\n", i,
		        broken ? "castle" : "clinic", i);
		fprintf(f, "<contract id=\"K%u\" client=\"H%u\" supplier=\"V\" type=\"service\" covers=\"S\"/>\n",
		        i, i);
		if (i % 3)
			fprintf(f, "<agreement id=\"G%u\" parties=\"H%u V\" topics=\"demarcation risk-management\" "
			           "covers=\"S\"/>\n",
			        i, broken ? i + n : i);
	}
	fputs("</deployment>\n", f);
	fclose(f);
	*len = size;
	return buf;
}

static void test_large_models_load_alike(void)
{
	size_t len;
	char *xml = big_model(8000, 0, &len);
	compare("8,000 facilities", xml, len, 100);
	free(xml);
	/* Errors all along the file: the diagnostics cap stops the builder
	 * while the parser is blocks ahead. */
	xml = big_model(8000, 97, &len);
	compare("an error every 97 facilities, cap 10", xml, len, 10);
	compare("an error every 97 facilities, cap 1000", xml, len, 1000);
	/* Cut short in the middle of a start tag, and in the middle of the
	 * file: libxml2's error comes after thousands of queued events. */
	compare("truncated in a start tag", xml, len / 2 + 7, 100);
	compare("truncated", xml, len / 2, 100);
	free(xml);
}

/*
 * When the builder stops (here: the wrong root element), nothing later in
 * the file counts, however far the parser's half has read by then: not an
 * over-long element (the pre-scanner's refusal), not the size limit. Some
 * 300 KiB of comments put both beyond the first block.
 */
static char *padded(const char *root, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "%s\n", root);
	for (int i = 0; i < 3000; i++)
		fprintf(f, "<!-- %0100d -->\n", i);
	fputs("<x", f);
	for (int i = 0; i < 70; i++)
		fprintf(f, " a%d=\"\"", i);
	fputs("/>\n", f);
	fclose(f);
	return buf;
}

static void test_stop_wins_over_later_refusals(void)
{
	static const char stopped[] =
		"status -3, 1 diagnostics (0 dropped)\n1:1: 3: the root element must be";
	size_t len;
	char *xml = padded("<foo>", &len);
	compare_opts("70 attributes after the stop", xml, len, 100, NULL, stopped);
	medscope_load_options o;
	medscope_load_options_init(&o);
	o.max_input = 100000;
	compare_opts("the size limit after the stop", xml, len, 100, &o, stopped);
	free(xml);
	/* Without the stop, each refusal stands. */
	xml = padded("<deployment xmlns=\"urn:medscope:deployment:1\">", &len);
	compare_opts("70 attributes", xml, len, 100, NULL, "status -3, 1 diagnostics (0 dropped)\n"
	             "3002:1: 3: an element has more than 64 attributes");
	compare_opts("the size limit", xml, len, 100, &o, "status -4, 1 diagnostics (0 dropped)\n"
	             "0:0: 3: the file is larger than the limit");
	free(xml);
}

static CU_TestInfo tests[] = {
	{"stop_wins_over_later_refusals", test_stop_wins_over_later_refusals},
	{"examples_and_bad_inputs_load_alike", test_examples_and_bad_inputs_load_alike},
	{"large_models_load_alike", test_large_models_load_alike},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_load_threads = {"load_threads", NULL, NULL, NULL, NULL, tests};
