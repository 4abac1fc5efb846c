/* SPDX-License-Identifier: Apache-2.0 */
/*
 * "Did you mean ...?": the known name closest to a misspelt one, by edit
 * distance (insertions, deletions, substitutions and swaps of two
 * neighbouring bytes each count one; ASCII case differences count
 * nothing, so "SaaS" finds "saas"). Feed every candidate to
 * ms_suggest_try(), then read ms_suggest_best().
 */
#ifndef MS_UTIL_SUGGEST_H
#define MS_UTIL_SUGGEST_H

#include <stddef.h>

typedef struct {
	const char *word;
	size_t len;
	const char *best; /* borrowed from the caller's candidates */
	size_t dist;
} ms_suggest;

void ms_suggest_init(ms_suggest *s, const char *word, size_t len);
void ms_suggest_try(ms_suggest *s, const char *candidate);
/* The closest candidate when it is close enough to be a likely typo (at
 * most a third of the word's length in edits, and at most 3), else NULL.
 * Ties go to the first candidate tried. */
const char *ms_suggest_best(const ms_suggest *s);

#endif
