/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Diagrams: the escaping function, the attribute allow-list, deterministic
 * DOT, --focus/--depth, the node budget and folding, the legend. The
 * analysis is filled in by hand here, so these tests check the drawing
 * alone (what the engine decides is tested with the engine).
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/analysis.h"
#include "graph/graph.h"
#include "helpers.h"

/* ---- a hand-made analysis ---- */

static int cmp_party(const medscope_model *m, uint32_t x, uint32_t y)
{
	return strcmp(m->parties.v[x].id, m->parties.v[y].id);
}

static int cmp_system(const medscope_model *m, uint32_t x, uint32_t y)
{
	return strcmp(m->systems.v[x].id, m->systems.v[y].id);
}

static uint32_t *id_order(const medscope_model *m, size_t n,
                          int (*cmp)(const medscope_model *, uint32_t, uint32_t))
{
	uint32_t *o = malloc((n + 1) * sizeof(*o));
	for (size_t i = 0; i < n; i++)
		o[i] = (uint32_t)i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(m, o[j - 1], o[j]) > 0; j--) {
			uint32_t t = o[j];
			o[j] = o[j - 1], o[j - 1] = t;
		}
	return o;
}

/* Facilities: out of scope (facility); vendors: direct. No ownership. */
static medscope_analysis *fake(const medscope_model *m)
{
	medscope_analysis *a = calloc(1, sizeof(*a));
	size_t P = m->parties.n, S = m->systems.n;
	a->model = m;
	strcpy(a->as_of_text, "2026-11-01");
	a->as_of_source = "model";
	a->scope = calloc(P + 1, sizeof(*a->scope));
	a->sysinfo = calloc(S + 1, sizeof(*a->sysinfo));
	a->party_order = id_order(m, P, cmp_party);
	a->system_order = id_order(m, S, cmp_system);
	CU_ASSERT_FATAL(ms_analysis_ranks(a) == 0 && ms_analysis_by_facility(a) == 0);
	for (size_t s = 0; s < S; s++)
		a->sysinfo[s].medical = (m->systems.v[s].data & MS_DATA_MEDICAL) != 0;
	for (size_t p = 0; p < P; p++) {
		ms_party_scope *sc = &a->scope[p];
		ms_reason *r = MS_VEC_PUSH(a->reasons);
		sc->reason_off = (uint32_t)(a->reasons.n - 1);
		sc->nreasons = 1;
		if (m->parties.v[p].kind == MS_PARTY_FACILITY) {
			sc->mhlw = true;
			r->rule = MS_RULE_FACILITY;
		} else {
			sc->in_scope = true;
			sc->category = MS_CAT_DIRECT;
			r->rule = MS_RULE_DIRECT_CONTRACT;
		}
	}
	return a;
}

/* Entry (system, facility) owned by `owner`; call in system-id order. */
static void own(medscope_analysis *a, const char *system, const char *facility, const char *owner,
                uint16_t basis)
{
	const medscope_model *m = a->model;
	uint32_t s = m->syms.v[ms_sym_find(m, system, strlen(system))].index;
	ms_ownership *o = MS_VEC_PUSH(a->ownership);
	o->system = s;
	o->facility = m->syms.v[ms_sym_find(m, facility, strlen(facility))].index;
	o->owner = m->syms.v[ms_sym_find(m, owner, strlen(owner))].index;
	o->basis = basis;
	if (!a->sysinfo[s].nown)
		a->sysinfo[s].own_off = (uint32_t)(a->ownership.n - 1);
	a->sysinfo[s].nown++;
	a->sysinfo[s].served = true;
	free(a->facility_off), free(a->facility_entries); /* the derived index, afresh */
	CU_ASSERT_FATAL(ms_analysis_by_facility(a) == 0);
}

static void missing(medscope_analysis *a, const char *p1, const char *p2, uint16_t topic)
{
	const medscope_model *m = a->model;
	ms_requirement *r = MS_VEC_PUSH(a->requirements);
	r->parties[0] = m->syms.v[ms_sym_find(m, p1, strlen(p1))].index;
	r->parties[1] = m->syms.v[ms_sym_find(m, p2, strlen(p2))].index;
	r->parties[2] = MS_NONE;
	r->nparties = 2;
	r->satisfied_by = r->near = MS_NONE;
	r->finding = 0;
	r->topic = topic;
	r->rule = MS_RULE_MISSING_CHANGE_NOTIFICATION;
	r->contract = MS_NONE;
}

