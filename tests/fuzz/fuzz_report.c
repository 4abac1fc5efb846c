/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: the whole pipeline. Bytes -> loader -> analysis -> every
 * emitter (check, scope and owners tables, JSON, SARIF, CSV, Markdown,
 * HTML) in both languages, and the DOT of every diagram view. Outputs go
 * to open_memstream buffers and are checked, not just produced:
 *
 *   - every emitter returns OK for a model the loader accepted, and every
 *     output is valid UTF-8;
 *   - JSON and SARIF parse (jansson); the report has its "format" key;
 *   - the check lines are FILE:LINE:COL: SEVERITY: MESSAGE [CODE];
 *   - CSV is RFC 4180 (quoting, CRLF, one field count per table) and no
 *     field from the model starts a formula (= + - @ TAB CR);
 *   - Markdown table rows keep their number of cells (an escaped '|' in a
 *     name does not split a cell);
 *   - HTML is well-formed XML (the page is polyglot markup) without
 *     script, iframe, object or embed elements or on* attributes;
 *   - the DOT of each view parses back with cgraph without a message.
 *
 * Layout is never run: graph layout is slow and its time is capped by a
 * budget, not by the fuzzer's timeout. The binary is linked with
 * -Wl,--wrap=medscope_graph_render, so the HTML emitter's call reaches
 * __wrap_medscope_graph_render() below, which answers layout formats (svg,
 * png, pdf) itself: with a fixed small SVG for inputs of even length (the
 * inline-diagram path) and with MEDSCOPE_ERR_RENDER for odd ones (the
 * "could not be drawn" path). "dot" goes to the real function, which
 * writes the graph with agwrite and no layout.
 */
#include <graphviz/cgraph.h>
#include <jansson.h>
#include <libxml/parser.h>

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define MS_XML_ERROR const xmlError
#else
#define MS_XML_ERROR xmlError
#endif
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz_common.h"
#include "medscope/medscope.h"

medscope_status __real_medscope_graph_render(FILE *out, const medscope_analysis *analysis,
                                             const medscope_graph_options *opts,
                                             medscope_diags *diags);
medscope_status __wrap_medscope_graph_render(FILE *out, const medscope_analysis *analysis,
                                             const medscope_graph_options *opts,
                                             medscope_diags *diags);

static size_t input_size; /* picks the stub's answer */

medscope_status __wrap_medscope_graph_render(FILE *out, const medscope_analysis *analysis,
                                             const medscope_graph_options *opts,
                                             medscope_diags *diags)
{
	if (opts && opts->format && strcmp(opts->format, "dot") == 0)
		return __real_medscope_graph_render(out, analysis, opts, diags);
	if (input_size % 2)
		return MEDSCOPE_ERR_RENDER;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
	      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10pt\" height=\"10pt\">"
	      "<g><text>stub</text></g></svg>\n",
	      out);
	return MEDSCOPE_OK;
}

typedef struct {
	char *s;
	size_t len;
} doc;

/* ---- checks ---- */

static void check_json(const doc *d, const char *what, int report)
{
	json_error_t err;
	json_t *j = json_loadb(d->s, d->len, 0, &err);
	if (!j)
		ms_fuzz_fail("%s is not JSON: %s at line %d: %.*s", what, err.text, err.line,
		             (int)(d->len > 2000 ? 2000 : d->len), d->s);
	if (report) {
		const char *f = json_string_value(json_object_get(j, "format"));
		if (!f || strcmp(f, "medscope-report/1") != 0)
			ms_fuzz_fail("%s lacks \"format\": \"medscope-report/1\"", what);
	}
	json_decref(j);
}

/* FILE:LINE:COL: SEVERITY: MESSAGE [CODE], one a line. */
static void check_lines(const doc *d)
{
	const char *p = d->s, *end = d->s + d->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			ms_fuzz_fail("check output does not end with a newline");
		unsigned line, col;
		char sev[16];
		int n = 0;
		if (strncmp(p, "fuzz.xml:", 9) != 0 ||
		    sscanf(p + 9, "%u:%u: %15[a-z]: %n", &line, &col, sev, &n) != 3 || n == 0 ||
		    (strcmp(sev, "error") && strcmp(sev, "warning") && strcmp(sev, "note")) ||
		    nl[-1] != ']' || !memchr(p, '[', (size_t)(nl - p)))
			ms_fuzz_fail("malformed check line: %.*s", (int)(nl - p), p);
		for (const char *q = p; q < nl; q++)
			if ((unsigned char)*q < 0x20)
				ms_fuzz_fail("control character in a check line: %.*s", (int)(nl - p), p);
		p = nl + 1;
	}
}

/* RFC 4180 with CRLF: quoted fields double their quotes; an unquoted field
 * has no quote, CR or LF. Every record has the header's number of fields,
 * and no field starts a spreadsheet formula. */
