/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The medscope-report/1 JSON document (cli.md, fixed shape), parsed back
 * with jansson. The expected values are derived by hand from rules.md for a
 * small model: the facility H contracts A (k1) for an EHR; A runs it on its
 * platform, on IaaS from B that A selected (k2); Z has nothing to do with it.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "emit/jsonw.h"
#include "helpers.h"

/* Line numbers: MS_DOC puts the first body line on line 3. */
static const char chain_model[] = MS_DOC(
	"  <facility id=\"H\" name=\"みなと病院\"/>\n"                                         /* 3 */
	"  <vendor id=\"A\" name=\"A社\"><certification scheme=\"isms\"/></vendor>\n"          /* 4 */
	"  <vendor id=\"B\" name=\"B社 &quot;IaaS&quot; \\ 東\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"Z\" name=\"Z社\"/>\n"                                                  /* 6 */
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\">\n"
	"    <runs-on ref=\"plat\"/>\n"
	"  </system>\n"
	"  <system id=\"plat\" provider=\"A\" layer=\"paas\" data-region=\"jp\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"            /* 11 */
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service maintenance\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\"/>\n"
	"  <agreement id=\"g2\" parties=\"A B\" topics=\"demarcation change-notification\"/>\n");

/* Emit `a` as `format` into a malloc'd string (*len bytes). */
static char *emit_to_string(const medscope_analysis *a, medscope_format format,
                            const medscope_emit_options *eo, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		return NULL;
	medscope_status s = medscope_emit(f, a, format, eo);
	fclose(f);
	CU_ASSERT_EQUAL(s, MEDSCOPE_OK);
	if (len)
		*len = n;
	return buf;
}

/* Analyse `xml` and return its JSON report, parsed. */
static json_t *report(const char *xml, medscope_table table, medscope_lang lang, char **text)
{
	medscope_model *m = ms_test_load(xml, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.table = table;
	eo.lang = lang;
	size_t len = 0;
	char *buf = emit_to_string(a, MEDSCOPE_FORMAT_JSON, &eo, &len);
	medscope_analysis_free(a);
	medscope_model_free(m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	json_error_t err;
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		fprintf(stderr, "\nJSON does not parse: %s at %d:%d\n", err.text, err.line, err.column);
	if (text)
		*text = buf;
	else
		free(buf);
	return doc;
}

/* The object keys of `o`, in order, space-separated. */
static const char *keys_of(json_t *o)
{
	static char buf[512];
	buf[0] = '\0';
	for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, json_object_iter_key(it));
	}
	return buf;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(not a string)";
}

/* The array element whose `key` is `value`, or NULL. */
static json_t *find(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
	{
		if (strcmp(str(e, key), value) == 0)
			return e;
	}
	return NULL;
}

/* True when the JSON array of strings `arr` holds `s`. */
static int has(json_t *arr, const char *s)
{
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
	{
		if (json_is_string(e) && strcmp(json_string_value(e), s) == 0)
			return 1;
	}
	return 0;
}

static void test_top_level_shape(void)
{
	json_t *doc = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(keys_of(doc), "format model parties systems agreements matrix findings summary");
	CU_ASSERT_STRING_EQUAL(str(doc, "format"), "medscope-report/1");
	json_t *model = json_object_get(doc, "model");
	CU_ASSERT_STRING_EQUAL(keys_of(model), "file name as_of as_of_source");
	CU_ASSERT_STRING_EQUAL(str(model, "file"), "test.xml");
	CU_ASSERT_STRING_EQUAL(str(model, "name"), "test");
	CU_ASSERT_STRING_EQUAL(str(model, "as_of"), "2026-11-01");
	CU_ASSERT_STRING_EQUAL(str(model, "as_of_source"), "model");
	json_t *sum = json_object_get(doc, "summary");
	CU_ASSERT_STRING_EQUAL(keys_of(sum), "errors warnings notes");
	/* Only the subcontracting approval for k2 is missing (see below). */
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(sum, "errors")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(sum, "warnings")), 0);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(sum, "notes")), 0);
	json_decref(doc);
}

