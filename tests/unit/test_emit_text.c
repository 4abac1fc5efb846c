/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The terminal emitters: display widths for Japanese, compiler-style
 * finding lines, and the scope and owners tables.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "helpers.h"

static void test_display_width(void)
{
	CU_ASSERT_EQUAL(ms_display_width(""), 0);
	CU_ASSERT_EQUAL(ms_display_width("abc"), 3);
	CU_ASSERT_EQUAL(ms_display_width("みなと病院"), 10);          /* kana + kanji */
	CU_ASSERT_EQUAL(ms_display_width("A社 (IaaS)"), 10);
	CU_ASSERT_EQUAL(ms_display_width("ＡＢ"), 4);                  /* fullwidth forms */
	CU_ASSERT_EQUAL(ms_display_width("ｱｲ"), 2);                    /* halfwidth katakana */
	CU_ASSERT_EQUAL(ms_display_width("한글"), 4);                  /* Hangul syllables */
	CU_ASSERT_EQUAL(ms_display_width("e\xcc\x81"), 1);             /* e + combining acute */
	CU_ASSERT_EQUAL(ms_display_width("\xf0\x9f\x8f\xa5"), 2);      /* U+1F3E5 hospital */
	CU_ASSERT_EQUAL(ms_display_width("…"), 1);
	CU_ASSERT_EQUAL(ms_display_width("「対象」"), 8);               /* CJK punctuation */
	CU_ASSERT_EQUAL(ms_display_width("\xff" "a"), 2);              /* invalid byte counts 1 */
	CU_ASSERT_EQUAL(ms_codepoint_width(0x3099), 0);                /* combining voiced mark */
	CU_ASSERT_EQUAL(ms_codepoint_width(0x20000), 2);               /* CJK extension B */
}

static void test_pad(void)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	ms_pad(f, "病院", 6);
	fputc('|', f);
	ms_pad(f, "ab", 1); /* already wider: written whole, no padding */
	fputc('|', f);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(buf, "病院  |ab|");
	free(buf);
}

static char *emit(const medscope_analysis *a, medscope_format format, medscope_lang lang,
                  medscope_severity min)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		return NULL;
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.lang = lang;
	eo.min_severity = min;
	CU_ASSERT_EQUAL(medscope_emit(f, a, format, &eo), MEDSCOPE_OK);
	fclose(f);
	return buf;
}

/* H contracts A for an EHR that A runs on IaaS from B, selected by A (k2);
 * the subcontracting approval is missing (error) and the overseas IaaS
 * gives a warning (data-outside-japan). */
static const char model[] = MS_DOC(
	"  <facility id=\"H\" name=\"みなと病院\"/>\n"
	"  <vendor id=\"A\" name=\"A社 クラウド電子カルテ事業部 (とても長い名前の事業者です)\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"B\" name=\"B社\"><certification scheme=\"isms\"/></vendor>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"overseas\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
	"  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation change-notification\"/>\n");

static medscope_analysis *analyse(medscope_model **m)
{
	*m = ms_test_load(model, NULL);
	if (!*m)
		return NULL;
	medscope_analysis *a = NULL;
	if (medscope_analyze(&a, *m, NULL) != MEDSCOPE_OK)
		return NULL;
	return a;
}