static void check_csv(const doc *d)
{
	const char *p = d->s, *end = d->s + d->len;
	if (d->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	long want = -1, fields = 0, records = 0;
	while (p < end) {
		int quoted = *p == '"';
		const char *start = p + quoted;
		size_t flen;
		if (quoted) {
			for (p++;; p++) {
				if (p >= end)
					ms_fuzz_fail("CSV: unterminated quoted field");
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"')
						p++;
					else
						break;
				}
			}
			flen = (size_t)(p - start);
			p++;
		} else {
			while (p < end && *p != ',' && *p != '\r' && *p != '\n') {
				if (*p == '"')
					ms_fuzz_fail("CSV: quote inside an unquoted field");
				p++;
			}
			flen = (size_t)(p - start);
		}
		if (flen && strchr("=+-@\t\r", *start))
			ms_fuzz_fail("CSV: a field starts a formula: %.*s", (int)(flen > 40 ? 40 : flen),
			             start);
		fields++;
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p + 1 >= end || p[0] != '\r' || p[1] != '\n')
			ms_fuzz_fail("CSV: record %ld does not end with CRLF", records + 1);
		p += 2;
		if (want < 0)
			want = fields;
		else if (fields != want)
			ms_fuzz_fail("CSV: record %ld has %ld fields, the header %ld", records + 1, fields,
			             want);
		records++;
		fields = 0;
	}
}

/* Cells of a Markdown table row: unescaped '|' count. */
static long md_pipes(const char *p, const char *nl)
{
	long n = 0;
	for (; p < nl; p++) {
		if (*p == '\\' && p + 1 < nl)
			p++;
		else if (*p == '|')
			n++;
	}
	return n;
}

static void check_markdown(const doc *d)
{
	const char *p = d->s, *end = d->s + d->len;
	long want = -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (*p == '|') {
			long n = md_pipes(p, nl);
			if (want < 0)
				want = n;
			else if (n != want)
				ms_fuzz_fail("Markdown: table row with %ld cell separators, header %ld: %.*s",
				             n, want, (int)(nl - p), p);
		} else {
			want = -1;
		}
		for (const char *q = p; q < nl; q++)
			if ((unsigned char)*q < 0x20 && *q != '\t')
				ms_fuzz_fail("Markdown: control character in: %.*s", (int)(nl - p), p);
		p = nl + 1;
	}
}

static void check_html_node(xmlNodePtr n)
{
	static const char *const banned[] = {"script", "iframe", "object", "embed", "frame",
	                                     "base", "link"};
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < sizeof(banned) / sizeof(*banned); i++)
			if (strcasecmp((const char *)n->name, banned[i]) == 0)
				ms_fuzz_fail("HTML: a <%s> element", n->name);
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			if (strncasecmp((const char *)a->name, "on", 2) == 0)
				ms_fuzz_fail("HTML: an event attribute %s on <%s>", a->name, n->name);
		check_html_node(n->children);
	}
}

static char html_error[512];

static void on_html_error(void *ctx, MS_XML_ERROR *e)
{
	(void)ctx;
	if (e->level >= XML_ERR_ERROR && !html_error[0])
		snprintf(html_error, sizeof(html_error), "line %d: %s", e->line,
		         e->message ? e->message : "?");
}

static void check_html(const doc *d)
{
	/* Our own handler while parsing the page: the global one aborts on
	 * any libxml2 message (fuzz_common.c). */
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	html_error[0] = '\0';
	xmlSetStructuredErrorFunc(NULL, on_html_error);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr x = ctxt ? xmlCtxtReadMemory(ctxt, d->s, (int)d->len, "report.html", "UTF-8",
	                                       XML_PARSE_NONET)
	                   : NULL;
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	if (!ctxt)
		return;
	if (!x || !ctxt->wellFormed || html_error[0])
		ms_fuzz_fail("HTML is not well-formed XML: %s", html_error);
	check_html_node(xmlDocGetRootElement(x));
	xmlFreeDoc(x);
	xmlFreeParserCtxt(ctxt);
}

static int dot_errors;

static int on_dot_error(char *msg)
{
	dot_errors++;
	fprintf(stderr, "cgraph: %s", msg);
	return 0;
}

static void check_dot(const doc *d, const char *view)
{
	dot_errors = 0;
	agusererrf previous = agseterrf(on_dot_error);
	Agraph_t *g = agmemread(d->s);
	agseterrf(previous);
	if (!g || dot_errors)
		ms_fuzz_fail("DOT of the %s view does not parse back:\n%.*s", view,
		             (int)(d->len > 4000 ? 4000 : d->len), d->s);
	agclose(g);
}

/* ---- driving ---- */

static medscope_status emit(const medscope_analysis *a, medscope_format f,
                            const medscope_emit_options *o, doc *d)
{
	d->s = NULL, d->len = 0;
	FILE *out = open_memstream(&d->s, &d->len);
	if (!out)
		return MEDSCOPE_ERR_NOMEM;
	medscope_status st = medscope_emit(out, a, f, o);
	if (fclose(out) != 0 && st == MEDSCOPE_OK)
		st = MEDSCOPE_ERR_IO;
	return st;
}

