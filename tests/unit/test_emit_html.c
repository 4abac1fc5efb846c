/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The HTML report: one self-contained page (nothing to fetch), every text
 * from the model escaped, well-formed XML as well as HTML, both languages
 * present with opts->lang shown first, the diagram inline as <svg> without
 * its XML prolog, findings grouped by severity, and a clear note instead of
 * the diagram when drawing it is refused.
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "helpers.h"

/* H contracts A (k1); A runs the EHR on B's IaaS, selected by A (k2), with
 * no H-A approval of the subcontract: one error. The names try to break out
 * of the markup. */
static const char model[] = MS_DOC(
	"  <facility id=\"H\" name=\"&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;病院&quot;\"/>\n"
	"  <vendor id=\"A\" name=\"A社 &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"B\" name=\"B社\"><certification scheme=\"isms\"/></vendor>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\">\n"
	"    <runs-on ref=\"iaas\"/>\n"
	"  </system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
	"  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation change-notification\"/>\n");

static char *html_of(const char *xml, medscope_lang lang, size_t *len)
{
	medscope_model *m = ms_test_load(xml, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.lang = lang;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(medscope_emit(f, a, MEDSCOPE_FORMAT_HTML, &eo), MEDSCOPE_OK);
	fclose(f);
	medscope_analysis_free(a);
	medscope_model_free(m);
	if (len)
		*len = n;
	return buf;
}

static int well_formed(const char *buf, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(buf, (int)len, "report.html", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlFreeDoc(doc);
	return doc != NULL;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_html_escapes_user_text(void)
{
	size_t len;
	char *html = html_of(model, MEDSCOPE_LANG_JA, &len);
	CU_ASSERT_PTR_NULL(strstr(html, "<script"));
	/* (The loader hands "&amp;" over as "&#38;" today; either way the '&'
	 * must come out as &amp;.) */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, " &quot;病院&quot;</td>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "A社 &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"));
	/* A's name did not close a table: one </table> per <table> (the
	 * 責任分界表 ones, <table class="matrix">, included). */
	CU_ASSERT_EQUAL(count(html, "<table"), count(html, "</table>"));
	/* The 責任分界表 column headers name the parties, escaped too. */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<th>A (A社 &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;)</th>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3>責任分界表: H (&lt;script&gt;"));
	CU_ASSERT(well_formed(html, len));
	free(html);
}

static void test_html_is_self_contained(void)
{
	char *html = html_of(model, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<!DOCTYPE html>\n<html lang=\"en\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "Content-Security-Policy\" content=\"default-src 'none'"));
	CU_ASSERT_PTR_NULL(strstr(html, "<script"));
	CU_ASSERT_PTR_NULL(strstr(html, "<link"));
	CU_ASSERT_PTR_NULL(strstr(html, "@import"));
	CU_ASSERT_PTR_NULL(strstr(html, "url("));
	CU_ASSERT_PTR_NULL(strstr(html, "src=\"http"));
	free(html);
}

static void test_html_inlines_svg_without_prolog(void)
{
	char *html = html_of(model, MEDSCOPE_LANG_JA, NULL);
	const char *fig = strstr(html, "<figure class=\"diagram\">\n<svg");
	CU_ASSERT_PTR_NOT_NULL(fig);
	CU_ASSERT_PTR_NULL(strstr(html, "<?xml"));
	CU_ASSERT_PTR_NULL(strstr(html, "<!DOCTYPE svg"));
	CU_ASSERT_EQUAL(count(html, "<svg"), 1);
	free(html);
}

static void test_html_both_languages_lang_first(void)
{
	char *ja = html_of(model, MEDSCOPE_LANG_JA, NULL), *en = html_of(model, MEDSCOPE_LANG_EN, NULL);
	/* Both pages hold both languages... */
	for (int i = 0; i < 2; i++) {
		const char *h = i ? en : ja;
		CU_ASSERT_PTR_NOT_NULL(strstr(h, "<h2>対象範囲 (対象事業者)</h2>"));
		CU_ASSERT_PTR_NOT_NULL(strstr(h, "<h2>Scope of the vendor guideline</h2>"));
		CU_ASSERT_PTR_NOT_NULL(strstr(h, "<h2>必要な合意</h2>"));
		CU_ASSERT_PTR_NOT_NULL(strstr(h, "<h2>Required agreements</h2>"));
		/* scope, owners, agreements: one table per language; findings one per severity. */
		CU_ASSERT_EQUAL(count(h, "<table>"), 2 * 4);
	}
	/* ...and check the language asked for. */
	CU_ASSERT_PTR_NOT_NULL(strstr(ja, "id=\"lang-ja\" class=\"lang\" checked=\"checked\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "id=\"lang-en\" class=\"lang\" checked=\"checked\""));
	CU_ASSERT_PTR_NULL(strstr(en, "id=\"lang-ja\" class=\"lang\" checked"));
	free(ja);
	free(en);
}

static void test_html_findings_grouped_by_severity(void)
{
	char *html = html_of(model, MEDSCOPE_LANG_JA, NULL);
	/* One error (missing-subcontract-approval), no warning, no note. */
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3 class=\"sev-error\">エラー (1)</h3>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<h3 class=\"sev-error\">error (1)</h3>"));
	CU_ASSERT_PTR_NULL(strstr(html, "<h3 class=\"sev-warning\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<tr class=\"sev-error\"><td>missing-subcontract-approval</td>"));
	free(html);
}

/* Past the diagram's node budget the page still comes, with a note. */
static void test_html_note_when_diagram_refused(void)
{
	enum { N = 2000 };
	size_t cap = (size_t)N * 200 + 4096, len = 0;
	char *xml = malloc(cap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	len += (size_t)snprintf(xml + len, cap - len,
	                        "<?xml version=\"1.0\"?>\n<deployment xmlns=\"urn:medscope:deployment:1\" "
	                        "as-of=\"2026-11-01\">\n<facility id=\"H\"/>\n<vendor id=\"V\"/>\n");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(xml + len, cap - len,
		                        "<system id=\"s%d\" provider=\"V\" layer=\"saas\" data=\"medical\"/>\n", i);
	len += (size_t)snprintf(xml + len, cap - len,
	                        "<contract id=\"k\" client=\"H\" supplier=\"V\" type=\"service\" covers=\"s0\"/>\n"
	                        "</deployment>\n");
	size_t n;
	char *html = html_of(xml, MEDSCOPE_LANG_JA, &n);
	free(xml);
	CU_ASSERT_PTR_NULL(strstr(html, "<svg"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<div class=\"notice\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "--focus ID"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "id=\"scope\""));
	CU_ASSERT(well_formed(html, n));
	free(html);
}

static CU_TestInfo tests[] = {
	{"html_escapes_user_text", test_html_escapes_user_text},
	{"html_is_self_contained", test_html_is_self_contained},
	{"html_inlines_svg_without_prolog", test_html_inlines_svg_without_prolog},
	{"html_both_languages_lang_first", test_html_both_languages_lang_first},
	{"html_findings_grouped_by_severity", test_html_findings_grouped_by_severity},
	{"html_note_when_diagram_refused", test_html_note_when_diagram_refused},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_emit_html = {"emit_html", NULL, NULL, NULL, NULL, tests};