/* rules.md §1: A supplies the prime contract k1 (direct); B provides iaas,
 * in the runs-on supply of ehr (supply-chain); H is a facility; Z has no
 * relation. Sorted by id: A B H Z. */
static void test_parties(void)
{
	json_t *doc = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *parties = json_object_get(doc, "parties");
	CU_ASSERT_EQUAL_FATAL(json_array_size(parties), 4);
	static const char *const order[] = {"A", "B", "H", "Z"};
	for (size_t i = 0; i < 4; i++) {
		json_t *p = json_array_get(parties, i);
		CU_ASSERT_STRING_EQUAL(str(p, "id"), order[i]);
		CU_ASSERT_STRING_EQUAL(keys_of(p), "id kind name mhlw in_scope category reasons certifications");
		json_t *reasons = json_object_get(p, "reasons");
		CU_ASSERT_TRUE(json_array_size(reasons) >= 1);
		size_t k;
		json_t *r;
		json_array_foreach(reasons, k, r)
		{
			CU_ASSERT_STRING_EQUAL(keys_of(r), "code cite via");
			CU_ASSERT_TRUE(json_is_array(json_object_get(r, "via")));
		}
	}
	json_t *a = json_array_get(parties, 0), *b = json_array_get(parties, 1),
	       *h = json_array_get(parties, 2), *z = json_array_get(parties, 3);
	json_t *ra = json_array_get(json_object_get(a, "reasons"), 0);

	CU_ASSERT_STRING_EQUAL(str(a, "kind"), "vendor");
	CU_ASSERT_STRING_EQUAL(str(a, "name"), "A社");
	CU_ASSERT_TRUE(json_is_false(json_object_get(a, "mhlw")));
	CU_ASSERT_TRUE(json_is_true(json_object_get(a, "in_scope")));
	CU_ASSERT_STRING_EQUAL(str(a, "category"), "direct");
	CU_ASSERT_STRING_EQUAL(str(ra, "code"), "direct-contract");
	CU_ASSERT_STRING_EQUAL(str(ra, "cite"), "FAQ 1 (1)");
	CU_ASSERT_TRUE(has(json_object_get(ra, "via"), "k1"));

	CU_ASSERT_STRING_EQUAL(str(b, "name"), "B社 \"IaaS\" \\ 東");
	CU_ASSERT_STRING_EQUAL(str(b, "category"), "supply-chain");
	CU_ASSERT_PTR_NOT_NULL(find(json_object_get(b, "reasons"), "code", "supply-chain"));

	CU_ASSERT_STRING_EQUAL(str(h, "kind"), "facility");
	CU_ASSERT_TRUE(json_is_true(json_object_get(h, "mhlw")));
	CU_ASSERT_TRUE(json_is_false(json_object_get(h, "in_scope")));
	CU_ASSERT_TRUE(json_is_null(json_object_get(h, "category")));
	json_t *rh = json_array_get(json_object_get(h, "reasons"), 0);
	CU_ASSERT_STRING_EQUAL(str(rh, "code"), "facility");
	CU_ASSERT_STRING_EQUAL(str(rh, "cite"), "FAQ 1.1");

	CU_ASSERT_TRUE(json_is_false(json_object_get(z, "in_scope")));
	CU_ASSERT_TRUE(json_is_null(json_object_get(z, "category")));
	CU_ASSERT_STRING_EQUAL(str(json_array_get(json_object_get(z, "reasons"), 0), "code"), "no-relation");
	json_decref(doc);
}

/* rules.md §2: every system is served to H; A owns ehr and plat as the
 * prime that provides them, and iaas through its selection of B (k1, k2).
 * Sorted by id: ehr iaas plat. */
