/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope impact: what depends on a party or a system, and who must
 * notify whom (FAQ 2.1). Expected values derived by hand from rules.md on
 * examples/change/{before,after}.xml (see test_diff.c for the models).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_helpers.h"
#include "change/impact.h"

#define BEFORE "examples/change/before.xml"
#define AFTER "examples/change/after.xml"

static medscope_impact *impact_of(medscope_analysis *a, const char *id)
{
	medscope_impact *im = NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL_FATAL(medscope_impact_compute(&im, a, id), MEDSCOPE_OK);
	return im;
}

/* "ehr:2:plat,iaas-b:0:-" — id, depth, the affected system it runs on. */
static char *systems(const medscope_impact *im)
{
	const medscope_model *m = im->a->model;
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < im->systems.n; i++) {
		const ms_impact_system *s = &im->systems.v[i];
		ms_buf_printf(&b, "%s%s:%u:%s", i ? "," : "", m->systems.v[s->system].id, (unsigned)s->depth,
		              s->parent == MS_NONE ? "-" : m->systems.v[s->parent].id);
	}
	return b.s ? b.s : calloc(1, 1);
}

/* "ehr×H A(prime-provider) -/g1" — entry, then the agreement on each leg
 * provider -> owner / owner -> facility ("-" nobody to tell, "none" a gap). */
static char *entries(const medscope_impact *im)
{
	const medscope_analysis *a = im->a;
	const medscope_model *m = a->model;
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < im->entries.n; i++) {
		const ms_ownership *e = &a->ownership.v[im->entries.v[i]];
		uint32_t legs[2] = {im->entry_po.v[i], im->entry_of.v[i]};
		ms_buf_printf(&b, "%s×%s %s(%s) ", m->systems.v[e->system].id, m->parties.v[e->facility].id,
		              m->parties.v[e->owner].id, ms_rules[e->basis].code);
		for (int k = 0; k < 2; k++)
			ms_buf_printf(&b, "%s%s", k ? "/" : "",
			              legs[k] == MS_IMPACT_NA ? "-" : legs[k] == MS_NONE ? "none" : m->agreements.v[legs[k]].id);
		ms_buf_putc(&b, '\n');
	}
	return b.s ? b.s : calloc(1, 1);
}

/* "g2:B>A" per duty; "runs-on B>A gap[ehr]" per pair. */
static char *duties(const medscope_impact *im)
{
	const medscope_model *m = im->a->model;
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < im->duties.n; i++) {
		const ms_impact_duty *d = &im->duties.v[i];
		const ms_agreement *g = &m->agreements.v[d->agreement];
		ms_buf_printf(&b, "%s%s:%s>", i ? "," : "", g->id, m->parties.v[d->from].id);
		for (uint32_t k = 0, n = 0; k < g->parties.n; k++) {
			uint32_t p = MS_SPAN_AT(m, g->parties, k);
			if (p != d->from)
				ms_buf_printf(&b, "%s%s", n++ ? "+" : "", m->parties.v[p].id);
		}
	}
	return b.s ? b.s : calloc(1, 1);
}

static char *pairs(const medscope_impact *im)
{
	const medscope_model *m = im->a->model;
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < im->pairs.n; i++) {
		const ms_impact_pair *p = &im->pairs.v[i];
		ms_buf_printf(&b, "%s %s>%s ", ms_pair_kind_name(p->kind), m->parties.v[p->from].id,
		              m->parties.v[p->to].id);
		if (!p->nuncovered)
			ms_buf_printf(&b, "ok(%s)", m->agreements.v[p->agreement].id);
		for (uint32_t k = 0, n = 0; k < p->nlinks; k++) {
			const ms_impact_link *l = &im->links.v[p->link_off + k];
			if (l->agreement == MS_NONE)
				ms_buf_printf(&b, "%s%s", n++ ? "," : "gap[", m->systems.v[l->system].id);
		}
		ms_buf_puts(&b, p->nuncovered ? "]\n" : "\n");
	}
	return b.s ? b.s : calloc(1, 1);
}

#define EXPECT_TEXT(got_expr, expected)                                                          \
	do {                                                                                     \
		char *got_ = (got_expr);                                                         \
		CU_ASSERT_STRING_EQUAL(got_, expected);                                          \
		if (strcmp(got_, expected) != 0)                                                 \
			fprintf(stderr, "\n--- got:\n%s\n--- expected:\n%s\n", got_, expected);  \
		free(got_);                                                                      \
	} while (0)

