/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The semantic diff of two analyses (medscope diff), as its emitters read
 * it. Internal to the library. Indices with an `old_`/`new_` prefix point
 * into the old or the new model/analysis; MS_NONE = that side has none.
 *
 * Order (deterministic, so the same pair of models always gives the same
 * output): element changes by kind, then added/removed/changed, then id;
 * scope changes by party id; ownership changes by system id then facility
 * id; requirement changes by parties, topic, code; findings in NEW's order
 * (file, line, code), resolved ones in OLD's order.
 */
#ifndef MS_DIFF_H
#define MS_DIFF_H

#include "analyze/analysis.h"
#include "medscope/change.h"
#include "util/arena.h"

#include <stdio.h>

/* Kinds of model element, in the order the diff reports them. */
typedef enum {
	MS_ELEM_PARTY, MS_ELEM_SYSTEM, MS_ELEM_CONTRACT, MS_ELEM_AGREEMENT, MS_ELEM_FLOW,
	MS_ELEM_RISK, MS_ELEM_EXCEPTION, MS_ELEM_CERT, MS_ELEM__COUNT
} ms_elem_kind;

/* MS_CHANGE_EXPIRED: an exception in both versions that applied in OLD's
 * as-of and has expired by NEW's (rules.md §5); reported besides any
 * "changed" entry of the same exception. */
typedef enum { MS_CHANGE_ADDED, MS_CHANGE_REMOVED, MS_CHANGE_CHANGED, MS_CHANGE_EXPIRED } ms_change;

/* One attribute whose value differs. Values are as model.md spells them
 * (ids for references, lists sorted and space-separated); NULL = absent. */
typedef struct {
	const char *name; /* static */
	const char *old_value, *new_value; /* in diff->arena */
} ms_attr_change;

typedef struct {
	uint8_t kind;   /* ms_elem_kind */
	uint8_t change; /* ms_change */
	uint32_t old_index, new_index; /* into the kind's array (certs: model->certs) */
	uint32_t old_party, new_party; /* certifications: the party holding it */
	const char *key;               /* the id; certifications "PARTY/scheme" (a second
	                                  one of the same scheme "PARTY/scheme#2") */
	uint32_t attr_off, nattr;      /* into diff->attrs (changed only) */
} ms_elem_change;

/* Scope (rules.md §1). */
typedef enum {
	MS_SCOPE_ENTERED,  /* out of scope (or absent) before, in scope now */
	MS_SCOPE_LEFT,     /* in scope before, out of scope (or absent) now */
	MS_SCOPE_CATEGORY, /* in scope both times, another category */
	MS_SCOPE_REASONS   /* same standing, another set of reason codes */
} ms_scope_change_kind;

typedef struct {
	uint32_t old_party, new_party;
	uint8_t change; /* ms_scope_change_kind */
	const char *key;
} ms_scope_change;

/* Ownership entries (rules.md §2), matched by (system id, facility id). */
enum { MS_OWN_OWNER = 1, MS_OWN_BASIS = 2, MS_OWN_CONSIDERED = 4 };

typedef struct {
	uint32_t old_entry, new_entry; /* into analysis->ownership */
	uint8_t change;                /* ms_change */
	uint8_t what;                  /* MS_OWN_* bits, changed only */
	const char *key;
} ms_own_change;

/* Required agreements (rules.md §3), matched by code, topic, parties and
 * the contract they stem from; when that is ambiguous, also by systems. */
typedef enum {
	MS_REQ_REQUIRED,    /* newly required */
	MS_REQ_DROPPED,     /* no longer required */
	MS_REQ_NOW_MISSING, /* present before, missing now */
	MS_REQ_NOW_PRESENT, /* missing before, present now */
	MS_REQ_CHANGED      /* same status; systems or satisfying agreement differ */
} ms_req_change_kind;

enum { MS_REQ_SYSTEMS = 1, MS_REQ_SATISFIED_BY = 2, MS_REQ_SEVERITY = 4 };

