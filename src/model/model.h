/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The loaded deployment model: compact arrays of parties, systems,
 * contracts, flows, agreements, risks and exceptions (model.md), all references
 * resolved to array indices. Internal to the library.
 *
 * Memory: every string and the symbol table live in one arena owned by the
 * model; the entity arrays and the index pool are plain growable arrays.
 * medscope_model_free() releases all of it.
 */
#ifndef MS_MODEL_H
#define MS_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "medscope/medscope.h"
#include "rules_catalog.h"
#include "util/arena.h"
#include "util/vec.h"

#define MS_NONE UINT32_MAX
#define MS_NO_DATE INT32_MIN /* a date attribute that is absent */

/* A place in the model's files: file indexes model->files (0 is the main
 * file; parts read through <include> follow), so that a diagnostic or a
 * finding names the file where the element stands. */
typedef struct {
	uint32_t line, col;
	uint32_t file;
} ms_loc;

/* One file the model was read from: the path as the loader opened it
 * (a part's is its includer's folder joined with href) and as text
 * outputs show it (medscope_name_for_message()). */
typedef struct {
	const char *path, *text;
} ms_file;

/* A run of uint32 values in model->pool (or analysis->pool). */
typedef struct {
	uint32_t off, n;
} ms_span;

/* The coded values (ms_party_kind, ms_layer, MS_TOPIC_* bits ...) are
 * generated from models/vocabulary.xml, with their words: see ms_word().
 * Sets (data, contract types, topics) are bit sets of one list. */
_Static_assert(MS_DATA__COUNT <= 8, "ms_system.data and ms_flow.data are uint8_t");
_Static_assert(MS_CT__COUNT <= 16, "ms_contract.types is uint16_t");
_Static_assert(MS_TOPIC__COUNT <= 16, "ms_agreement.topics is uint16_t");

/* FAQ 1: 契約等 includes 運用又は管理、保守; 売買のみ, 派遣, patch-only do not count. */
#define MS_CT_QUALIFYING \
	(MS_CT_SERVICE | MS_CT_OPERATION | MS_CT_MAINTENANCE | MS_CT_DEVELOPMENT | MS_CT_ENTRUSTMENT)

/* What a symbol (an id) names. */
typedef enum {
	MS_SYM_UNDEFINED, MS_SYM_PARTY, MS_SYM_SYSTEM, MS_SYM_CONTRACT, MS_SYM_FLOW,
	MS_SYM_AGREEMENT, MS_SYM_RISK, MS_SYM_EXCEPTION
} ms_sym_kind;

typedef struct {
	const char *name;   /* the id, in the arena */
	uint32_t index;     /* into the array of its kind */
	uint8_t kind;       /* ms_sym_kind */
	ms_loc loc;         /* where it was defined */
} ms_sym;

typedef struct {
	uint8_t scheme;      /* ms_cert_scheme */
	int32_t valid_until; /* days since 1970-01-01, or MS_NO_DATE */
	const char *note;    /* or NULL */
	ms_loc loc;
} ms_cert;

typedef struct {
	uint32_t sym;
	const char *id, *name, *role; /* name: "" when absent; role: NULL when absent */
	uint8_t kind;                 /* ms_party_kind */
	uint8_t facility_type;        /* ms_facility_type, facilities only */
	bool manages_medical_info;    /* network operators only */
	uint32_t cert_off, ncert;     /* into model->certs */
	ms_loc loc;
} ms_party;

/* runs-on (flag = known) and connects-to (flag = api). */
typedef struct {
	uint32_t target; /* system index */
	bool flag;
	ms_loc loc;
} ms_edge;

typedef struct {
	uint32_t sym;
	const char *id, *name;
	const char *note;  /* model.md "note": shown, not analysed; NULL when absent */
	uint32_t provider; /* party index, or MS_NONE = unknown */
	uint8_t layer, data, location, region; /* defaults applied */
	bool external_storage;
	uint32_t runs_off, nruns; /* into model->edges */
	uint32_t conn_off, nconn; /* into model->edges */
	ms_loc loc;
} ms_system;

typedef struct {
	uint32_t sym;
	const char *id, *name;
	const char *note;                       /* or NULL */
	uint32_t client, supplier, selected_by; /* party indices; selected_by defaults to client */
	uint16_t types;                         /* MS_CT_* bits */
	ms_span covers;                         /* system indices */
	int32_t date;
	ms_loc loc;
} ms_contract;

typedef struct {
	uint32_t sym;
	const char *id;
	uint32_t from, to;       /* party or system index, see *_is_system */
	bool from_is_system, to_is_system;
	uint8_t data;            /* MS_DATA_* bits */
	uint8_t basis;           /* ms_flow_basis */
	ms_loc loc;
} ms_flow;