static void test_systems_and_ownership(void)
{
	json_t *doc = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *systems = json_object_get(doc, "systems");
	CU_ASSERT_EQUAL_FATAL(json_array_size(systems), 3);
	static const char *const order[] = {"ehr", "iaas", "plat"};
	static const char *const basis[] = {"prime-provider", "selected-by-prime", "prime-provider"};
	static const char *const provider[] = {"A", "B", "A"};
	for (size_t i = 0; i < 3; i++) {
		json_t *s = json_array_get(systems, i);
		CU_ASSERT_STRING_EQUAL(str(s, "id"), order[i]);
		CU_ASSERT_STRING_EQUAL(keys_of(s),
		                       "id name provider layer medical relevant served ownership");
		CU_ASSERT_STRING_EQUAL(str(s, "provider"), provider[i]);
		CU_ASSERT_TRUE(json_is_true(json_object_get(s, "relevant")));
		CU_ASSERT_TRUE(json_is_true(json_object_get(s, "served")));
		/* Only ehr holds medical information; the others are relevant as its supply. */
		CU_ASSERT_EQUAL(json_is_true(json_object_get(s, "medical")), i == 0);
		json_t *own = json_object_get(s, "ownership");
		CU_ASSERT_EQUAL_FATAL(json_array_size(own), 1);
		json_t *e = json_array_get(own, 0);
		CU_ASSERT_STRING_EQUAL(keys_of(e), "facility owner basis via considered_by");
		CU_ASSERT_STRING_EQUAL(str(e, "facility"), "H");
		CU_ASSERT_STRING_EQUAL(str(e, "owner"), "A");
		CU_ASSERT_STRING_EQUAL(str(e, "basis"), basis[i]);
		CU_ASSERT_EQUAL(json_array_size(json_object_get(e, "considered_by")), 0);
		CU_ASSERT_TRUE(has(json_object_get(e, "via"), "k1"));
	}
	CU_ASSERT_STRING_EQUAL(str(json_array_get(systems, 0), "layer"), "saas");
	CU_ASSERT_STRING_EQUAL(str(json_array_get(systems, 0), "name"), "");
	/* The selection chain, in chain order. */
	json_t *via = json_object_get(json_array_get(json_object_get(json_array_get(systems, 1), "ownership"), 0), "via");
	CU_ASSERT_EQUAL(json_array_size(via), 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(via, 0)), "k1");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(via, 1)), "k2");
	json_decref(doc);
}

/* rules.md §3: H-A demarcation and risk-management (g1), A-B supplier
 * demarcation for k2 and change notification for plat -> iaas (g2) are
 * present; H-A subcontracting approval for k2 is missing. */
static void test_agreements(void)
{
	json_t *doc = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *ag = json_object_get(doc, "agreements");
	CU_ASSERT_EQUAL(json_array_size(ag), 5);
	size_t i;
	json_t *e;
	json_array_foreach(ag, i, e)
	{
		CU_ASSERT_TRUE(json_is_array(json_object_get(e, "parties")));
		CU_ASSERT_TRUE(json_is_array(json_object_get(e, "systems")));
		CU_ASSERT_TRUE(json_is_string(json_object_get(e, "topic")));
		CU_ASSERT_TRUE(json_is_string(json_object_get(e, "severity")));
		CU_ASSERT_TRUE(json_is_object(e) && json_object_get(e, "satisfied_by") != NULL);
		/* Keys of cli.md in order; via only when a contract is behind it. */
		const char *k = keys_of(e);
		CU_ASSERT_TRUE(strcmp(k, "code parties topic systems status satisfied_by severity") == 0 ||
		               strcmp(k, "code parties topic systems status satisfied_by via severity") == 0);
	}
	json_t *dem = find(ag, "code", "missing-demarcation");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dem);
	CU_ASSERT_STRING_EQUAL(str(dem, "topic"), "demarcation");
	CU_ASSERT_STRING_EQUAL(str(dem, "status"), "present");
	CU_ASSERT_STRING_EQUAL(str(dem, "satisfied_by"), "g1");
	CU_ASSERT_STRING_EQUAL(str(dem, "severity"), "error");
	json_t *dp = json_object_get(dem, "parties");
	CU_ASSERT_EQUAL(json_array_size(dp), 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(dp, 0)), "A"); /* sorted */
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(dp, 1)), "H");

	json_t *risk = find(ag, "code", "missing-risk-agreement");
	CU_ASSERT_PTR_NOT_NULL_FATAL(risk);
	CU_ASSERT_STRING_EQUAL(str(risk, "satisfied_by"), "g1");

	json_t *sub = find(ag, "code", "missing-subcontract-approval");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
	CU_ASSERT_STRING_EQUAL(str(sub, "topic"), "subcontracting");
	CU_ASSERT_STRING_EQUAL(str(sub, "status"), "missing");
	CU_ASSERT_TRUE(json_is_null(json_object_get(sub, "satisfied_by")));
	CU_ASSERT_STRING_EQUAL(str(sub, "severity"), "error");
	CU_ASSERT_TRUE(has(json_object_get(sub, "parties"), "A") && has(json_object_get(sub, "parties"), "H"));
	CU_ASSERT_TRUE(has(json_object_get(sub, "systems"), "iaas"));
	CU_ASSERT_TRUE(has(json_object_get(sub, "via"), "k2"));

	json_t *sup = find(ag, "code", "missing-supplier-agreement");
	CU_ASSERT_PTR_NOT_NULL_FATAL(sup);
	CU_ASSERT_STRING_EQUAL(str(sup, "status"), "present");
	CU_ASSERT_STRING_EQUAL(str(sup, "satisfied_by"), "g2");
	CU_ASSERT_STRING_EQUAL(str(sup, "severity"), "warning");
	CU_ASSERT_TRUE(has(json_object_get(sup, "parties"), "A") && has(json_object_get(sup, "parties"), "B"));

	json_t *chg = find(ag, "code", "missing-change-notification");
	CU_ASSERT_PTR_NOT_NULL_FATAL(chg);
	CU_ASSERT_STRING_EQUAL(str(chg, "topic"), "change-notification");
	CU_ASSERT_STRING_EQUAL(str(chg, "satisfied_by"), "g2");
	json_decref(doc);
}

