/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope diff: the semantic diff of two versions of a model. Each change
 * is rendered as one canonical line and the lines are compared with lists
 * derived by hand from rules.md (the derivation is in the comments).
 *
 * examples/change/before.xml -> after.xml: A swaps its IaaS from B to C
 * (k2/iaas-b/g2 -> k3/iaas-c/g3); H starts contracting B directly for an
 * off-site backup the EHR runs on (k4, b-backup, g4: GL 2.2.3); g1's
 * review-by passes; B's ISMS expires (as-of 2026-04-01 -> 2026-11-01).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_helpers.h"
#include "change/diff.h"

#define BEFORE "examples/change/before.xml"
#define AFTER "examples/change/after.xml"

typedef struct {
	medscope_analysis *old_a, *new_a;
	medscope_diff *d;
} pair;

static pair diff_of(medscope_analysis *old_a, medscope_analysis *new_a)
{
	pair p = {old_a, new_a, NULL};
	CU_ASSERT_PTR_NOT_NULL_FATAL(old_a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(new_a);
	CU_ASSERT_EQUAL_FATAL(medscope_diff_compute(&p.d, old_a, new_a), MEDSCOPE_OK);
	return p;
}

static void pair_done(pair *p)
{
	medscope_diff_free(p->d);
	ms_ta_done(p->old_a);
	ms_ta_done(p->new_a);
}

/* ---- canonical lines ----------------------------------------------------- */

static void add(ms_buf *b, const char *line)
{
	ms_buf_puts(b, line);
	ms_buf_putc(b, '\n');
}

static const char *v(const char *s)
{
	return s ? s : "-";
}

/* "+system b-backup", "~system ehr runs-on=plat>b-backup plat; ..." */
static char *model_lines(const medscope_diff *d)
{
	ms_buf b = MS_BUF_INIT, line = MS_BUF_INIT;
	for (size_t i = 0; i < d->elems.n; i++) {
		const ms_elem_change *e = &d->elems.v[i];
		ms_buf_clear(&line);
		ms_buf_printf(&line, "%c%s %s", "+-~"[e->change], ms_elem_kind_name(e->kind), e->key);
		for (uint32_t k = 0; k < e->nattr; k++) {
			const ms_attr_change *a = &d->attrs.v[e->attr_off + k];
			ms_buf_printf(&line, "%s%s=%s>%s", k ? "; " : " ", a->name, v(a->old_value),
			              v(a->new_value));
		}
		add(&b, ms_buf_cstr(&line));
	}
	ms_buf_free(&line);
	return b.s ? b.s : calloc(1, 1);
}

/* "B category supply-chain>direct" */
static char *scope_lines(const medscope_diff *d)
{
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < d->scope.n; i++) {
		const ms_scope_change *s = &d->scope.v[i];
		const char *o = s->old_party == MS_NONE || !d->old_a->scope[s->old_party].in_scope
		                        ? "-"
		                        : ms_code(MS_W_CATEGORY, d->old_a->scope[s->old_party].category);
		const char *n = s->new_party == MS_NONE || !d->new_a->scope[s->new_party].in_scope
		                        ? "-"
		                        : ms_code(MS_W_CATEGORY, d->new_a->scope[s->new_party].category);
		ms_buf_printf(&b, "%s %s %s>%s\n", s->key, ms_scope_change_name(s->change), o, n);
	}
	return b.s ? b.s : calloc(1, 1);
}

static void owner_text(ms_buf *b, const medscope_analysis *a, uint32_t i)
{
	const ms_ownership *e = &a->ownership.v[i];
	ms_buf_printf(b, "%s(%s)", a->model->parties.v[e->owner].id, ms_rules[e->basis].code);
	for (uint32_t k = 0; k < e->considered_by.n; k++)
		ms_buf_printf(b, "%s%s", k ? "," : " considered ",
		              a->model->parties.v[MS_APOOL(a, e->considered_by, k)].id);
}

