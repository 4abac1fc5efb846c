/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report formats for people and CI: CSV (RFC 4180, for Excel in
 * Japan), Markdown (a contract annex) and SARIF 2.1.0. Each output is read
 * back with a strict reader (an RFC 4180 parser written here, jansson), so
 * a test fails on a malformed document, not only on a missing string.
 *
 * The small model: the facility H contracts A (k1) for an EHR; A runs it on
 * its platform, on IaaS from B that A selected (k2) — GL 2.2.2 case 1. By
 * rules.md §3, H-A subcontracting approval for k2 is required and missing
 * (missing-subcontract-approval, error); nothing else is missing.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit/report.h"
#include "helpers.h"

/* The names are hostile on purpose: CSV, Markdown and HTML delimiters. */
static const char chain_model[] = MS_DOC(
	"  <facility id=\"H\" name=\"みなと病院, 本院 &quot;東&quot;&#10;2行目\"/>\n"          /* 3 */
	"  <vendor id=\"A\" name=\"A社 | *強調* _下線_ `code` &lt;b&gt; \\ [x]\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"B\" name=\"=HYPERLINK(&quot;x&quot;)\"><certification scheme=\"isms\"/></vendor>\n"
	"  <system id=\"ehr\" name=\"電子カルテ\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\">\n"
	"    <runs-on ref=\"plat\"/>\n"                                                        /* 7 */
	"  </system>\n"
	"  <system id=\"plat\" provider=\"A\" layer=\"paas\" data-region=\"jp\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"            /* 10 */
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service maintenance\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n" /* 12 */
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
	"  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation change-notification\"/>\n");

/* The same deployment with the contracts moved to the top and blank lines
 * added: every finding moves to another line, none changes identity. */
static const char chain_moved[] = MS_DOC(
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service maintenance\" covers=\"ehr\"/>\n"
	"\n\n\n"
	"  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation change-notification\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
	"  <facility id=\"H\" name=\"みなと病院\"/>\n"
	"  <vendor id=\"B\" name=\"B\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"A\" name=\"A\"><certification scheme=\"isms\"/></vendor>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
	"  <system id=\"plat\" provider=\"A\" layer=\"paas\" data-region=\"jp\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\">\n"
	"    <runs-on ref=\"plat\"/>\n"
	"  </system>\n");

typedef struct {
	medscope_model *m;
	medscope_analysis *a;
} analysed;

static analysed analyse_text(const char *xml)
{
	analysed r = {ms_test_load(xml, NULL), NULL};
	CU_ASSERT_PTR_NOT_NULL_FATAL(r.m);
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&r.a, r.m, NULL), MEDSCOPE_OK);
	return r;
}

static void analysed_free(analysed *r)
{
	medscope_analysis_free(r->a);
	medscope_model_free(r->m);
}

/* Emit into a malloc'd, NUL-terminated string. */
static char *emit(const medscope_analysis *a, medscope_format format, medscope_table table,
                  medscope_lang lang, int bom, size_t *len)
{
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.table = table;
	eo.lang = lang;
	eo.csv_bom = bom;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(medscope_emit(f, a, format, &eo), MEDSCOPE_OK);
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

/* ---- a strict RFC 4180 reader ------------------------------------------ */

typedef struct {
	size_t nrec;
	size_t nfields[4096];
	char *field[4096][16]; /* the first 16 fields of each record, unquoted */
} csv_doc;

static void csv_free(csv_doc *d)
{
	for (size_t r = 0; r < d->nrec && r < 4096; r++)
		for (size_t k = 0; k < d->nfields[r] && k < 16; k++)
			free(d->field[r][k]);
}

/* 0 when `s` is RFC 4180 with CRLF record ends; -1 (and a message on
 * stderr) at the first violation. */
static int csv_parse(csv_doc *d, const char *s, size_t n)
{
	memset(d, 0, sizeof(*d));
	size_t i = 0;
	while (i < n) {
		size_t r = d->nrec++;
		if (r >= 4096)
			return -1;
		for (;;) {
			char *val = malloc(n - i + 1);
			size_t len = 0;
			if (i < n && s[i] == '"') {
				for (i++;; i++) {
					if (i >= n) {
						fprintf(stderr, "\nCSV: unterminated quote in record %zu\n", r + 1);
						free(val);
						return -1;
					}
					if (s[i] == '"') {
						if (i + 1 < n && s[i + 1] == '"') {
							val[len++] = '"';
							i++;
							continue;
						}
						i++;
						break;
					}
					val[len++] = s[i];
				}
			} else {
				while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
					if (s[i] == '"') {
						fprintf(stderr, "\nCSV: quote in unquoted field, record %zu\n", r + 1);
						free(val);
						return -1;
					}
					val[len++] = s[i++];
				}
			}
			val[len] = '\0';
			size_t k = d->nfields[r]++;
			if (k < 16)
				d->field[r][k] = val;
			else
				free(val);
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n') {
				i += 2;
				break;
			}
			fprintf(stderr, "\nCSV: record %zu does not end with CRLF\n", r + 1);
			return -1;
		}
	}
	return 0;
}

