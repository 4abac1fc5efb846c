/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The loader's element and attribute checks are the C form of
 * models/deployment.xsd. This suite proves it: libxml2's XSD validator and
 * the loader judge the same inputs — every example, the bad-input corpus,
 * and systematic mutants of every example (each attribute removed, emptied,
 * given a bad value, plus an unknown attribute on each element) — and must
 * agree.
 *
 * The loader is allowed to be stricter only where XSD 1.0 cannot express
 * the rule or where medscope adds a policy, each named in c_only_reason().
 * It must never accept what the XSD refuses.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
#define MS_XML_ERROR const xmlError
#else
#define MS_XML_ERROR xmlError
#endif
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/model.h"

static xmlSchemaPtr schema;

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

static void quiet_structured(void *ctx, MS_XML_ERROR *e)
{
	(void)ctx, (void)e;
}

static int init(void)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(ms_test_path("models/deployment.xsd"));
	if (!pc)
		return 1;
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	return schema ? 0 : 1;
}

static int cleanup(void)
{
	xmlSchemaFree(schema);
	return 0;
}

/* 1 when libxml2 finds the text well-formed and valid against the XSD.
 * Parsed without entity substitution, DTD loading or network. */
static int xsd_valid(const char *xml, size_t len)
{
	/* xmlSetGenericErrorFunc, not initGenericErrorDefaultFunc (deprecated
	 * in libxml2 2.12); a NULL handler restores the default. */
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "mutant.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return 0;
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vc, quiet_structured, NULL);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	return rc == 0;
}

/* Why the loader may refuse what the XSD accepts, or NULL. */
static const char *c_only_reason(const medscope_diags *d)
{
	static const char *const reasons[] = {
		"runs-on cycle",             /* cycles longer than one edge: not XSD 1.0 */
		"but must name",             /* the kind of an id inside a list */
		"which is not defined",      /* libxml2 does not resolve IDREFs in lists */
		"DOCTYPE",                   /* policy: no DTDs at all */
		"UTF-8 only",                /* policy: UTF-8 input */
		"longer than",               /* resource limits */
		"more than",
		"XInclude",                  /* policy: xi:include would be dropped silently */
		"another namespace",         /* policy: our elements inside a foreign one */
		"parts cannot be read when", /* policy: <include> needs the main file's folder (memory here) */
		"is a <part> of a model",    /* policy: a part is analysed through its main file */
		"'..'",                      /* policy: no '..' in href (not an XSD 1.0 pattern) */
		NULL};
	for (size_t i = 0; i < medscope_diags_count(d); i++)
		for (const char *const *r = reasons; *r; r++)
			if (strstr(medscope_diag_message(d, i), *r))
				return *r;
	return NULL;
}

static unsigned compared, c_stricter;

static void compare(const char *what, const char *xml, size_t len)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_diags_new(&d, 100);
	medscope_model_load_memory(&m, xml, len, "mutant.xml", NULL, d);
	int loader_ok = m != NULL;
	/* A DOCTYPE is refused by policy before anything else; libxml2's XSD
	 * validator also leaks on the entity references such files carry, so
	 * it is not asked. */
	int xsd_ok = strstr(xml, "<!DOCTYPE") ? 0 : xsd_valid(xml, len);
	compared++;
	if (loader_ok != xsd_ok) {
		const char *why = loader_ok ? NULL : c_only_reason(d);
		if (why) {
			c_stricter++;
		} else {
			fprintf(stderr, "\n  %s: loader %s, XSD %s\n", what,
			        loader_ok ? "accepts" : "refuses", xsd_ok ? "accepts" : "refuses");
			for (size_t i = 0; i < medscope_diags_count(d); i++)
				fprintf(stderr, "    %u:%u: %s\n", medscope_diag_line(d, i),
				        medscope_diag_column(d, i), medscope_diag_message(d, i));
			CU_FAIL("loader and XSD disagree");
		}
	}
	medscope_model_free(m);
	medscope_diags_free(d);
}

static void compare_dir(const char *rel)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", ms_test_path(rel));
	DIR *dp = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t len;
		char *xml = ms_test_read(path, &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
		compare(e->d_name, xml, len);
		free(xml);
	}
	closedir(dp);
}

static void test_examples_and_corpus_agree(void)
{
	compare_dir("examples");
	compare_dir("examples/change");
	compare_dir("tests/bad");
}

