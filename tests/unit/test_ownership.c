/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §2: who owns risk management of each served system towards each
 * facility (GL 2.2.1-2.2.3, FAQ 2, 2.1, 5). Each basis positive and
 * negative; expected owners are the guideline's.
 */
#include "analysis_helpers.h"

#define H_A_B "  <facility id=\"H\"/>\n  <vendor id=\"A\"/>\n  <vendor id=\"B\"/>\n"

static void assert_owner(medscope_analysis *a, const char *sys, const char *fac,
                         const char *owner, int basis, const char *via, const char *considered)
{
	const ms_ownership *o = ms_ta_own(a, sys, fac);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_STRING_EQUAL(a->model->parties.v[o->owner].id, owner);
	CU_ASSERT_EQUAL(o->basis, basis);
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, o->via), via);
	CU_ASSERT_STRING_EQUAL(JOIN_PARTIES(a, o->considered_by), considered);
}

/* GL 2.2.1: one vendor provides application, platform and infrastructure. */
static void test_owner_single_vendor_is_prime_provider(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n  <vendor id=\"A\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"plat\"/></system>\n"
		"  <system id=\"plat\" provider=\"A\" layer=\"paas\"><runs-on ref=\"dc\"/></system>\n"
		"  <system id=\"dc\" provider=\"A\" layer=\"iaas\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service maintenance\" covers=\"ehr\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER, "k1", "");
	assert_owner(a, "plat", "H", "A", MS_RULE_PRIME_PROVIDER, "k1", "");
	assert_owner(a, "dc", "H", "A", MS_RULE_PRIME_PROVIDER, "k1", "");
	CU_ASSERT_EQUAL(a->ownership.n, 3);
	ms_ta_done(a);
}

/* FAQ 2 / GL 2.2.2 case 1: A selects and contracts IaaS B; A's risk
 * management includes B's components. Without the A-B contract, B is only
 * in A's supply chain (prime-supply-chain, missing-contract). */
static const char *iaas_model(const char *k2)
{
	static char buf[2048];
	snprintf(buf, sizeof buf, MS_DOC(H_A_B
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n%s"),
		k2);
	return buf;
}

static void test_owner_selected_iaas_is_selected_by_prime(void)
{
	medscope_analysis *a = ANALYSE(iaas_model(
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,k2", "");
	assert_owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER, "k1", "");
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_CONTRACT), 0);
	ms_ta_done(a);
}

static void test_owner_iaas_without_contract_is_prime_supply_chain(void)
{
	medscope_analysis *a = ANALYSE(iaas_model(""));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "iaas", "H", "A", MS_RULE_PRIME_SUPPLY_CHAIN, "k1", "");
	const ms_finding *f = ms_ta_finding(a, MS_RULE_MISSING_CONTRACT, "A,B,H,iaas");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, MS_SEV_WARNING);
	CU_ASSERT_EQUAL(f->element, MS_SYM_SYSTEM);
	CU_ASSERT_STRING_EQUAL(ms_ta_message(a, f, MEDSCOPE_LANG_EN),
	                       "B, the provider of iaas served to H, is in no contract chain from A");
	ms_ta_done(a);
}