static void emit_all(const medscope_analysis *a, medscope_lang lang, medscope_table extra)
{
	static const struct {
		medscope_format f;
		const char *name;
	} formats[] = {{MEDSCOPE_FORMAT_CHECK, "check"}, {MEDSCOPE_FORMAT_SCOPE, "scope"},
	               {MEDSCOPE_FORMAT_OWNERS, "owners"}, {MEDSCOPE_FORMAT_JSON, "JSON"},
	               {MEDSCOPE_FORMAT_SARIF, "SARIF"}, {MEDSCOPE_FORMAT_CSV, "CSV"},
	               {MEDSCOPE_FORMAT_MARKDOWN, "Markdown"}, {MEDSCOPE_FORMAT_HTML, "HTML"}};
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		medscope_table tables[2] = {MEDSCOPE_TABLE_ALL, extra};
		for (int t = 0; t < 2; t++) {
			medscope_format f = formats[i].f;
			if (t && f != MEDSCOPE_FORMAT_CSV && f != MEDSCOPE_FORMAT_JSON &&
			    f != MEDSCOPE_FORMAT_MARKDOWN)
				continue;
			medscope_emit_options o;
			medscope_emit_options_init(&o);
			o.lang = lang;
			o.table = tables[t];
			o.csv_bom = t == 0;
			doc d;
			medscope_status st = emit(a, f, &o, &d);
			if (st != MEDSCOPE_OK)
				ms_fuzz_fail("the %s emitter failed: %s", formats[i].name,
				             medscope_status_message(st));
			ms_fuzz_check_utf8(d.s, d.len, formats[i].name);
			switch (f) {
			case MEDSCOPE_FORMAT_CHECK: check_lines(&d); break;
			case MEDSCOPE_FORMAT_JSON: check_json(&d, "the JSON report", t == 0); break;
			case MEDSCOPE_FORMAT_SARIF: check_json(&d, "the SARIF log", 0); break;
			case MEDSCOPE_FORMAT_CSV: check_csv(&d); break;
			case MEDSCOPE_FORMAT_MARKDOWN: check_markdown(&d); break;
			case MEDSCOPE_FORMAT_HTML: check_html(&d); break;
			default: break;
			}
			free(d.s);
		}
	}
}

static void dot_all(const medscope_analysis *a, medscope_lang lang)
{
	static const medscope_view views[] = {MEDSCOPE_VIEW_SUPPLY, MEDSCOPE_VIEW_CONTRACTS,
	                                      MEDSCOPE_VIEW_RESPONSIBILITY};
	for (size_t i = 0; i < sizeof(views) / sizeof(*views); i++) {
		medscope_graph_options go;
		medscope_graph_options_init(&go);
		go.view = views[i];
		go.format = "dot";
		go.lang = lang;
		medscope_diags *diags = NULL;
		if (medscope_diags_new(&diags, 20) != MEDSCOPE_OK)
			return;
		doc d = {NULL, 0};
		FILE *out = open_memstream(&d.s, &d.len);
		if (!out) {
			medscope_diags_free(diags);
			return;
		}
		medscope_status st = medscope_graph_render(out, a, &go, diags);
		fclose(out);
		if (st == MEDSCOPE_OK) {
			ms_fuzz_check_utf8(d.s, d.len, "the DOT");
			check_dot(&d, medscope_view_name(views[i]));
		} else if (st != MEDSCOPE_ERR_LIMIT) {
			/* Past the node budget is an answer; anything else is not. */
			ms_fuzz_fail("the DOT of the %s view failed: %s", medscope_view_name(views[i]),
			             medscope_status_message(st));
		}
		free(d.s);
		medscope_diags_free(diags);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_fuzz_init();
	input_size = size;
	medscope_diags *diags = NULL;
	medscope_model *m = NULL;
	if (medscope_diags_new(&diags, 8) != MEDSCOPE_OK)
		return 0;
	medscope_status st =
		medscope_model_load_memory(&m, (const char *)data, size, "fuzz.xml", NULL, diags);
	ms_fuzz_check_load(st, m, diags);
	medscope_diags_free(diags);
	if (!m)
		return 0;

	/* A fixed date: the same input always takes the same paths. */
	medscope_analyze_options ao = {.as_of = "2026-11-01"};
	medscope_analysis *a = NULL;
	st = medscope_analyze(&a, m, &ao);
	if (st != MEDSCOPE_OK)
		ms_fuzz_fail("analysis of an accepted model failed: %s", medscope_status_message(st));
	medscope_table extra = (medscope_table)(MEDSCOPE_TABLE_SCOPE + size % 4);
	emit_all(a, MEDSCOPE_LANG_EN, extra);
	emit_all(a, MEDSCOPE_LANG_JA, extra);
	dot_all(a, size % 3 ? MEDSCOPE_LANG_JA : MEDSCOPE_LANG_EN);
	medscope_analysis_free(a);
	medscope_model_free(m);
	return 0;
}
