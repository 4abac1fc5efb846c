/* SPDX-License-Identifier: Apache-2.0 */
/* The loader: what it accepts, what it refuses and where it says so. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/model.h"

static void test_loads_minimal_model(void)
{
	medscope_diags *d;
	medscope_model *m = ms_test_load(MS_DOC("  <facility id=\"H\" name=\"みなと病院\"/>\n"
	                                        "  <vendor id=\"A\" name=\"A社\"/>\n"
	                                        "  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
	                                        "  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"),
	                                 &d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(medscope_diags_count(d), 0);
	CU_ASSERT_STRING_EQUAL(medscope_model_name(m), "test");
	CU_ASSERT_EQUAL(m->parties.n, 2);
	CU_ASSERT_EQUAL(m->parties.v[0].kind, MS_PARTY_FACILITY);
	CU_ASSERT_STRING_EQUAL(m->parties.v[0].name, "みなと病院");
	CU_ASSERT_EQUAL(m->systems.v[0].provider, 1);
	CU_ASSERT_EQUAL(m->contracts.v[0].client, 0);
	CU_ASSERT_EQUAL(m->contracts.v[0].selected_by, 0); /* defaults to the client */
	CU_ASSERT_EQUAL(m->contracts.v[0].covers.n, 1);
	CU_ASSERT_EQUAL(MS_SPAN_AT(m, m->contracts.v[0].covers, 0), 0);
	/* line 3 col 3 in MS_DOC: the facility */
	CU_ASSERT_EQUAL(m->parties.v[0].loc.line, 3);
	CU_ASSERT_EQUAL(m->parties.v[0].loc.col, 3);
	medscope_model_free(m);
	medscope_diags_free(d);
}