static void fake_free(medscope_analysis *a)
{
	free(a->scope), free(a->sysinfo), free(a->party_order), free(a->system_order);
	free(a->party_rank), free(a->system_rank), free(a->facility_off), free(a->facility_entries);
	MS_VEC_FREE(a->reasons);
	MS_VEC_FREE(a->ownership);
	MS_VEC_FREE(a->requirements);
	MS_VEC_FREE(a->findings);
	MS_VEC_FREE(a->pool);
	free(a);
}

/* Render to a malloc'd string; *status receives the result. */
static char *draw(const medscope_analysis *a, medscope_graph_options *o, medscope_status *status,
                  medscope_diags **diags)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	medscope_diags *d = NULL;
	medscope_diags_new(&d, 100);
	*status = medscope_graph_render(f, a, o, d);
	fclose(f);
	if (diags)
		*diags = d;
	else
		medscope_diags_free(d);
	return text;
}

static void dot_options(medscope_graph_options *o)
{
	medscope_graph_options_init(o);
	o->format = "dot";
	o->lang = MEDSCOPE_LANG_JA;
}

/* Example 04's shape: H contracts A (EHR) and B (PACS) separately. */
#define MODEL_04                                                                               \
	MS_DOC("<vendor id=\"B\" name=\"B社 (クラウドPACS)\"/>\n"                             \
	       "<vendor id=\"A\" name=\"A社 (クラウド電子カルテ)\"/>\n"                       \
	       "<facility id=\"H\" name=\"みなと病院\"/>\n"                                   \
	       "<system id=\"pacs\" name=\"PACS\" provider=\"B\" layer=\"saas\" data=\"medical\"/>\n" \
	       "<system id=\"ehr\" name=\"電子カルテ\" provider=\"A\" layer=\"saas\" data=\"medical\">\n" \
	       "  <runs-on ref=\"a-dc\"/><connects-to ref=\"pacs\" api=\"true\"/></system>\n"    \
	       "<system id=\"a-dc\" provider=\"A\" layer=\"iaas\" data=\"medical\"/>\n"          \
	       "<contract id=\"k2\" client=\"H\" supplier=\"B\" type=\"service\" covers=\"pacs\"/>\n" \
	       "<contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service maintenance\" covers=\"ehr\"/>\n")

static medscope_analysis *analysis_04(medscope_model **m)
{
	*m = ms_test_load(MODEL_04, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*m);
	medscope_analysis *a = fake(*m);
	own(a, "a-dc", "H", "A", MS_RULE_PRIME_PROVIDER);
	own(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER);
	own(a, "pacs", "H", "B", MS_RULE_PRIME_PROVIDER);
	missing(a, "A", "B", MS_TOPIC_CHANGE_NOTIFICATION);
	return a;
}

/* ---- the escaping function ---- */

static char *esc(const char *s, unsigned max, unsigned wrap)
{
	ms_buf b = MS_BUF_INIT;
	ms_gv_text(&b, s, max, wrap);
	char *r = strdup(b.s ? b.s : "");
	ms_buf_free(&b);
	return r;
}

#define ESC_IS(in, max, wrap, want)                                                           \
	do {                                                                                   \
		char *got_ = esc(in, max, wrap);                                               \
		CU_ASSERT_STRING_EQUAL(got_, want);                                            \
		free(got_);                                                                    \
	} while (0)

static void test_escape_markup_characters(void)
{
	ESC_IS("\"q\" <script>alert(1)</script> & &amp; 'x'",
	       0, 0,
	       "&quot;q&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; &#39;x&#39;");
	/* A lone "]" is a syntax error to Graphviz's HTML lexer. */
	ESC_IS("]", 0, 0, "&#93;");
}

static void test_escape_graphviz_escapes_stay_literal(void)
{
	/* \N, \G, \L, \l and \n are escString sequences in plain labels. */
	ESC_IS("C:\\new \\N \\G \\l \\\\", 0, 0,
	       "C:&#92;&#8288;new &#92;&#8288;N &#92;&#8288;G &#92;&#8288;l &#92;&#8288;&#92;&#8288;");
}

static void test_escape_controls_become_spaces(void)
{
	ESC_IS("a\nb\tc\rd\x01" "e", 0, 0, "a b c d e");
}

