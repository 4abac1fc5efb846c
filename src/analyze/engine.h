/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The analysis engine's working state, shared by its passes (internal to
 * src/analyze). medscope_analyze() (analyze.c) builds it, runs the passes
 * (run() there gives their order) and frees it; only the medscope_analysis
 * survives. The files:
 *
 *   csr.c        compressed rows, the shape of every index
 *   index.c      CSR indexes, the Terms of rules.md (medical, relevant,
 *                qualifying and prime contracts), supply(S)
 *   order.c      parties and systems by id (ranks), the order of results
 *   chains.c     selection chains (rules.md §2)
 *   ownership.c  served (system, facility) pairs, §2
 *   scope.c      §1 (needs the served systems)
 *   match.c      the one agreement matcher (also used by impact)
 *   agreements.c §3, the requirements of one facility
 *   agreements_global.c  §3 requirements across facilities, lifecycle splits
 *   findings.c   §4 and the finding constructor
 *   exceptions.c §5, accepted findings (after every other finding)
 *   message.c    message text of a finding
 *   catalog.c    the public face of the compiled rule catalog
 *
 * Indexes are compressed rows (CSR) built once, so every pass walks only the
 * neighbours it needs. "Marks" are epoch-stamped arrays: a new epoch clears
 * them in O(1).
 */
#ifndef MS_ENGINE_H
#define MS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/analysis.h"
#include "analyze/match.h"
#include "util/sort.h"

/* A growable list of indices or symbols (scratch). */
typedef MS_VEC(uint32_t) ms_u32vec;

/* Contract flags (rules.md Terms). */
enum {
	MS_CF_QUALIFYING = 1, /* type holds service/operation/maintenance/development/entrustment */
	MS_CF_RELEVANT = 2,   /* covers a relevant system */
	MS_CF_PRIME = 4,      /* qualifying, client a Facility, covers a relevant system,
	                         and no managing operator's subcontract */
	MS_CF_SUBCONTRACT = 8 /* a managing operator's own contract as client for the
	                         supply of what it provides (rules.md Terms, FAQ 2.2) */
};

/* One contract of a selection chain (rules.md §2). Slot 0 of a chain is its
 * start A; item i is slot i + 1. */
typedef struct {
	uint32_t contract; /* contract index */
	uint32_t party;    /* its supplier */
	uint32_t from;     /* slot of the party the chain followed it from */
	uint32_t first;    /* 1 when this item brought `party` into the chain */
	/* The supplier of the last contract a facility signed itself on the
	 * way from the chain's start to this item, this one included, or
	 * MS_NONE: kept per item so that ms_chain_signer() is O(1), not the
	 * depth (issue 13: a 40k-deep selected-by chain). */
	uint32_t signed_by;
} ms_chain_item;

typedef struct {
	uint32_t off, n;   /* into chain_items */
	uint32_t ioff, ni; /* into chain_index: the slots that brought a party, by party */
	uint32_t local;    /* 1 when a facility-signed contract was left out: the
	                      chain differs per facility (chains.c) */
} ms_chain;

/* The vias of one (prime contract, chain) for the facility in hand: per
 * chain slot, [the prime contract, the chain's contracts down to the slot],
 * sharing prefixes in the pool (a deep chain must not cost depth^2). */
typedef struct {
	uint32_t contract, chain_off; /* the key */
	uint32_t spans;               /* into via_spans: one per slot, slot 0 first */
} ms_via_memo;

/* (served system, prime contract, covered system T with system in supply(T)). */
typedef struct {
	uint32_t system, contract, target;
} ms_triple;

/* The triples of one served system supplied by one prime: [lo, hi). */
typedef struct {
	uint32_t party, lo, hi;
} ms_prime_range;

/* A reason why two primes of one facility must agree their integration. */
typedef struct {
	uint32_t a, b;          /* b: the provider whose prime contract locates it */
	uint32_t sys1, sys2;    /* sys2 = MS_NONE for a facility-contracted entry */
} ms_integ;

/* A runs-on known="false" edge found for one facility (§3). */
typedef struct {
	uint32_t party, infra;  /* A, S */
	uint32_t system;        /* A's system */
	ms_loc loc;             /* of the runs-on element */
} ms_unknown_infra;

/* A (facility, prime, system) whose system has a lifecycle split (FAQ 3.1):
 * found by the ownership entry, required by the facility's agreements. */
typedef struct {
	uint32_t prime, system;
} ms_lifecycle_pair;

/*
 * The read-only index: built once by ms_index_build() before any pass and
 * only read after it (so a reader takes `const ms_index *`); freed before
 * the final ordering. The ranks belong to the analysis, which keeps them.
 */
