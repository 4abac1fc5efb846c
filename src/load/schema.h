/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C form of models/deployment.xsd: the elements, where each may
 * appear, and each one's attributes with their types. Adding an attribute
 * takes an index below, a row in its table (schema.c) and a line where the
 * builder stores it (build.c). tests/unit/test_schema.c runs libxml2's
 * XSD validator and this loader on the same corpus and requires the same
 * verdict.
 */
#ifndef MS_LOAD_SCHEMA_H
#define MS_LOAD_SCHEMA_H

#include <libxml/xmlstring.h>
#include <libxml/dict.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "load/report.h"
#include "model/model.h"

#define MS_NS "urn:medscope:deployment:1"
#define MS_XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define MS_XINCLUDE_NS "http://www.w3.org/2001/XInclude"

typedef enum {
	EL_DEPLOYMENT, EL_FACILITY, EL_NETOP, EL_VENDOR, EL_CERT, EL_SYSTEM, EL_RUNS_ON,
	EL_CONNECTS_TO, EL_CONTRACT, EL_FLOW, EL_AGREEMENT, EL_RISK, EL_EXCEPTION, EL_PART, EL_INCLUDE,
	EL__COUNT,
	EL_UNKNOWN
} el_kind;

extern const char *const ms_el_names[EL__COUNT];

/* AT_CODE: a finding's rule code of the catalog (ms_rules), by index. */
typedef enum { AT_ID, AT_REF, AT_REFS, AT_ENUM, AT_ENUMS, AT_DATE, AT_BOOL, AT_STRING, AT_CODE } at_type;

typedef struct {
	const char *name;
	uint8_t type;
	uint8_t min_items; /* lists: fewest values when present (xs:list minLength);
	                      AT_STRING: 1 = must hold more than white space */
	bool required;
	const ms_enum *values;
} at_spec;

/* Each element's attributes, ending with a NULL name; an attribute's row
 * is its index below (the builder reads vals[index]). */
extern const at_spec *const ms_el_attrs[EL__COUNT];

enum { DE_NAME, DE_AS_OF, DE__N };
enum { PA_NAME, PA__N };   /* <part>: the root of a file that <include> reads */
enum { IN_HREF, IN__N };
enum { FA_ID, FA_NAME, FA_TYPE, FA__N };
enum { NO_ID, NO_NAME, NO_MANAGES, NO__N };
enum { VE_ID, VE_NAME, VE_ROLE, VE__N };
enum { CE_SCHEME, CE_VALID_UNTIL, CE_NOTE, CE__N };
enum { SY_ID, SY_NAME, SY_PROVIDER, SY_LAYER, SY_DATA, SY_LOCATION, SY_REGION, SY_EXTERNAL, SY_NOTE, SY__N };
enum { RO_REF, RO_FLAG, RO__N }; /* runs-on (known) and connects-to (api) alike */
enum { CO_ID, CO_CLIENT, CO_SUPPLIER, CO_COVERS, CO_TYPE, CO_SELECTED_BY, CO_DATE, CO_NAME, CO_NOTE, CO__N };
enum { FL_ID, FL_FROM, FL_TO, FL_DATA, FL_BASIS, FL__N };
enum { AG_ID, AG_PARTIES, AG_TOPICS, AG_COVERS, AG_DATE, AG_REVIEW_BY, AG_DOCUMENT, AG_DOCUMENTED,
       AG_NOTE, AG__N };
enum { RI_ID, RI_SYSTEM, RI_OWNER, RI_TREATMENT, RI_AGREED_WITH, RI_REVIEWED, RI_LEVEL, RI__N };
enum { EX_ID, EX_CODE, EX_SUBJECTS, EX_APPROVED_BY, EX_REASON, EX_UNTIL, EX_DATE, EX_DOCUMENT,
       EX__N };

/* The most attributes any element has. */
#define MAX_SPECS 9

/* One attribute, parsed. */
typedef struct {
	bool present;
	uint32_t u;     /* AT_ID / AT_REF: symbol; AT_ENUM / AT_BOOL: value; AT_ENUMS: bits;
	                   AT_CODE: ms_rule_id */
	int32_t date;
	ms_span span;   /* AT_REFS: symbols in the pool */
	const char *s;  /* AT_STRING: arena copy */
} at_val;

/* Our names interned in one parser's dictionary: libxml2 hands us names
 * from that dictionary, so a pointer comparison matches them. */
typedef struct {
	const xmlChar *ns;
	const xmlChar *el[EL__COUNT];
	const xmlChar *at[EL__COUNT][MAX_SPECS];
} ms_schema_names;

/* Returns false when a lookup failed (out of memory): a NULL name would
 * make valid names look unknown. */
bool ms_schema_names_intern(ms_schema_names *n, xmlDictPtr dict);

/* Which element `name` is at this depth under this parent, or EL_UNKNOWN. */
el_kind ms_schema_classify(const ms_schema_names *n, const xmlChar *name, const xmlChar *uri,
                           unsigned depth, el_kind parent);

/* Which of el's specs attribute a (of libxml2's five-pointer array) is,
 * or -1 (unknown or namespaced). */
int ms_schema_spec_index(const ms_schema_names *n, el_kind el, const xmlChar **attrs, int a);

/* ---- value parsing (value.c) ---- */

static inline bool ms_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Drop the XML white space at both ends of s[0, *len). */
const char *ms_trim(const char *s, size_t *len);

/* Check and parse the attributes of an element of kind el into
 * vals[MAX_SPECS], reporting each problem at r->loc. Returns false when a
 * required one is missing or a value is bad. */
bool ms_parse_attrs(ms_report *r, const ms_schema_names *n, el_kind el, int nb,
                    const xmlChar **attrs, at_val *vals);

#endif