static void test_escape_bidi_controls_are_shown(void)
{
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+2067 RIGHT-TO-LEFT ISOLATE */
	ESC_IS("abc\xe2\x80\xae" "def\xe2\x81\xa7", 0, 0, "abc[U+202E]def[U+2067]");
}

static void test_escape_invalid_utf8_replaced(void)
{
	/* a lone 0xff, an overlong '/', a surrogate */
	ESC_IS("a\xff" "b\xc0\xaf" "c\xed\xa0\x80", 0, 0,
	       "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_escape_shortens_long_names(void)
{
	size_t n = 20000;
	char *big = malloc(n + 1);
	memset(big, 'x', n);
	big[n] = '\0';
	char *got = esc(big, 80, 0);
	CU_ASSERT_EQUAL(strlen(got), 80 + strlen("…"));
	CU_ASSERT_STRING_EQUAL(got + 80, "…");
	free(got), free(big);
	/* Wide characters count twice. */
	ESC_IS("日本語の名前", 6, 0, "日本語…");
}

static void test_escape_wraps(void)
{
	ESC_IS("日本語日本語", 0, 6, "日本語<BR/>日本語");
	ESC_IS("alpha beta gamma", 0, 10, "alpha beta<BR/>gamma");
	/* Never a markup character split by a break. */
	ESC_IS("<<<<", 0, 2, "&lt;&lt;<BR/>&lt;&lt;");
}

/* ---- attributes ---- */

static void test_attributes_allow_list(void)
{
	Agraph_t *g = ms_gv_open("t");
	Agnode_t *n = ms_gv_node(g, "n");
	CU_ASSERT_EQUAL(ms_gv_set(n, "shape", "box"), 0);
	static const char *const refused[] = {"URL", "href", "image", "shapefile", "fontpath",
	                                      "imagepath", "tooltip", "id", "label"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CU_ASSERT_EQUAL(ms_gv_set(n, refused[i], "javascript:alert(1)"), -1);
	CU_ASSERT_EQUAL(ms_gv_set_html(n, "URL", "<B>x</B>"), -1);
	static char url[] = "URL";
	CU_ASSERT_PTR_NULL(agget(n, url));
	agclose(g);
}

static void test_subgraphs_written_in_creation_order(void)
{
	/* cgraph's default ids order subgraphs by string address; ours by
	 * creation. Interleave allocations to move addresses around. */
	Agraph_t *g = ms_gv_open("t");
	const char *names[] = {"cluster_z", "cluster_a", "cluster_m"};
	void *junk[3];
	for (int i = 0; i < 3; i++) {
		junk[i] = malloc(24 + 8 * (size_t)i);
		ms_gv_node(ms_gv_subgraph(g, names[i]), names[i] + 8);
		free(junk[i]);
	}
	int i = 0;
	for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s), i++)
		CU_ASSERT_STRING_EQUAL(agnameof(s), names[i]);
	CU_ASSERT_EQUAL(i, 3);
	agclose(g);
}

/* ---- views ---- */

static void test_dot_is_deterministic_and_sorted(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	medscope_status s1, s2;
	char *d1 = draw(a, &o, &s1, NULL), *d2 = draw(a, &o, &s2, NULL);
	CU_ASSERT_EQUAL(s1, MEDSCOPE_OK);
	CU_ASSERT_EQUAL(s2, MEDSCOPE_OK);
	CU_ASSERT_STRING_EQUAL(d1, d2);
	/* Clusters by id although the model lists B, A, H. */
	char *ca = strstr(d1, "subgraph cluster_A"), *cb = strstr(d1, "subgraph cluster_B");
	char *ch = strstr(d1, "subgraph cluster_H");
	CU_ASSERT(ca && cb && ch && ca < cb && cb < ch);
	/* k1 before k2 although the model lists k2 first. */
	char *k1 = strstr(d1, "k1: "), *k2 = strstr(d1, "k2: ");
	CU_ASSERT(k1 && k2 && k1 < k2);
	/* The owner on each served system; the missing agreement in red. */
	CU_ASSERT_PTR_NOT_NULL(strstr(d1, "RM: A社"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d1, "RM: B社"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d1, "合意なし:</TD></TR><TR><TD>変更通知"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d1, "#d32f2f"));
	/* API connection labelled; in-scope mark on the vendors. */
	CU_ASSERT_PTR_NOT_NULL(strstr(d1, ">API<"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d1, "対象事業者: 直接の契約等"));
	free(d1), free(d2);
	fake_free(a);
	medscope_model_free(m);
}

static void test_legend_shows_only_used_styles(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	char *legend = strstr(d, "cluster_~legend");
	CU_ASSERT_PTR_NOT_NULL_FATAL(legend);
	CU_ASSERT_PTR_NOT_NULL(strstr(legend, "SaaS"));
	CU_ASSERT_PTR_NOT_NULL(strstr(legend, "IaaS"));
	CU_ASSERT_PTR_NOT_NULL(strstr(legend, "API 連携"));
	CU_ASSERT_PTR_NOT_NULL(strstr(legend, "必要な合意が無い"));
	/* no PaaS, no device, no data flow, no out-of-scope party here */
	CU_ASSERT_PTR_NULL(strstr(legend, "PaaS"));
	CU_ASSERT_PTR_NULL(strstr(legend, "医療機器等"));
	CU_ASSERT_PTR_NULL(strstr(legend, "データの流れ"));
	CU_ASSERT_PTR_NULL(strstr(legend, "対象外"));
	free(d);
	fake_free(a);
	medscope_model_free(m);
}

static void test_hostile_names_are_escaped(void)
{
	medscope_model *m = ms_test_load(MS_DOC("<facility id=\"H\"/>\n<vendor id=\"A\"/>\n"
	                                        "<system id=\"s\" provider=\"A\" layer=\"saas\"/>\n"),
	                                 NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	/* Set directly: this tests the drawing, whatever the loader does. */
	char *huge = malloc(20001);
	memset(huge, 'W', 20000);
	huge[20000] = '\0';
	m->parties.v[0].name = "\"H\" \\N <script>alert(1)</script> &amp; \xe2\x80\xae" "evil \\G";
	m->parties.v[1].name = "A\\\"]; node [URL=\"javascript:x\"]";
	m->systems.v[0].name = "</FONT><BR/>";
	m->name = huge;
	medscope_analysis *a = fake(m);
	medscope_graph_options o;
	dot_options(&o);
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	CU_ASSERT_PTR_NULL(strstr(d, "<script"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "&quot;H&quot; &#92;&#8288;N &lt;script&gt;alert(1)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "&amp;amp;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "[U+202E]evil"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "&lt;/FONT&gt;&lt;BR/&gt;"));
	/* The vendor's name is text, not an attribute. */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "A&#92;&#8288;&quot;&#93;; node"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "[URL=&quot;javascript:x&quot;&#93;"));
	CU_ASSERT_PTR_NULL(strstr(d, "URL=\""));
	CU_ASSERT_PTR_NULL(strstr(d, "URL=javascript"));
	/* The 20,000-character title is shortened; DOT readers refuse quoted
	 * strings of 16 KiB (scale-and-bad-inputs.md §4 row 11). */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "WWW…"));
	CU_ASSERT(strlen(d) < 16000);
	free(d);
	/* And it lays out and renders without a Graphviz message. */
	o.format = "svg";
	medscope_diags *diags;
	d = draw(a, &o, &st, &diags);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	CU_ASSERT_EQUAL(medscope_diags_count(diags), 0);
	CU_ASSERT_PTR_NULL(strstr(d, "<script"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "&lt;script&gt;"));
	CU_ASSERT_PTR_NULL(strstr(d, "xlink:href"));
	/* \N and \G drawn as written (with an invisible joiner), not as the
	 * node's or the cluster's name. */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\\\xe2\x81\xa0N &lt;script&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "evil \\\xe2\x81\xa0G"));
	medscope_diags_free(diags);
	free(d);
	fake_free(a);
	medscope_model_free(m);
	free(huge);
}