/* Replace text[from, to) with `with`; caller frees. */
static char *splice(const char *text, size_t len, size_t from, size_t to, const char *with,
                    size_t *outlen)
{
	size_t w = strlen(with);
	char *s = malloc(len - (to - from) + w + 1);
	memcpy(s, text, from);
	memcpy(s + from, with, w);
	memcpy(s + from + w, text + to, len - to);
	*outlen = len - (to - from) + w;
	s[*outlen] = '\0';
	return s;
}

static void mutate(const char *name, const char *xml, size_t len)
{
	static const char *const values[] = {"", "zz zz", "9bad", "true", "2026-13-01", "none"};
	char what[512];
	size_t mlen;
	/* Every attribute value: `name="value"` within a start tag. */
	for (const char *q = strstr(xml, "=\""); q; q = strstr(q + 1, "=\"")) {
		const char *vstart = q + 2, *vend = strchr(vstart, '"');
		const char *astart = q;
		while (astart > xml && astart[-1] != ' ' && astart[-1] != '\n')
			astart--;
		if (!vend || astart == xml || strncmp(astart, "xmlns", 5) == 0 ||
		    strncmp(astart, "version", 7) == 0 || strncmp(astart, "encoding", 8) == 0)
			continue;
		size_t from = (size_t)(vstart - xml), to = (size_t)(vend - xml);
		for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
			char *mut = splice(xml, len, from, to, values[v], &mlen);
			snprintf(what, sizeof(what), "%s: %.*s=\"%s\"", name, (int)(q - astart), astart,
			         values[v]);
			compare(what, mut, mlen);
			free(mut);
		}
		/* The attribute removed, with its leading space. */
		char *mut = splice(xml, len, (size_t)(astart - xml) - 1, to + 1, "", &mlen);
		snprintf(what, sizeof(what), "%s: without %.*s", name, (int)(q - astart), astart);
		compare(what, mut, mlen);
		free(mut);
	}
	/* On every element: an unknown attribute (both refuse), an attribute
	 * of another namespace and the note attribute (model.md revision 2:
	 * both accept the first, and the second where it is declared), and a
	 * child element of another namespace (both accept it). */
	static const char *const added[] = {
		" bogus=\"1\"",
		" xmlns:e=\"urn:example:ext\" e:asset=\"A-12\"",
		" xml:lang=\"ja\"",
		" note=\"メモ\"",
	};
	for (const char *t = strchr(xml, '<'); t; t = strchr(t + 1, '<')) {
		if (t[1] == '?' || t[1] == '!' || t[1] == '/')
			continue;
		const char *sp = t + 1;
		while (*sp && *sp != ' ' && *sp != '>' && *sp != '/')
			sp++;
		for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
			char *mut = splice(xml, len, (size_t)(sp - xml), (size_t)(sp - xml), added[i], &mlen);
			snprintf(what, sizeof(what), "%s:%s on <%.*s>", name, added[i], (int)(sp - t - 1),
			         t + 1);
			compare(what, mut, mlen);
			free(mut);
		}
		/* A foreign first child: after the start tag, or instead of "/>". */
		const char *gt = strchr(sp, '>');
		if (!gt)
			continue;
		char *mut;
		if (gt[-1] == '/') {
			char with[256];
			snprintf(with, sizeof with, "><e:tag xmlns:e=\"urn:example:ext\">x</e:tag></%.*s>",
			         (int)(sp - t - 1), t + 1);
			mut = splice(xml, len, (size_t)(gt - 1 - xml), (size_t)(gt + 1 - xml), with, &mlen);
		} else {
			mut = splice(xml, len, (size_t)(gt + 1 - xml), (size_t)(gt + 1 - xml),
			             "<e:tag xmlns:e=\"urn:example:ext\"><e:deeper/></e:tag>", &mlen);
		}
		snprintf(what, sizeof(what), "%s: foreign child of <%.*s>", name, (int)(sp - t - 1), t + 1);
		compare(what, mut, mlen);
		free(mut);
	}
}

/* Extensions (model.md revision 2): what both accept, and where the
 * loader is stricter by policy. */