/* The missing requirement is also a finding, with the same code (cli.md). */
static void test_findings(void)
{
	json_t *doc = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *fs = json_object_get(doc, "findings");
	CU_ASSERT_EQUAL_FATAL(json_array_size(fs), 1);
	json_t *f = json_array_get(fs, 0);
	CU_ASSERT_STRING_EQUAL(keys_of(f),
	                       "code severity message subjects file line column cite fingerprint");
	CU_ASSERT_EQUAL(strlen(str(f, "fingerprint")), 16);
	CU_ASSERT_EQUAL(strspn(str(f, "fingerprint"), "0123456789abcdef"), 16);
	CU_ASSERT_STRING_EQUAL(str(f, "code"), "missing-subcontract-approval");
	CU_ASSERT_STRING_EQUAL(str(f, "severity"), "error");
	CU_ASSERT_STRING_EQUAL(str(f, "file"), "test.xml");
	CU_ASSERT_STRING_EQUAL(str(f, "cite"), "MHLW 経営管理編 遵守事項");
	CU_ASSERT_TRUE(json_integer_value(json_object_get(f, "line")) >= 3);
	CU_ASSERT_TRUE(json_integer_value(json_object_get(f, "column")) >= 1);
	json_t *subj = json_object_get(f, "subjects");
	CU_ASSERT_TRUE(has(subj, "A") && has(subj, "H"));
	/* The catalog's English template, filled with the ids. */
	const char *msg = str(f, "message");
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "No prior approval by H"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "k2"));
	CU_ASSERT_PTR_NULL(strchr(msg, '{')); /* every placeholder filled */
	json_decref(doc);

	doc = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_JA, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	f = json_array_get(json_object_get(doc, "findings"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(str(f, "message"), "再委託"));
	CU_ASSERT_STRING_EQUAL(str(f, "severity"), "error"); /* codes stay English */
	json_decref(doc);
}

/* Japanese stays UTF-8 (readable), quotes and backslashes are escaped by
 * jansson, and the same model gives the same bytes. */
static void test_escaping_and_determinism(void)
{
	char *t1 = NULL, *t2 = NULL;
	json_t *d1 = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, &t1);
	json_t *d2 = report(chain_model, MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN, &t2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d2);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\"B社 \\\"IaaS\\\" \\\\ 東\""));
	CU_ASSERT_PTR_NULL(strstr(t1, "\\u"));
	CU_ASSERT_EQUAL(t1[0], '{');
	CU_ASSERT_EQUAL(t1[strlen(t1) - 1], '\n');
	/* Nested elements are indented to their depth: a party sits at 4 spaces. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\n  \"parties\": [\n    {\n      \"id\": \"A\",\n"));
	json_decref(d1);
	json_decref(d2);
	free(t1);
	free(t2);
}

/* One element for the writer test: every kind of value, nesting, empty
 * containers, and one string per byte 0x01..0x7f plus UTF-8 text. */