static void test_unknown_focus_is_a_usage_error(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	o.focus = "nope";
	medscope_status st;
	medscope_diags *d;
	free(draw(a, &o, &st, &d));
	CU_ASSERT_EQUAL(st, MEDSCOPE_ERR_USAGE);
	CU_ASSERT(ms_test_has_diag(d, 0, 0, "nope"));
	medscope_diags_free(d);
	o.focus = "k1"; /* a contract: not a party or system */
	free(draw(a, &o, &st, &d));
	CU_ASSERT_EQUAL(st, MEDSCOPE_ERR_USAGE);
	medscope_diags_free(d);
	fake_free(a);
	medscope_model_free(m);
}

static void test_focus_keeps_what_is_near(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	/* From pacs, one hop: its provider B, the facility it is served to
	 * and its contract's client H, and ehr (connects-to); ehr brings A.
	 * a-dc is two hops away. */
	o.focus = "pacs";
	o.depth = 1;
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "subgraph cluster_B"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "subgraph cluster_H"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\tehr\t["));
	CU_ASSERT_PTR_NULL(strstr(d, "a-dc"));
	free(d);
	o.depth = 2;
	d = draw(a, &o, &st, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "a-dc"));
	free(d);
	o.depth = 0;
	d = draw(a, &o, &st, NULL);
	CU_ASSERT_PTR_NULL(strstr(d, "subgraph cluster_H"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "subgraph cluster_B")); /* the provider comes along */
	free(d);
	fake_free(a);
	medscope_model_free(m);
}

