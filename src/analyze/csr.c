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

void ms_csr_free(ms_csr *c)
{
	free(c->off);
	free(c->idx);
	c->off = c->idx = NULL;
}