static void test_check_lines(void)
{
	medscope_model *m;
	medscope_analysis *a = analyse(&m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	regex_t re;
	CU_ASSERT_EQUAL_FATAL(regcomp(&re, "^test\\.xml:[1-9][0-9]*:[1-9][0-9]*: (error|warning|note): [^\n]+ \\[[a-z-]+\\]$",
	                              REG_EXTENDED | REG_NOSUB),
	                      0);
	char *out = emit(a, MEDSCOPE_FORMAT_CHECK, MEDSCOPE_LANG_EN, MEDSCOPE_SEVERITY_NOTE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	size_t lines = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"), lines++)
		CU_ASSERT_EQUAL(regexec(&re, line, 0, NULL, 0), 0);
	CU_ASSERT_EQUAL(lines, a->findings.n);
	CU_ASSERT_EQUAL(lines, 2);
	free(out);

	/* min_severity error: the warning is left out. */
	out = emit(a, MEDSCOPE_FORMAT_CHECK, MEDSCOPE_LANG_EN, MEDSCOPE_SEVERITY_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, ": error: "));
	CU_ASSERT_PTR_NULL(strstr(out, ": warning: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "[missing-subcontract-approval]\n"));
	free(out);

	/* Japanese: the message changes, the severity word and code do not. */
	out = emit(a, MEDSCOPE_FORMAT_CHECK, MEDSCOPE_LANG_JA, MEDSCOPE_SEVERITY_NOTE);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, ": error: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "再委託"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "[missing-subcontract-approval]"));
	free(out);
	regfree(&re);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

/* Display column where the `col`-th cell (0-based) of `line` starts, cells
 * being separated by two or more spaces. */
static size_t column_start(const char *line, int col)
{
	char buf[1024];
	const char *p = line;
	for (int c = 0; c < col; c++) {
		p = strstr(p, "  ");
		if (!p)
			return 0;
		while (*p == ' ')
			p++;
	}
	size_t n = (size_t)(p - line);
	memcpy(buf, line, n);
	buf[n] = '\0';
	return ms_display_width(buf);
}

static void test_scope_table_aligns_japanese(void)
{
	medscope_model *m;
	medscope_analysis *a = analyse(&m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	char *out = emit(a, MEDSCOPE_FORMAT_SCOPE, MEDSCOPE_LANG_JA, MEDSCOPE_SEVERITY_NOTE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* header, underline, A, B, H */
	char *lines[8] = {0};
	size_t n = 0;
	for (char *l = strtok(out, "\n"); l && n < 8; l = strtok(NULL, "\n"))
		lines[n++] = l;
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[0], "対象範囲"));
	CU_ASSERT_EQUAL(strncmp(lines[2], "A ", 2), 0);
	CU_ASSERT_EQUAL(strncmp(lines[4], "H ", 2), 0);
	/* The long name is cut to 40 columns with an ellipsis. */
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[2], "…"));
	CU_ASSERT_PTR_NULL(strstr(lines[2], "事業者です"));
	/* Column 3 (in/out) starts at the same display column on every row. */
	size_t start = column_start(lines[0], 3);
	CU_ASSERT_TRUE(start > 0);
	for (size_t i = 2; i < n; i++)
		CU_ASSERT_EQUAL(column_start(lines[i], 3), start);
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[2], "対象事業者 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[4], "対象外"));
	/* Kind and category are the vocabulary's words, as in the reports. */
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[2], "事業者"));
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[2], "直接の契約等"));
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[4], "医療機関等"));
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[2], "direct-contract("));
	CU_ASSERT_PTR_NOT_NULL(strstr(lines[4], "facility"));
	free(out);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

static void test_owners_tables(void)
{
	medscope_model *m;
	medscope_analysis *a = analyse(&m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	char *out = emit(a, MEDSCOPE_FORMAT_OWNERS, MEDSCOPE_LANG_EN, MEDSCOPE_SEVERITY_NOTE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* ehr: A provides it (prime-provider); iaas: A selected B (k1, k2). */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Risk-management owner"));
	/* Names beside ids (the systems have none: "-"), the layer's code in
	 * English; the long owner name is cut, its id kept. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nehr     -     saas   H (みなと病院)  A (A社 クラウド"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "…  prime-provider     -              k1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\niaas    -     iaas   H (みなと病院)  A (A社 クラウド"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "…  selected-by-prime  -              k1,k2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Required agreements"));
	/* The status and the agreement in columns of their own. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\ndemarcation          A,H      ehr       present  g1  "));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nsubcontracting       A,H      iaas      MISSING  -  "));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "missing-subcontract-approval"));
	free(out);
	out = emit(a, MEDSCOPE_FORMAT_OWNERS, MEDSCOPE_LANG_JA, MEDSCOPE_SEVERITY_NOTE);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "責任主体"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "必要な合意"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "欠落"));
	/* No English code for the topic, the layer or the basis in Japanese. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "再委託の承認"));
	CU_ASSERT_PTR_NULL(strstr(out, "subcontracting"));
	CU_ASSERT_PTR_NULL(strstr(out, "saas"));
	CU_ASSERT_PTR_NULL(strstr(out, "selected-by-prime "));
	free(out);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

static void test_unsupported_format_is_usage_error(void)
{
	medscope_model *m;
	medscope_analysis *a = analyse(&m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(medscope_emit(stdout, a, (medscope_format)99, NULL), MEDSCOPE_ERR_USAGE);
	CU_ASSERT_EQUAL(medscope_emit(NULL, a, MEDSCOPE_FORMAT_JSON, NULL), MEDSCOPE_ERR_USAGE);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

static void test_options_defaults(void)
{
	medscope_emit_options eo;
	memset(&eo, 0x55, sizeof(eo));
	medscope_emit_options_init(&eo);
	CU_ASSERT_EQUAL(eo.lang, MEDSCOPE_LANG_EN);
	CU_ASSERT_EQUAL(eo.table, MEDSCOPE_TABLE_ALL);
	CU_ASSERT_EQUAL(eo.csv_bom, 1);
	CU_ASSERT_EQUAL(eo.min_severity, MEDSCOPE_SEVERITY_NOTE);
}

static CU_TestInfo tests[] = {
	{"display_width", test_display_width},
	{"pad", test_pad},
	{"check_lines", test_check_lines},
	{"scope_table_aligns_japanese", test_scope_table_aligns_japanese},
	{"owners_tables", test_owners_tables},
	{"unsupported_format_is_usage_error", test_unsupported_format_is_usage_error},
	{"options_defaults", test_options_defaults},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_emit_text = {"emit_text", NULL, NULL, NULL, NULL, tests};