/* A contract A-B that covers something outside supply(ehr) is no chain. */
static void test_owner_chain_must_cover_the_supply(void)
{
	medscope_analysis *a = ANALYSE(iaas_model(
		"  <system id=\"lab\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"lab\"/>\n"
		"  <contract id=\"k3\" client=\"A\" supplier=\"B\" type=\"sale\" covers=\"iaas\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* k2 covers lab only; k3 is a sale, not a 契約等. */
	CU_ASSERT_EQUAL(ms_ta_basis(a, "iaas", "H"), MS_RULE_PRIME_SUPPLY_CHAIN);
	ms_ta_done(a);
}

/* GL 2.2.2 case 2: A selects B, B procures C: A includes B and C. */
static void test_owner_chain_of_three_is_selected_by_prime(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A_B "  <vendor id=\"C\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"paas\"/></system>\n"
		"  <system id=\"paas\" provider=\"B\" layer=\"paas\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"C\" layer=\"iaas\"/>\n"
		"  <contract id=\"k3\" client=\"B\" supplier=\"C\" type=\"service\" covers=\"iaas\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k2\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"paas\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER, "k1", "");
	assert_owner(a, "paas", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,k2", "");
	assert_owner(a, "iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,k2,k3", "");
	ms_ta_done(a);
}

/* A selected C, though B signed with C: the chain follows selected-by. */
static void test_owner_chain_follows_selected_by(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A_B "  <vendor id=\"C\"/>\n  <vendor id=\"Q\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"C\" layer=\"iaas\"/>\n"
		"  <system id=\"bk\" provider=\"Q\" layer=\"iaas\"/>\n"
		"  <system id=\"rpt\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"bk\"/></system>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr rpt\"/>\n"
		"  <contract id=\"k3\" client=\"B\" supplier=\"C\" selected-by=\"A\" type=\"service\" covers=\"iaas\"/>\n"
		"  <contract id=\"k4\" client=\"B\" supplier=\"Q\" selected-by=\"C\" type=\"service\" covers=\"bk\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "iaas", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,k3", "");
	/* C is in no chain for rpt (k3 does not cover rpt's supply), so its
	 * selection of Q does not reach bk from A. */
	CU_ASSERT_EQUAL(ms_ta_basis(a, "bk", "H"), MS_RULE_PRIME_SUPPLY_CHAIN);
	ms_ta_done(a);
}

/* GL 2.2.3 / FAQ 2.1: the facility contracts B separately; A reaches B's
 * system but did not select B: B owns, A considers it. */
static const char *backup_model(const char *selected_by)
{
	static char buf[2048];
	snprintf(buf, sizeof buf, MS_DOC(H_A_B
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"bk\"/></system>\n"
		"  <system id=\"bk\" provider=\"B\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k4\" client=\"H\" supplier=\"B\" type=\"service\" covers=\"bk\"%s/>\n"),
		selected_by);
	return buf;
}

static void test_owner_two_primes_facility_contracted(void)
{
	medscope_analysis *a = ANALYSE(backup_model(""));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "bk", "H", "B", MS_RULE_FACILITY_CONTRACTED, "k4", "A");
	assert_owner(a, "ehr", "H", "A", MS_RULE_PRIME_PROVIDER, "k1", "");
	ms_ta_done(a);
}

/* FAQ 2.1 「事業者Aが事業者Bを調達しても、契約上は、医療機関等と事業者Bが直接契約
 * する場合」: A procured B, so A owns as in 2.2.2 - not facility-contracted. */
static void test_owner_procured_by_prime(void)
{
	medscope_analysis *a = ANALYSE(backup_model(" selected-by=\"A\""));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "bk", "H", "A", MS_RULE_PROCURED_BY_PRIME, "k1,k4", "");
	ms_ta_done(a);
}

/* B alone reaches its own system: prime-provider, nobody to consider. */
static void test_owner_sole_prime_is_prime_provider_not_facility_contracted(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A_B
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <system id=\"bk\" provider=\"B\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"k4\" client=\"H\" supplier=\"B\" type=\"service\" covers=\"bk\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "bk", "H", "B", MS_RULE_PRIME_PROVIDER, "k4", "");
	ms_ta_done(a);
}

/* Where several primes could own, the smallest id owns; the others are
 * considered_by (sorted). */
static void test_owner_precedence_smallest_id(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n"
		"  <vendor id=\"A2\"/>\n  <vendor id=\"A1\"/>\n  <vendor id=\"A3\"/>\n  <vendor id=\"B\"/>\n"
		"  <system id=\"app2\" provider=\"A2\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"app1\" provider=\"A1\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"app3\" provider=\"A3\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <contract id=\"k2\" client=\"H\" supplier=\"A2\" type=\"service\" covers=\"app2\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A1\" type=\"service\" covers=\"app1\"/>\n"
		"  <contract id=\"k3\" client=\"H\" supplier=\"A3\" type=\"service\" covers=\"app3\"/>\n"
		"  <contract id=\"k8\" client=\"A2\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"
		"  <contract id=\"k7\" client=\"A3\" supplier=\"B\" type=\"service\" covers=\"iaas\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* A1 reaches iaas with no chain to B; A2 and A3 both selected B. */
	assert_owner(a, "iaas", "H", "A2", MS_RULE_SELECTED_BY_PRIME, "k2,k8", "A1,A3");
	ms_ta_done(a);
}

static void test_owner_prime_supply_chain_smallest_id(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n"
		"  <vendor id=\"A2\"/>\n  <vendor id=\"A1\"/>\n  <vendor id=\"B\"/>\n"
		"  <system id=\"app2\" provider=\"A2\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"app1\" provider=\"A1\" layer=\"saas\" data=\"medical\"><runs-on ref=\"iaas\"/></system>\n"
		"  <system id=\"iaas\" provider=\"B\" layer=\"iaas\"/>\n"
		"  <contract id=\"k2\" client=\"H\" supplier=\"A2\" type=\"service\" covers=\"app2\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A1\" type=\"service\" covers=\"app1\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "iaas", "H", "A1", MS_RULE_PRIME_SUPPLY_CHAIN, "k1", "A2");
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_MISSING_CONTRACT), 1);
	ms_ta_done(a);
}