typedef struct {
	uint32_t sym;
	const char *id;
	ms_span parties;     /* party indices */
	uint16_t topics;     /* MS_TOPIC_* bits */
	bool has_covers;
	ms_span covers;      /* system indices */
	int32_t date, review_by;
	const char *document; /* or NULL */
	const char *note;     /* or NULL */
	bool documented;
	ms_loc loc;
} ms_agreement;

typedef struct {
	uint32_t sym;
	const char *id;
	uint32_t system, owner; /* system index, party index */
	uint8_t treatment, level;
	ms_span agreed_with;    /* party indices */
	int32_t reviewed;
	const char *text;       /* description, whitespace-trimmed; "" when absent */
	ms_loc loc;
} ms_risk;

/* An accepted finding (model.md "Exceptions", rules.md §5). */
typedef struct {
	uint32_t sym;
	const char *id;
	uint16_t code;          /* ms_rule_id of a finding code */
	ms_span subjects;       /* symbols of any kind but an exception, as written */
	ms_span approved_by;    /* party indices */
	const char *reason;     /* non-empty */
	int32_t until, date;    /* until is required; date or MS_NO_DATE */
	const char *document;   /* or NULL */
	const char *text;       /* the longer justification, trimmed; "" when absent */
	ms_loc loc;
} ms_exception;

struct medscope_model {
	ms_arena arena;
	const char *file; /* path as given */
	/* The path as text outputs show it (medscope_name_for_message(): one
	 * line, nothing a terminal obeys, valid UTF-8); `file` itself when
	 * that needs no escape. */
	const char *file_text;
	/* Every file read: [0] is `file`, then the parts in the order they
	 * were read. Results never depend on that order (order.c compares
	 * paths). */
	MS_VEC(ms_file) files;
	const char *name; /* deployment name or "" */
	int32_t as_of;    /* or MS_NO_DATE */
	ms_loc loc;       /* of <deployment> */

	MS_VEC(ms_sym) syms;
	uint64_t *sym_hash; /* open addressing: hash << 32 | symbol index; 0 = empty */
	uint32_t sym_hash_cap;

	MS_VEC(ms_party) parties;
	MS_VEC(ms_cert) certs;
	MS_VEC(ms_system) systems;
	MS_VEC(ms_edge) edges;
	MS_VEC(ms_contract) contracts;
	MS_VEC(ms_flow) flows;
	MS_VEC(ms_agreement) agreements;
	MS_VEC(ms_risk) risks;
	MS_VEC(ms_exception) exceptions;
	MS_VEC(uint32_t) pool; /* list values (ms_span) */
};

#define MS_SPAN_AT(m, span, i) ((m)->pool.v[(span).off + (i)])

/* Symbols. The lookup table serves the loader; it gives it back when done
 * (16 MB on a national model) and ms_sym_find() builds it again on first use. */
void ms_model_drop_lookup(medscope_model *m);
uint32_t ms_sym_find(const medscope_model *m, const char *name, size_t len);
/* Size the table for about n symbols (a hint: it still grows). */
void ms_sym_reserve(medscope_model *m, size_t n);
/* Start loading the slots of names about to be interned: the table is far
 * larger than the caches, and an element's ids are independent, so their
 * cache misses can overlap. Their hashes go to hashes[0, n). */
void ms_sym_prefetch(const medscope_model *m, const char *const *names, const size_t *lens,
                     uint32_t *hashes, size_t n);
/* Find or add; MS_NONE on allocation failure. */
uint32_t ms_sym_intern(medscope_model *m, const char *name, size_t len);
/* The same with the name's hash as ms_sym_prefetch() gave it in hashes[]
 * (hashing every id once, not once to prefetch and again to intern). */
uint32_t ms_sym_intern_hashed(medscope_model *m, const char *name, size_t len, uint32_t h);

medscope_status ms_model_new(medscope_model **out, const char *file);
/* Add a part's path to m->files; its index, or MS_NONE when out of memory. */
uint32_t ms_model_add_file(medscope_model *m, const char *path);

/* The file of a location, as opened and as text outputs show it. */
static inline const char *ms_loc_path(const medscope_model *m, ms_loc loc)
{
	return loc.file < m->files.n ? m->files.v[loc.file].path : m->file;
}
static inline const char *ms_loc_text(const medscope_model *m, ms_loc loc)
{
	return loc.file < m->files.n ? m->files.v[loc.file].text : m->file_text;
}

/* The id string of what a symbol names. */
static inline const char *ms_sym_name(const medscope_model *m, uint32_t sym)
{
	return m->syms.v[sym].name;
}

/* Whether certification c is still valid on day as_of: no valid-until
 * means no stated expiry; valid-until == as-of still counts (FAQ 4.2
 * asks for a valid certification, the last day is one). */
static inline bool ms_cert_valid(const ms_cert *c, int32_t as_of)
{
	return c->valid_until == MS_NO_DATE || c->valid_until >= as_of;
}

/* "true" / "false", for the loader (the vocabulary's tables, ms_enum_*,
 * hold every other enumeration). */
extern const ms_enum ms_enum_bool[];

#endif
