/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compressed rows (csr.h). Cost: O(rows + pairs), two passes over the pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/csr.h"
#include "model/model.h"

int ms_csr_build(ms_csr *out, uint32_t nrows, const uint32_t *rows, const uint32_t *items,
                 size_t k)
{
	out->off = calloc((size_t)nrows + 1, sizeof(uint32_t));
	if (!out->off)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < k; i++)
		if (rows[i] != MS_NONE) {
			out->off[rows[i] + 1]++;
			n++;
		}
	out->idx = malloc((n ? n : 1) * sizeof(uint32_t));
	if (!out->idx)
		return -1;
	for (uint32_t r = 0; r < nrows; r++)
		out->off[r + 1] += out->off[r];
	uint32_t *fill = malloc(((size_t)nrows + 1) * sizeof(uint32_t));
	if (!fill)
		return -1;
	memcpy(fill, out->off, ((size_t)nrows + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < k; i++)
		if (rows[i] != MS_NONE)
			out->idx[fill[rows[i]]++] = items ? items[i] : (uint32_t)i;
	free(fill);
	return 0;
}

int ms_csr_build_ranked(ms_csr *out, uint32_t nrows, const uint32_t *rows, const uint32_t *items,
                        size_t k, const uint32_t *rank, uint32_t nitems)
{
	/* The pairs by rank of their item first: the row sort is stable. */
	uint32_t *count = calloc((size_t)nitems + 1, sizeof(uint32_t));
	uint32_t *srows = malloc((k ? k : 1) * sizeof(uint32_t));
	uint32_t *sitems = malloc((k ? k : 1) * sizeof(uint32_t));
	int rc = -1;
	if (!count || !srows || !sitems) {
		out->off = out->idx = NULL;
		goto cleanup;
	}
	for (size_t i = 0; i < k; i++)
		count[rank[items ? items[i] : i] + 1]++;
	for (uint32_t r = 0; r < nitems; r++)
		count[r + 1] += count[r];
	for (size_t i = 0; i < k; i++) {
		uint32_t it = items ? items[i] : (uint32_t)i;
		uint32_t at = count[rank[it]]++;
		srows[at] = rows[i];
		sitems[at] = it;
	}
	rc = ms_csr_build(out, nrows, srows, sitems, k);
cleanup:
	free(count);
	free(srows);
	free(sitems);
	return rc;
}

void ms_csr_free(ms_csr *c)
{
	free(c->off);
	free(c->idx);
	c->off = c->idx = NULL;
}