/* "+b-backup×H B(facility-contracted) considered A", "~s×F A(x)>B(y)" */
static char *owner_lines(const medscope_diff *d)
{
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < d->owners.n; i++) {
		const ms_own_change *o = &d->owners.v[i];
		const medscope_analysis *a = o->new_entry != MS_NONE ? d->new_a : d->old_a;
		const ms_ownership *e = &a->ownership.v[o->new_entry != MS_NONE ? o->new_entry : o->old_entry];
		ms_buf_printf(&b, "%c%s×%s ", "+-~"[o->change], a->model->systems.v[e->system].id,
		              a->model->parties.v[e->facility].id);
		if (o->old_entry != MS_NONE)
			owner_text(&b, d->old_a, o->old_entry);
		if (o->change == MS_CHANGE_CHANGED)
			ms_buf_putc(&b, '>');
		if (o->new_entry != MS_NONE)
			owner_text(&b, d->new_a, o->new_entry);
		ms_buf_putc(&b, '\n');
	}
	return b.s ? b.s : calloc(1, 1);
}

static void status_text(ms_buf *b, const medscope_analysis *a, uint32_t i)
{
	if (i == MS_NONE) {
		ms_buf_puts(b, "-");
		return;
	}
	const ms_requirement *r = &a->requirements.v[i];
	if (r->satisfied_by == MS_NONE)
		ms_buf_puts(b, "missing");
	else
		ms_buf_printf(b, "present(%s)", a->model->agreements.v[r->satisfied_by].id);
}

/* "required missing-demarcation B,H -> present(g4)"; the contract is shown
 * for the per-contract codes (rules.md §3: one per qualifying contract). */
static char *req_lines(const medscope_diff *d)
{
	ms_buf b = MS_BUF_INIT;
	for (size_t i = 0; i < d->reqs.n; i++) {
		const ms_req_change *q = &d->reqs.v[i];
		const medscope_analysis *a = q->new_req != MS_NONE ? d->new_a : d->old_a;
		const ms_requirement *r = &a->requirements.v[q->new_req != MS_NONE ? q->new_req : q->old_req];
		ms_buf_printf(&b, "%s %s ", ms_req_change_name(q->change), ms_rules[r->rule].code);
		for (unsigned k = 0; k < r->nparties; k++)
			ms_buf_printf(&b, "%s%s", k ? "," : "", a->model->parties.v[r->parties[k]].id);
		if (r->rule == MS_RULE_MISSING_SUBCONTRACT_APPROVAL ||
		    r->rule == MS_RULE_MISSING_SUPPLIER_AGREEMENT)
			ms_buf_printf(&b, " via %s", ms_sym_name(a->model, r->contract));
		ms_buf_putc(&b, ' ');
		status_text(&b, d->old_a, q->old_req);
		ms_buf_putc(&b, '>');
		status_text(&b, d->new_a, q->new_req);
		ms_buf_putc(&b, '\n');
	}
	return b.s ? b.s : calloc(1, 1);
}

/* The codes of the findings in one baseline state, in order ("a,b,c"). */
static char *finding_codes(const medscope_diff *d, unsigned state)
{
	ms_buf b = MS_BUF_INIT;
	if (state == MS_BASE_ABSENT) {
		for (size_t i = 0; i < d->resolved.n; i++)
			ms_buf_printf(&b, "%s%s", b.len ? "," : "",
			              ms_rules[d->old_a->findings.v[d->resolved.v[i]].rule].code);
	} else {
		for (size_t i = 0; i < d->new_a->findings.n; i++)
			if (d->state[i] == state)
				ms_buf_printf(&b, "%s%s", b.len ? "," : "", ms_rules[d->new_a->findings.v[i].rule].code);
	}
	return b.s ? b.s : calloc(1, 1);
}

#define EXPECT_TEXT(got_expr, expected)                                                          \
	do {                                                                                     \
		char *got_ = (got_expr);                                                         \
		CU_ASSERT_STRING_EQUAL(got_, expected);                                          \
		if (strcmp(got_, expected) != 0)                                                 \
			fprintf(stderr, "\n--- got:\n%s--- expected:\n%s", got_, expected);      \
		free(got_);                                                                      \
	} while (0)

/* ---- the example ---------------------------------------------------------- */

