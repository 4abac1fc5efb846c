/* SPDX-License-Identifier: Apache-2.0 */
/* Edit distance for did-you-mean hints (optimal string alignment). */
#include "util/suggest.h"

#include <ctype.h>
#include <string.h>

/* Names longer than this are not typos of a code: no hint. */
#define MS_SUGGEST_MAX 64

void ms_suggest_init(ms_suggest *s, const char *word, size_t len)
{
	s->word = word;
	s->len = len;
	s->best = NULL;
	s->dist = (size_t)-1;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Three rows of the distance table are enough for the swap rule. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t rows[3][MS_SUGGEST_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			/* Case is free: "SaaS" is a typo of "saas", at distance 0. */
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

void ms_suggest_try(ms_suggest *s, const char *candidate)
{
	size_t m = strlen(candidate);
	if (s->len > MS_SUGGEST_MAX || m > MS_SUGGEST_MAX)
		return;
	size_t d = distance(s->word, s->len, candidate, m);
	if (d < s->dist) {
		s->dist = d;
		s->best = candidate;
	}
}

const char *ms_suggest_best(const ms_suggest *s)
{
	size_t limit = s->len / 3;
	if (limit > 3)
		limit = 3;
	/* Distance 0 is a match but for case: the callers only ask about
	 * words that matched nothing exactly. */
	return s->best && s->dist <= limit ? s->best : NULL;
}
