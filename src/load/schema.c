/* SPDX-License-Identifier: Apache-2.0 */
/* The element and attribute tables of deployment.xsd, and where each
 * element may appear. */
#include "load/schema.h"

#include <string.h>

const char *const ms_el_names[EL__COUNT] = {
	"deployment", "facility", "network-operator", "vendor", "certification", "system",
	"runs-on", "connects-to", "contract", "flow", "agreement", "risk", "exception", "part",
	"include"};

static const at_spec at_deployment[DE__N + 1] = {
	[DE_NAME] = {"name", AT_STRING, 0, false, NULL},
	[DE_AS_OF] = {"as-of", AT_DATE, 0, false, NULL}};
static const at_spec at_facility[FA__N + 1] = {
	[FA_ID] = {"id", AT_ID, 0, true, NULL},
	[FA_NAME] = {"name", AT_STRING, 0, false, NULL},
	[FA_TYPE] = {"type", AT_ENUM, 0, false, ms_enum_facility_type}};
static const at_spec at_netop[NO__N + 1] = {
	[NO_ID] = {"id", AT_ID, 0, true, NULL},
	[NO_NAME] = {"name", AT_STRING, 0, false, NULL},
	[NO_MANAGES] = {"manages-medical-info", AT_BOOL, 0, true, ms_enum_bool}};
static const at_spec at_vendor[VE__N + 1] = {
	[VE_ID] = {"id", AT_ID, 0, true, NULL},
	[VE_NAME] = {"name", AT_STRING, 0, false, NULL},
	[VE_ROLE] = {"role", AT_STRING, 0, false, NULL}};
static const at_spec at_cert[CE__N + 1] = {
	[CE_SCHEME] = {"scheme", AT_ENUM, 0, true, ms_enum_cert_scheme},
	[CE_VALID_UNTIL] = {"valid-until", AT_DATE, 0, false, NULL},
	[CE_NOTE] = {"note", AT_STRING, 0, false, NULL}};
static const at_spec at_system[SY__N + 1] = {
	[SY_ID] = {"id", AT_ID, 0, true, NULL},
	[SY_NAME] = {"name", AT_STRING, 0, false, NULL},
	[SY_PROVIDER] = {"provider", AT_REF, 0, false, NULL},
	[SY_LAYER] = {"layer", AT_ENUM, 0, true, ms_enum_layer},
	[SY_DATA] = {"data", AT_ENUMS, 1, false, ms_enum_data},
	[SY_LOCATION] = {"location", AT_ENUM, 0, false, ms_enum_location},
	[SY_REGION] = {"data-region", AT_ENUM, 0, false, ms_enum_region},
	[SY_EXTERNAL] = {"external-storage", AT_BOOL, 0, false, ms_enum_bool},
	[SY_NOTE] = {"note", AT_STRING, 0, false, NULL}};
static const at_spec at_runs_on[RO__N + 1] = {
	[RO_REF] = {"ref", AT_REF, 0, true, NULL},
	[RO_FLAG] = {"known", AT_BOOL, 0, false, ms_enum_bool}};
static const at_spec at_connects_to[RO__N + 1] = {
	[RO_REF] = {"ref", AT_REF, 0, true, NULL},
	[RO_FLAG] = {"api", AT_BOOL, 0, false, ms_enum_bool}};
static const at_spec at_contract[CO__N + 1] = {
	[CO_ID] = {"id", AT_ID, 0, true, NULL},
	[CO_CLIENT] = {"client", AT_REF, 0, true, NULL},
	[CO_SUPPLIER] = {"supplier", AT_REF, 0, true, NULL},
	[CO_COVERS] = {"covers", AT_REFS, 1, true, NULL},
	[CO_TYPE] = {"type", AT_ENUMS, 1, true, ms_enum_contract_type},
	[CO_SELECTED_BY] = {"selected-by", AT_REF, 0, false, NULL},
	[CO_DATE] = {"date", AT_DATE, 0, false, NULL},
	[CO_NAME] = {"name", AT_STRING, 0, false, NULL},
	[CO_NOTE] = {"note", AT_STRING, 0, false, NULL}};
static const at_spec at_flow[FL__N + 1] = {
	[FL_ID] = {"id", AT_ID, 0, true, NULL},
	[FL_FROM] = {"from", AT_REF, 0, true, NULL},
	[FL_TO] = {"to", AT_REF, 0, true, NULL},
	[FL_DATA] = {"data", AT_ENUMS, 1, false, ms_enum_data},
	[FL_BASIS] = {"basis", AT_ENUM, 0, true, ms_enum_basis}};
static const at_spec at_agreement[AG__N + 1] = {
	[AG_ID] = {"id", AT_ID, 0, true, NULL},
	[AG_PARTIES] = {"parties", AT_REFS, 2, true, NULL},
	[AG_TOPICS] = {"topics", AT_ENUMS, 1, true, ms_enum_topic},
	[AG_COVERS] = {"covers", AT_REFS, 1, false, NULL},
	[AG_DATE] = {"date", AT_DATE, 0, false, NULL},
	[AG_REVIEW_BY] = {"review-by", AT_DATE, 0, false, NULL},
	[AG_DOCUMENT] = {"document", AT_STRING, 0, false, NULL},
	[AG_DOCUMENTED] = {"documented", AT_BOOL, 0, false, ms_enum_bool},
	[AG_NOTE] = {"note", AT_STRING, 0, false, NULL}};