static void test_diff_example_model_elements(void)
{
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	/* By kind (parties, systems, contracts, agreements, ...), then added,
	 * removed, changed, then id. The IaaS swap: iaas-b, k2, g2 go; iaas-c,
	 * k3, g3 (and C) come; plat now runs on iaas-c. The backup: b-backup,
	 * k4, g4 come and ehr also runs on b-backup. g1 and B's certificates
	 * are unchanged in the file: what expires is the date. */
	EXPECT_TEXT(model_lines(p.d), "+party C\n"
	                              "+system b-backup\n"
	                              "+system iaas-c\n"
	                              "-system iaas-b\n"
	                              "~system ehr runs-on=plat>b-backup plat\n"
	                              "~system plat runs-on=iaas-b>iaas-c\n"
	                              "+contract k3\n"
	                              "+contract k4\n"
	                              "-contract k2\n"
	                              "+agreement g3\n"
	                              "+agreement g4\n"
	                              "-agreement g2\n");
	pair_done(&p);
}

static void test_diff_example_scope(void)
{
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	/* §1: B was supply-chain (provides iaas-b, served to H); k4 makes it the
	 * supplier of a prime contract: direct. C provides iaas-c, served to H
	 * through ehr -> plat -> iaas-c: supply-chain. A stays direct. */
	EXPECT_TEXT(scope_lines(p.d), "B category supply-chain>direct\n"
	                              "C entered ->supply-chain\n");
	pair_done(&p);
}

static void test_diff_example_ownership(void)
{
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	/* §2 for H: iaas-b's entry goes; iaas-c is reached by the chain A -> C
	 * (k3): selected-by-prime, A. b-backup: B is itself a prime of H (k4)
	 * and A reaches it (ehr runs on it) with no chain A -> B: GL 2.2.3,
	 * facility-contracted, owner B, A in considered_by. ehr and plat stay
	 * A's (prime-provider). */
	EXPECT_TEXT(owner_lines(p.d), "+b-backup×H B(facility-contracted) considered A\n"
	                              "-iaas-b×H A(selected-by-prime)\n"
	                              "+iaas-c×H A(selected-by-prime)\n");
	pair_done(&p);
}

static void test_diff_example_requirements(void)
{
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	/* §3, sorted by parties, topic, code:
	 *  A-B change-notification: before plat -> iaas-b (met by g2); after
	 *    ehr -> b-backup, and g2 is gone: the same A-B duty, now missing;
	 *  A-B supplier agreement for k2: k2 is gone;
	 *  A-B-H integration: b-backup is facility-contracted with A in
	 *    considered_by; neither g1 nor g4 has `integration`: missing;
	 *  A-C change-notification (plat -> iaas-c) and supplier agreement
	 *    (k3): g3 has both topics and covers plat iaas-c;
	 *  A-H subcontract approval: for k2 no longer, for k3 now (g1 has
	 *    `subcontracting` and no covers);
	 *  B-H demarcation and risk-management: B is a new prime; g4. */
	EXPECT_TEXT(req_lines(p.d),
	            "now-missing missing-change-notification A,B present(g2)>missing\n"
	            "dropped missing-supplier-agreement A,B via k2 present(g2)>-\n"
	            "required missing-integration-agreement A,B,H ->missing\n"
	            "required missing-change-notification A,C ->present(g3)\n"
	            "required missing-supplier-agreement A,C via k3 ->present(g3)\n"
	            "dropped missing-subcontract-approval A,H via k2 present(g1)>-\n"
	            "required missing-subcontract-approval A,H via k3 ->present(g1)\n"
	            "required missing-demarcation B,H ->present(g4)\n"
	            "required missing-risk-agreement B,H ->present(g4)\n");
	pair_done(&p);
}