#define MODEL_CLINICS                                                                          \
	MS_DOC("<vendor id=\"V\" name=\"V社\"/>\n"                                             \
	       "<system id=\"ehr\" provider=\"V\" layer=\"saas\" data=\"medical\"/>\n"          \
	       "<facility id=\"C1\" type=\"clinic\"/><facility id=\"C2\" type=\"clinic\"/>\n"    \
	       "<facility id=\"C3\" type=\"clinic\"/><facility id=\"C4\" type=\"clinic\"/>\n"    \
	       "<facility id=\"C5\" type=\"clinic\"/><facility id=\"P1\" type=\"pharmacy\"/>\n" \
	       "<contract id=\"k1\" client=\"C1\" supplier=\"V\" type=\"service\" covers=\"ehr\"/>\n" \
	       "<contract id=\"k2\" client=\"C2\" supplier=\"V\" type=\"service\" covers=\"ehr\"/>\n" \
	       "<contract id=\"k3\" client=\"C3\" supplier=\"V\" type=\"service\" covers=\"ehr\"/>\n" \
	       "<contract id=\"k4\" client=\"C4\" supplier=\"V\" type=\"service\" covers=\"ehr\"/>\n" \
	       "<contract id=\"k5\" client=\"C5\" supplier=\"V\" type=\"service\" covers=\"ehr\"/>\n" \
	       "<contract id=\"k6\" client=\"P1\" supplier=\"V\" type=\"service\" covers=\"ehr\"/>\n")

static void test_budget_folds_alike_facilities(void)
{
	medscope_model *m = ms_test_load(MODEL_CLINICS, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = fake(m);
	medscope_graph_options o;
	dot_options(&o);
	o.max_nodes = 5; /* 8 nodes unfolded: V, ehr, 6 facilities */
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	/* Five clinics with the same links become one node; the lone pharmacy
	 * stays itself. The group's contracts merge into one counted edge. */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "診療所 ×5"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "subgraph cluster_P1"));
	CU_ASSERT_PTR_NULL(strstr(d, "subgraph cluster_C2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "5 件の契約"));
	free(d);
	/* Below what folding can reach: refused, with the --focus hint. */
	o.max_nodes = 3;
	medscope_diags *diags;
	free(draw(a, &o, &st, &diags));
	CU_ASSERT_EQUAL(st, MEDSCOPE_ERR_LIMIT);
	CU_ASSERT(ms_test_has_diag(diags, 0, 0, "--focus"));
	medscope_diags_free(diags);
	fake_free(a);
	medscope_model_free(m);
}

static void test_responsibility_groups_by_owner(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	o.view = MEDSCOPE_VIEW_RESPONSIBILITY;
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	char *fa = strstr(d, "subgraph \"cluster_H/A\""), *fb = strstr(d, "subgraph \"cluster_H/B\"");
	CU_ASSERT(fa && fb && fa < fb);
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"H/pacs\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"H/ehr\" -> \"H/a-dc\""));
	free(d);
	fake_free(a);
	medscope_model_free(m);
}

static void test_contracts_view_draws_parties_and_contracts(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	o.view = MEDSCOPE_VIEW_CONTRACTS;
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	/* A labelled edge runs through its label's node: H -> k1 -> A. */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "H -> \"~label-1\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"~label-1\" -> A"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "\"~label-2\" -> B"));
	char *k1 = strstr(d, "\"~label-1\"\t[");
	CU_ASSERT(k1 && strstr(k1, "k1: ") && strstr(k1, "k1: ") < strstr(k1, "];"));
	CU_ASSERT_PTR_NULL(strstr(d, "subgraph cluster_A"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "合意なし:</TD></TR><TR><TD>変更通知"));
	free(d);
	fake_free(a);
	medscope_model_free(m);
}