static void test_decodes_references_in_names(void)
{
	medscope_model *m = ms_test_load(
		MS_DOC("  <vendor id=\"A\" name=\"A&amp;B &lt;x&gt; &amp;#38; &quot;q&quot; &#x65E5;\"/>\n"), NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_STRING_EQUAL(m->parties.v[0].name, "A&B <x> &#38; \"q\" 日");
	medscope_model_free(m);
}

static void test_applies_model_md_defaults(void)
{
	medscope_model *m = ms_test_load(
		MS_DOC("  <system id=\"a\" layer=\"saas\"/>\n"
		       "  <system id=\"b\" layer=\"device\"/>\n"
		       "  <system id=\"c\" layer=\"iaas\" location=\"inside\" data=\"care medical\"/>\n"
		       "  <facility id=\"H\"/>\n"),
		NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->systems.v[0].location, MS_LOC_OUTSIDE);
	CU_ASSERT_EQUAL(m->systems.v[0].region, MS_REGION_UNKNOWN);
	CU_ASSERT_EQUAL(m->systems.v[0].data, MS_DATA_NONE);
	CU_ASSERT_EQUAL(m->systems.v[0].provider, MS_NONE);
	CU_ASSERT_EQUAL(m->systems.v[1].location, MS_LOC_INSIDE);
	CU_ASSERT_EQUAL(m->systems.v[1].region, MS_REGION_JP);
	CU_ASSERT_EQUAL(m->systems.v[2].region, MS_REGION_JP);
	CU_ASSERT_EQUAL(m->systems.v[2].data, MS_DATA_CARE | MS_DATA_MEDICAL);
	CU_ASSERT_EQUAL(m->parties.v[0].facility_type, MS_FAC_HOSPITAL);
	medscope_model_free(m);
}

static void test_splits_runs_on_and_connects_to(void)
{
	medscope_model *m = ms_test_load(
		MS_DOC("  <system id=\"a\" layer=\"saas\">\n"
		       "    <connects-to ref=\"c\" api=\"true\"/>\n"
		       "    <runs-on ref=\"b\" known=\"false\"/>\n"
		       "  </system>\n"
		       "  <system id=\"b\" layer=\"iaas\"/>\n"
		       "  <system id=\"c\" layer=\"saas\"/>\n"),
		NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	const ms_system *a = &m->systems.v[0];
	CU_ASSERT_EQUAL(a->nruns, 1);
	CU_ASSERT_EQUAL(a->nconn, 1);
	CU_ASSERT_EQUAL(m->edges.v[a->runs_off].target, 1);
	CU_ASSERT_FALSE(m->edges.v[a->runs_off].flag);
	CU_ASSERT_EQUAL(m->edges.v[a->conn_off].target, 2);
	CU_ASSERT_TRUE(m->edges.v[a->conn_off].flag);
	CU_ASSERT_EQUAL(m->edges.v[a->conn_off].loc.line, 4);
	CU_ASSERT_EQUAL(m->edges.v[a->conn_off].loc.col, 5);
	medscope_model_free(m);
}

static void test_loads_every_example(void)
{
	static const char *const names[] = {
		"examples/01-single-vendor.xml", "examples/04-facility-contracts-a-and-b.xml",
		"examples/11-regional-network.xml"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		medscope_diags *d;
		medscope_model *m = ms_test_load_file(names[i], &d);
		CU_ASSERT_PTR_NOT_NULL(m);
		CU_ASSERT_EQUAL(medscope_diags_count(d), 0);
		medscope_model_free(m);
		medscope_diags_free(d);
	}
}

/* Each refusal: the model is NULL and the message is at the right place. */
static void expect_refused(const char *xml, unsigned line, unsigned col, const char *needle)
{
	medscope_diags *d;
	medscope_model *m = ms_test_load(xml, &d);
	CU_ASSERT_PTR_NULL(m);
	int found = ms_test_has_diag(d, line, col, needle);
	if (!found) {
		for (size_t i = 0; i < medscope_diags_count(d); i++)
			fprintf(stderr, "  got %u:%u: %s\n", medscope_diag_line(d, i),
			        medscope_diag_column(d, i), medscope_diag_message(d, i));
		fprintf(stderr, "  wanted %u:%u: ...%s...\n", line, col, needle);
	}
	CU_ASSERT_TRUE(found);
	medscope_model_free(m);
	medscope_diags_free(d);
}

static void test_refuses_doctype(void)
{
	expect_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE deployment [\n<!ENTITY a \"aaaa\">\n"
	               "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
	               "<deployment xmlns=\"urn:medscope:deployment:1\"><facility id=\"H\" name=\"&b;\"/></deployment>\n",
	               2, 1, "DOCTYPE");
	expect_refused("<!DOCTYPE deployment SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
	               "<deployment xmlns=\"urn:medscope:deployment:1\"/>\n",
	               1, 1, "DOCTYPE");
}

static void test_refuses_malformed_xml(void)
{
	expect_refused("<deployment xmlns=\"urn:medscope:deployment:1\">\n  <vendor id=\"A\">\n</deployment>\n",
	               3, 0, "not well-formed");
	expect_refused("", 1, 1, "empty");
	expect_refused("<deployment xmlns=\"urn:medscope:deployment:1\"><vendor id=\"A\"", 1, 0,
	               "not well-formed");
	expect_refused("<deployment xmlns=\"urn:medscope:deployment:1\"><x:y/></deployment>", 1, 0,
	               "not well-formed");
	expect_refused("<deployment xmlns=\"urn:medscope:deployment:1\"/><deployment/>", 1, 0,
	               "not well-formed");
	expect_refused("<deployment xmlns=\"urn:medscope:deployment:1\" a=\"1\" a=\"2\"/>", 1, 0,
	               "not well-formed");
	/* Bytes that are not UTF-8: named with their offset (issue 16 item 4). */
	expect_refused("<deployment xmlns=\"urn:medscope:deployment:1\">\xff\xfe</deployment>", 1, 47,
	               "byte 0xFF at offset 46 is not UTF-8");
}

static void test_refuses_wrong_root(void)
{
	expect_refused("<model xmlns=\"urn:medscope:deployment:1\"/>", 1, 1, "root element");
	expect_refused("<deployment xmlns=\"urn:other\"/>", 1, 1, "root element");
	expect_refused("<deployment/>", 1, 1, "root element");
}

static void test_refuses_schema_violations(void)
{
	expect_refused(MS_DOC("  <vendor id=\"A\" colour=\"red\"/>\n"), 3, 3, "unknown attribute 'colour'");
	expect_refused(MS_DOC("  <system id=\"s\"/>\n"), 3, 3, "missing required attribute 'layer'");
	expect_refused(MS_DOC("  <system id=\"s\" layer=\"cloud\"/>\n"), 3, 3, "'cloud' is not one of");
	expect_refused(MS_DOC("  <vendor id=\"9A\"/>\n"), 3, 3, "not a valid id");
	expect_refused(MS_DOC("  <facility id=\"H\"/><vendor id=\"A\"/>\n  <system id=\"s\" layer=\"saas\"/>\n"
	                      "  <contract id=\"k\" client=\"H\" supplier=\"A\" covers=\"\" type=\"service\"/>\n"),
	               5, 3, "at least 1");
	expect_refused(MS_DOC("  <facility id=\"H\"/>\n  <agreement id=\"g\" parties=\"H\" topics=\"demarcation\"/>\n"),
	               4, 3, "at least 2");
	expect_refused(MS_DOC("  <facility id=\"H\"/>\n  <vendor id=\"A\">\n    <certification scheme=\"isms\" valid-until=\"2026-02-30\"/>\n  </vendor>\n"),
	               5, 5, "not a date");
	expect_refused(MS_DOC("  <vendor id=\"A\"><system id=\"s\" layer=\"saas\"/></vendor>\n"), 3, 18,
	               "not allowed inside <vendor>");
	expect_refused(MS_DOC("  <unknown/>\n"), 3, 3, "not allowed inside <deployment>");
	expect_refused(MS_DOC("  hello\n"), 3, 3, "text is not allowed");
}

static void test_refuses_bad_references(void)
{
	/* Duplicate id: all kinds share one namespace. */
	expect_refused(MS_DOC("  <vendor id=\"A\"/>\n  <system id=\"A\" layer=\"saas\"/>\n"), 4, 3,
	               "duplicate id 'A' (first defined at line 3)");
	expect_refused(MS_DOC("  <system id=\"s\" layer=\"saas\" provider=\"nobody\"/>\n"), 3, 3,
	               "'nobody', which is not defined");
	/* A provider that names a system; covers that names a party. */
	expect_refused(MS_DOC("  <system id=\"s\" layer=\"saas\" provider=\"t\"/>\n  <system id=\"t\" layer=\"iaas\"/>\n"),
	               3, 3, "a system, but must name a party");
	expect_refused(MS_DOC("  <facility id=\"H\"/><vendor id=\"A\"/>\n"
	                      "  <contract id=\"k\" client=\"H\" supplier=\"A\" covers=\"A\" type=\"service\"/>\n"),
	               4, 3, "a vendor, but must name a system");
	expect_refused(MS_DOC("  <system id=\"s\" layer=\"saas\"><runs-on ref=\"H\"/></system>\n  <facility id=\"H\"/>\n"),
	               3, 31, "a facility, but must name a system");
}

static void test_refuses_runs_on_cycles(void)
{
	expect_refused(MS_DOC("  <system id=\"a\" layer=\"saas\"><runs-on ref=\"b\"/></system>\n"
	                      "  <system id=\"b\" layer=\"paas\"><runs-on ref=\"c\"/></system>\n"
	                      "  <system id=\"c\" layer=\"iaas\"><runs-on ref=\"a\"/></system>\n"),
	               5, 31, "a → b → c → a");
	expect_refused(MS_DOC("  <system id=\"a\" layer=\"saas\"><runs-on ref=\"a\"/></system>\n"), 3, 31,
	               "a → a");
}

static void test_reports_every_problem_in_one_run(void)
{
	medscope_diags *d;
	medscope_model *m = ms_test_load(MS_DOC("  <vendor id=\"A\" x=\"1\"/>\n"
	                                        "  <system id=\"s\" layer=\"bad\"/>\n"
	                                        "  <system id=\"t\" layer=\"iaas\" provider=\"zz\"/>\n"
	                                        "  <vendor id=\"A\"/>\n"),
	                                 &d);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_EQUAL(medscope_diags_count(d), 4);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "unknown attribute"));
	CU_ASSERT_TRUE(ms_test_has_diag(d, 4, 3, "'bad'"));
	CU_ASSERT_TRUE(ms_test_has_diag(d, 5, 3, "'zz'"));
	CU_ASSERT_TRUE(ms_test_has_diag(d, 6, 3, "duplicate"));
	medscope_model_free(m);
	medscope_diags_free(d);
}