static void test_diff_example_findings(void)
{
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	/* before (as of 2026-04-01) has no finding. after (2026-11-01): B's ISMS
	 * expired on 2026-09-30 (warning) so B, now direct, has no valid
	 * certification (error; ISMAP alone does not count); the A-B change
	 * notification is missing (warning); the integration is missing
	 * (error); g1's review-by 2026-09-30 has passed (warning). In NEW's
	 * order: file, line, code. */
	EXPECT_TEXT(finding_codes(p.d, MS_BASE_NEW),
	            "missing-certification,certification-expired,missing-change-notification,"
	            "missing-integration-agreement,agreement-review-overdue");
	EXPECT_TEXT(finding_codes(p.d, MS_BASE_ABSENT), "");
	CU_ASSERT_EQUAL(p.d->nstate[MS_BASE_UNCHANGED], 0);
	CU_ASSERT_EQUAL(p.d->nstate[MS_BASE_UPDATED], 0);
	CU_ASSERT_EQUAL(medscope_diff_introduced(p.d, MEDSCOPE_SEVERITY_ERROR), 2);
	CU_ASSERT_EQUAL(medscope_diff_introduced(p.d, MEDSCOPE_SEVERITY_WARNING), 5);
	CU_ASSERT_EQUAL(medscope_diff_resolved(p.d), 0);
	/* 12 elements + 2 scope + 3 ownership + 9 agreements + 5 findings */
	CU_ASSERT_EQUAL(medscope_diff_change_count(p.d), 31);
	pair_done(&p);
}

static void test_diff_reversed_resolves_everything(void)
{
	pair p = diff_of(ANALYSE_FILE(AFTER), ANALYSE_FILE(BEFORE));
	EXPECT_TEXT(scope_lines(p.d), "B category direct>supply-chain\n"
	                              "C left supply-chain>-\n");
	EXPECT_TEXT(finding_codes(p.d, MS_BASE_NEW), "");
	EXPECT_TEXT(finding_codes(p.d, MS_BASE_ABSENT),
	            "missing-certification,certification-expired,missing-change-notification,"
	            "missing-integration-agreement,agreement-review-overdue");
	CU_ASSERT_EQUAL(medscope_diff_introduced(p.d, MEDSCOPE_SEVERITY_NOTE), 0);
	pair_done(&p);
}

static void test_diff_same_model_is_empty(void)
{
	pair p = diff_of(ANALYSE_FILE(AFTER), ANALYSE_FILE(AFTER));
	CU_ASSERT_EQUAL(medscope_diff_change_count(p.d), 0);
	CU_ASSERT_EQUAL(p.d->nstate[MS_BASE_UNCHANGED], p.new_a->findings.n);
	CU_ASSERT_EQUAL(medscope_diff_introduced(p.d, MEDSCOPE_SEVERITY_NOTE), 0);
	pair_done(&p);
}

/* ---- matching by ids, never by line ------------------------------------ */

static const char reordered_a[] = MS_DOC(
	"  <facility id=\"H\"/>\n"
	"  <vendor id=\"A\"/>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"risk-management demarcation\" review-by=\"2026-01-01\"/>\n");
static const char reordered_b[] = MS_DOC(
	"\n\n"
	"  <agreement id=\"g1\" parties=\"A H\" topics=\"demarcation risk-management\" review-by=\"2026-01-01\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"\n"
	"  <system id=\"ehr\" data=\"medical\" layer=\"saas\" provider=\"A\"/>\n"
	"  <vendor id=\"A\"/>\n"
	"  <facility id=\"H\"/>\n");

static void test_diff_ignores_order_and_lines(void)
{
	/* Same elements, other order and lines, lists spelled in another order:
	 * nothing changed; A's missing certification and g1's overdue review
	 * are the same findings although their lines moved. */
	pair p = diff_of(ANALYSE(reordered_a), ANALYSE(reordered_b));
	CU_ASSERT_EQUAL(medscope_diff_change_count(p.d), 0);
	CU_ASSERT(p.new_a->findings.n >= 2);
	CU_ASSERT_EQUAL(p.d->nstate[MS_BASE_UNCHANGED], p.new_a->findings.n);
	pair_done(&p);
}

/* ---- every kind of attribute -------------------------------------------- */