static void test_impact_iaas_vendor_before(void)
{
	/* B provides iaas-b; plat runs on it, ehr on plat (depths 0, 1, 2).
	 * All three are served to H (k1 covers ehr, supply = all three). Owners
	 * (§2): A for all (iaas-b by selected-by-prime). Notification: B tells
	 * A (g2: change-notification, covers plat iaas-b), A tells H (g1, no
	 * covers). Pairs: B -> A for plat on iaas-b and as provider -> owner of
	 * iaas-b (g2 covers both); A -> H for the three entries (g1). No gap. */
	medscope_analysis *a = ANALYSE_FILE(BEFORE);
	medscope_impact *im = impact_of(a, "B");
	EXPECT_TEXT(systems(im), "ehr:2:plat,iaas-b:0:-,plat:1:iaas-b");
	CU_ASSERT_EQUAL(medscope_impact_facility_count(im), 1);
	CU_ASSERT_EQUAL(medscope_impact_depth(im), 2);
	CU_ASSERT_STRING_EQUAL(medscope_impact_target_kind(im), "vendor");
	EXPECT_TEXT(entries(im), "ehr×H A(prime-provider) -/g1\n"
	                         "iaas-b×H A(selected-by-prime) g2/g1\n"
	                         "plat×H A(prime-provider) -/g1\n");
	EXPECT_TEXT(duties(im), "g2:B>A,g1:A>H");
	EXPECT_TEXT(pairs(im), "runs-on B>A ok(g2)\n"
	                       "provider-owner B>A ok(g2)\n"
	                       "owner-facility A>H ok(g1)\n");
	CU_ASSERT_EQUAL(medscope_impact_gap_count(im), 0);
	medscope_impact_free(im);
	ms_ta_done(a);
}

static void test_impact_vendor_after_backup(void)
{
	/* After: B provides b-backup (contracted by H: facility-contracted, owner
	 * B); ehr runs on it. g2 is gone and g4 (H-B) has no change-notification,
	 * so B -> A (ehr on b-backup: what missing-change-notification reports)
	 * and B -> H (owner -> facility for b-backup) are gaps; A -> H is g1.
	 * B's old IaaS customer plat now runs on iaas-c: not affected. */
	medscope_analysis *a = ANALYSE_FILE(AFTER);
	medscope_impact *im = impact_of(a, "B");
	EXPECT_TEXT(systems(im), "b-backup:0:-,ehr:1:b-backup");
	EXPECT_TEXT(entries(im), "b-backup×H B(facility-contracted) -/none\n"
	                         "ehr×H A(prime-provider) -/g1\n");
	EXPECT_TEXT(duties(im), "g1:A>H");
	EXPECT_TEXT(pairs(im), "runs-on B>A gap[ehr]\n"
	                       "owner-facility A>H ok(g1)\n"
	                       "owner-facility B>H gap[b-backup]\n");
	CU_ASSERT_EQUAL(medscope_impact_gap_count(im), 2);
	medscope_impact_free(im);
	ms_ta_done(a);
}

static void test_impact_of_a_system(void)
{
	/* A system as the target: iaas-c, then plat and ehr on top; C tells A
	 * under g3 (covers plat iaas-c), A tells H under g1. */
	medscope_analysis *a = ANALYSE_FILE(AFTER);
	medscope_impact *im = impact_of(a, "iaas-c");
	CU_ASSERT_STRING_EQUAL(medscope_impact_target_kind(im), "system");
	EXPECT_TEXT(systems(im), "ehr:2:plat,iaas-c:0:-,plat:1:iaas-c");
	EXPECT_TEXT(duties(im), "g3:C>A,g1:A>H");
	CU_ASSERT_EQUAL(medscope_impact_gap_count(im), 0);
	CU_ASSERT_EQUAL(medscope_impact_entry_count(im), 3);
	medscope_impact_free(im);
	ms_ta_done(a);
}

static void test_impact_of_a_facility_providing_nothing(void)
{
	medscope_analysis *a = ANALYSE_FILE(AFTER);
	medscope_impact *im = impact_of(a, "H");
	CU_ASSERT_STRING_EQUAL(medscope_impact_target_kind(im), "facility");
	CU_ASSERT_EQUAL(medscope_impact_system_count(im), 0);
	CU_ASSERT_EQUAL(medscope_impact_facility_count(im), 0);
	CU_ASSERT_EQUAL(medscope_impact_gap_count(im), 0);
	medscope_impact_free(im);
	ms_ta_done(a);
}