static void test_extensions_agree(void)
{
	const char *ok = MS_DOC("  <facility id=\"H\" xmlns:a=\"urn:a\" a:dept=\"総務\"><a:x><a:y/></a:x></facility>\n"
	                        "  <system id=\"s\" layer=\"saas\" note=\"本番\"/>\n"
	                        "  <risk id=\"r\" system=\"s\" owner=\"H\" treatment=\"accept\">説明"
	                        "<a:ref xmlns:a=\"urn:a\">doc</a:ref>続き</risk>\n");
	compare("extensions", ok, strlen(ok));
	CU_ASSERT_TRUE(xsd_valid(ok, strlen(ok)));
	medscope_model *m = NULL;
	CU_ASSERT_EQUAL(medscope_model_load_memory(&m, ok, strlen(ok), "x.xml", NULL, NULL), MEDSCOPE_OK);
	if (m) {
		CU_ASSERT_STRING_EQUAL(m->systems.v[0].note, "本番");
		/* The foreign element's text is not the risk's. */
		CU_ASSERT_STRING_EQUAL(m->risks.v[0].text, "説明続き");
		medscope_model_free(m);
	}
	/* Unqualified unknown attributes and no-namespace elements stay errors. */
	const char *bad = MS_DOC("  <facility id=\"H\" dept=\"x\"/>\n");
	compare("unqualified attribute", bad, strlen(bad));
	CU_ASSERT_FALSE(xsd_valid(bad, strlen(bad)));
	const char *nons = MS_DOC("  <x xmlns=\"\"/>\n");
	compare("no-namespace element", nons, strlen(nons));
	CU_ASSERT_FALSE(xsd_valid(nons, strlen(nons)));
	/* Our element inside a foreign one: the XSD (lax) accepts it, the
	 * loader refuses by policy. */
	const char *hidden = MS_DOC("  <a:x xmlns:a=\"urn:a\"><facility id=\"H\"/></a:x>\n");
	medscope_diags *d = NULL;
	medscope_diags_new(&d, 10);
	CU_ASSERT_NOT_EQUAL(medscope_model_load_memory(&m, hidden, strlen(hidden), "x.xml", NULL, d), MEDSCOPE_OK);
	CU_ASSERT_TRUE(medscope_diags_count(d) == 1 &&
	               strstr(medscope_diag_message(d, 0), "another namespace") != NULL);
	medscope_diags_free(d);
	compare("our element inside a foreign one", hidden, strlen(hidden));
}

/* Split models (model.md revision 2): <include> and <part> as the XSD
 * declares them. From memory the loader refuses every include and a part
 * as the model (listed policies); the verdicts that both must reach are
 * checked on their own: hrefs the includePath pattern refuses (absolute,
 * '\', ':' and white space at an end), include without href, attributes a
 * part does not have, include or part in the wrong place. A part read
 * through a file's include is accepted (cli.include covers the rest). */