/* ---- CSV --------------------------------------------------------------- */

static void test_csv_quotes_fields_rfc4180(void)
{
	analysed r = analyse_text(chain_model);
	size_t n;
	char *csv = emit(r.a, MEDSCOPE_FORMAT_CSV, MEDSCOPE_TABLE_SCOPE, MEDSCOPE_LANG_JA, 1, &n);
	CU_ASSERT_FATAL(n > 3);
	CU_ASSERT_NSTRING_EQUAL(csv, "\xEF\xBB\xBF", 3); /* BOM by default: Excel keeps 日本語 */
	/* The facility's name holds a comma, quotes and a line feed: quoted, quotes doubled. */
	CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\"みなと病院, 本院 \"\"東\"\"\n2行目\""));
	/* A leading '=' would be an Excel formula: shown as text. */
	CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")\""));
	csv_doc d;
	CU_ASSERT_EQUAL_FATAL(csv_parse(&d, csv + 3, n - 3), 0);
	/* Header + H, A, B, each with the 11 columns of the header. */
	CU_ASSERT_EQUAL(d.nrec, 4);
	for (size_t k = 0; k < d.nrec; k++)
		CU_ASSERT_EQUAL(d.nfields[k], 11);
	CU_ASSERT_STRING_EQUAL(d.field[0][1], "名称");
	/* Parties by id: A, B, H. A is direct, B supply-chain (FAQ 1 (1), (2)). */
	CU_ASSERT_STRING_EQUAL(d.field[1][0], "A");
	CU_ASSERT_STRING_EQUAL(d.field[1][3], "対象事業者");
	CU_ASSERT_PTR_NOT_NULL(strstr(d.field[1][4], "FAQ 1 (1)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.field[2][4], "FAQ 1 (2)"));
	CU_ASSERT_STRING_EQUAL(d.field[2][1], "'=HYPERLINK(\"x\")");
	CU_ASSERT_STRING_EQUAL(d.field[3][0], "H");
	CU_ASSERT_STRING_EQUAL(d.field[3][1], "みなと病院, 本院 \"東\"\n2行目");
	CU_ASSERT_STRING_EQUAL(d.field[3][3], "対象外"); /* a facility (FAQ 1.1) */
	CU_ASSERT_STRING_EQUAL(d.field[3][6], "適用");   /* bound by the MHLW guideline */
	/* Certifications (cli.md rev. 2): A and B hold ISMS with no expiry
	 * given, so valid; H holds none. */
	CU_ASSERT_STRING_EQUAL(d.field[0][7], "認証");
	CU_ASSERT_STRING_EQUAL(d.field[1][7], "ISMS");
	CU_ASSERT_STRING_EQUAL(d.field[1][8], "記載なし");
	CU_ASSERT_STRING_EQUAL(d.field[1][9], "有効");
	CU_ASSERT_STRING_EQUAL(d.field[3][7], "");
	/* Missing agreements: only H-A subcontracting for k2 (A→B). */
	CU_ASSERT_STRING_EQUAL(d.field[0][10], "欠落している合意");
	CU_ASSERT_STRING_EQUAL(d.field[1][10], "1");
	CU_ASSERT_STRING_EQUAL(d.field[2][10], "0");
	CU_ASSERT_STRING_EQUAL(d.field[3][10], "1");
	csv_free(&d);
	free(csv);
	analysed_free(&r);
}

static void test_csv_no_bom_english_header(void)
{
	analysed r = analyse_text(chain_model);
	size_t n;
	char *csv = emit(r.a, MEDSCOPE_FORMAT_CSV, MEDSCOPE_TABLE_FINDINGS, MEDSCOPE_LANG_EN, 0, &n);
	CU_ASSERT_NSTRING_EQUAL(csv, "Severity,Code,Message,Subjects,Line,Column,Citation,Suppressed by exception\r\n", 76);
	csv_doc d;
	CU_ASSERT_EQUAL_FATAL(csv_parse(&d, csv, n), 0);
	/* One finding: the H-A approval of the subcontract k2 (MHLW 経営管理編 遵守事項). */
	CU_ASSERT_EQUAL_FATAL(d.nrec, 2);
	CU_ASSERT_STRING_EQUAL(d.field[1][0], "error");
	CU_ASSERT_STRING_EQUAL(d.field[1][1], "missing-subcontract-approval");
	CU_ASSERT_PTR_NOT_NULL(strstr(d.field[1][6], "MHLW 経営管理編 遵守事項「"));
	csv_free(&d);
	free(csv);
	/* --table all in CSV: the parties (cli.md revision 2). */
	char *all = emit(r.a, MEDSCOPE_FORMAT_CSV, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, 0, NULL);
	CU_ASSERT_NSTRING_EQUAL(all, "ID,Name,Kind,Scope,", 19);
	free(all);
	analysed_free(&r);
}

static void test_csv_agreements_and_owners(void)
{
	analysed r = analyse_text(chain_model);
	size_t n;
	char *csv = emit(r.a, MEDSCOPE_FORMAT_CSV, MEDSCOPE_TABLE_OWNERS, MEDSCOPE_LANG_EN, 0, &n);
	csv_doc d;
	CU_ASSERT_EQUAL_FATAL(csv_parse(&d, csv, n), 0);
	/* ehr, iaas, plat served to H; A owns all three, iaas by selected-by-prime via k1 → k2. */
	CU_ASSERT_EQUAL_FATAL(d.nrec, 4);
	CU_ASSERT_STRING_EQUAL(d.field[2][0], "iaas");
	CU_ASSERT_STRING_EQUAL(d.field[2][2], "IaaS");
	CU_ASSERT_STRING_EQUAL(d.field[2][3], "H");
	CU_ASSERT_STRING_EQUAL(d.field[2][4], "みなと病院, 本院 \"東\"\n2行目");
	CU_ASSERT_STRING_EQUAL(d.field[2][5], "A");
	CU_ASSERT_PTR_NOT_NULL(strstr(d.field[2][7], "[selected-by-prime]"));
	CU_ASSERT_STRING_EQUAL(d.field[2][9], "k1 → k2");
	csv_free(&d);
	free(csv);
	csv = emit(r.a, MEDSCOPE_FORMAT_CSV, MEDSCOPE_TABLE_AGREEMENTS, MEDSCOPE_LANG_JA, 0, &n);
	CU_ASSERT_EQUAL_FATAL(csv_parse(&d, csv, n), 0);
	int missing = 0, present = 0;
	for (size_t k = 1; k < d.nrec; k++) {
		CU_ASSERT_EQUAL(d.nfields[k], 12);
		/* No English topic code in a Japanese table. */
		CU_ASSERT_PTR_NULL(strstr(d.field[k][0], "demarcation"));
		if (strcmp(d.field[k][3], "欠落") == 0) {
			missing++;
			CU_ASSERT_STRING_EQUAL(d.field[k][0], "再委託の承認");
			CU_ASSERT_STRING_EQUAL(d.field[k][5], "missing-subcontract-approval");
			CU_ASSERT_STRING_EQUAL(d.field[k][4], "エラー");
			CU_ASSERT_STRING_EQUAL(d.field[k][6], ""); /* no agreement */
			CU_ASSERT_STRING_EQUAL(d.field[k][10], "k2");
		} else {
			/* The status alone in its cell, the agreement in the next ones. */
			CU_ASSERT_STRING_EQUAL(d.field[k][3], "合意あり");
			CU_ASSERT(strcmp(d.field[k][6], "g1") == 0 || strcmp(d.field[k][6], "g2") == 0);
			present++;
		}
	}
	CU_ASSERT_EQUAL(missing, 1);
	CU_ASSERT_EQUAL(present, 4);
	csv_free(&d);
	free(csv);
	analysed_free(&r);
}

/* Every example, every table, both languages: parses, one record per row. */
static void test_csv_every_example_parses(void)
{
	static const medscope_table tables[] = {MEDSCOPE_TABLE_SCOPE, MEDSCOPE_TABLE_OWNERS,
	                                        MEDSCOPE_TABLE_AGREEMENTS, MEDSCOPE_TABLE_FINDINGS};
	DIR *dir = opendir(ms_test_path("examples"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	struct dirent *e;
	int models = 0;
	while ((e = readdir(dir))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		char rel[300];
		snprintf(rel, sizeof(rel), "examples/%s", e->d_name);
		medscope_model *m = ms_test_load_file(rel, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		medscope_analysis *a = NULL;
		CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
		models++;
		for (size_t t = 0; t < 4; t++) {
			for (int lang = 0; lang < 2; lang++) {
				size_t n, ncols;
				char *csv = emit(a, MEDSCOPE_FORMAT_CSV, tables[t], (medscope_lang)lang, 1, &n);
				ms_report_header(tables[t], (medscope_lang)lang, &ncols);
				csv_doc d;
				int ok = n > 3 && csv_parse(&d, csv + 3, n - 3) == 0;
				CU_ASSERT(ok);
				if (!ok) {
					fprintf(stderr, "  in %s, table %zu\n", rel, t);
					free(csv);
					continue;
				}
				CU_ASSERT_EQUAL(d.nrec, ms_report_count(a, tables[t]) + 1);
				for (size_t k = 0; k < d.nrec; k++)
					CU_ASSERT_EQUAL(d.nfields[k], ncols);
				csv_free(&d);
				free(csv);
			}
		}
		medscope_analysis_free(a);
		medscope_model_free(m);
	}
	closedir(dir);
	CU_ASSERT(models >= 16);
}

/* ---- Markdown ---------------------------------------------------------- */

/* Cells of a Markdown table row: '|' not preceded by a backslash. */
static size_t md_cells(const char *line, size_t len)
{
	size_t bars = 0;
	for (size_t i = 0; i < len; i++)
		if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			bars++;
	return bars ? bars - 1 : 0;
}

/* Every table row has as many cells as its header row; returns the number
 * of tables seen, -1 on a ragged table. */
static int md_tables(const char *md)
{
	int tables = 0;
	size_t want = 0;
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len && line[0] == '|') {
			size_t cells = md_cells(line, len);
			if (want == 0) {
				want = cells;
				tables++;
			} else if (cells != want) {
				fprintf(stderr, "\nMarkdown row with %zu cells, header has %zu: %.*s\n", cells,
				        want, (int)len, line);
				return -1;
			}
		} else {
			want = 0;
		}
		line = nl ? nl + 1 : line + len;
	}
	return tables;
}

static void test_md_escapes_cells(void)
{
	analysed r = analyse_text(chain_model);
	char *md = emit(r.a, MEDSCOPE_FORMAT_MARKDOWN, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_JA, 1, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "# 契約書別紙"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "**基準日:** 2026-11-01"));
	/* A's name: | * _ ` < > \ [ ] escaped; H's line feed a <br> inside its cell. */
	CU_ASSERT_PTR_NOT_NULL(
		strstr(md, "A社 \\| \\*強調\\* \\_下線\\_ \\`code\\` &lt;b&gt; \\\\ \\[x\\]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "みなと病院, 本院 \"東\"<br>2行目"));
	CU_ASSERT_PTR_NULL(strstr(md, "<b>"));
	/* Scope, owners, the facility's 責任分界表, agreements, findings: five
	 * tables, none ragged. */
	CU_ASSERT_EQUAL(md_tables(md), 5);
	/* The finding with its citation: key and quoted phrase. */
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "| エラー | missing-subcontract-approval |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "MHLW 経営管理編 遵守事項「"));
	free(md);
	/* One table only; owners is the matrix and then the agreements (cli.md). */
	md = emit(r.a, MEDSCOPE_FORMAT_MARKDOWN, MEDSCOPE_TABLE_FINDINGS, MEDSCOPE_LANG_EN, 1, NULL);
	CU_ASSERT_EQUAL(md_tables(md), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Findings"));
	CU_ASSERT_PTR_NULL(strstr(md, "## Scope"));
	free(md);
	md = emit(r.a, MEDSCOPE_FORMAT_MARKDOWN, MEDSCOPE_TABLE_OWNERS, MEDSCOPE_LANG_EN, 1, NULL);
	CU_ASSERT_EQUAL(md_tables(md), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Responsibility for risk management"));
	CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Required agreements"));
	CU_ASSERT_PTR_NULL(strstr(md, "## Findings"));
	free(md);
	analysed_free(&r);
}

/* ---- SARIF ------------------------------------------------------------- */

static json_t *sarif_of(const char *xml, analysed *keep)
{
	analysed r = analyse_text(xml);
	size_t n;
	char *text = emit(r.a, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, 1, &n);
	json_error_t err;
	json_t *doc = json_loadb(text, n, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		fprintf(stderr, "\nSARIF is not JSON: %s at %d:%d\n", err.text, err.line, err.column);
	free(text);
	if (keep)
		*keep = r;
	else
		analysed_free(&r);
	return doc;
}

static void test_sarif_run_rules_results(void)
{
	analysed r;
	json_t *doc = sarif_of(chain_model, &r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(doc, "version")), "2.1.0");
	json_t *runs = json_object_get(doc, "runs");
	CU_ASSERT_EQUAL_FATAL(json_array_size(runs), 1);
	json_t *run = json_array_get(runs, 0);
	json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(driver, "name")), "medscope");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(driver, "version")),
	                       MEDSCOPE_VERSION_STRING);
	/* rules[]: every agreement and finding code of the catalog, none other. */
	json_t *rules = json_object_get(driver, "rules");
	size_t want = 0;
	for (unsigned i = 0; i < MS_RULE__COUNT; i++)
		want += ms_rules[i].kind == MS_KIND_AGREEMENT || ms_rules[i].kind == MS_KIND_FINDING;
	CU_ASSERT_EQUAL(json_array_size(rules), want);
	json_t *rule = NULL;
	size_t k;
	json_array_foreach(rules, k, rule)
		if (strcmp(json_string_value(json_object_get(rule, "id")), "missing-subcontract-approval") == 0)
			break;
	CU_ASSERT_FATAL(k < json_array_size(rules));
	CU_ASSERT_STRING_EQUAL(
		json_string_value(json_object_get(json_object_get(rule, "defaultConfiguration"), "level")),
		"error");
	CU_ASSERT_PTR_NOT_NULL(strstr(json_string_value(json_object_get(json_object_get(rule, "help"),
	                                                                  "text")),
	                              "MHLW 経営管理編 遵守事項「再委託を行う場合には"));
	/* results: the one finding, at the contract k2 (line 12, column 3). */
	json_t *results = json_object_get(run, "results");
	CU_ASSERT_EQUAL_FATAL(json_array_size(results), r.a->findings.n);
	CU_ASSERT_EQUAL_FATAL(json_array_size(results), 1);
	json_t *res = json_array_get(results, 0);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(res, "ruleId")),
	                       "missing-subcontract-approval");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(res, "ruleIndex")), (json_int_t)k);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(res, "level")), "error");
	CU_ASSERT(strlen(json_string_value(json_object_get(json_object_get(res, "message"), "text"))) > 10);
	json_t *loc = json_array_get(json_object_get(res, "locations"), 0);
	json_t *phys = json_object_get(loc, "physicalLocation");
	/* Loaded from memory as "test.xml", which is no file here: the result
	 * names the artifact by index, with no made-up uri, and the artifact
	 * says what the model was read from. */
	json_t *art_loc = json_object_get(phys, "artifactLocation");
	CU_ASSERT_PTR_NULL(json_object_get(art_loc, "uri"));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(art_loc, "index")), 0);
	json_t *art = json_array_get(json_object_get(run, "artifacts"), 0);
	CU_ASSERT_PTR_NULL(json_object_get(art, "location"));
	CU_ASSERT_PTR_NOT_NULL(strstr(
		json_string_value(json_object_get(json_object_get(art, "description"), "text")), "test.xml"));
	CU_ASSERT_STRING_EQUAL(
		json_string_value(json_object_get(json_object_get(run, "automationDetails"), "id")),
		"medscope/check/-/");
	/* helpUri: the MHLW guideline's page for the rule citing it, none for
	 * a rule citing the vendor guideline's FAQ (no public page known). */
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(rule, "helpUri")),
	                       "https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html");
	json_t *faq_rule = NULL;
	size_t j;
	json_array_foreach(rules, j, faq_rule)
		if (strcmp(json_string_value(json_object_get(faq_rule, "id")), "missing-risk-agreement") == 0)
			break;
	CU_ASSERT_FATAL(j < json_array_size(rules));
	CU_ASSERT_PTR_NULL(json_object_get(faq_rule, "helpUri"));
	json_t *region = json_object_get(phys, "region");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(region, "startLine")),
	                (json_int_t)r.a->findings.v[0].loc.line);
	CU_ASSERT(json_integer_value(json_object_get(region, "startColumn")) >= 1);
	json_t *logical = json_array_get(json_object_get(loc, "logicalLocations"), 0);
	const char *fqn = json_string_value(json_object_get(logical, "fullyQualifiedName"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(fqn);
	CU_ASSERT(strncmp(fqn, "deployment", 10) == 0);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(logical, "kind")), "element");
	const char *fp = json_string_value(
		json_object_get(json_object_get(res, "partialFingerprints"), "medscope/v1"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(strlen(fp), 16);
	CU_ASSERT_EQUAL(strspn(fp, "0123456789abcdef"), 16);
	/* The JSON report's findings[].fingerprint is the same value. */
	size_t n;
	char *text = emit(r.a, MEDSCOPE_FORMAT_JSON, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, 1, &n);
	json_t *report = json_loadb(text, n, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(report);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(
		json_array_get(json_object_get(report, "findings"), 0), "fingerprint")), fp);
	json_decref(report);
	free(text);
	json_decref(doc);
	analysed_free(&r);
}

