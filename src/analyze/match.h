/*
 * The agreement matcher (rules.md §3): which agreement meets a requirement.
 * One function for the requirement checks (agreements.c) and for impact
 * (src/change/impact.c), so `check` and `impact` cannot disagree on whether
 * two parties agreed something about some systems.
 */
#ifndef MS_MATCH_H
#define MS_MATCH_H

#include "analyze/csr.h"
#include "model/model.h"

typedef struct {
	const medscope_model *m;
	ms_csr by_party;      /* party -> agreements naming it */
	uint32_t *cover_mark; /* [system] an agreement's covers, while matching */
	uint32_t epoch;
} ms_matcher;

/* 0, or -1 when out of memory (ms_matcher_free either way). */
int ms_matcher_init(ms_matcher *mt, const medscope_model *m);
void ms_matcher_free(ms_matcher *mt);

/*
 * The smallest-id agreement meeting a requirement, or MS_NONE: it names
 * every party of parties[0..np) (np >= 1), holds `topic` (one MS_TOPIC_*
 * bit; a demarcation must be in writing), and has no `covers` or covers
 * naming every system of sys[0..ns). Only the agreements of the party
 * with the fewest are scanned.
 */
uint32_t ms_match_agreement(ms_matcher *mt, const uint32_t *parties, uint32_t np,
                            uint16_t topic, const uint32_t *sys, uint32_t ns);

#endif