/* FAQ 5: without a known provider the facility stays responsible. */
static void test_owner_unknown_provider(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n  <vendor id=\"A\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\"><runs-on ref=\"infra\"/></system>\n"
		"  <system id=\"infra\" layer=\"iaas\" data-region=\"jp\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "infra", "H", "H", MS_RULE_UNKNOWN_PROVIDER, "", "A");
	CU_ASSERT_PTR_NOT_NULL(ms_ta_finding(a, MS_RULE_PROVIDER_UNKNOWN, "H,infra"));
	/* The known one is not. */
	CU_ASSERT_EQUAL(ms_ta_basis(a, "ehr", "H"), MS_RULE_PRIME_PROVIDER);
	CU_ASSERT_EQUAL(ms_ta_count(a, MS_RULE_PROVIDER_UNKNOWN), 1);
	ms_ta_done(a);
}

/* FAQ 1.1: the facility runs the system itself; the maintainer considers it. */
static void test_owner_self_operated(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H\"/>\n  <facility id=\"H2\"/>\n"
		"  <vendor id=\"M\"/>\n"
		"  <system id=\"mri\" provider=\"H\" layer=\"device\" data=\"medical\"/>\n"
		"  <system id=\"ct\" provider=\"H2\" layer=\"device\" data=\"medical\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"M\" type=\"maintenance\" covers=\"mri ct\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "mri", "H", "H", MS_RULE_SELF_OPERATED, "", "M");
	/* Another facility's device is not self-operated for H. */
	CU_ASSERT_EQUAL(ms_ta_basis(a, "ct", "H"), MS_RULE_PRIME_SUPPLY_CHAIN);
	CU_ASSERT_STRING_EQUAL(ms_ta_owner(a, "ct", "H"), "M");
	ms_ta_done(a);
}

/* Systems served to no facility get no entry; entries are by system id,
 * then facility id. */
