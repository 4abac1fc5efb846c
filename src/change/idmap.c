/* SPDX-License-Identifier: Apache-2.0 */
/* idmap.h: the hash multimap (open addressing, linear probing) and the
 * sorted matching of keyed lists. */
#include "change/idmap.h"

#include <stdlib.h>
#include <string.h>

#define EMPTY UINT32_MAX

void ms_idmap_free(ms_idmap *m)
{
	free(m->hashes);
	free(m->values);
	m->hashes = NULL;
	m->values = NULL;
	m->cap = m->n = 0;
}

/* The slot probing starts at. Hashes are keyed and mixed, so the low bits do. */
static size_t home(const ms_idmap *m, uint64_t hash)
{
	return (size_t)(hash ^ (hash >> 29)) & (m->cap - 1);
}

static int grow_to(ms_idmap *m, size_t cap)
{
	ms_idmap t = {malloc(cap * sizeof(uint64_t)), malloc(cap * sizeof(uint32_t)), cap, m->n};
	if (!t.hashes || !t.values) {
		free(t.hashes);
		free(t.values);
		return -1;
	}
	memset(t.values, 0xff, cap * sizeof(uint32_t));
	/* Duplicates of one hash lie in one probe run, in the order they were
	 * added. Walking the table from just after an empty slot meets every
	 * run from its start, so re-inserting keeps that order (a run that
	 * wraps past the end would otherwise be met tail first). */
	size_t start = 0;
	while (m->cap && m->values[start] != EMPTY)
		start++;
	for (size_t k = 0; k < m->cap; k++) {
		size_t i = (start + k) & (m->cap - 1);
		if (m->values[i] == EMPTY)
			continue;
		size_t j = home(&t, m->hashes[i]);
		while (t.values[j] != EMPTY)
			j = (j + 1) & (cap - 1);
		t.hashes[j] = m->hashes[i];
		t.values[j] = m->values[i];
	}
	free(m->hashes);
	free(m->values);
	*m = t;
	return 0;
}

int ms_idmap_reserve(ms_idmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while (cap < 2 * n)
		cap *= 2;
	return cap == m->cap ? 0 : grow_to(m, cap);
}

int ms_idmap_put(ms_idmap *m, uint64_t hash, uint32_t value)
{
	if ((m->n + 1) * 2 > m->cap && grow_to(m, m->cap ? m->cap * 2 : 64) < 0)
		return -1;
	size_t j = home(m, hash);
	while (m->values[j] != EMPTY)
		j = (j + 1) & (m->cap - 1);
	m->hashes[j] = hash;
	m->values[j] = value;
	m->n++;
	return 0;
}

uint32_t ms_idmap_next(const ms_idmap *m, uint64_t hash, size_t *pos)
{
	if (!m->cap)
		return EMPTY;
	/* *pos counts the slots already visited from the home slot. */
	for (size_t k = *pos; k < m->cap; k++) {
		size_t j = (home(m, hash) + k) & (m->cap - 1);
		if (m->values[j] == EMPTY)
			break;
		if (m->hashes[j] == hash) {
			*pos = k + 1;
			return m->values[j];
		}
	}
	*pos = m->cap;
	return EMPTY;
}

void ms_keyed_sort(ms_keyed *items, size_t n, ms_keyed *tmp, uint32_t *count)
{
	if (n < 2)
		return;
	ms_keyed *src = items, *dst = tmp;
	/* Four passes of 9 bits, least significant first, each stable: few
	 * enough buckets that the scatter stays in cache. An even number of
	 * passes leaves the result in `items`. */
	for (unsigned shift = 0; shift < MS_KEYED_BITS; shift += 9) {
		memset(count, 0, MS_KEYED_COUNT * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i].key >> shift) & (MS_KEYED_COUNT - 1)]++;
		uint32_t sum = 0;
		for (size_t d = 0; d < MS_KEYED_COUNT; d++) {
			uint32_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].key >> shift) & (MS_KEYED_COUNT - 1)]++] = src[i];
		ms_keyed *t = src;
		src = dst;
		dst = t;
	}
}

void ms_keyed_match(const ms_keyed *a, size_t na, const ms_keyed *b, size_t nb, uint32_t *amatch,
                    uint32_t *bmatch)
{
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		uint64_t ka = a[i].key & MS_KEYED_MASK, kb = b[j].key & MS_KEYED_MASK;
		if (ka != kb) {
			if (ka < kb)
				i++;
			else
				j++;
			continue;
		}
		/* A run of equal sort bits on each side; within it, match on the
		 * whole key and check. */
		size_t iend = i, jend = j;
		while (iend < na && (a[iend].key & MS_KEYED_MASK) == ka)
			iend++;
		while (jend < nb && (b[jend].key & MS_KEYED_MASK) == ka)
			jend++;
		/* `first`: the first item of a's run not yet taken. When the whole
		 * run has one identity, each b item takes it at once. */
		size_t first = i;
		for (size_t k = j; k < jend; k++) {
			for (size_t q = first; q < iend; q++) {
				if (amatch[a[q].index] == UINT32_MAX && a[q].key == b[k].key &&
				    a[q].check == b[k].check) {
					amatch[a[q].index] = b[k].index;
					bmatch[b[k].index] = a[q].index;
					break;
				}
			}
			while (first < iend && amatch[a[first].index] != UINT32_MAX)
				first++;
		}
		i = iend;
		j = jend;
	}
}