static void writer_sample(ms_js *s)
{
	ms_js_obj(s);
	ms_js_key(s, "bytes");
	ms_js_arr(s);
	for (int b = 1; b < 0x80; b++) {
		char one[4] = {'a', (char)b, 'z', 0};
		ms_js_str(s, one);
	}
	ms_js_close(s);
	ms_js_key(s, "utf8 \"キー\"");
	ms_js_str(s, "第1診療所 \\ / \t\x7f");
	ms_js_key(s, "empty");
	ms_js_arr(s);
	ms_js_close(s);
	ms_js_key(s, "nothing");
	ms_js_obj(s);
	ms_js_close(s);
	ms_js_key(s, "n");
	ms_js_arr(s);
	ms_js_int(s, 0);
	ms_js_int(s, -1);
	ms_js_int(s, (json_int_t)9007199254740993LL);
	ms_js_bool(s, 1);
	ms_js_bool(s, 0);
	ms_js_null(s);
	ms_js_str_or_null(s, NULL);
	ms_js_obj(s);
	ms_js_key(s, "deep");
	ms_js_json(s, json_pack("{s:[i,{}],s:s}", "x", 1, "y", "\n"));
	ms_js_close(s);
	ms_js_close(s);
	ms_js_close(s);
}

/* The streamed writer writes exactly what jansson dumps of the same tree,
 * at the top and nested at any indentation (the one rule for bytes that
 * skip jansson's escaping is checked here for each ASCII byte). */
static void test_writer_matches_jansson(void)
{
	for (unsigned indent = 0; indent <= 6; indent += 2) {
		ms_js b;
		ms_js_build(&b);
		writer_sample(&b);
		json_t *tree = ms_js_result(&b);
		CU_ASSERT_PTR_NOT_NULL_FATAL(tree);
		char *want = NULL, *got = NULL;
		size_t nwant = 0, ngot = 0;
		FILE *f = open_memstream(&want, &nwant);
		ms_jw w;
		ms_jw_init(&w, f);
		CU_ASSERT_EQUAL(ms_jw_dump(&w, tree, indent), MEDSCOPE_OK); /* jansson's dump */
		fclose(f);
		f = open_memstream(&got, &ngot);
		ms_jw_init(&w, f);
		ms_js *s = malloc(sizeof(*s));
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		ms_js_stream(s, &w, indent);
		writer_sample(s);
		CU_ASSERT_EQUAL(ms_js_flush(s), MEDSCOPE_OK);
		fclose(f);
		CU_ASSERT_EQUAL(ngot, nwant);
		CU_ASSERT_STRING_EQUAL(got, want);
		free(s);
		free(want);
		free(got);
	}
	/* Text that is not UTF-8 is refused, as json_string() refuses it. */
	ms_js b;
	ms_js_build(&b);
	ms_js_str(&b, "\xff");
	CU_ASSERT_PTR_NULL(ms_js_result(&b));
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	ms_jw w;
	ms_jw_init(&w, f);
	ms_js_stream(&b, &w, 0);
	ms_js_str(&b, "\xff");
	CU_ASSERT_EQUAL(ms_js_flush(&b), MEDSCOPE_ERR_NOMEM);
	fclose(f);
	free(out);
}

