/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The helpers every pass of the engine uses (engine.h): epochs of the mark
 * arrays, growing scratch lists, and appending to the analysis pool. They
 * call nothing of the passes, so any pass may use them.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

uint32_t ms_engine_epoch(ms_engine *e)
{
	if (e->epoch == UINT32_MAX) {
		/* Only after 2^32 epochs: forget every mark rather than confuse them. */
		uint32_t *const sys[] = {e->fac.served_mark, e->chains.sys, e->supply.mark};
		uint32_t *const party[] = {e->chains.party_mark, e->fac.prime_mark, e->work.fac_mark};
		uint32_t *const contract[] = {e->chains.contract_mark, e->work.contract_seen};
		for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
			memset(sys[i], 0, sizeof(uint32_t) * e->ns);
		for (size_t i = 0; i < sizeof party / sizeof *party; i++)
			memset(party[i], 0, sizeof(uint32_t) * e->np);
		for (size_t i = 0; i < sizeof contract / sizeof *contract; i++)
			memset(contract[i], 0, sizeof(uint32_t) * e->nc);
		e->epoch = 0;
	}
	return ++e->epoch;
}

int ms_push(ms_engine *e, ms_u32vec *vec, uint32_t v)
{
	uint32_t *p = MS_VEC_PUSH(*vec);
	if (!p) {
		e->oom = 1;
		return -1;
	}
	*p = v;
	return 0;
}

uint32_t *ms_reserve(ms_engine *e, ms_u32vec *vec, size_t n)
{
	if (vec->cap < n && MS_VEC_RESERVE(*vec, n) < 0) {
		e->oom = 1;
		return NULL;
	}
	return vec->v;
}

ms_span ms_pool_put(ms_engine *e, const uint32_t *v, uint32_t n)
{
	ms_span sp = {0, 0};
	medscope_analysis *a = e->a;
	if (n == 0)
		return sp;
	/* Spans address the pool with 32 bits: past that, fail as out of
	 * memory rather than wrap around. */
	if (a->pool.n + n > UINT32_MAX ||
	    (a->pool.n + n > a->pool.cap && MS_VEC_RESERVE(a->pool, a->pool.n + (size_t)n) < 0)) {
		e->oom = 1;
		return sp;
	}
	if (v && n)
		memcpy(a->pool.v + a->pool.n, v, n * sizeof(*v));
	sp.off = (uint32_t)a->pool.n;
	sp.n = n;
	a->pool.n += n;
	return sp;
}

ms_span ms_pool_one(ms_engine *e, uint32_t *cache, uint32_t key, uint32_t value)
{
	ms_span sp = {cache[key], 1};
	if (sp.off == MS_NONE) {
		sp = ms_pool_put(e, &value, 1);
		if (sp.n)
			cache[key] = sp.off;
	}
	return sp;
}
