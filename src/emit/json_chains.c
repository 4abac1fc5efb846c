/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The `chains` of the report JSON (json_chains.h): chunks of long vias,
 * interned by content, and a memo by pool position so that the vias of a
 * deep chain, which the analysis lays out as prefixes of one run of the
 * pool, cost one chunk each, not their depth.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/json_chains.h"
#include "util/hash.h"
#include "util/vec.h"

#define K MS_JSON_VIA_INLINE

/* One entry of `chains`: the chunk of K contracts at a->pool[off] after
 * the entry `parent` (MS_NONE: the chain's first chunk). */
typedef struct {
	uint32_t parent, off;
} chunk;

/* An open-addressing table of chunk indices (MS_NONE = empty slot). */
typedef struct {
	uint32_t *slot;
	uint64_t *key; /* memo table only: (pool offset << 32) | prefix length */
	uint32_t cap, n;
} table;

struct ms_json_chains {
	const medscope_analysis *a;
	MS_VEC(chunk) chunks;
	table content; /* chunks by (parent, contracts) */
	table memo;    /* chunks by (start of a via in the pool, prefix length) */
	MS_VEC(uint32_t) stack;
};

ms_json_chains *ms_json_chains_new(const medscope_analysis *a)
{
	ms_json_chains *c = calloc(1, sizeof(*c));
	if (c)
		c->a = a;
	return c;
}

void ms_json_chains_free(ms_json_chains *c)
{
	if (!c)
		return;
	MS_VEC_FREE(c->chunks);
	MS_VEC_FREE(c->stack);
	free(c->content.slot);
	free(c->memo.slot);
	free(c->memo.key);
	free(c);
}

size_t ms_json_chains_count(const ms_json_chains *c)
{
	return c ? c->chunks.n : 0;
}

/* The keyed hash of a chunk's content (the contracts come from the model,
 * so the table must not be floodable: util/hash.h). */
static uint64_t content_hash(const ms_json_chains *c, uint32_t parent, uint32_t off)
{
	ms_hasher h;
	ms_hasher_init(&h);
	ms_hasher_add(&h, parent);
	for (uint32_t i = 0; i < K; i++)
		ms_hasher_add(&h, c->a->pool.v[off + i]);
	return ms_hasher_end(&h, 0);
}

static int same_content(const ms_json_chains *c, const chunk *x, uint32_t parent, uint32_t off)
{
	return x->parent == parent &&
	       memcmp(&c->a->pool.v[x->off], &c->a->pool.v[off], K * sizeof(uint32_t)) == 0;
}

/* Double `t` (both tables), re-placing every slot with `home`. */
static int grow(ms_json_chains *c, table *t, int with_keys)
{
	uint32_t cap = t->cap ? t->cap * 2 : 64;
	uint32_t *slot = malloc(sizeof(*slot) * cap);
	uint64_t *key = with_keys ? malloc(sizeof(*key) * cap) : NULL;
	if (!slot || (with_keys && !key)) {
		free(slot);
		free(key);
		return -1;
	}
	for (uint32_t i = 0; i < cap; i++)
		slot[i] = MS_NONE;
	for (uint32_t i = 0; i < t->cap; i++) {
		if (t->slot[i] == MS_NONE)
			continue;
		uint64_t h;
		if (with_keys) {
			h = ms_hash_pair(t->key[i], 0);
		} else {
			const chunk *x = &c->chunks.v[t->slot[i]];
			h = content_hash(c, x->parent, x->off);
		}
		uint32_t j = (uint32_t)h & (cap - 1);
		while (slot[j] != MS_NONE)
			j = (j + 1) & (cap - 1);
		slot[j] = t->slot[i];
		if (with_keys)
			key[j] = t->key[i];
	}
	free(t->slot);
	free(t->key);
	t->slot = slot;
	t->key = key;
	t->cap = cap;
	return 0;
}

/* The chunk (parent, pool[off..off+K)), added when new; MS_NONE on out of
 * memory. */
static uint32_t intern(ms_json_chains *c, uint32_t parent, uint32_t off)
{
	table *t = &c->content;
	if ((t->n + 1) * 2 > t->cap && grow(c, t, 0) < 0)
		return MS_NONE;
	uint32_t j = (uint32_t)content_hash(c, parent, off) & (t->cap - 1);
	for (; t->slot[j] != MS_NONE; j = (j + 1) & (t->cap - 1))
		if (same_content(c, &c->chunks.v[t->slot[j]], parent, off))
			return t->slot[j];
	chunk *x = MS_VEC_PUSH(c->chunks);
	if (!x)
		return MS_NONE;
	x->parent = parent;
	x->off = off;
	t->slot[j] = (uint32_t)(c->chunks.n - 1);
	t->n++;
	return t->slot[j];
}

/* The memo's slot for `key`: where it is, or the empty slot it would go. */
static uint32_t memo_find(const table *t, uint64_t key)
{
	uint32_t j = (uint32_t)ms_hash_pair(key, 0) & (t->cap - 1);
	while (t->slot[j] != MS_NONE && t->key[j] != key)
		j = (j + 1) & (t->cap - 1);
	return j;
}

static uint32_t memo_get(const table *t, uint32_t off, uint32_t len)
{
	return t->cap ? t->slot[memo_find(t, ((uint64_t)off << 32) | len)] : MS_NONE;
}

static int memo_put(ms_json_chains *c, uint32_t off, uint32_t len, uint32_t id)
{
	table *t = &c->memo;
	if ((t->n + 1) * 2 > t->cap && grow(c, t, 1) < 0)
		return -1;
	uint64_t key = ((uint64_t)off << 32) | len;
	uint32_t j = memo_find(t, key);
	t->slot[j] = id;
	t->key[j] = key;
	t->n++;
	return 0;
}

/* The entry holding the first `len` (a multiple of K) contracts of the via
 * starting at a->pool[off]: the memo's, else built from the longest
 * prefix already known, chunk by chunk. MS_NONE on out of memory. */
static uint32_t prefix(ms_json_chains *c, uint32_t off, uint32_t len)
{
	uint32_t p = len, base = MS_NONE;
	c->stack.n = 0;
	while (p >= K && (base = memo_get(&c->memo, off, p)) == MS_NONE) {
		uint32_t *sp = MS_VEC_PUSH(c->stack);
		if (!sp)
			return MS_NONE;
		*sp = p;
		p -= K;
	}
	while (c->stack.n) {
		p = c->stack.v[--c->stack.n];
		base = intern(c, base, off + p - K);
		if (base == MS_NONE || memo_put(c, off, p, base) < 0)
			return MS_NONE;
	}
	return base;
}

int ms_json_chains_split(ms_json_chains *c, ms_span via, uint32_t *prefix_id, ms_span *tail)
{
	*prefix_id = MS_NONE;
	*tail = via;
	if (!c || via.n <= K)
		return 0;
	uint32_t len = (via.n - 1) / K * K; /* leaves 1..K contracts inline */
	*prefix_id = prefix(c, via.off, len);
	if (*prefix_id == MS_NONE)
		return -1;
	tail->off = via.off + len;
	tail->n = via.n - len;
	return 0;
}

void ms_json_chains_entry(const ms_json_chains *c, size_t i, uint32_t *parent, ms_span *via)
{
	*parent = c->chunks.v[i].parent;
	via->off = c->chunks.v[i].off;
	via->n = K;
}