static const at_spec at_risk[RI__N + 1] = {
	[RI_ID] = {"id", AT_ID, 0, true, NULL},
	[RI_SYSTEM] = {"system", AT_REF, 0, true, NULL},
	[RI_OWNER] = {"owner", AT_REF, 0, true, NULL},
	[RI_TREATMENT] = {"treatment", AT_ENUM, 0, true, ms_enum_treatment},
	[RI_AGREED_WITH] = {"agreed-with", AT_REFS, 1, false, NULL},
	[RI_REVIEWED] = {"reviewed", AT_DATE, 0, false, NULL},
	[RI_LEVEL] = {"level", AT_ENUM, 0, false, ms_enum_level}};
/* model.md "Exceptions": the lists may not be empty, the reason not blank. */
static const at_spec at_exception[EX__N + 1] = {
	[EX_ID] = {"id", AT_ID, 0, true, NULL},
	[EX_CODE] = {"code", AT_CODE, 0, true, NULL},
	[EX_SUBJECTS] = {"subjects", AT_REFS, 1, true, NULL},
	[EX_APPROVED_BY] = {"approved-by", AT_REFS, 1, true, NULL},
	[EX_REASON] = {"reason", AT_STRING, 1, true, NULL},
	[EX_UNTIL] = {"until", AT_DATE, 0, true, NULL},
	[EX_DATE] = {"date", AT_DATE, 0, false, NULL},
	[EX_DOCUMENT] = {"document", AT_STRING, 0, false, NULL}};

/* model.md "Splitting a model across files": a part's only attribute is
 * its name (for the author; the main file's name is the model's). href is
 * checked by the loader's include rules (loader.c), not as a value type. */
static const at_spec at_part[PA__N + 1] = {
	[PA_NAME] = {"name", AT_STRING, 0, false, NULL}};
static const at_spec at_include[IN__N + 1] = {
	[IN_HREF] = {"href", AT_STRING, 1, true, NULL}};

const at_spec *const ms_el_attrs[EL__COUNT] = {
	at_deployment, at_facility, at_netop, at_vendor, at_cert, at_system,
	at_runs_on, at_connects_to, at_contract, at_flow, at_agreement, at_risk, at_exception,
	at_part, at_include};

/* Every table fits the parse buffers. */
_Static_assert(SY__N <= MAX_SPECS && CO__N <= MAX_SPECS && AG__N <= MAX_SPECS &&
                       RI__N <= MAX_SPECS && FL__N <= MAX_SPECS && EX__N <= MAX_SPECS,
               "MAX_SPECS is smaller than an element's attribute table");

bool ms_schema_names_intern(ms_schema_names *n, xmlDictPtr dict)
{
	bool ok = true;
	n->ns = xmlDictLookup(dict, (const xmlChar *)MS_NS, -1);
	ok &= n->ns != NULL;
	for (int e = 0; e < EL__COUNT; e++) {
		n->el[e] = xmlDictLookup(dict, (const xmlChar *)ms_el_names[e], -1);
		ok &= n->el[e] != NULL;
		for (int i = 0; ms_el_attrs[e][i].name; i++) {
			n->at[e][i] = xmlDictLookup(dict, (const xmlChar *)ms_el_attrs[e][i].name, -1);
			ok &= n->at[e][i] != NULL;
		}
	}
	return ok;
}

el_kind ms_schema_classify(const ms_schema_names *n, const xmlChar *name, const xmlChar *uri,
                           unsigned depth, el_kind parent)
{
	if (!uri || (uri != n->ns && strcmp((const char *)uri, MS_NS) != 0))
		return EL_UNKNOWN;
	el_kind k = EL_UNKNOWN;
	for (int i = 0; i < EL__COUNT; i++)
		if (name == n->el[i])
			k = (el_kind)i;
	switch (k) {
	case EL_DEPLOYMENT:
	case EL_PART:
		return depth == 1 ? k : EL_UNKNOWN;
	case EL_CERT:
		return depth == 3 && (parent == EL_NETOP || parent == EL_VENDOR) ? k : EL_UNKNOWN;
	case EL_RUNS_ON:
	case EL_CONNECTS_TO:
		return depth == 3 && parent == EL_SYSTEM ? k : EL_UNKNOWN;
	case EL_UNKNOWN:
		return k;
	default:
		return depth == 2 ? k : EL_UNKNOWN;
	}
}

int ms_schema_spec_index(const ms_schema_names *n, el_kind el, const xmlChar **attrs, int a)
{
	int k = -1;
	if (!attrs[a * 5 + 2])
		for (int i = 0; ms_el_attrs[el][i].name; i++)
			if (attrs[a * 5] == n->at[el][i])
				k = i;
	return k;
}
