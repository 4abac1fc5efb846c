/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The analysis read through the public API (medscope/analysis.h):
 * findings, ownership entries and required agreements, one fact per
 * function, as the JSON report names them. Indices are trusted like
 * medscope_diag_*'s: the caller keeps them below the count.
 */
#include <string.h>

#include "analyze/analysis.h"
#include "emit/jsonw.h"

const char *medscope_version(void)
{
	return MEDSCOPE_VERSION_STRING;
}

size_t medscope_finding_count(const medscope_analysis *a)
{
	return a->findings.n;
}

const char *medscope_finding_code(const medscope_analysis *a, size_t i)
{
	return ms_rules[a->findings.v[i].rule].code;
}

medscope_severity medscope_finding_severity(const medscope_analysis *a, size_t i)
{
	return (medscope_severity)a->findings.v[i].severity;
}

size_t medscope_finding_message(const medscope_analysis *a, size_t i, medscope_lang lang,
                                char *buf, size_t size)
{
	ms_buf msg = MS_BUF_INIT;
	ms_finding_message(a, &a->findings.v[i], lang, &msg);
	size_t len = msg.oom ? 0 : msg.len;
	if (size) {
		size_t n = len < size ? len : size - 1;
		if (n)
			memcpy(buf, msg.s, n);
		buf[n] = '\0';
	}
	ms_buf_free(&msg);
	return len;
}

const char *medscope_finding_file(const medscope_analysis *a, size_t i)
{
	/* The file where the element stands: a part's, in a split model. */
	return ms_loc_path(a->model, a->findings.v[i].loc);
}

unsigned medscope_finding_line(const medscope_analysis *a, size_t i)
{
	return a->findings.v[i].loc.line;
}

unsigned medscope_finding_column(const medscope_analysis *a, size_t i)
{
	return a->findings.v[i].loc.col;
}

size_t medscope_finding_subject_count(const medscope_analysis *a, size_t i)
{
	return a->findings.v[i].subjects.n;
}

const char *medscope_finding_subject(const medscope_analysis *a, size_t i, size_t k)
{
	return ms_sym_name(a->model, MS_APOOL(a, a->findings.v[i].subjects, k));
}

void medscope_finding_fingerprint(const medscope_analysis *a, size_t i, char out[17])
{
	ms_finding_fingerprint(out, a, &a->findings.v[i]);
}

int medscope_finding_suppressed(const medscope_analysis *a, size_t i)
{
	return a->findings.v[i].exception != MS_NONE;
}

size_t medscope_ownership_count(const medscope_analysis *a)
{
	return a->ownership.n;
}

const char *medscope_ownership_system(const medscope_analysis *a, size_t i)
{
	return a->model->systems.v[a->ownership.v[i].system].id;
}

const char *medscope_ownership_facility(const medscope_analysis *a, size_t i)
{
	return a->model->parties.v[a->ownership.v[i].facility].id;
}

const char *medscope_ownership_owner(const medscope_analysis *a, size_t i)
{
	return a->model->parties.v[a->ownership.v[i].owner].id;
}

const char *medscope_ownership_basis(const medscope_analysis *a, size_t i)
{
	return ms_rules[a->ownership.v[i].basis].code;
}

size_t medscope_requirement_count(const medscope_analysis *a)
{
	return a->requirements.n;
}

const char *medscope_requirement_code(const medscope_analysis *a, size_t i)
{
	return ms_rules[a->requirements.v[i].rule].code;
}

const char *medscope_requirement_topic(const medscope_analysis *a, size_t i)
{
	return ms_code(MS_W_TOPIC, a->requirements.v[i].topic);
}

size_t medscope_requirement_party_count(const medscope_analysis *a, size_t i)
{
	return a->requirements.v[i].nparties;
}

const char *medscope_requirement_party(const medscope_analysis *a, size_t i, size_t k)
{
	return a->model->parties.v[a->requirements.v[i].parties[k]].id;
}

const char *medscope_requirement_satisfied_by(const medscope_analysis *a, size_t i)
{
	uint32_t ag = a->requirements.v[i].satisfied_by;
	return ag == MS_NONE ? NULL : a->model->agreements.v[ag].id;
}
