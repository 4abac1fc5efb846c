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
static char *outcome(const char *xml, size_t len, unsigned cap)
{
	medscope_diags *d = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_diags_new(&d, cap), MEDSCOPE_OK);
	medscope_model *m = NULL;
	medscope_status s = medscope_model_load_memory(&m, xml, len, "in.xml", NULL, d);
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

static void compare(const char *what, const char *xml, size_t len, unsigned cap)
{
	size_t saved = ms_load_thread_min;
	ms_load_thread_min = SIZE_MAX;
	char *inline_mode = outcome(xml, len, cap);
	ms_load_thread_min = 0;
	char *threaded = outcome(xml, len, cap);
	ms_load_thread_min = saved;
	int same = strcmp(inline_mode, threaded) == 0;
	if (!same)
		fprintf(stderr, "\n  %s: the modes differ\n  --- one thread\n%.2000s\n  --- two threads\n%.2000s\n",
		        what, inline_mode, threaded);
	CU_ASSERT_TRUE(same);
	compared++;
	free(inline_mode);
	free(threaded);
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

static CU_TestInfo tests[] = {
	{"examples_and_bad_inputs_load_alike", test_examples_and_bad_inputs_load_alike},
	{"large_models_load_alike", test_large_models_load_alike},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_load_threads = {"load_threads", NULL, NULL, NULL, NULL, tests};
