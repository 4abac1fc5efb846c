/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Long vias in the medscope-report/1 JSON document, written once.
 *
 * A `via` (the contracts of a selection chain, rules.md §2) is written in
 * full when it has at most MS_JSON_VIA_INLINE contracts, which is every
 * chain of a real deployment (the guideline's cases have two or three
 * levels). A longer one would repeat its shared prefix in every entry
 * below it: a selection chain of n contracts over n systems is n² ids of
 * output (issue 13: 1.43 MB of model gave 272 MB of JSON). Such a `via`
 * keeps only its last contracts (1 to MS_JSON_VIA_INLINE of them) and
 * names the chain before them with `via_prefix`, an id of the top-level
 * `chains` array. Each entry there is {"id", ["via_prefix"], "via"} of
 * MS_JSON_VIA_INLINE contracts, so the whole chain of anything with a
 * `via` is: the chain of its via_prefix, if any, then its via.
 *
 * The entries are shared by content (a prefix, then the next contracts),
 * not by where the analysis happened to lay the vias out, and numbered c1,
 * c2, ... in the order the document first needs them, so the output is a
 * function of the model alone. Output size: at most MS_JSON_VIA_INLINE ids
 * per via plus one entry per distinct chunk of a prefix, linear in the
 * analysis' pool.
 *
 * Ownership: the table belongs to the caller (ms_json_chains_free()); it
 * borrows the analysis.
 */
#ifndef MS_EMIT_JSON_CHAINS_H
#define MS_EMIT_JSON_CHAINS_H

#include "analyze/analysis.h"

#define MS_JSON_VIA_INLINE 16

typedef struct ms_json_chains ms_json_chains;

/* A new, empty table, or NULL when out of memory. */
ms_json_chains *ms_json_chains_new(const medscope_analysis *a);
void ms_json_chains_free(ms_json_chains *c);

/* Where a via of a->pool is written (ms_json_set_via() in jsonw.c): its
 * `tail`, and the id of the entry before it in *prefix_id, MS_NONE when
 * the via is short (or `c` is NULL: the diff and impact documents write
 * whole vias) and *tail is all of it. -1 when out of memory. */
int ms_json_chains_split(ms_json_chains *c, ms_span via, uint32_t *prefix_id, ms_span *tail);

/* The entries the document needed so far, for its `chains` array: their
 * number, and entry i's parent (MS_NONE for a first chunk) and contracts. */
size_t ms_json_chains_count(const ms_json_chains *c);
void ms_json_chains_entry(const ms_json_chains *c, size_t i, uint32_t *parent, ms_span *via);

#endif