typedef struct {
	const uint32_t *party_rank, *system_rank; /* position by id (analysis.h) */
	uint32_t *contract_rank; /* [contract] its position by id; owned here */
	ms_csr by_client, by_supplier;
	ms_csr by_selector;  /* selected-by != client and the client is no Facility */
	ms_csr by_cover;     /* system -> contracts covering it */
	ms_csr runs_into;    /* system -> systems that run on it */
	ms_csr neighbours;   /* connects-to, both directions */
	ms_csr by_provider;  /* party -> systems it provides */
	uint8_t *cflags;     /* per contract, MS_CF_* */
	uint8_t *managing;   /* per party: a managing operator (rules.md Terms, FAQ 2.2) */
	uint16_t topic_of[MS_RULE__COUNT]; /* agreement rules: their MS_TOPIC_* bit */
} ms_index;

/* supply(S), made on first use and kept for the run (index.c): off ==
 * MS_NONE until then. */
typedef struct {
	uint32_t *off, *n, *mark;
	ms_u32vec pool, stack;
} ms_supply_memo;

/* Selection chains cached per (A, T), or per (A, T, facility) when a
 * facility-signed contract takes part, made on first use and kept for the
 * run (chains.c), with the marks used while one is built. */
typedef struct {
	uint64_t *keys;
	uint32_t *facs; /* MS_NONE for a chain every facility shares */
	uint32_t *ids;
	uint32_t cap, count;
	MS_VEC(ms_chain) list;
	MS_VEC(ms_chain_item) items;
	ms_u32vec index;
	uint32_t *sys;           /* [system] supply(T) of the chain being built */
	uint32_t *party_mark, *party_slot; /* [party] */
	uint32_t *contract_mark; /* [contract] */
	ms_u32vec queue;
} ms_chains;

/* Spans of the analysis pool shared by every list holding the same values,
 * made on first use (MS_NONE until then) and kept for the run. */
typedef struct {
	uint32_t *one_system;   /* [system]: {system index} */
	uint32_t *one_sysym;    /* [system]: {system symbol} */
	uint32_t *one_contract; /* [contract]: {contract symbol} */
	uint32_t *served_facilities; /* [system]: symbols of the facilities it is served to */
} ms_shared;

/* What passes leave for later ones, across facilities (the whole run). */
typedef struct {
	/* Lifecycle split per served system (§3), by ms_lifecycle_prepare():
	 * MS_NONE when none. */
	uint32_t *split_dev;   /* the development contract that locates it */
	uint32_t *split_other; /* an operation supplier that differs from its supplier */
	/* Ownership slots filled so far, per system. */
	uint32_t *own_fill;
	/* Findings-only analyses: the facility of each ownership entry, in place
	 * of analysis->ownership (same layout, sysinfo own_off/nown). */
	uint32_t *own_facility;
	/* Contracts of selection chains, each once: they need a supplier
	 * agreement (FAQ 3). Filled per facility, read by the global pass. */
	ms_u32vec supplier_req;
	uint8_t *supplier_listed; /* [contract] */
	/* runs-on known="false" edges already noted as contradicted by a
	 * selection chain (unknown-infrastructure-but-selected), once each. */
	uint8_t *edge_noted; /* [edge] */
} ms_carry;

/* The facility in hand: made by ms_ownership_facility(), read by
 * ms_agreements_facility(), reset for the next facility. */
typedef struct {
	uint32_t f;
	uint32_t epoch;          /* served_mark and prime_mark hold it for f */
	uint32_t *served_mark;   /* [system] served to f */
	uint32_t *prime_mark, *prime_first; /* [party] f's primes, and their smallest-id
	                                       prime contract with f */
	/* f's prime contracts grouped by supplier, and its qualifying contracts
	 * selected by a third party (FAQ 2.1), by supplier. */
	ms_u32vec pcs, procured;
	MS_VEC(ms_triple) triples;      /* sorted by system */
	MS_VEC(ms_prime_range) pranges; /* of the entry being decided */
	MS_VEC(ms_via_memo) via_memo;   /* chains.c */
	MS_VEC(ms_span) via_spans;
	MS_VEC(ms_integ) integ;
	MS_VEC(ms_unknown_infra) uinfra;
	MS_VEC(ms_lifecycle_pair) lifecycle;
} ms_facility;

/* Scratch: no meaning between two calls. */
typedef struct {
	ms_u32vec tmp, tmp2, subj, req_sys, req_syms, req_all;
	MS_VEC(ms_triple) triples_buf;
	ms_u32vec via_child, via_sibling, via_stack;
	uint32_t *fac_mark;      /* [party] */
	uint32_t *contract_seen; /* [contract] */
	uint32_t *contract_signer; /* [contract] the approver last required for it */
	uint32_t approval_epoch; /* contract_seen's stamp for the facility's approvals */
} ms_scratch;

