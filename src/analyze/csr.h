/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compressed rows (CSR): row i is idx[off[i] .. off[i + 1]). Every index of
 * the analysis is one, built by a counting sort so that a pass walks only
 * the neighbours it needs. Internal to src/analyze and its readers.
 */
#ifndef MS_CSR_H
#define MS_CSR_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t *off, *idx;
} ms_csr;

/* Rows from (row, item) pairs by a stable counting sort; rows[i] == MS_NONE
 * skips pair i; items == NULL means item i is i. 0, or -1 when out of memory
 * (free what was built with ms_csr_free either way). */
int ms_csr_build(ms_csr *out, uint32_t nrows, const uint32_t *rows, const uint32_t *items,
                 size_t k);
/* The same, with each row in the order of rank[item] (a position by id),
 * so that a walk over a row never depends on the order of the document
 * (model.md: the order of children is free). Two counting sorts. */
int ms_csr_build_ranked(ms_csr *out, uint32_t nrows, const uint32_t *rows, const uint32_t *items,
                        size_t k, const uint32_t *rank, uint32_t nitems);
void ms_csr_free(ms_csr *c);

#endif
