/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The unit-test binary. With no argument it runs every suite; with one, that
 * suite only (ctest registers one entry per suite). Exit 0 when every test
 * passed, 1 when one failed, 2 when CUnit itself failed.
 */
#include <CUnit/Basic.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

#define MS_SUITE(name) extern CU_SuiteInfo suite_##name;
#include "suites.inc"
#undef MS_SUITE

int main(int argc, char **argv)
{
	CU_SuiteInfo suites[] = {
#define MS_SUITE(name) suite_##name,
#include "suites.inc"
#undef MS_SUITE
		CU_SUITE_INFO_NULL};
	xmlInitParser();
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (CU_register_suites(suites) != CUE_SUCCESS) {
		fprintf(stderr, "%s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_ErrorCode rc;
	if (argc > 1) {
		CU_pSuite s = CU_get_suite(argv[1]);
		if (!s) {
			fprintf(stderr, "no suite '%s'\n", argv[1]);
			CU_cleanup_registry();
			return 2;
		}
		rc = CU_basic_run_suite(s);
	} else {
		rc = CU_basic_run_tests();
	}
	unsigned failed = CU_get_number_of_failures();
	unsigned ran = CU_get_number_of_tests_run();
	CU_cleanup_registry();
	xmlCleanupParser();
	if (rc != CUE_SUCCESS || ran == 0)
		return 2;
	return failed ? 1 : 0;
}