static const char attrs_old[] = MS_DOC(
	"  <facility id=\"H\" name=\"病院\"/>\n"
	"  <vendor id=\"A\" name=\"A社\"><certification scheme=\"isms\" valid-until=\"2027-01-01\"/></vendor>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation\"/>\n"
	"  <flow id=\"f1\" from=\"H\" to=\"ehr\" data=\"medical\" basis=\"entrustment\"/>\n"
	"  <risk id=\"r1\" system=\"ehr\" owner=\"A\" treatment=\"reduce\" reviewed=\"2026-05-01\">説明</risk>\n");
static const char attrs_new[] = MS_DOC(
	"  <facility id=\"H\" name=\"みなと病院\"/>\n"
	"  <vendor id=\"A\" name=\"A社\"><certification scheme=\"isms\" valid-until=\"2028-01-01\"/></vendor>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\" data-region=\"jp\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"maintenance service\" covers=\"ehr\"/>\n"
	"  <agreement id=\"g1\" parties=\"H A\" topics=\"demarcation risk-management\" covers=\"ehr\"\n"
	"             document=\"x.pdf\"/>\n"
	"  <flow id=\"f1\" from=\"H\" to=\"ehr\" data=\"medical\" basis=\"third-party-provision\"/>\n"
	"  <risk id=\"r1\" system=\"ehr\" owner=\"A\" treatment=\"accept\" agreed-with=\"H\"\n"
	"        reviewed=\"2026-05-01\">説明</risk>\n");

static void test_diff_attributes_of_every_kind(void)
{
	pair p = diff_of(ANALYSE(attrs_old), ANALYSE(attrs_new));
	/* Values as model.md spells them; lists sorted; an absent value "-";
	 * bit lists lowest bit first (service before maintenance). */
	EXPECT_TEXT(model_lines(p.d),
	            "~party H name=病院>みなと病院\n"
	            "~system ehr data-region=unknown>jp\n"
	            "~contract k1 type=service>service maintenance\n"
	            "~agreement g1 topics=demarcation>demarcation risk-management; covers=->ehr; "
	            "document=->x.pdf\n"
	            "~flow f1 basis=entrustment>third-party-provision\n"
	            "~risk r1 treatment=reduce>accept; agreed-with=->H\n"
	            "~certification A/isms valid-until=2027-01-01>2028-01-01\n");
	/* g1 now has risk-management: F-A's risk agreement (§3) is met. */
	char *reqs = req_lines(p.d), *resolved = finding_codes(p.d, MS_BASE_ABSENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(reqs, "now-present missing-risk-agreement A,H missing>present(g1)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(resolved, "missing-risk-agreement"));
	free(reqs);
	free(resolved);
	pair_done(&p);
}

/* ---- updated findings --------------------------------------------------- */

/* B has no certificate. Before, H reaches B only through A (supply-chain:
 * missing-certification is a warning); after, H also contracts B for the
 * IaaS (k3): B is direct and the same finding is an error. */
static const char upd_old[] = MS_DOC(
	"  <facility id=\"H\"/>\n"
	"  <vendor id=\"A\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"B\"/>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n");
static const char upd_new[] = MS_DOC(
	"  <facility id=\"H\"/>\n"
	"  <vendor id=\"A\"><certification scheme=\"isms\"/></vendor>\n"
	"  <vendor id=\"B\"/>\n"
	"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
	"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\" data-region=\"jp\"/>\n"
	"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
	"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
	"  <contract id=\"k3\" client=\"H\" supplier=\"B\" type=\"service\" covers=\"iaas\" selected-by=\"A\"/>\n");

static void test_diff_severity_change_is_updated(void)
{
	pair p = diff_of(ANALYSE(upd_old), ANALYSE(upd_new));
	size_t found = 0;
	for (size_t i = 0; i < p.new_a->findings.n; i++) {
		const ms_finding *f = &p.new_a->findings.v[i];
		if (f->rule != MS_RULE_MISSING_CERTIFICATION)
			continue;
		found++;
		CU_ASSERT_EQUAL(p.d->state[i], MS_BASE_UPDATED);
		CU_ASSERT_EQUAL(f->severity, MS_SEV_ERROR);
		CU_ASSERT_NOT_EQUAL_FATAL(p.d->match[i], MS_NONE);
		CU_ASSERT_EQUAL(p.old_a->findings.v[p.d->match[i]].severity, MS_SEV_WARNING);
	}
	CU_ASSERT_EQUAL(found, 1);
	CU_ASSERT(medscope_diff_introduced(p.d, MEDSCOPE_SEVERITY_ERROR) >= 1);
	EXPECT_TEXT(scope_lines(p.d), "B category supply-chain>direct\n");
	pair_done(&p);
}

/* ---- the emitted documents ---------------------------------------------- */

static char *emit(const medscope_diff *d, medscope_format format, medscope_lang lang)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	eo.lang = lang;
	CU_ASSERT_EQUAL(medscope_diff_emit(f, d, format, &eo), MEDSCOPE_OK);
	fclose(f);
	return buf;
}

static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	if (!j)
		fprintf(stderr, "\nJSON error: %s at line %d\n", err.text, err.line);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	return j;
}

