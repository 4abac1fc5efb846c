/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Regression tests for the loader bugs the fuzzers found (SECURITY.md,
 * tests/fuzz/README.md). Each crashed, read freed memory or broke the
 * diagnostics' format before its fix; under the sanitizer build and the
 * valgrind pass a relapse shows up as a memory error, not only as a failed
 * assertion. The fuzz corpus keeps the original inputs
 * (tests/fuzz/corpus/load/).
 */
#include <libxml/parser.h>

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define MS_XML_ERROR const xmlError
#else
#define MS_XML_ERROR xmlError
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Load `xml` with a diagnostics list of `cap`; returns the status. */
static medscope_status load(const char *xml, size_t len, unsigned cap, medscope_diags **d)
{
	medscope_model *m = NULL;
	medscope_diags_new(d, cap);
	medscope_status st = medscope_model_load_memory(&m, xml, len, "t.xml", NULL, *d);
	CU_ASSERT_EQUAL(st == MEDSCOPE_OK, m != NULL);
	medscope_model_free(m);
	return st;
}

/* True when every diagnostic is one line of valid UTF-8 without control
 * characters (C0, DEL, C1). */
static int diags_printable(const medscope_diags *d)
{
	for (size_t i = 0; i < medscope_diags_count(d); i++) {
		const unsigned char *s = (const unsigned char *)medscope_diag_message(d, i);
		while (*s) {
			size_t n = *s < 0x80 ? 1 : *s >= 0xC2 && *s <= 0xDF ? 2
			         : *s >= 0xE0 && *s <= 0xEF ? 3 : *s >= 0xF0 && *s <= 0xF4 ? 4 : 0;
			if (n == 0 || *s < 0x20 || *s == 0x7F || (*s == 0xC2 && s[1] <= 0x9F))
				return 0;
			for (size_t k = 1; k < n; k++)
				if ((s[k] & 0xC0) != 0x80)
					return 0;
			s += n;
		}
	}
	return 1;
}

/*
 * A facility refused for a bad attribute keeps its id with no entry;
 * a runs-on naming it made the "wrong kind" message look up
 * parties.v[MS_NONE] (resolve.c kind_noun).
 */
static void test_reference_to_refused_party(void)
{
	medscope_diags *d;
	const char *xml = MS_DOC("  <facility id=\"H\" colour=\"x\"/>\n"
	                         "  <system id=\"s\" layer=\"saas\"><runs-on ref=\"H\"/></system>\n");
	CU_ASSERT_EQUAL(load(xml, strlen(xml), 100, &d), MEDSCOPE_ERR_INVALID);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "unknown attribute 'colour'"));
	CU_ASSERT_TRUE(ms_test_has_diag(d, 4, 0, "'H', a party, but must name a system"));
	medscope_diags_free(d);
}

/*
 * Reaching the diagnostics cap inside libxml2's start-tag parser stopped
 * the parser with xmlStopParser(), which in libxml2 2.9 frees the input
 * buffer at once. Here the cap is reached by "Couldn't find end of Start
 * Tag" (the file ends inside <contract ...>); libxml2 still hands the
 * attributes read so far to the start-element callback, whose values
 * pointed into the freed buffer: a heap-use-after-free (fuzz_load,
 * corpus/load/stop-inside-start-tag.xml; this is its minimised form,
 * which needs a cap of 2).
 */
static void test_cap_reached_inside_start_tag(void)
{
	static const char *const docs[] = {
		"<deployment xmlns=\"urn:medscope:deployment:1\" f=\"\">x<contract c=\"\" covers=\"e\"\n",
		MS_DOC("  <vendor id=\"A\" x=\"1\"/>\n"
		       "  <m:facility id=\"H\" name=\"a value long enough to be read back\"/>\n")};
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		for (unsigned cap = 1; cap <= 4; cap++) {
			medscope_diags *d;
			CU_ASSERT_EQUAL(load(docs[i], strlen(docs[i]), cap, &d), MEDSCOPE_ERR_INVALID);
			CU_ASSERT_TRUE(medscope_diags_count(d) >= 1);
			medscope_diags_free(d);
		}
	}
}

/*
 * libxml2 quotes the start of an unterminated comment cut at a fixed
 * number of bytes, in the middle of a Japanese character: the diagnostic
 * was not valid UTF-8. Three prefix lengths put the cut at every byte of a
 * three-byte character.
 */