static void test_owner_entries_only_for_served_systems_in_order(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC("  <facility id=\"H2\"/>\n  <facility id=\"H1\"/>\n"
		"  <vendor id=\"A\"/>\n"
		"  <system id=\"z\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <system id=\"y\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <system id=\"idle\" provider=\"A\" layer=\"saas\" data=\"medical\"/>\n"
		"  <contract id=\"k2\" client=\"H2\" supplier=\"A\" type=\"service\" covers=\"z y\"/>\n"
		"  <contract id=\"k1\" client=\"H1\" supplier=\"A\" type=\"service\" covers=\"z\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->sysinfo[SYSTEM(a, "idle")].nown, 0);
	CU_ASSERT_FALSE(a->sysinfo[SYSTEM(a, "idle")].served);
	CU_ASSERT_EQUAL_FATAL(a->ownership.n, 3);
	const char *want[3][2] = {{"y", "H2"}, {"z", "H1"}, {"z", "H2"}};
	for (int i = 0; i < 3; i++) {
		const ms_ownership *o = &a->ownership.v[i];
		CU_ASSERT_STRING_EQUAL(a->model->systems.v[o->system].id, want[i][0]);
		CU_ASSERT_STRING_EQUAL(a->model->parties.v[o->facility].id, want[i][1]);
	}
	CU_ASSERT_EQUAL(a->sysinfo[SYSTEM(a, "z")].nown, 2);
	ms_ta_done(a);
}


/* A selects B and C, B selects D: each via is the prime contract then the
 * path of the chain down to the provider. */
static void test_owner_chain_branches_give_each_path(void)
{
	medscope_analysis *a = ANALYSE(MS_DOC(H_A_B "  <vendor id=\"C\"/>\n  <vendor id=\"D\"/>\n"
		"  <system id=\"ehr\" provider=\"A\" layer=\"saas\" data=\"medical\">\n"
		"    <runs-on ref=\"pb\"/><runs-on ref=\"pc\"/>\n  </system>\n"
		"  <system id=\"pb\" provider=\"B\" layer=\"paas\"><runs-on ref=\"pd\"/></system>\n"
		"  <system id=\"pc\" provider=\"C\" layer=\"paas\"/>\n"
		"  <system id=\"pd\" provider=\"D\" layer=\"iaas\"/>\n"
		"  <contract id=\"k1\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>\n"
		"  <contract id=\"kab\" client=\"A\" supplier=\"B\" type=\"service\" covers=\"pb\"/>\n"
		"  <contract id=\"kac\" client=\"A\" supplier=\"C\" type=\"service\" covers=\"pc\"/>\n"
		"  <contract id=\"kbd\" client=\"B\" supplier=\"D\" type=\"service\" covers=\"pd\"/>\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	assert_owner(a, "pb", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,kab", "");
	assert_owner(a, "pc", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,kac", "");
	assert_owner(a, "pd", "H", "A", MS_RULE_SELECTED_BY_PRIME, "k1,kab,kbd", "");
	ms_ta_done(a);
}

/* A chain as deep as the runs-on stack under it: every entry's via is its
 * whole path, but the paths share one copy (the pool stays linear, not
 * depth^2 per facility). */
static void test_owner_deep_chain_vias_share_prefixes(void)
{
	enum { DEPTH = 400, FACILITIES = 20 };
	size_t cap = 256 * (DEPTH + FACILITIES) + 1024, len = 0;
	char *xml = malloc(cap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
#define PUT(...) len += (size_t)snprintf(xml + len, cap - len, __VA_ARGS__)
	PUT("<?xml version=\"1.0\"?>\n<deployment xmlns=\"urn:medscope:deployment:1\" name=\"deep\" "
	    "as-of=\"2026-11-01\">\n");
	for (int i = 1; i <= DEPTH; i++) {
		PUT("<vendor id=\"V%d\"/>\n<system id=\"S%d\" provider=\"V%d\" layer=\"saas\" "
		    "data-region=\"jp\"%s>", i, i, i, i == 1 ? " data=\"medical\"" : "");
		if (i < DEPTH)
			PUT("<runs-on ref=\"S%d\"/>", i + 1);
		PUT("</system>\n");
		if (i < DEPTH)
			PUT("<contract id=\"K%d\" client=\"V%d\" supplier=\"V%d\" type=\"service\" "
			    "covers=\"S%d\"/>\n", i, i, i + 1, i + 1);
	}
	for (int f = 0; f < FACILITIES; f++)
		PUT("<facility id=\"F%d\"/>\n<contract id=\"KF%d\" client=\"F%d\" supplier=\"V1\" "
		    "type=\"service\" covers=\"S1\"/>\n", f, f, f);
	PUT("</deployment>\n");
#undef PUT
	CU_ASSERT_FATAL(len < cap);
	medscope_analysis *a = ANALYSE(xml);
	free(xml);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->ownership.n, DEPTH * FACILITIES);
	const ms_ownership *o = ms_ta_own(a, "S400", "F7");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->basis, MS_RULE_SELECTED_BY_PRIME);
	CU_ASSERT_EQUAL_FATAL(o->via.n, DEPTH);
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, MS_APOOL(a, o->via, 0)), "KF7");
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, MS_APOOL(a, o->via, 1)), "K1");
	CU_ASSERT_STRING_EQUAL(ms_sym_name(a->model, MS_APOOL(a, o->via, DEPTH - 1)), "K399");
	CU_ASSERT_STRING_EQUAL(JOIN_SYMS(a, ms_ta_own(a, "S3", "F0")->via), "KF0,K1,K2");
	/* Unshared, the vias alone would take FACILITIES * DEPTH^2 / 2 = 1.6M. */
	CU_ASSERT(a->pool.n < 200000);
	ms_ta_done(a);
}

static CU_TestInfo tests[] = {
	{"test_owner_single_vendor_is_prime_provider", test_owner_single_vendor_is_prime_provider},
	{"test_owner_selected_iaas_is_selected_by_prime", test_owner_selected_iaas_is_selected_by_prime},
	{"test_owner_iaas_without_contract_is_prime_supply_chain",
	 test_owner_iaas_without_contract_is_prime_supply_chain},
	{"test_owner_chain_must_cover_the_supply", test_owner_chain_must_cover_the_supply},
	{"test_owner_chain_of_three_is_selected_by_prime", test_owner_chain_of_three_is_selected_by_prime},
	{"test_owner_chain_follows_selected_by", test_owner_chain_follows_selected_by},
	{"test_owner_two_primes_facility_contracted", test_owner_two_primes_facility_contracted},
	{"test_owner_procured_by_prime", test_owner_procured_by_prime},
	{"test_owner_sole_prime_is_prime_provider_not_facility_contracted",
	 test_owner_sole_prime_is_prime_provider_not_facility_contracted},
	{"test_owner_precedence_smallest_id", test_owner_precedence_smallest_id},
	{"test_owner_prime_supply_chain_smallest_id", test_owner_prime_supply_chain_smallest_id},
	{"test_owner_unknown_provider", test_owner_unknown_provider},
	{"test_owner_self_operated", test_owner_self_operated},
	{"test_owner_entries_only_for_served_systems_in_order",
	 test_owner_entries_only_for_served_systems_in_order},
	{"test_owner_chain_branches_give_each_path", test_owner_chain_branches_give_each_path},
	{"test_owner_deep_chain_vias_share_prefixes", test_owner_deep_chain_vias_share_prefixes},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_ownership = {"ownership", NULL, NULL, NULL, NULL, tests};