typedef struct ms_engine {
	const medscope_model *m;
	medscope_analysis *a;    /* being filled */
	uint32_t np, ns, nc;
	int oom;                 /* sticky: some allocation failed */
	uint32_t epoch;          /* of every mark array (ms_engine_epoch) */

	ms_index ix;
	ms_matcher match;        /* agreements by party (match.c), read-only after init */
	ms_supply_memo supply;
	ms_chains chains;
	ms_shared shared;
	ms_carry carry;
	ms_facility fac;
	ms_scratch work;
} ms_engine;

/* ---- helpers (engine.c) ---------------------------------------------- */

/* rules.md Terms: Facility = facility or network-operator (医療機関等). */
static inline bool ms_is_facility(const ms_engine *e, uint32_t p)
{
	return p != MS_NONE && e->m->parties.v[p].kind != MS_PARTY_VENDOR;
}

/* rules.md Terms: a managing operator, a network-operator managing medical
 * information that supplies a prime contract (FAQ 2.2 「同主体も、本ガイドライン
 * における対象事業者として位置づけられる」). */
static inline bool ms_is_managing(const ms_engine *e, uint32_t p)
{
	return p != MS_NONE && e->ix.managing[p];
}

/* rules.md Terms: a provider party, a vendor or a managing operator (FAQ 2.2
 * 「委託先の事業者を監督し、管理責任を果たす」: towards the facilities it serves
 * a managing operator is the vendor). */
static inline bool ms_is_provider_party(const ms_engine *e, uint32_t p)
{
	return p != MS_NONE && (e->m->parties.v[p].kind == MS_PARTY_VENDOR || e->ix.managing[p]);
}

/* Did a facility sign contract c itself, as 医療機関等 (FAQ 2.1 「契約上は、
 * 医療機関等と事業者Bが直接契約」: no 再委託)? A managing operator's
 * subcontract is a chain contract instead. */
static inline bool ms_facility_signed(const ms_engine *e, uint32_t c)
{
	return ms_is_facility(e, e->m->contracts.v[c].client) &&
	       !(e->ix.cflags[c] & MS_CF_SUBCONTRACT);
}

/* The symbol of party p, or MS_NONE. */
static inline uint32_t ms_psym(const ms_engine *e, uint32_t p)
{
	return p == MS_NONE ? MS_NONE : e->m->parties.v[p].sym;
}

/* The facility of system s's k-th ownership entry (entries are sorted by
 * facility id), from either layout. */
static inline uint32_t ms_own_facility(const ms_engine *e, uint32_t s, uint32_t k)
{
	uint32_t i = e->a->sysinfo[s].own_off + k;
	return e->carry.own_facility ? e->carry.own_facility[i] : e->a->ownership.v[i].facility;
}

/* The first of system s's ownership entries lo..nown-1 whose facility
 * ranks at or after rank r (binary search); nown when none does. */