static void test_impact_unknown_id_is_a_usage_error(void)
{
	medscope_analysis *a = ANALYSE_FILE(AFTER);
	medscope_impact *im = (medscope_impact *)1;
	CU_ASSERT_EQUAL(medscope_impact_compute(&im, a, "nosuch"), MEDSCOPE_ERR_USAGE);
	CU_ASSERT_PTR_NULL(im);
	/* A contract or an agreement is not something systems depend on. */
	CU_ASSERT_EQUAL(medscope_impact_compute(&im, a, "k1"), MEDSCOPE_ERR_USAGE);
	CU_ASSERT_EQUAL(medscope_impact_compute(&im, a, "g1"), MEDSCOPE_ERR_USAGE);
	CU_ASSERT_EQUAL(medscope_impact_compute(&im, NULL, "A"), MEDSCOPE_ERR_USAGE);
	medscope_impact_free(NULL);
	ms_ta_done(a);
}

/* A diamond: two systems of D run on C's IaaS, and a third on both. Each
 * system is reported once, at its smallest depth. */
static const char diamond[] = MS_DOC(
	"  <facility id=\"H\"/>\n"
	"  <vendor id=\"C\"/><vendor id=\"D\"/>\n"
	"  <system id=\"i\" provider=\"C\" layer=\"iaas\"/>\n"
	"  <system id=\"p1\" provider=\"D\" layer=\"paas\"><runs-on ref=\"i\"/></system>\n"
	"  <system id=\"p2\" provider=\"D\" layer=\"paas\"><runs-on ref=\"i\"/></system>\n"
	"  <system id=\"app\" provider=\"D\" layer=\"saas\" data=\"medical\">\n"
	"    <runs-on ref=\"p1\"/><runs-on ref=\"p2\"/><runs-on ref=\"i\"/>\n"
	"  </system>\n"
	"  <contract id=\"k\" client=\"H\" supplier=\"D\" type=\"service\" covers=\"app\"/>\n");

static void test_impact_diamond_counts_each_system_once(void)
{
	medscope_analysis *a = ANALYSE(diamond);
	medscope_impact *im = impact_of(a, "C");
	EXPECT_TEXT(systems(im), "app:1:i,i:0:-,p1:1:i,p2:1:i");
	/* app, i, p1, p2 are all served to H: four entries. No agreement at all:
	 * C -> D (runs-on, three systems) and C -> D (provider -> owner of i),
	 * D -> H (owner -> facility) are gaps. */
	CU_ASSERT_EQUAL(medscope_impact_entry_count(im), 4);
	EXPECT_TEXT(pairs(im), "runs-on C>D gap[app,p1,p2]\n"
	                       "provider-owner C>D gap[i]\n"
	                       "owner-facility D>H gap[app,i,p1,p2]\n");
	medscope_impact_free(im);
	ms_ta_done(a);
}

/* A's app runs on B's infrastructure i; A and B agreed change notification
 * for i alone. rules.md §3 rev. 2: an edge requirement is met by an
 * agreement whose covers names either end ("a change-notification
 * agreement between A and B covering the infrastructure covers the
 * dependency of A's app on it"), so `check` finds it present - and impact,
 * with the same matcher, must call B -> A for app on i covered by g. */
static const char notice_for_infra_only[] = MS_DOC(
	"  <facility id=\"H\"/>\n"
	"  <vendor id=\"A\"/><vendor id=\"B\"/>\n"
	"  <system id=\"i\" provider=\"B\" layer=\"iaas\"/>\n"
	"  <system id=\"app\" provider=\"A\" layer=\"saas\" data=\"medical\">"
	"<runs-on ref=\"i\"/></system>\n"
	"  <contract id=\"k\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"app\"/>\n"
	"  <agreement id=\"g\" parties=\"A B\" topics=\"change-notification\" covers=\"i\"/>\n");