/* Moving elements changes lines, not fingerprints (code scanning would
 * otherwise report every finding as new after an edit). */
static void test_sarif_fingerprint_ignores_lines(void)
{
	json_t *a = sarif_of(chain_model, NULL), *b = sarif_of(chain_moved, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	json_t *ra = json_object_get(json_array_get(json_object_get(a, "runs"), 0), "results");
	json_t *rb = json_object_get(json_array_get(json_object_get(b, "runs"), 0), "results");
	CU_ASSERT_EQUAL_FATAL(json_array_size(ra), 1);
	CU_ASSERT_EQUAL_FATAL(json_array_size(rb), 1);
	json_t *x = json_array_get(ra, 0), *y = json_array_get(rb, 0);
	json_t *lx = json_object_get(json_object_get(json_object_get(json_array_get(
		json_object_get(x, "locations"), 0), "physicalLocation"), "region"), "startLine");
	json_t *ly = json_object_get(json_object_get(json_object_get(json_array_get(
		json_object_get(y, "locations"), 0), "physicalLocation"), "region"), "startLine");
	CU_ASSERT_NOT_EQUAL(json_integer_value(lx), json_integer_value(ly));
	CU_ASSERT_STRING_EQUAL(
		json_string_value(json_object_get(json_object_get(x, "partialFingerprints"), "medscope/v1")),
		json_string_value(json_object_get(json_object_get(y, "partialFingerprints"), "medscope/v1")));
	json_decref(a);
	json_decref(b);
}

/* The artifact URI of a real file is a valid uri-reference: spaces, ':'
 * and Japanese bytes percent-encoded, "./" dropped; the category in
 * automationDetails is built from it. The file is made in a scratch folder
 * that becomes the working directory, so the URI is relative. */
static void test_sarif_uri_is_encoded(void)
{
	static const char xml[] = MS_DOC("  <facility id=\"H\"/>\n");
	char cwd[4096], dir[] = MS_BINARY_DIR "/tests/sarif-uri-XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof(cwd)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_EQUAL_FATAL(chdir(dir), 0);
	FILE *f = fopen("モデル a:b.xml", "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(xml, f);
	fclose(f);
	medscope_model *m = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_model_load_file(&m, "./モデル a:b.xml", NULL, NULL), MEDSCOPE_OK);
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	char *text = emit(a, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_JA, 1, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"uri\": \"%E3%83%A2%E3%83%87%E3%83%AB%20a%3Ab.xml\""));
	CU_ASSERT_PTR_NOT_NULL(
		strstr(text, "\"id\": \"medscope/check/%E3%83%A2%E3%83%87%E3%83%AB%20a%3Ab.xml/\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"language\": \"ja-JP\""));
	free(text);
	medscope_analysis_free(a);
	medscope_model_free(m);
	CU_ASSERT_EQUAL(unlink("モデル a:b.xml"), 0);
	CU_ASSERT_EQUAL(chdir(cwd), 0);
	CU_ASSERT_EQUAL(rmdir(dir), 0);
}

static CU_TestInfo tests[] = {
	{"csv_quotes_fields_rfc4180", test_csv_quotes_fields_rfc4180},
	{"csv_no_bom_english_header", test_csv_no_bom_english_header},
	{"csv_agreements_and_owners", test_csv_agreements_and_owners},
	{"csv_every_example_parses", test_csv_every_example_parses},
	{"md_escapes_cells", test_md_escapes_cells},
	{"sarif_run_rules_results", test_sarif_run_rules_results},
	{"sarif_fingerprint_ignores_lines", test_sarif_fingerprint_ignores_lines},
	{"sarif_uri_is_encoded", test_sarif_uri_is_encoded},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_emit_report = {"emit_report", NULL, NULL, NULL, NULL, tests};
