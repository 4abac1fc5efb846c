/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Deterministic order (cli.md): parties and systems by id, requirements by
 * parties then topic then systems, findings by line, column, code and
 * subjects. The same model always gives the same arrays.
 *
 * Cost: one natural merge sort per array (util/sort.c), O(n log r)
 * comparisons for r ascending runs in the input (O(n log n) at worst),
 * plus an in-place permutation, O(n). Results come out of the passes
 * mostly in order (facilities are walked by id), so r is small in practice.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

static int cmp_party_id(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_model *m = ctx;
	return strcmp(m->parties.v[x].id, m->parties.v[y].id);
}

static int cmp_system_id(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_model *m = ctx;
	return strcmp(m->systems.v[x].id, m->systems.v[y].id);
}

int ms_order_ids(medscope_analysis *a)
{
	const medscope_model *m = a->model;
	uint32_t np = (uint32_t)m->parties.n, ns = (uint32_t)m->systems.n;
	a->party_order = malloc(((size_t)np + 1) * sizeof(uint32_t));
	a->system_order = malloc(((size_t)ns + 1) * sizeof(uint32_t));
	if (!a->party_order || !a->system_order)
		return -1;
	for (uint32_t i = 0; i < np; i++)
		a->party_order[i] = i;
	for (uint32_t i = 0; i < ns; i++)
		a->system_order[i] = i;
	if (ms_sort_u32(a->party_order, np, cmp_party_id, m) < 0 ||
	    ms_sort_u32(a->system_order, ns, cmp_system_id, m) < 0)
		return -1;
	return ms_analysis_ranks(a);
}

int ms_analysis_ranks(medscope_analysis *a)
{
	size_t np = a->model->parties.n, ns = a->model->systems.n;
	a->party_rank = malloc((np + 1) * sizeof(uint32_t));
	a->system_rank = malloc((ns + 1) * sizeof(uint32_t));
	if (!a->party_rank || !a->system_rank)
		return -1;
	for (size_t i = 0; i < np; i++)
		a->party_rank[a->party_order[i]] = (uint32_t)i;
	for (size_t i = 0; i < ns; i++)
		a->system_rank[a->system_order[i]] = (uint32_t)i;
	return 0;
}

static int cmp_sym_name(const void *ctx, uint32_t x, uint32_t y)
{
	return strcmp(ms_sym_name(ctx, x), ms_sym_name(ctx, y));
}

