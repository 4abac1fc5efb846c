/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The agreement matcher (rules.md §3 "Matching" and "Near misses"): which
 * agreements meet a requirement. One function for the requirement checks
 * (agreements.c) and for impact (src/change/impact.c), so that no command
 * can disagree with another on whether two parties agreed something about
 * some systems.
 */
#ifndef MS_MATCH_H
#define MS_MATCH_H

#include <stdbool.h>

#include "analyze/csr.h"
#include "model/model.h"
#include "util/vec.h"

typedef struct {
	const medscope_model *m;
	ms_csr by_party;            /* party -> agreements naming it, by id */
	uint32_t *rank;             /* [agreement] its position by id */
	uint32_t *in_query, *hit, *covered; /* [system] epoch marks, while matching */
	uint32_t epoch;
	MS_VEC(uint32_t) all;       /* after ms_match: the agreements that meet it, by id */
	MS_VEC(uint32_t) lacks;     /* after ms_match: systems the near miss lacks, by id */
} ms_matcher;

/* 0, or -1 when out of memory (ms_matcher_free either way). */
int ms_matcher_init(ms_matcher *mt, const medscope_model *m);
void ms_matcher_free(ms_matcher *mt);

/* A requirement as the matcher sees it. sys[0..ns) are distinct system
 * indices. With `edge`, the systems are the two ends of one runs-on or
 * connects-to edge and an agreement covering either end serves it. */
typedef struct {
	const uint32_t *parties;
	uint32_t np;             /* >= 1 */
	uint16_t topic;          /* one MS_TOPIC_* bit */
	const uint32_t *sys;
	uint32_t ns;
	bool edge;
} ms_match_query;

typedef struct {
	uint32_t best;       /* the most specific agreement meeting it, or MS_NONE */
	uint32_t near;       /* when none does: the one that nearly does, or MS_NONE */
	uint8_t lack;        /* MS_LACK_* of `near` (systems in mt->lacks) */
	uint32_t lack_party; /* MS_LACK_PARTY: the party `near` does not name */
} ms_match_result;

/*
 * An agreement *serves* a system when it names every party, holds the
 * topic (a demarcation in writing) and has no `covers` or one naming the
 * system. The requirement is met when every system it concerns is served
 * (one agreement for all, or one per system: a 契約書別紙 per system);
 * an edge requirement when either end is. Then mt->all lists every
 * agreement that serves some concerned system, and res->best is the most
 * specific of them: covers naming every system, before some, before no
 * covers (ties by id). Otherwise mt->all is empty and res->near is the
 * agreement that fails only on covers (the most systems served; ties by
 * id), else only on being in writing, else only on one party (these two
 * the most specific, as best; ties by id).
 * 0, or -1 when out of memory.
 */
int ms_match(ms_matcher *mt, const ms_match_query *q, ms_match_result *res);

/* Sort agreement indices v[0..n) by id (short lists). */
void ms_agreements_by_id(const medscope_model *m, uint32_t *v, size_t n);

#endif