static inline uint32_t ms_own_lower_bound(const ms_engine *e, uint32_t s, uint32_t lo, uint32_t r)
{
	uint32_t hi = e->a->sysinfo[s].nown;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (e->ix.party_rank[ms_own_facility(e, s, mid)] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A fresh epoch for the mark arrays (they are cleared on wrap-around). */
uint32_t ms_engine_epoch(ms_engine *e);

/* Append v to vec; 0, or -1 (and e->oom) when out of memory. */
int ms_push(ms_engine *e, ms_u32vec *vec, uint32_t v);

/* Room for n values in vec (its length unchanged); vec->v, or NULL (and
 * e->oom) when out of memory. */
uint32_t *ms_reserve(ms_engine *e, ms_u32vec *vec, size_t n);

/* The shared one-element spans (ms_shared). */
ms_span ms_pool_one(ms_engine *e, uint32_t *cache, uint32_t key, uint32_t value);

/* Append n values to the analysis pool; the span (n = 0 gives {0, 0}).
 * v must not point into the pool; v == NULL reserves n values to fill. */
ms_span ms_pool_put(ms_engine *e, const uint32_t *v, uint32_t n);

/* ---- index.c ---------------------------------------------------------- */

/* Build every index and the Terms (sysinfo medical/relevant, cflags). */
int ms_index_build(ms_engine *e);
void ms_index_free(ms_index *ix);
/* supply(S) as a span of e->supply.pool (S first). Recomputing never moves
 * an existing span, but the pool's storage may move: index it afresh. */
ms_span ms_supply(ms_engine *e, uint32_t s);
/* Does contract c cover s, or a system whose supply contains s? */
bool ms_covers_supply_of(ms_engine *e, uint32_t c, uint32_t s);

/* ---- order.c ---------------------------------------------------------- */

/* party_order, system_order and the ranks (ms_analysis_ranks) of the analysis. */
int ms_order_ids(medscope_analysis *a);
/* Sort symbols by their id, dropping duplicates; returns the new length. */
uint32_t ms_sort_syms(const medscope_model *m, uint32_t *v, uint32_t n);
/* Sort system indices by id (rank), dropping duplicates. */
uint32_t ms_sort_systems(const medscope_analysis *a, uint32_t *v, uint32_t n);
/* Final order of findings and requirements (cli.md). */
int ms_order_results(medscope_analysis *a);

/* ---- chains.c --------------------------------------------------------- */

/* The selection chain from A for the covered system T, towards the
 * facility in hand (e->fac.f; cached). */
const ms_chain *ms_chain_get(ms_engine *e, uint32_t a, uint32_t t);
/* Slot of party b in the chain (0 = its start), or MS_NONE. */
uint32_t ms_chain_find(const ms_chains *cs, const ms_chain *c, uint32_t a, uint32_t b);
/* The via of an entry owned through chain ch from prime contract c, for
 * the facility in hand: [c, the chain's contracts down to `slot`]. */
ms_span ms_chain_via(ms_engine *e, uint32_t c, ms_chain ch, uint32_t slot);
/* rules.md Terms: the item (its slot) of chain c from a whose contract
 * ends a selection chain to system s (its supplier is provider(s), and it
 * covers s or a system whose supply contains s); 0 when a provides s;
 * MS_NONE when the chain leads to other systems only (a DR site, a backup). */
uint32_t ms_chain_to(ms_engine *e, const ms_chain *c, uint32_t a, uint32_t s);
/* The via of that item under prime contract pc: [pc, the contracts down to it]. */
ms_span ms_chain_via_item(ms_engine *e, uint32_t pc, ms_chain ch, uint32_t slot);
/* The supplier of the last contract a facility signed itself on the path
 * to `slot` (FAQ 2.1: B when F signed with B selected-by A), else a. */
uint32_t ms_chain_signer(const ms_engine *e, ms_chain ch, uint32_t a, uint32_t slot);
void ms_chains_free(ms_chains *cs);

/* ---- ownership.c ------------------------------------------------------ */

/* Count the served (system, facility) pairs and lay out analysis->ownership. */
int ms_served_layout(ms_engine *e);
/* §2 for facility f: its entries, and e->fac for its agreements. */
void ms_ownership_facility(ms_engine *e, uint32_t f);

/* ---- scope.c ---------------------------------------------------------- */

int ms_scope_pass(ms_engine *e);

/* ---- agreements.c ----------------------------------------------------- */

/* What one requirement needs, and where its finding points when missing. */
typedef struct {
	uint16_t rule;
	uint8_t nparties;
	uint32_t parties[3];
	const uint32_t *systems; /* system indices, any order, duplicates allowed */
	uint32_t nsystems;
	uint32_t contract;       /* symbol (JSON "via"), or MS_NONE */
	bool two_agreements;     /* integration: F-A plus F-B also satisfies */
	bool edge;               /* the systems are one edge: either end served serves it */
	ms_loc loc;
	uint8_t element;
	uint32_t element_sym;
	ms_args args;            /* systems and facilities are filled from below */
	const uint32_t *facilities; /* symbols for args.facilities, or NULL */
	uint32_t nfacilities;
	uint32_t facilities_of;     /* else a system whose facilities they are, or MS_NONE */
	const uint32_t *via;        /* symbols for args.via, or NULL */
	uint32_t nvia;
} ms_req_spec;

/* A spec of `rule` with nothing else set. */
void ms_req_init(ms_req_spec *r, uint16_t rule);
/* Record a requirement; a finding as well when no agreement satisfies it. */
void ms_require(ms_engine *e, ms_req_spec *r);
/* The requirements of the facility e->fac describes. */
void ms_agreements_facility(ms_engine *e);

/* ---- agreements_global.c ---------------------------------------------- */

/* Lifecycle splits of served systems (before the facilities). */
int ms_lifecycle_prepare(ms_engine *e);
/* Requirements that do not belong to one facility (after them all). */
int ms_agreements_global(ms_engine *e);

/* ---- findings.c ------------------------------------------------------- */

void ms_args_init(ms_args *args);
/* Add a finding (subjects computed from args); its index, or MS_NONE. */
uint32_t ms_finding_add(ms_engine *e, uint16_t rule, uint8_t severity, ms_loc loc,
                        uint8_t element, uint32_t element_sym, const ms_args *args);
/* The symbols of the facilities system s is served to (sorted by id). */
ms_span ms_served_facilities(ms_engine *e, uint32_t s);
/* Is system s served to facility f? (binary search of its entries) */
bool ms_served_to(const ms_engine *e, uint32_t s, uint32_t f);
int ms_findings_pass(ms_engine *e);

/* ---- exceptions.c ----------------------------------------------------- */
/* rules.md §5: mark the findings exceptions suppress and raise the
 * exceptions' own findings. After every other finding, before the order. */
int ms_exceptions_pass(ms_engine *e);

#endif