static void test_caps_diagnostics(void)
{
	char *xml = malloc(200000);
	strcpy(xml, "<deployment xmlns=\"urn:medscope:deployment:1\">\n");
	for (int i = 0; i < 500; i++)
		strcat(xml, "<vendor id=\"A\" x=\"1\"/>\n");
	strcat(xml, "</deployment>\n");
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 10);
	CU_ASSERT_EQUAL(medscope_model_load_memory(&m, xml, strlen(xml), "t.xml", NULL, d),
	                MEDSCOPE_ERR_INVALID);
	CU_ASSERT_EQUAL(medscope_diags_count(d), 10);
	CU_ASSERT_TRUE(medscope_diags_dropped(d) > 0);
	medscope_diags_free(d);
	free(xml);
}

static void test_limits(void)
{
	medscope_load_options o;
	medscope_load_options_init(&o);
	o.max_input = 100;
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 10);
	const char *xml = MS_DOC("  <vendor id=\"A\" name=\"a long enough name to pass one hundred bytes\"/>\n");
	CU_ASSERT_EQUAL(medscope_model_load_memory(&m, xml, strlen(xml), "t.xml", &o, d),
	                MEDSCOPE_ERR_LIMIT);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 0, 0, "") || medscope_diags_count(d) == 1);
	medscope_diags_free(d);

	medscope_load_options_init(&o);
	o.max_attributes = 3;
	medscope_diags_new(&d, 10);
	xml = MS_DOC("  <system id=\"s\" name=\"x\" layer=\"saas\" data=\"medical\"/>\n");
	CU_ASSERT_EQUAL(medscope_model_load_memory(&m, xml, strlen(xml), "t.xml", &o, d),
	                MEDSCOPE_ERR_INVALID);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "more than 3 attributes"));
	medscope_diags_free(d);

	medscope_load_options_init(&o);
	o.max_value_length = 30; /* the xmlns value counts too: 25 bytes */
	medscope_diags_new(&d, 10);
	xml = MS_DOC("  <vendor id=\"A\" name=\"1234567890123456789012345678901\"/>\n");
	CU_ASSERT_EQUAL(medscope_model_load_memory(&m, xml, strlen(xml), "t.xml", &o, d),
	                MEDSCOPE_ERR_INVALID);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "longer than 30 bytes"));
	medscope_diags_free(d);
}

