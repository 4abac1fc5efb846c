/* SPDX-License-Identifier: Apache-2.0 */
/* The public header compiles alone, strictly, as C11 (and C++ would take it:
 * extern "C"), and its accessors work through the installed library's
 * exports only. Built with -Wall -Wextra -pedantic -Werror by tests/CMakeLists.txt;
 * argv[1] is a model with findings (examples/03-chain-a-b-c.xml). */
#include <string.h>

#include "medscope/medscope.h"

static int check_findings(const medscope_analysis *a)
{
	size_t n = medscope_finding_count(a);
	size_t by_sev = 0;
	for (int s = MEDSCOPE_SEVERITY_NOTE; s <= MEDSCOPE_SEVERITY_ERROR; s++)
		by_sev += medscope_analysis_count(a, (medscope_severity)s);
	if (n == 0 || n != by_sev)
		return 1;
	for (size_t i = 0; i < n; i++) {
		char msg[512], fp[17];
		size_t len = medscope_finding_message(a, i, MEDSCOPE_LANG_EN, msg, sizeof(msg));
		if (len == 0 || (len < sizeof(msg) && strlen(msg) != len))
			return 2;
		if (medscope_finding_message(a, i, MEDSCOPE_LANG_JA, NULL, 0) == 0)
			return 3;
		if (medscope_rule_find(medscope_finding_code(a, i)) < 0)
			return 4;
		if (medscope_finding_severity(a, i) == MEDSCOPE_SEVERITY_NONE ||
		    medscope_finding_line(a, i) == 0 || medscope_finding_column(a, i) == 0 ||
		    strcmp(medscope_finding_file(a, i), medscope_model_file(medscope_analysis_model(a))))
			return 5;
		for (size_t k = 0; k < medscope_finding_subject_count(a, i); k++)
			if (!*medscope_finding_subject(a, i, k))
				return 6;
		medscope_finding_fingerprint(a, i, fp);
		if (strlen(fp) != 16 || medscope_finding_suppressed(a, i))
			return 7;
	}
	/* A truncated message is cut, terminated, and its length still reported. */
	char small[4];
	if (medscope_finding_message(a, 0, MEDSCOPE_LANG_EN, small, sizeof(small)) <= 3 ||
	    strlen(small) != 3)
		return 8;
	return 0;
}

static int check_tables(const medscope_analysis *a)
{
	if (medscope_ownership_count(a) == 0 || medscope_requirement_count(a) == 0)
		return 10;
	for (size_t i = 0; i < medscope_ownership_count(a); i++)
		if (!*medscope_ownership_system(a, i) || !*medscope_ownership_facility(a, i) ||
		    !*medscope_ownership_owner(a, i) || medscope_rule_find(medscope_ownership_basis(a, i)) < 0)
			return 11;
	for (size_t i = 0; i < medscope_requirement_count(a); i++) {
		size_t np = medscope_requirement_party_count(a, i);
		if (np < 2 || np > 3 || !medscope_requirement_topic(a, i) ||
		    medscope_rule_find(medscope_requirement_code(a, i)) < 0)
			return 12;
		for (size_t k = 0; k < np; k++)
			if (!*medscope_requirement_party(a, i, k))
				return 13;
		(void)medscope_requirement_satisfied_by(a, i);
	}
	return 0;
}

int main(int argc, char **argv)
{
	medscope_load_options o;
	medscope_load_options_init(&o);
	if (medscope_rule_count() == 0 || o.max_input == 0 ||
	    strcmp(medscope_version(), MEDSCOPE_VERSION_STRING))
		return 1;
	if (argc < 2)
		return 0;
	medscope_model *m = NULL;
	medscope_analysis *a = NULL;
	int rc = 20;
	if (medscope_model_load_file(&m, argv[1], NULL, NULL) == MEDSCOPE_OK &&
	    medscope_analyze(&a, m, NULL) == MEDSCOPE_OK) {
		rc = check_findings(a);
		if (!rc)
			rc = check_tables(a);
	}
	medscope_analysis_free(a);
	medscope_model_free(m);
	return rc;
}