/* "new,new,..." from the results' baselineState, and their artifact index. */
static char *states(json_t *sarif, int *artifact_sum)
{
	ms_buf b = MS_BUF_INIT;
	json_t *results = json_object_get(json_array_get(json_object_get(sarif, "runs"), 0), "results");
	size_t i;
	json_t *r;
	*artifact_sum = 0;
	json_array_foreach(results, i, r) {
		ms_buf_printf(&b, "%s%s", i ? "," : "", json_string_value(json_object_get(r, "baselineState")));
		json_t *loc = json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation");
		*artifact_sum += (int)json_integer_value(
			json_object_get(json_object_get(loc, "artifactLocation"), "index"));
	}
	return b.s ? b.s : calloc(1, 1);
}

static void test_diff_sarif_baseline_states(void)
{
	int idx;
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	char *text = emit(p.d, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_LANG_EN);
	json_t *j = parse(text);
	EXPECT_TEXT(states(j, &idx), "new,new,new,new,new");
	CU_ASSERT_EQUAL(idx, 0); /* all in NEW's file, artifact 0 */
	json_decref(j);
	free(text);
	pair_done(&p);

	/* Reversed: every finding of OLD (here after.xml) resolved, "absent",
	 * located in OLD's file, the second artifact. */
	p = diff_of(ANALYSE_FILE(AFTER), ANALYSE_FILE(BEFORE));
	text = emit(p.d, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_LANG_EN);
	j = parse(text);
	EXPECT_TEXT(states(j, &idx), "absent,absent,absent,absent,absent");
	CU_ASSERT_EQUAL(idx, 5);
	json_t *arts = json_object_get(json_array_get(json_object_get(j, "runs"), 0), "artifacts");
	const char *uri1 = json_string_value(json_object_get(json_object_get(json_array_get(arts, 1), "location"), "uri"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(uri1);
	CU_ASSERT_PTR_NOT_NULL(strstr(uri1, "after.xml"));
	json_decref(j);
	free(text);
	pair_done(&p);

	/* unchanged and updated */
	p = diff_of(ANALYSE(upd_old), ANALYSE(upd_new));
	text = emit(p.d, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_LANG_JA);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"baselineState\": \"updated\""));
	json_decref(parse(text));
	free(text);
	pair_done(&p);
	p = diff_of(ANALYSE_FILE(AFTER), ANALYSE_FILE(AFTER));
	text = emit(p.d, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_LANG_EN);
	j = parse(text);
	EXPECT_TEXT(states(j, &idx), "unchanged,unchanged,unchanged,unchanged,unchanged");
	json_decref(j);
	free(text);
	pair_done(&p);
}