static void test_include_part_agree(void)
{
	static const struct {
		const char *xml;
		int xsd;
	} docs[] = {
	    {MS_DOC("  <include href=\"parts/a.xml\"/>\n"), 1},
	    {MS_DOC("  <include href=\"a.xml\" xmlns:t=\"urn:t\" t:x=\"1\"><t:y/></include>\n"), 1},
	    {MS_DOC("  <include href=\"/etc/a.xml\"/>\n"), 0},
	    {MS_DOC("  <include href=\"parts\\a.xml\"/>\n"), 0},
	    {MS_DOC("  <include href=\"http://x/a.xml\"/>\n"), 0},
	    {MS_DOC("  <include href=\" a.xml\"/>\n"), 0},
	    {MS_DOC("  <include href=\"\"/>\n"), 0},
	    {MS_DOC("  <include/>\n"), 0},
	    {MS_DOC("  <include href=\"a.xml\" name=\"x\"/>\n"), 0},
	    {MS_DOC("  <system id=\"s\" layer=\"saas\"><include href=\"a.xml\"/></system>\n"), 0},
	    {MS_DOC("  <part/>\n"), 0},
	    {"<part xmlns=\"urn:medscope:deployment:1\" name=\"A\"><vendor id=\"A\"/></part>", 1},
	    {"<part xmlns=\"urn:medscope:deployment:1\" as-of=\"2026-01-01\"/>", 0},
	    {"<part xmlns=\"urn:medscope:deployment:1\"><deployment/></part>", 0},
	};
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		size_t len = strlen(docs[i].xml);
		compare(docs[i].xml, docs[i].xml, len);
		CU_ASSERT_EQUAL(xsd_valid(docs[i].xml, len), docs[i].xsd);
	}
	/* The first two, through a file: the loader accepts them too. */
	char dir[] = "/tmp/ms_schema_XXXXXX";
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	char main_path[64], part_path[64], sub[64];
	snprintf(sub, sizeof sub, "%s/parts", dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
	snprintf(main_path, sizeof main_path, "%s/main.xml", dir);
	snprintf(part_path, sizeof part_path, "%s/parts/a.xml", dir);
	FILE *f = fopen(main_path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(docs[0].xml, f);
	fclose(f);
	f = fopen(part_path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(docs[11].xml, f);
	fclose(f);
	medscope_model *m = NULL;
	CU_ASSERT_EQUAL(medscope_model_load_file(&m, main_path, NULL, NULL), MEDSCOPE_OK);
	if (m) {
		CU_ASSERT_EQUAL(m->parties.n, 1); /* the part's vendor */
		CU_ASSERT_EQUAL(m->files.n, 2);
		medscope_model_free(m);
	}
	unlink(part_path);
	rmdir(sub);
	unlink(main_path);
	rmdir(dir);
}

static void test_repeated_runs_on_refused_by_both(void)
{
	const char *xml = MS_DOC("  <system id=\"a\" layer=\"saas\"><runs-on ref=\"b\"/><runs-on ref=\"b\"/></system>\n"
	                         "  <system id=\"b\" layer=\"iaas\"/>\n");
	compare("repeated runs-on", xml, strlen(xml));
	CU_ASSERT_FALSE(xsd_valid(xml, strlen(xml)));
}

/* Editor bindings (model.md revision 2): xsi:schemaLocation or
 * xsi:noNamespaceSchemaLocation on the root and the xml-model processing
 * instruction are accepted by both; xsi:type is refused by both. */
static void test_schema_binding_agree(void)
{
	static const char *const roots[] = {
	    "xsi:schemaLocation=\"urn:medscope:deployment:1 deployment.xsd\"",
	    "xsi:noNamespaceSchemaLocation=\"deployment.xsd\"",
	};
	char xml[1024];
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		snprintf(xml, sizeof xml,
		         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		         "<?xml-model href=\"deployment.xsd\" schematypens=\"http://www.w3.org/2001/XMLSchema\"?>\n"
		         "<deployment xmlns=\"urn:medscope:deployment:1\"\n"
		         "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" %s>\n"
		         "  <facility id=\"H\"/>\n</deployment>\n",
		         roots[i]);
		compare(roots[i], xml, strlen(xml));
		CU_ASSERT_TRUE(xsd_valid(xml, strlen(xml)));
	}
	const char *typed = "<deployment xmlns=\"urn:medscope:deployment:1\"\n"
	                    "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"x\"/>\n";
	compare("xsi:type", typed, strlen(typed));
	CU_ASSERT_FALSE(xsd_valid(typed, strlen(typed)));
}

static void test_mutants_of_every_example_agree(void)
{
	const char *dirs[] = {"examples", "examples/change"};
	for (size_t k = 0; k < 2; k++) {
		DIR *dp = opendir(ms_test_path(dirs[k]));
		CU_ASSERT_PTR_NOT_NULL_FATAL(dp);
		struct dirent *e;
		while ((e = readdir(dp))) {
			size_t n = strlen(e->d_name);
			if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
				continue;
			char rel[1024];
			snprintf(rel, sizeof(rel), "%s/%s", dirs[k], e->d_name);
			size_t len;
			char *xml = ms_test_read(ms_test_path(rel), &len);
			CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
			mutate(e->d_name, xml, len);
			free(xml);
		}
		closedir(dp);
	}
	/* Enough mutants to mean something. */
	CU_ASSERT_TRUE(compared > 2000);
	fprintf(stderr, "\n  %u inputs compared; the loader was stricter on %u (documented reasons)\n",
	        compared, c_stricter);
}

static CU_TestInfo tests[] = {
	{"examples_and_corpus_agree", test_examples_and_corpus_agree},
	{"repeated_runs_on_refused_by_both", test_repeated_runs_on_refused_by_both},
	{"schema_binding_agree", test_schema_binding_agree},
	{"extensions_agree", test_extensions_agree},
	{"include_part_agree", test_include_part_agree},
	{"mutants_of_every_example_agree", test_mutants_of_every_example_agree},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_schema = {"schema", init, cleanup, NULL, NULL, tests};