static void test_refuses_non_utf8_encodings(void)
{
	expect_refused("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<deployment xmlns=\"urn:medscope:deployment:1\"/>",
	               1, 1, "UTF-8 only");
	const char utf16[] = "\xff\xfe<\0d\0";
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 10);
	CU_ASSERT_EQUAL(medscope_model_load_memory(&m, utf16, sizeof(utf16) - 1, "t.xml", NULL, d),
	                MEDSCOPE_ERR_INVALID);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 1, 1, "UTF-16"));
	medscope_diags_free(d);
}

static void test_japanese_messages(void)
{
	medscope_load_options o;
	medscope_load_options_init(&o);
	o.lang = MEDSCOPE_LANG_JA;
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 10);
	const char *xml = MS_DOC("  <system id=\"s\"/>\n");
	medscope_model_load_memory(&m, xml, strlen(xml), "t.xml", &o, d);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 3, 3, "必須の属性 'layer'"));
	medscope_diags_free(d);
}

static void test_line_numbers_past_65535(void)
{
	size_t n = 70000;
	char *xml = malloc(n + 200);
	strcpy(xml, "<deployment xmlns=\"urn:medscope:deployment:1\">");
	size_t len = strlen(xml);
	memset(xml + len, '\n', n);
	strcpy(xml + len + n, "<vendor id=\"A\" bad=\"1\"/></deployment>");
	medscope_diags *d;
	medscope_model *m = ms_test_load(xml, &d);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_TRUE(ms_test_has_diag(d, 70001, 1, "unknown attribute"));
	medscope_diags_free(d);
	free(xml);
}

static CU_TestInfo tests[] = {
	{"loads_minimal_model", test_loads_minimal_model},
	{"applies_model_md_defaults", test_applies_model_md_defaults},
	{"decodes_references_in_names", test_decodes_references_in_names},
	{"splits_runs_on_and_connects_to", test_splits_runs_on_and_connects_to},
	{"loads_every_example", test_loads_every_example},
	{"refuses_doctype", test_refuses_doctype},
	{"refuses_malformed_xml", test_refuses_malformed_xml},
	{"refuses_wrong_root", test_refuses_wrong_root},
	{"refuses_schema_violations", test_refuses_schema_violations},
	{"refuses_bad_references", test_refuses_bad_references},
	{"refuses_runs_on_cycles", test_refuses_runs_on_cycles},
	{"reports_every_problem_in_one_run", test_reports_every_problem_in_one_run},
	{"caps_diagnostics", test_caps_diagnostics},
	{"limits", test_limits},
	{"refuses_non_utf8_encodings", test_refuses_non_utf8_encodings},
	{"japanese_messages", test_japanese_messages},
	{"line_numbers_past_65535", test_line_numbers_past_65535},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_loader = {"loader", NULL, NULL, NULL, NULL, tests};