static void test_diff_sarif_matches_report_sarif(void)
{
	/* rules[] and each result's partialFingerprints must be what `report
	 * --format sarif` writes for the same model, or code scanning would take
	 * a diff's result for another finding. */
	pair p = diff_of(ANALYSE_FILE(AFTER), ANALYSE_FILE(AFTER));
	char *dtext = emit(p.d, MEDSCOPE_FORMAT_SARIF, MEDSCOPE_LANG_EN);
	char *rtext = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&rtext, &n);
	CU_ASSERT_EQUAL(medscope_emit(f, p.new_a, MEDSCOPE_FORMAT_SARIF, NULL), MEDSCOPE_OK);
	fclose(f);
	json_t *dj = parse(dtext), *rj = parse(rtext);
	json_t *drun = json_array_get(json_object_get(dj, "runs"), 0);
	json_t *rrun = json_array_get(json_object_get(rj, "runs"), 0);
	CU_ASSERT(json_equal(json_object_get(json_object_get(json_object_get(drun, "tool"), "driver"), "rules"),
	                     json_object_get(json_object_get(json_object_get(rrun, "tool"), "driver"), "rules")));
	json_t *dres = json_object_get(drun, "results"), *rres = json_object_get(rrun, "results");
	CU_ASSERT_EQUAL_FATAL(json_array_size(dres), json_array_size(rres));
	for (size_t i = 0; i < json_array_size(dres); i++) {
		json_t *dr = json_deep_copy(json_array_get(dres, i));
		json_object_del(dr, "baselineState");
		CU_ASSERT(json_equal(dr, json_array_get(rres, i)));
		json_decref(dr);
	}
	json_decref(dj);
	json_decref(rj);
	free(dtext);
	free(rtext);
	pair_done(&p);
}

static void test_diff_json_is_deterministic(void)
{
	pair p = diff_of(ANALYSE_FILE(BEFORE), ANALYSE_FILE(AFTER));
	char *a = emit(p.d, MEDSCOPE_FORMAT_JSON, MEDSCOPE_LANG_JA);
	char *b = emit(p.d, MEDSCOPE_FORMAT_JSON, MEDSCOPE_LANG_JA);
	CU_ASSERT_STRING_EQUAL(a, b);
	json_t *j = parse(a);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(j, "format")), "medscope-diff/1");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(j, "model")), 12);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(j, "scope")), 2);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(j, "ownership")), 3);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(j, "agreements")), 9);
	json_t *sum = json_object_get(j, "summary");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(sum, "findings"), "new")), 5);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(sum, "introduced"), "errors")), 2);
	json_t *b0 = json_array_get(json_object_get(j, "scope"), 0);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(b0, "party")), "B");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(b0, "new"), "category")),
	                       "direct");
	json_decref(j);
	free(a);
	free(b);
	/* Other formats are not diff formats. */
	CU_ASSERT_EQUAL(medscope_diff_emit(stdout, p.d, MEDSCOPE_FORMAT_CSV, NULL), MEDSCOPE_ERR_USAGE);
	pair_done(&p);
}

static void test_diff_bad_arguments(void)
{
	medscope_diff *d = (medscope_diff *)1;
	CU_ASSERT_EQUAL(medscope_diff_compute(&d, NULL, NULL), MEDSCOPE_ERR_USAGE);
	CU_ASSERT_PTR_NULL(d);
	medscope_diff_free(NULL);
	CU_ASSERT_EQUAL(medscope_diff_introduced(NULL, MEDSCOPE_SEVERITY_NOTE), 0);
}

static CU_TestInfo tests[] = {
	{"example: model elements", test_diff_example_model_elements},
	{"example: scope", test_diff_example_scope},
	{"example: ownership", test_diff_example_ownership},
	{"example: required agreements", test_diff_example_requirements},
	{"example: findings", test_diff_example_findings},
	{"reversed: everything resolved", test_diff_reversed_resolves_everything},
	{"same model: no change", test_diff_same_model_is_empty},
	{"order and lines do not matter", test_diff_ignores_order_and_lines},
	{"attributes of every kind", test_diff_attributes_of_every_kind},
	{"severity change is updated", test_diff_severity_change_is_updated},
	{"SARIF baselineState", test_diff_sarif_baseline_states},
	{"SARIF same as report", test_diff_sarif_matches_report_sarif},
	{"JSON deterministic", test_diff_json_is_deterministic},
	{"bad arguments", test_diff_bad_arguments},
	CU_TEST_INFO_NULL,
};

CU_SuiteInfo suite_diff = {"diff", NULL, NULL, NULL, NULL, tests};