typedef struct {
	uint32_t old_req, new_req; /* into analysis->requirements */
	uint8_t change;            /* ms_req_change_kind */
	uint8_t what;              /* MS_REQ_* bits */
	const char *key;
} ms_req_change;

/* Findings, matched by rule code and subjects (never by line). The names
 * are SARIF's baselineState values. */
typedef enum { MS_BASE_NEW, MS_BASE_UNCHANGED, MS_BASE_UPDATED, MS_BASE_ABSENT } ms_baseline;

/* Whether an exception suppresses a matched finding in one version and
 * not in the other (rules.md §5). Separate from ms_baseline: accepting a
 * finding does not make it new, nor resolve it. */
typedef enum { MS_SUPP_SAME, MS_SUPP_NOW, MS_SUPP_NO_LONGER } ms_supp_change;

struct medscope_diff {
	const medscope_analysis *old_a, *new_a;
	ms_arena arena; /* attribute values and sort keys */

	MS_VEC(ms_elem_change) elems;
	MS_VEC(ms_attr_change) attrs;
	MS_VEC(ms_scope_change) scope;
	MS_VEC(ms_own_change) owners;
	MS_VEC(ms_req_change) reqs;

	uint8_t *state;   /* [new findings] ms_baseline: new, unchanged or updated */
	uint32_t *match;  /* [new findings] the old finding it matches, or MS_NONE */
	uint8_t *supp;    /* [new findings] ms_supp_change (MS_SUPP_SAME when unmatched) */
	size_t nsupp[3];  /* findings per ms_supp_change */
	MS_VEC(uint32_t) resolved; /* old finding indices, in OLD's order */

	size_t nstate[4];            /* findings per ms_baseline */
	size_t introduced[4];        /* new + updated findings per ms_severity, suppressed
	                                ones aside (they never fail a gate, rules.md §5),
	                                and unchanged ones no longer suppressed */
	size_t introduced_suppressed; /* new + updated findings an exception suppresses */
};

/* Element and model-attribute matching (diff_model.c). `symmap` gives for
 * each symbol of NEW the symbol of OLD with the same id and kind, or
 * MS_NONE. Fills diff->elems and diff->attrs, and maps[kind] for the
 * parties, systems and agreements: for each element of NEW, the index of
 * its match in OLD, or MS_NONE (other kinds' maps may be NULL). */
medscope_status ms_diff_model(medscope_diff *d, const uint32_t *symmap,
                              uint32_t *maps[MS_ELEM__COUNT]);

/* The analysis half (diff_analysis.c): scope, ownership, requirements
 * and findings, with the maps ms_diff_model() filled. */
medscope_status ms_diff_analysis(medscope_diff *d, const uint32_t *symmap,
                                 uint32_t *const maps[MS_ELEM__COUNT]);

/* Display names (static): "party", "system", ... / "added", ... / "new", ... */
const char *ms_elem_kind_name(unsigned kind);
const char *ms_change_name(unsigned change);
const char *ms_scope_change_name(unsigned change);   /* entered, left, category, reasons */
const char *ms_req_change_name(unsigned change);     /* required, dropped, now-missing, ... */
const char *ms_baseline_name(unsigned state);        /* new, unchanged, updated, absent */
const char *ms_supp_change_name(unsigned change);    /* "", now-suppressed, no-longer-suppressed */

/* The emitters of medscope_diff_emit(); `opts` is never NULL here.
 * MEDSCOPE_OK, MEDSCOPE_ERR_NOMEM or MEDSCOPE_ERR_IO. */
medscope_status ms_emit_diff_text(FILE *out, const medscope_diff *d, const medscope_emit_options *opts);
medscope_status ms_emit_diff_json(FILE *out, const medscope_diff *d, const medscope_emit_options *opts);
medscope_status ms_emit_diff_sarif(FILE *out, const medscope_diff *d, const medscope_emit_options *opts);

#endif
