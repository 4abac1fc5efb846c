/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The result of analysing a model (rules.md §1–§4), as the emitters read
 * it. Internal to the library. Everything is indices into the model's
 * arrays; ms_span values point into analysis->pool.
 *
 * Order (cli.md): parties and systems are reported by id
 * (party_order/system_order), ownership entries by system id then facility
 * id, requirements by parties then topic, findings by file, line, code.
 */
#ifndef MS_ANALYSIS_H
#define MS_ANALYSIS_H

#include "model/model.h"
#include "rules_catalog.h"
#include "util/buf.h"

/* One reason that holds for a party (rules.md §1). */
typedef struct {
	uint16_t rule;  /* ms_rule_id of a scope-in or scope-out code */
	ms_span via;    /* symbols (any kind) of the contracts/flows/systems that made it hold */
} ms_reason;

typedef struct {
	bool in_scope;
	bool mhlw;              /* a facility: bound by the MHLW guideline */
	uint8_t category;       /* ms_category; MS_CAT_NONE when out of scope */
	uint32_t reason_off, nreasons; /* into analysis->reasons; in-scope reasons
	                                  first (rules.md order), then the out-of-scope one */
} ms_party_scope;

typedef struct {
	bool medical;   /* a medical system (rules.md Terms) */
	bool relevant;  /* a relevant system */
	bool served;    /* served to at least one facility */
	uint32_t own_off, nown; /* its entries in analysis->ownership */
} ms_system_info;

/* One (served system, facility) entry (rules.md §2). */
typedef struct {
	uint32_t system, facility; /* indices */
	uint32_t owner;            /* party index */
	uint16_t basis;            /* ms_rule_id of an ownership code */
	ms_span via;               /* contract symbols of the chain, in chain order */
	ms_span considered_by;     /* party indices, sorted by id */
} ms_ownership;

/* One required agreement (rules.md §3). */
typedef struct {
	uint32_t parties[3];     /* party indices sorted by id; MS_NONE past nparties */
	ms_span systems;         /* system indices, sorted by id */
	uint32_t satisfied_by;   /* the most specific agreement meeting it (rules.md §3), or MS_NONE */
	ms_span satisfied_all;   /* agreement indices, by id: every one that contributes (empty when missing) */
	uint32_t near;           /* missing: the agreement that nearly meets it, or MS_NONE */
	uint8_t lack;            /* MS_LACK_* of near */
	ms_span lacks;           /* symbols of what near lacks: the systems (by id), or the party */
	uint32_t contract;       /* symbol of the contract it stems from (JSON "via"), or MS_NONE */
	uint32_t finding;        /* index into findings when missing, else MS_NONE */
	uint16_t rule;           /* the missing-* code raised when missing */
	uint16_t topic;          /* one MS_TOPIC_* bit */
	uint8_t nparties;
	uint8_t severity;        /* ms_severity when missing */
} ms_requirement;

/* Named message arguments (the placeholders of models/rules.xml). Each is a
 * symbol index or MS_NONE; systems and via are symbol spans. */
typedef struct {
	uint32_t facility, party, other, system, contract, agreement, risk, exception;
	ms_span systems, via;
	ms_span facilities; /* symbols; when non-empty {facility} lists these instead
	                       (the first three, then "+N") - per-system findings */
	uint32_t near;  /* a missing requirement's near miss: agreement symbol, or MS_NONE */
	uint8_t lack;   /* MS_LACK_* of near */
	ms_span lacks;  /* symbols of the systems (or the party) near lacks */
	int32_t date;   /* MS_NO_DATE when unused */
	int scheme;     /* ms_cert_scheme, or -1 */
	int code;       /* {code}: an ms_rule_id (an exception's), or -1 */
} ms_args;

typedef struct {
	uint16_t rule;      /* ms_rule_id */
	uint8_t severity;   /* ms_severity (may differ from the catalog's, e.g. missing-certification) */
	ms_loc loc;         /* the XML element concerned, in the model's file */
	uint8_t element;    /* ms_sym_kind of that element (logical location) */
	uint32_t element_sym; /* its id symbol, or MS_NONE for <deployment> */
	ms_span subjects;   /* symbols of every id involved, sorted by id, no duplicates */
	ms_args args;
	uint32_t exception; /* the model's exception that suppresses it (rules.md §5), or MS_NONE */
} ms_finding;

struct medscope_analysis {
	const medscope_model *model;
	int32_t as_of;
	const char *as_of_source;   /* "option", "model", "today" */
	char as_of_text[11];

	ms_party_scope *scope;      /* [model->parties.n] */
	ms_system_info *sysinfo;    /* [model->systems.n] */
	uint32_t *party_order;      /* party indices sorted by id */
	uint32_t *system_order;     /* system indices sorted by id */
	uint32_t *party_rank;       /* [party] its position in party_order */
	uint32_t *system_rank;      /* [system] its position in system_order */

	MS_VEC(ms_reason) reasons;
	MS_VEC(ms_ownership) ownership;
	MS_VEC(ms_requirement) requirements;
	MS_VEC(ms_finding) findings;
	MS_VEC(uint32_t) pool;
	/* The ownership entries of each facility, by system id: those of party
	 * p are facility_entries[facility_off[p] .. facility_off[p + 1]),
	 * indices into ownership (none in a findings-only analysis). */
	uint32_t *facility_off;     /* [parties + 1] */
	uint32_t *facility_entries; /* [ownership.n] */

	size_t counts[4];           /* findings per ms_severity, suppressed ones aside */
	size_t suppressed;          /* findings suppressed by an exception */
	/* Made with medscope_analyze_options.findings_only: requirements
	 * is empty, ownership entries have empty via and considered_by. */
	bool findings_only;
};

#define MS_APOOL(a, span, i) ((a)->pool.v[(span).off + (i)])

/*
 * The indexes derived from the rest, made once by the analysis for every
 * reader (diagrams, impact, diff) and for hand-made analyses (tests):
 * party_rank/system_rank from party_order/system_order (order.c), and
 * facility_off/facility_entries from ownership (ownership.c). 0, or -1
 * when out of memory; medscope_analysis_free() frees them.
 */
int ms_analysis_ranks(medscope_analysis *a);
int ms_analysis_by_facility(medscope_analysis *a);

/*
 * Write the message of finding `f` in `lang` into `out`: the catalog's
 * template with its placeholders filled from f->args (ids as written in
 * the model; lists comma-separated).
 */
/* "nearest agreement g2: its covers lacks s3, s4" (rules.md §3 "Near
 * misses"): near is the agreement's symbol, lacks symbols. */
void ms_near_miss_put(const medscope_analysis *a, uint32_t near, uint8_t lack, ms_span lacks,
                      medscope_lang lang, ms_buf *out);
void ms_finding_message(const medscope_analysis *a, const ms_finding *f, medscope_lang lang,
                        ms_buf *out);

#endif