static void test_impact_agrees_with_check_on_covers(void)
{
	medscope_analysis *a = ANALYSE(notice_for_infra_only);
	size_t required = 0;
	for (size_t i = 0; i < a->requirements.n; i++) {
		const ms_requirement *r = &a->requirements.v[i];
		if (r->topic != MS_TOPIC_CHANGE_NOTIFICATION)
			continue;
		required++;
		CU_ASSERT_STRING_EQUAL(JOIN_SYSTEMS(a, r->systems), "app,i");
		/* rules.md §3 rev. 2: an edge needs covers naming either end. */
		CU_ASSERT_STRING_EQUAL(ms_ta_satisfied_by(a, r), "g");
	}
	CU_ASSERT_EQUAL(required, 1);
	medscope_impact *im = impact_of(a, "B");
	/* i alone is what g covers: B -> A as provider -> owner of i is met. */
	EXPECT_TEXT(pairs(im), "runs-on B>A ok(g)\n"
	                       "provider-owner B>A ok(g)\n"
	                       "owner-facility A>H gap[app,i]\n");
	medscope_impact_free(im);
	ms_ta_done(a);

	/* Covering both systems meets both. */
	static const char both[] = MS_DOC(
		"  <facility id=\"H\"/>\n"
		"  <vendor id=\"A\"/><vendor id=\"B\"/>\n"
		"  <system id=\"i\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <system id=\"app\" provider=\"A\" layer=\"saas\" data=\"medical\">"
		"<runs-on ref=\"i\"/></system>\n"
		"  <contract id=\"k\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"app\"/>\n"
		"  <agreement id=\"g\" parties=\"A B\" topics=\"change-notification\" covers=\"i app\"/>\n");
	a = ANALYSE(both);
	im = impact_of(a, "B");
	EXPECT_TEXT(pairs(im), "runs-on B>A ok(g)\n"
	                       "provider-owner B>A ok(g)\n"
	                       "owner-facility A>H gap[app,i]\n");
	medscope_impact_free(im);
	ms_ta_done(a);
}

static char *emit(const medscope_impact *im, medscope_format format, medscope_lang lang, int bom)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.lang = lang;
	eo.csv_bom = bom;
	CU_ASSERT_EQUAL(medscope_impact_emit(f, im, format, &eo), MEDSCOPE_OK);
	fclose(f);
	return buf;
}

static void test_impact_emitters(void)
{
	medscope_analysis *a = ANALYSE_FILE(AFTER);
	medscope_impact *im = impact_of(a, "B");
	/* CSV: a header, then one row per (affected system, facility). */
	char *csv = emit(im, MEDSCOPE_FORMAT_CSV, MEDSCOPE_LANG_EN, 0);
	CU_ASSERT_STRING_EQUAL(csv,
	                       "system,provider,layer,depth,runs_on,facility,owner,basis,considered_by,"
	                       "notice_provider_to_owner,notice_owner_to_facility\r\n"
	                       "b-backup,B,saas,0,,H,B,facility-contracted,A,-,(none)\r\n"
	                       "ehr,A,saas,1,b-backup,H,A,prime-provider,,-,g1\r\n");
	free(csv);
	csv = emit(im, MEDSCOPE_FORMAT_CSV, MEDSCOPE_LANG_JA, 1);
	CU_ASSERT_EQUAL(memcmp(csv, "\xEF\xBB\xBF" "システム,", 3 + strlen("システム,")), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(csv, ",なし\r\n"));
	free(csv);
	/* JSON */
	char *text = emit(im, MEDSCOPE_FORMAT_JSON, MEDSCOPE_LANG_EN, 0);
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(j, "format")), "medscope-impact/1");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(j, "target"), "kind")), "vendor");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(j, "summary"), "gaps")), 2);
	json_t *e0 = json_array_get(json_object_get(j, "ownership"), 0);
	CU_ASSERT(json_is_null(json_object_get(json_object_get(e0, "change_notification"), "owner_to_facility")));
	json_decref(j);
	free(text);
	/* Text */
	text = emit(im, MEDSCOPE_FORMAT_CHECK, MEDSCOPE_LANG_EN, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  B → A  (supplier → dependent provider; systems ehr)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  B → H  (owner → facility; systems b-backup)\n"));
	free(text);
	text = emit(im, MEDSCOPE_FORMAT_CHECK, MEDSCOPE_LANG_JA, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "変更通知の合意がない通知経路 (2)"));
	free(text);
	CU_ASSERT_EQUAL(medscope_impact_emit(stdout, im, MEDSCOPE_FORMAT_SARIF, NULL), MEDSCOPE_ERR_USAGE);
	medscope_impact_free(im);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"IaaS vendor before the change", test_impact_iaas_vendor_before},
	{"vendor after the change: gaps", test_impact_vendor_after_backup},
	{"a system as the target", test_impact_of_a_system},
	{"a facility providing nothing", test_impact_of_a_facility_providing_nothing},
	{"unknown id", test_impact_unknown_id_is_a_usage_error},
	{"diamond: each system once", test_impact_diamond_counts_each_system_once},
	{"covers: impact agrees with check", test_impact_agrees_with_check_on_covers},
	{"emitters", test_impact_emitters},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_impact = {"impact", NULL, NULL, NULL, NULL, tests};
