/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A program embedding libmedscope: load a model, analyse it, and list its
 * findings through the public accessors, one a line, as
 * FILE:LINE:COL: SEVERITY: CODE: MESSAGE. Exits 1 when there are findings.
 *
 *     cc findings.c $(pkg-config --cflags --libs medscope) -o findings
 *     ./findings model.xml
 */
#include <stdio.h>
#include <stdlib.h>

#include <medscope/medscope.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s MODEL.xml\n", argv[0]);
		return 2;
	}
	medscope_diags *diags = NULL;
	medscope_model *model = NULL;
	medscope_analysis *analysis = NULL;
	int rc = 2;
	if (medscope_diags_new(&diags, 0) != MEDSCOPE_OK)
		return 2;
	medscope_status st = medscope_model_load_file(&model, argv[1], NULL, diags);
	if (st == MEDSCOPE_OK)
		st = medscope_analyze(&analysis, model, NULL);
	if (st != MEDSCOPE_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], medscope_status_message(st));
		for (size_t i = 0; i < medscope_diags_count(diags); i++)
			fprintf(stderr, "%s:%u:%u: %s\n", medscope_diag_file(diags, i),
			        medscope_diag_line(diags, i), medscope_diag_column(diags, i),
			        medscope_diag_message(diags, i));
		goto done;
	}
	printf("medscope %s\n", medscope_version());
	size_t n = medscope_finding_count(analysis);
	for (size_t i = 0; i < n; i++) {
		char msg[1024];
		medscope_finding_message(analysis, i, MEDSCOPE_LANG_EN, msg, sizeof(msg));
		printf("%s:%u:%u: %s: %s: %s\n", medscope_finding_file(analysis, i),
		       medscope_finding_line(analysis, i), medscope_finding_column(analysis, i),
		       medscope_severity_name(medscope_finding_severity(analysis, i)),
		       medscope_finding_code(analysis, i), msg);
	}
	rc = n > 0;
done:
	medscope_analysis_free(analysis);
	medscope_model_free(model);
	medscope_diags_free(diags);
	return rc;
}