uint32_t ms_sort_syms(const medscope_model *m, uint32_t *v, uint32_t n)
{
	/* Short lists (the usual subjects) by insertion; long ones by merging. */
	if (n <= 32 || ms_sort_u32(v, n, cmp_sym_name, m) < 0)
		ms_insertion_sort_u32(v, n, cmp_sym_name, m);
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

static int cmp_rank(const void *ctx, uint32_t x, uint32_t y)
{
	const uint32_t *rank = ctx;
	return rank[x] < rank[y] ? -1 : rank[x] > rank[y];
}

uint32_t ms_sort_systems(const medscope_analysis *a, uint32_t *v, uint32_t n)
{
	if (n > 64) {
		if (ms_sort_u32(v, n, cmp_rank, a->system_rank) < 0) {
			/* Out of memory for the merge buffer: fall back to insertion. */
			ms_insertion_sort_u32(v, n, cmp_rank, a->system_rank);
		}
	} else {
		ms_insertion_sort_u32(v, n, cmp_rank, a->system_rank);
	}
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

/* ---- results ---------------------------------------------------------- */

typedef struct {
	const medscope_analysis *a;
	uint8_t code_rank[MS_RULE__COUNT]; /* rules by code */
	uint8_t topic_rank[16];            /* topic bits by name */
} result_ctx;

static int cmp_code(const void *ctx, uint32_t x, uint32_t y)
{
	(void)ctx;
	return strcmp(ms_rules[x].code, ms_rules[y].code);
}

static int cmp_topic(const void *ctx, uint32_t x, uint32_t y)
{
	(void)ctx;
	return strcmp(ms_code(MS_W_TOPIC, 1u << x), ms_code(MS_W_TOPIC, 1u << y));
}

static int cmp_u32(uint32_t x, uint32_t y)
{
	return x < y ? -1 : x > y;
}

static int cmp_sym_seq(const medscope_model *m, const medscope_analysis *a, ms_span x, ms_span y)
{
	for (uint32_t i = 0; i < x.n && i < y.n; i++) {
		int c = strcmp(ms_sym_name(m, MS_APOOL(a, x, i)), ms_sym_name(m, MS_APOOL(a, y, i)));
		if (c)
			return c;
	}
	return cmp_u32(x.n, y.n);
}

static int cmp_finding(const void *ctx, uint32_t x, uint32_t y)
{
	const result_ctx *rc = ctx;
	const medscope_analysis *a = rc->a;
	const ms_finding *f = &a->findings.v[x], *g = &a->findings.v[y];
	/* A split model: the main file's findings first, then each part's
	 * by path, so that the order of the <include>s does not matter. */
	int c = f->loc.file == g->loc.file ? 0
	        : !f->loc.file || !g->loc.file ? cmp_u32(f->loc.file, g->loc.file)
	        : strcmp(ms_loc_path(a->model, f->loc), ms_loc_path(a->model, g->loc));
	if (!c)
		c = cmp_u32(f->loc.line, g->loc.line);
	if (!c)
		c = cmp_u32(f->loc.col, g->loc.col);
	if (!c)
		c = cmp_u32(rc->code_rank[f->rule], rc->code_rank[g->rule]);
	if (!c)
		c = cmp_sym_seq(a->model, a, f->subjects, g->subjects);
	return c;
}

static int topic_index(uint16_t bit)
{
	int i = 0;
	while (i < 15 && !(bit & (1u << i)))
		i++;
	return i;
}

static int cmp_requirement(const void *ctx, uint32_t x, uint32_t y)
{
	const result_ctx *rc = ctx;
	const medscope_analysis *a = rc->a;
	const ms_requirement *p = &a->requirements.v[x], *q = &a->requirements.v[y];
	for (int i = 0; i < 3; i++) {
		/* A shorter party list sorts before a longer one it begins. */
		uint32_t rp = i < p->nparties ? a->party_rank[p->parties[i]] + 1 : 0;
		uint32_t rq = i < q->nparties ? a->party_rank[q->parties[i]] + 1 : 0;
		if (rp != rq)
			return cmp_u32(rp, rq);
	}
	int c = cmp_u32(rc->topic_rank[topic_index(p->topic)], rc->topic_rank[topic_index(q->topic)]);
	if (c)
		return c;
	for (uint32_t i = 0; i < p->systems.n && i < q->systems.n; i++) {
		c = cmp_u32(a->system_rank[MS_APOOL(a, p->systems, i)],
		            a->system_rank[MS_APOOL(a, q->systems, i)]);
		if (c)
			return c;
	}
	c = cmp_u32(p->systems.n, q->systems.n);
	if (!c)
		c = cmp_u32(rc->code_rank[p->rule], rc->code_rank[q->rule]);
	if (!c && p->contract != q->contract) {
		if (p->contract == MS_NONE || q->contract == MS_NONE)
			return p->contract == MS_NONE ? -1 : 1;
		c = strcmp(ms_sym_name(a->model, p->contract), ms_sym_name(a->model, q->contract));
	}
	return c;
}

/* arr[i] = old arr[idx[i]] for every i, in place (idx is consumed). */
static void permute(void *arr, size_t size, uint32_t *idx, size_t n, void *tmp)
{
	char *base = arr;
	for (size_t i = 0; i < n; i++) {
		if (idx[i] == i)
			continue;
		memcpy(tmp, base + i * size, size);
		size_t j = i;
		for (;;) {
			size_t k = idx[j];
			idx[j] = (uint32_t)j;
			if (k == i) {
				memcpy(base + j * size, tmp, size);
				break;
			}
			memcpy(base + j * size, base + k * size, size);
			j = k;
		}
	}
}

/*
 * Stable LSD radix sort of v[0..n) by key[v[i]], 16 bits a pass; a pass
 * whose digit is the same for every element is skipped. buf holds n.
 */
static void radix_sort(uint32_t *v, uint32_t *buf, size_t n, const uint64_t *key,
                       uint32_t *count /* [65536] */)
{
	for (int shift = 0; shift < 64 && n; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(key[v[i]] >> shift) & 0xffff]++;
		if (count[(key[v[0]] >> shift) & 0xffff] == n)
			continue;
		uint32_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			uint32_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			buf[count[(key[v[i]] >> shift) & 0xffff]++] = v[i];
		memcpy(v, buf, n * sizeof(*v));
	}
}

/* Sort each run of equal keys by cmp (radix first, comparator for ties). */
static int sort_ties(uint32_t *v, size_t n, const uint64_t *key, ms_cmp_fn cmp, const void *ctx)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && key[v[j]] == key[v[i]])
			j++;
		if (j - i > 1 && ms_sort_u32(v + i, j - i, cmp, ctx) < 0)
			return -1;
		i = j;
	}
	return 0;
}