static void test_contracts_view_hub_for_three_parties(void)
{
	medscope_model *m = ms_test_load(
		MS_DOC("<facility id=\"H\"/><vendor id=\"A\"/><vendor id=\"B\"/>\n"
		       "<agreement id=\"g1\" parties=\"H A B\" topics=\"integration demarcation\"/>\n"
		       "<agreement id=\"g2\" parties=\"H A\" topics=\"risk-management\"/>\n"),
		NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = fake(m);
	medscope_graph_options o;
	dot_options(&o);
	o.view = MEDSCOPE_VIEW_CONTRACTS;
	medscope_status st;
	char *d = draw(a, &o, &st, NULL);
	CU_ASSERT_EQUAL(st, MEDSCOPE_OK);
	/* g1 (three parties): a diamond with its topics and an edge to each;
	 * g2 (two): one edge, labelled. */
	char *hub = strstr(d, "\"~agreement-0\"\t[");
	CU_ASSERT_PTR_NOT_NULL_FATAL(hub);
	CU_ASSERT(strstr(hub, "責任分界・連携部分") && strstr(hub, "責任分界・連携部分") < strstr(hub, "];"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "H -> \"~agreement-0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "A -> \"~agreement-0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "B -> \"~agreement-0\""));
	CU_ASSERT_PTR_NULL(strstr(d, "~agreement-1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "g2:"));
	free(d);
	fake_free(a);
	medscope_model_free(m);
}

static void test_bad_format_is_a_usage_error(void)
{
	medscope_model *m;
	medscope_analysis *a = analysis_04(&m);
	medscope_graph_options o;
	dot_options(&o);
	o.format = "gif";
	medscope_status st;
	free(draw(a, &o, &st, NULL));
	CU_ASSERT_EQUAL(st, MEDSCOPE_ERR_USAGE);
	CU_ASSERT_STRING_EQUAL(medscope_graph_format_for_path("out/x.SVG"), "svg");
	CU_ASSERT_STRING_EQUAL(medscope_graph_format_for_path("x.gv"), "dot");
	CU_ASSERT_PTR_NULL(medscope_graph_format_for_path("x.gif"));
	CU_ASSERT_PTR_NULL(medscope_graph_format_for_path("dir.svg/x"));
	fake_free(a);
	medscope_model_free(m);
}

static CU_TestInfo tests[] = {
	{"escape_markup_characters", test_escape_markup_characters},
	{"escape_graphviz_escapes_stay_literal", test_escape_graphviz_escapes_stay_literal},
	{"escape_controls_become_spaces", test_escape_controls_become_spaces},
	{"escape_bidi_controls_are_shown", test_escape_bidi_controls_are_shown},
	{"escape_invalid_utf8_replaced", test_escape_invalid_utf8_replaced},
	{"escape_shortens_long_names", test_escape_shortens_long_names},
	{"escape_wraps", test_escape_wraps},
	{"attributes_allow_list", test_attributes_allow_list},
	{"subgraphs_written_in_creation_order", test_subgraphs_written_in_creation_order},
	{"dot_is_deterministic_and_sorted", test_dot_is_deterministic_and_sorted},
	{"legend_shows_only_used_styles", test_legend_shows_only_used_styles},
	{"hostile_names_are_escaped", test_hostile_names_are_escaped},
	{"unknown_focus_is_a_usage_error", test_unknown_focus_is_a_usage_error},
	{"focus_keeps_what_is_near", test_focus_keeps_what_is_near},
	{"budget_folds_alike_facilities", test_budget_folds_alike_facilities},
	{"responsibility_groups_by_owner", test_responsibility_groups_by_owner},
	{"contracts_view_draws_parties_and_contracts", test_contracts_view_draws_parties_and_contracts},
	{"contracts_view_hub_for_three_parties", test_contracts_view_hub_for_three_parties},
	{"bad_format_is_a_usage_error", test_bad_format_is_a_usage_error},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_graph = {"graph", NULL, NULL, NULL, NULL, tests};