/* scope/owners --format json: {format, model, <that table>} only. */
static void test_table_subsets(void)
{
	static const struct {
		medscope_table table;
		const char *keys;
	} cases[] = {
		{MEDSCOPE_TABLE_SCOPE, "format model parties"},
		{MEDSCOPE_TABLE_OWNERS, "format model systems agreements"},
		{MEDSCOPE_TABLE_AGREEMENTS, "format model agreements"},
		{MEDSCOPE_TABLE_FINDINGS, "format model findings summary"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *doc = report(chain_model, cases[i].table, MEDSCOPE_LANG_EN, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
		CU_ASSERT_STRING_EQUAL(keys_of(doc), cases[i].keys);
		json_decref(doc);
	}
}

/* A lone facility: every array empty, still the full shape. */
static void test_empty_arrays(void)
{
	char *text = NULL;
	json_t *doc = report(MS_DOC("  <facility id=\"H\"/>\n"), MEDSCOPE_TABLE_ALL, MEDSCOPE_LANG_EN,
	                     &text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "parties")), 1);
	CU_ASSERT_TRUE(json_is_array(json_object_get(doc, "systems")));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "systems")), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "agreements")), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "findings")), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"systems\": [],"));
	json_decref(doc);
	free(text);
}

/* --as-of given: the report says so. */
static void test_as_of_from_option(void)
{
	medscope_model *m = ms_test_load(chain_model, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analyze_options ao = {.as_of = "2027-01-02"};
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, &ao), MEDSCOPE_OK);
	char *buf = emit_to_string(a, MEDSCOPE_FORMAT_JSON, NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"as_of\": \"2027-01-02\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"as_of_source\": \"option\""));
	free(buf);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

/* cli.md revision 2, parties[].certifications[]: valid on the as-of date
 * (2026-11-01) when valid-until is that day or later or absent (FAQ 4.2
 * asks for a valid one; the last day still is); sorted by scheme (the
 * vocabulary's order: pmark, isms, ...) then expiry, whatever the
 * document order. */
static void test_certifications(void)
{
	static const char xml[] = MS_DOC(
		"  <facility id=\"H\" name=\"H\"/>\n"
		"  <vendor id=\"A\" name=\"A\">"
		"<certification scheme=\"isms\" valid-until=\"2026-10-31\"/>"
		"<certification scheme=\"isms\" valid-until=\"2026-11-01\"/>"
		"<certification scheme=\"pmark\"/>"
		"</vendor>\n");
	json_t *doc = report(xml, MEDSCOPE_TABLE_SCOPE, MEDSCOPE_LANG_EN, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	json_t *parties = json_object_get(doc, "parties");
	json_t *a = json_array_get(parties, 0), *h = json_array_get(parties, 1);
	CU_ASSERT_STRING_EQUAL(str(a, "id"), "A");
	json_t *c = json_object_get(a, "certifications");
	CU_ASSERT_EQUAL_FATAL(json_array_size(c), 3);
	json_t *c0 = json_array_get(c, 0), *c1 = json_array_get(c, 1), *c2 = json_array_get(c, 2);
	CU_ASSERT_STRING_EQUAL(keys_of(c0), "scheme valid_until valid");
	CU_ASSERT_STRING_EQUAL(str(c0, "scheme"), "pmark");
	CU_ASSERT_TRUE(json_is_null(json_object_get(c0, "valid_until")));
	CU_ASSERT_TRUE(json_is_true(json_object_get(c0, "valid")));
	CU_ASSERT_STRING_EQUAL(str(c1, "scheme"), "isms");
	CU_ASSERT_STRING_EQUAL(str(c1, "valid_until"), "2026-10-31");
	CU_ASSERT_TRUE(json_is_false(json_object_get(c1, "valid"))); /* the day before as-of */
	CU_ASSERT_STRING_EQUAL(str(c2, "valid_until"), "2026-11-01");
	CU_ASSERT_TRUE(json_is_true(json_object_get(c2, "valid"))); /* as-of itself */
	CU_ASSERT_EQUAL(json_array_size(json_object_get(h, "certifications")), 0);
	json_decref(doc);
}

static CU_TestInfo tests[] = {
	{"top_level_shape", test_top_level_shape},
	{"parties", test_parties},
	{"certifications", test_certifications},
	{"systems_and_ownership", test_systems_and_ownership},
	{"agreements", test_agreements},
	{"findings", test_findings},
	{"escaping_and_determinism", test_escaping_and_determinism},
	{"writer_matches_jansson", test_writer_matches_jansson},
	{"table_subsets", test_table_subsets},
	{"empty_arrays", test_empty_arrays},
	{"as_of_from_option", test_as_of_from_option},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_emit_json = {"emit_json", NULL, NULL, NULL, NULL, tests};