static void test_messages_stay_utf8(void)
{
	for (int pad = 0; pad < 3; pad++) {
		char xml[512];
		snprintf(xml, sizeof(xml),
		         "<deployment xmlns=\"urn:medscope:deployment:1\">\n<!--%.*s"
		         "医療情報システムの安全管理に関するガイドライン第6.0版\n",
		         pad, "ab");
		medscope_diags *d;
		CU_ASSERT_EQUAL(load(xml, strlen(xml), 100, &d), MEDSCOPE_ERR_INVALID);
		CU_ASSERT_TRUE(medscope_diags_count(d) >= 1);
		CU_ASSERT_TRUE(diags_printable(d));
		medscope_diags_free(d);
	}
}

/* Values are quoted in messages: a character reference must not put a line
 * break (which would forge a second FILE:LINE:COL line) or a C1 control
 * (CSI, a terminal escape) into one. */
static void test_quoted_values_are_printable(void)
{
	medscope_diags *d;
	const char *xml = MS_DOC("  <system id=\"s\" layer=\"saas&#10;t.xml:1:1: error: forged\"/>\n"
	                         "  <system id=\"t\" layer=\"&#x9b;31mred\"/>\n");
	CU_ASSERT_EQUAL(load(xml, strlen(xml), 100, &d), MEDSCOPE_ERR_INVALID);
	CU_ASSERT_EQUAL(medscope_diags_count(d), 2);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "'saas t.xml:1:1: error: forged'"));
	CU_ASSERT_TRUE(diags_printable(d));
	medscope_diags_free(d);
}

static int stray_messages;

static void count_stray(void *ctx, MS_XML_ERROR *e)
{
	(void)ctx, (void)e;
	stray_messages++;
}

/*
 * An encoding conversion error has no parser context: libxml2 printed it
 * on stderr ("encoding error : input conversion failed", "I/O error :
 * encoder error"), and the library never prints. The loader routes such
 * errors to its diagnostics while it runs and restores the caller's
 * handler.
 */
static void test_encoding_errors_are_not_printed(void)
{
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
	                          "<deployment xmlns=\"urn:medscope:deployment:1\">\x80\xff\x81</deployment>\n";
	stray_messages = 0;
	xmlSetStructuredErrorFunc(&stray_messages, count_stray);
	medscope_diags *d;
	CU_ASSERT_EQUAL(load(xml, sizeof(xml) - 1, 100, &d), MEDSCOPE_ERR_INVALID);
	CU_ASSERT_EQUAL(stray_messages, 0);
	CU_ASSERT_TRUE(medscope_diags_count(d) >= 1);
	CU_ASSERT_PTR_EQUAL(xmlStructuredErrorContext, &stray_messages); /* restored */
	xmlSetStructuredErrorFunc(NULL, NULL);
	medscope_diags_free(d);
}

/*
 * A start tag cut short drops the "missing attribute" reports its partial
 * attribute list produced, but only its own: an error raised later (here
 * the '<' inside <contract>) used to delete the previous element's
 * diagnostic, and a long attribute name lost libxml2's "Name too long".
 */
static void test_truncated_tag_keeps_other_errors(void)
{
	medscope_diags *d;
	const char *xml = "<deployment xmlns=\"urn:medscope:deployment:1\">\n"
	                  "  <vendor id=\"A\" colour=\"x\"/>\n"
	                  "  <vendor id=\"B\" colour=\"y\"/>\n"
	                  "  <contract id=\"k1\" client=\"H\" <x/>\n</deployment>\n";
	CU_ASSERT_EQUAL(load(xml, strlen(xml), 100, &d), MEDSCOPE_ERR_INVALID);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 2, 3, "unknown attribute 'colour'"));
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "unknown attribute 'colour'"));
	CU_ASSERT_TRUE(ms_test_has_diag(d, 4, 0, "Couldn't find end of Start Tag contract"));
	medscope_diags_free(d);

	size_t n = 50001;
	char *long_name = malloc(n + 200);
	int k = snprintf(long_name, 200, "<deployment xmlns=\"urn:medscope:deployment:1\">\n  <vendor id=\"A\" ");
	memset(long_name + k, 'n', n);
	strcpy(long_name + k + n, "=\"x\"/>\n</deployment>\n");
	CU_ASSERT_EQUAL(load(long_name, strlen(long_name), 100, &d), MEDSCOPE_ERR_INVALID);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 2, 18, "Name too long"));
	medscope_diags_free(d);
	free(long_name);
}

static CU_TestInfo tests[] = {
	{"reference_to_refused_party", test_reference_to_refused_party},
	{"cap_reached_inside_start_tag", test_cap_reached_inside_start_tag},
	{"messages_stay_utf8", test_messages_stay_utf8},
	{"quoted_values_are_printable", test_quoted_values_are_printable},
	{"encoding_errors_are_not_printed", test_encoding_errors_are_not_printed},
	{"truncated_tag_keeps_other_errors", test_truncated_tag_keeps_other_errors},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_hostile = {"hostile", NULL, NULL, NULL, NULL, tests};