int ms_order_results(medscope_analysis *a)
{
	result_ctx rc = {.a = a};
	uint32_t order[MS_RULE__COUNT > MS_TOPIC__COUNT ? MS_RULE__COUNT : MS_TOPIC__COUNT];
	if (ms_sort_order(order, MS_RULE__COUNT, cmp_code, NULL) < 0)
		return -1;
	for (uint32_t i = 0; i < MS_RULE__COUNT; i++)
		rc.code_rank[order[i]] = (uint8_t)i;
	if (ms_sort_order(order, MS_TOPIC__COUNT, cmp_topic, NULL) < 0)
		return -1;
	memset(rc.topic_rank, 15, sizeof rc.topic_rank);
	for (uint32_t i = 0; i < MS_TOPIC__COUNT; i++)
		rc.topic_rank[order[i]] = (uint8_t)i;

	size_t nf = a->findings.n, nr = a->requirements.n;
	size_t nmax = nf > nr ? nf : nr;
	uint32_t *idx = malloc((nmax + 1) * sizeof(*idx));
	uint32_t *buf = malloc((nmax + 1) * sizeof(*buf));
	uint64_t *key = malloc((nmax + 1) * sizeof(*key));
	uint32_t *count = malloc(65536 * sizeof(*count));
	int status = -1;
	if (!idx || !buf || !key || !count)
		goto cleanup;
	ms_finding ftmp;
	ms_requirement rtmp;
	/* Findings by (line, column), then code and subjects. */
	for (size_t i = 0; i < nf; i++) {
		const ms_finding *f = &a->findings.v[i];
		idx[i] = (uint32_t)i;
		key[i] = (uint64_t)f->loc.line << 32 | f->loc.col;
	}
	radix_sort(idx, buf, nf, key, count);
	if (sort_ties(idx, nf, key, cmp_finding, &rc) < 0)
		goto cleanup;
	uint32_t *inv = buf; /* the radix buffer is free again */
	for (size_t i = 0; i < nf; i++)
		inv[idx[i]] = (uint32_t)i;
	for (size_t i = 0; i < nr; i++) {
		ms_requirement *r = &a->requirements.v[i];
		if (r->finding != MS_NONE)
			r->finding = inv[r->finding];
	}
	permute(a->findings.v, sizeof(ms_finding), idx, nf, &ftmp);
	/* Requirements by their first two parties, then the rest. */
	for (size_t i = 0; i < nr; i++) {
		const ms_requirement *q = &a->requirements.v[i];
		uint64_t p0 = a->party_rank[q->parties[0]] + 1u;
		uint64_t p1 = q->nparties > 1 ? a->party_rank[q->parties[1]] + 1u : 0;
		idx[i] = (uint32_t)i;
		key[i] = p0 << 32 | p1;
	}
	radix_sort(idx, buf, nr, key, count);
	if (sort_ties(idx, nr, key, cmp_requirement, &rc) < 0)
		goto cleanup;
	permute(a->requirements.v, sizeof(ms_requirement), idx, nr, &rtmp);
	status = 0;
cleanup:
	free(idx);
	free(buf);
	free(key);
	free(count);
	return status;
}
