/* SPDX-License-Identifier: Apache-2.0 */
/* The public face of the compiled rule catalog (models/rules.xml and
 * models/vocabulary.xml). */
#include "medscope/medscope.h"
#include "rules_catalog.h"

size_t medscope_rule_count(void)
{
	return MS_RULE__COUNT;
}

int medscope_rule_find(const char *code)
{
	return code ? ms_rule_lookup(code) : -1;
}

const char *medscope_rule_code(size_t i)
{
	return ms_rules[i].code;
}

const char *medscope_rule_kind(size_t i)
{
	static const char *const names[] = {"scope-in", "scope-out", "ownership", "agreement",
	                                    "finding"};
	return names[ms_rules[i].kind];
}

/* The severity codes are the vocabulary's (models/vocabulary.xml), whose
 * values the public enumeration repeats. */
_Static_assert(MS_SEV_NONE == (int)MEDSCOPE_SEVERITY_NONE && MS_SEV_NOTE == (int)MEDSCOPE_SEVERITY_NOTE &&
                   MS_SEV_WARNING == (int)MEDSCOPE_SEVERITY_WARNING &&
                   MS_SEV_ERROR == (int)MEDSCOPE_SEVERITY_ERROR,
               "ms_severity and medscope_severity agree");

const char *medscope_severity_name(medscope_severity sev)
{
	const char *code = ms_code(MS_W_SEVERITY, (unsigned)sev);
	return code ? code : "none";
}

medscope_severity medscope_rule_severity(size_t i)
{
	return (medscope_severity)ms_rules[i].severity;
}

const char *medscope_rule_topic(size_t i) { return ms_rules[i].topic; }
const char *medscope_rule_cite(size_t i) { return ms_rules[i].cite_key; }
const char *medscope_rule_quote(size_t i) { return ms_rules[i].cite_quote; }
const char *medscope_rule_source(size_t i) { return ms_rules[i].cite_document; }
const char *medscope_rule_basis(size_t i, medscope_lang lang)
{
	return ms_rules[i].basis[lang == MEDSCOPE_LANG_JA];
}

const char *medscope_rule_title(size_t i, medscope_lang lang)
{
	return ms_rules[i].title[lang == MEDSCOPE_LANG_JA];
}

const char *medscope_rule_message(size_t i, medscope_lang lang)
{
	return ms_rules[i].message[lang == MEDSCOPE_LANG_JA];
}

const char *medscope_rule_help(size_t i, medscope_lang lang)
{
	return ms_rules[i].help[lang == MEDSCOPE_LANG_JA];
}
