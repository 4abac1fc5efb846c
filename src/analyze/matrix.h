/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 責任分界表 of a facility (issue 15, cli.md `medscope matrix`): rows
 * the systems served to it, grouped by layer; columns the facility and
 * every party involved; each cell the roles (models/vocabulary.xml
 * "matrix-role") that party holds for that system towards that facility.
 *
 * Built from the analysis' results only, never deciding a fact again:
 *
 *   最終責任  the facility, in every row (FAQ 5)
 *   RM        the owner of the (system, facility) entry (rules.md §2)
 *   考慮      the entry's considered_by
 *   提供      the system's provider
 *   契約      the supplier of a qualifying contract whose client is the
 *             facility and whose covers names the system
 *   運用 保守 開発  the supplier of a contract of that type whose covers
 *             names the system: the facility's own contracts, and the
 *             contracts of its selection chains (those the analysis asked
 *             the facility to approve, missing-subcontract-approval)
 *   未合意    every party but the facility of a missing requirement that
 *             names the facility and concerns the system (rules.md §3; an
 *             exception does not change the status, §5)
 *
 * Internal to the library; emitters (text, CSV, Markdown, JSON, HTML, XLSX)
 * read it.
 */
#ifndef MS_ANALYZE_MATRIX_H
#define MS_ANALYZE_MATRIX_H

#include "analyze/analysis.h"

typedef struct {
	uint32_t facility;  /* party index */
	uint32_t nrows;     /* served systems */
	uint32_t ncols;     /* parties: the facility first */
	uint32_t *rows;     /* system indices, by layer (vocabulary order) then id */
	uint32_t *cols;     /* party indices: the facility, then the others by id */
	uint16_t *roles;    /* [nrows * ncols] MS_ROLE_* bits, row-major */
} ms_matrix;

/* What every facility's table needs, indexed once per analysis. */
typedef struct ms_matrix_index ms_matrix_index;

/* 0, or -1 when out of memory. Free with ms_matrix_index_free(). */
int ms_matrix_index_new(const medscope_analysis *a, ms_matrix_index **out);
void ms_matrix_index_free(ms_matrix_index *ix);

/* The table of party `facility` (one with ownership entries, or an empty
 * table) into `*out`, which the caller frees with ms_matrix_free(). 0, or
 * -1 when out of memory (then *out holds nothing to free). */
int ms_matrix_build(ms_matrix_index *ix, uint32_t facility, ms_matrix *out);
void ms_matrix_free(ms_matrix *mx);

/* The facilities that have a table (some system is served to them), in
 * id order: *n receives their count; the array belongs to `ix`. */
const uint32_t *ms_matrix_facilities(const ms_matrix_index *ix, uint32_t *n);

/* The roles of party column `col` on row `row`. */
static inline uint16_t ms_matrix_roles(const ms_matrix *mx, uint32_t row, uint32_t col)
{
	return mx->roles[(size_t)row * mx->ncols + col];
}

/* "RM、提供、契約" / "RM, provider, contract": the words of `roles` in
 * vocabulary order, appended to `out`. */
void ms_matrix_put_roles(ms_buf *out, uint16_t roles, medscope_lang lang);

#endif
