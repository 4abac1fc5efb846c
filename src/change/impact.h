/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The impact of one party or system (medscope impact), as its emitters
 * read it. Internal to the library. Indices point into the analysed model;
 * every list is sorted (systems, facilities and entries by id, as the
 * analysis orders them), so output is deterministic.
 */
#ifndef MS_IMPACT_H
#define MS_IMPACT_H

#include "analyze/analysis.h"
#include "medscope/change.h"

#include <stdio.h>

/* A system that depends on the target (reverse runs-on, transitively). */
typedef struct {
	uint32_t system;
	uint32_t parent; /* the affected system it runs on that reached it first, MS_NONE for a root */
	uint32_t depth;  /* runs-on hops from a root (0 = the target or a system the target provides) */
	uint32_t nfacilities; /* ownership entries, one per facility it is served to */
} ms_impact_system;

/* Who must notify whom along the dependency (FAQ 2.1). */
typedef enum {
	MS_PAIR_RUNS_ON,        /* provider of T -> provider of S, where S runs on T */
	MS_PAIR_PROVIDER_OWNER, /* provider of S -> the risk-management owner of S for F */
	MS_PAIR_OWNER_FACILITY  /* that owner -> F */
} ms_pair_kind;

typedef struct {
	uint32_t from, to; /* party indices */
	uint8_t kind;      /* ms_pair_kind */
	uint32_t agreement; /* a change-notification agreement covering it, or MS_NONE */
	uint32_t link_off, nlinks; /* into impact->links: the systems concerned */
	uint32_t nuncovered;        /* links without an agreement; > 0 = a gap */
	uint64_t order;             /* sort key: kind, then the parties' ranks by id */
} ms_impact_pair;

typedef struct {
	uint32_t system;
	uint32_t agreement; /* MS_NONE = no change-notification agreement covers it */
} ms_impact_link;

/* A change-notification agreement present that binds an affected party:
 * `from` (the member closest to the target) notifies the other members. */
typedef struct {
	uint32_t agreement;
	uint32_t from;
	uint32_t position; /* of `from` along the dependency: 2 * depth, + 1 for an owner */
} ms_impact_duty;

/* Per ownership entry: the agreement for provider -> owner and for
 * owner -> facility; MS_NONE = none (a gap), MS_IMPACT_NA = nobody to
 * notify (one party is both, or the provider is unknown). */
#define MS_IMPACT_NA (UINT32_MAX - 1)

struct medscope_impact {
	const medscope_analysis *a;
	uint32_t target_sym;
	uint8_t target_kind;  /* MS_SYM_PARTY or MS_SYM_SYSTEM */
	uint32_t target;      /* party or system index */

	MS_VEC(ms_impact_system) systems; /* sorted by id */
	MS_VEC(uint32_t) facilities;      /* party indices, sorted by id */
	MS_VEC(uint32_t) entries;         /* ownership indices, by system id then facility id */
	MS_VEC(uint32_t) entry_po, entry_of; /* [entries.n] agreements, see MS_IMPACT_NA */
	MS_VEC(ms_impact_duty) duties;    /* closest to the target first, then document order */
	MS_VEC(ms_impact_pair) pairs;     /* by kind, then from id, then to id */
	MS_VEC(ms_impact_link) links;
	size_t ngaps;                     /* pairs with nuncovered > 0 */
	unsigned depth;                   /* largest system depth */
};

/* "runs-on", "provider-owner", "owner-facility". */
const char *ms_pair_kind_name(unsigned kind);

/* The emitters of medscope_impact_emit(); `opts` is never NULL here.
 * MEDSCOPE_OK, MEDSCOPE_ERR_NOMEM or MEDSCOPE_ERR_IO. */
medscope_status ms_emit_impact_text(FILE *out, const medscope_impact *im,
                                    const medscope_emit_options *opts);
medscope_status ms_emit_impact_json(FILE *out, const medscope_impact *im,
                                    const medscope_emit_options *opts);
medscope_status ms_emit_impact_csv(FILE *out, const medscope_impact *im,
                                   const medscope_emit_options *opts);

#endif
