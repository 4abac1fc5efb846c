/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 責任分界表 (see matrix.h). Each facility's table costs its own rows,
 * contracts and requirements: the index groups contracts by client and
 * requirements by the facilities they name, once, so a 30-clinic or a
 * 21,000-clinic group does not rescan the model per facility.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/matrix.h"
#include "util/sort.h"
#include "util/lang.h"

/* Compressed rows: the items of row r are idx[off[r] .. off[r + 1]). */
typedef struct {
	uint32_t *off, *idx;
} rows_t;

struct ms_matrix_index {
	const medscope_analysis *a;
	rows_t own;       /* party -> its qualifying contracts as client */
	rows_t reqs;      /* facility party -> the requirements naming it */
	uint32_t *facilities, nfacilities;
	uint32_t *row_of; /* [system] row in the table being built, or MS_NONE */
	uint32_t *col_of; /* [party] column in the table being built, or MS_NONE */
	uint32_t *cols;   /* scratch: the parties met, in meeting order */
	uint32_t ncols;
};

static int has_table(const medscope_analysis *a, uint32_t p)
{
	return a->facility_off[p + 1] > a->facility_off[p];
}

/* Build rows from (row, item) pairs given by `pairs` (2n values). */
static int rows_build(rows_t *r, uint32_t nrows, const uint32_t *pairs, size_t n)
{
	r->off = calloc((size_t)nrows + 1, sizeof(*r->off));
	r->idx = malloc((n ? n : 1) * sizeof(*r->idx));
	if (!r->off || !r->idx)
		return -1;
	for (size_t i = 0; i < n; i++)
		r->off[pairs[2 * i] + 1]++;
	for (uint32_t i = 0; i < nrows; i++)
		r->off[i + 1] += r->off[i];
	uint32_t *fill = malloc(((size_t)nrows + 1) * sizeof(*fill));
	if (!fill)
		return -1;
	memcpy(fill, r->off, ((size_t)nrows + 1) * sizeof(*fill));
	for (size_t i = 0; i < n; i++) /* stable: items keep their order */
		r->idx[fill[pairs[2 * i]]++] = pairs[2 * i + 1];
	free(fill);
	return 0;
}

static void rows_free(rows_t *r)
{
	free(r->off);
	free(r->idx);
}

int ms_matrix_index_new(const medscope_analysis *a, ms_matrix_index **out)
{
	const medscope_model *m = a->model;
	uint32_t np = (uint32_t)m->parties.n, ns = (uint32_t)m->systems.n;
	ms_matrix_index *ix = calloc(1, sizeof(*ix));
	uint32_t *pairs = NULL;
	*out = NULL;
	if (!ix)
		return -1;
	ix->a = a;
	size_t cap = 2 * (m->contracts.n + 3 * a->requirements.n) + 2, n = 0;
	pairs = malloc(cap * sizeof(*pairs));
	ix->facilities = malloc(((size_t)np + 1) * sizeof(*ix->facilities));
	ix->row_of = malloc(((size_t)ns + 1) * sizeof(*ix->row_of));
	ix->col_of = malloc(((size_t)np + 1) * sizeof(*ix->col_of));
	ix->cols = malloc(((size_t)np + 1) * sizeof(*ix->cols));
	if (!pairs || !ix->facilities || !ix->row_of || !ix->col_of || !ix->cols)
		goto fail;
	for (uint32_t s = 0; s < ns; s++)
		ix->row_of[s] = MS_NONE;
	for (uint32_t p = 0; p < np; p++)
		ix->col_of[p] = MS_NONE;
	for (uint32_t i = 0; i < np; i++)
		if (has_table(a, a->party_order[i]))
			ix->facilities[ix->nfacilities++] = a->party_order[i];

	for (uint32_t c = 0; c < m->contracts.n; c++) {
		if (!(m->contracts.v[c].types & MS_CT_QUALIFYING))
			continue;
		pairs[n++] = m->contracts.v[c].client;
		pairs[n++] = c;
	}
	if (rows_build(&ix->own, np, pairs, n / 2) < 0)
		goto fail;
	n = 0;
	for (uint32_t i = 0; i < a->requirements.n; i++) {
		const ms_requirement *rq = &a->requirements.v[i];
		for (unsigned k = 0; k < rq->nparties; k++) {
			if (!has_table(a, rq->parties[k]))
				continue;
			pairs[n++] = rq->parties[k];
			pairs[n++] = i;
		}
	}
	if (rows_build(&ix->reqs, np, pairs, n / 2) < 0)
		goto fail;
	free(pairs);
	*out = ix;
	return 0;
fail:
	free(pairs);
	ms_matrix_index_free(ix);
	return -1;
}

void ms_matrix_index_free(ms_matrix_index *ix)
{
	if (!ix)
		return;
	rows_free(&ix->own);
	rows_free(&ix->reqs);
	free(ix->facilities);
	free(ix->row_of);
	free(ix->col_of);
	free(ix->cols);
	free(ix);
}

const uint32_t *ms_matrix_facilities(const ms_matrix_index *ix, uint32_t *n)
{
	*n = ix->nfacilities;
	return ix->facilities;
}

void ms_matrix_free(ms_matrix *mx)
{
	if (!mx)
		return;
	free(mx->rows);
	free(mx->cols);
	free(mx->roles);
	memset(mx, 0, sizeof(*mx));
}

void ms_matrix_put_roles(ms_buf *out, uint16_t roles, medscope_lang lang)
{
	int first = 1;
	for (unsigned bit = 0; bit < MS_ROLE__COUNT; bit++) {
		if (!(roles & (1u << bit)))
			continue;
		if (!first)
			ms_buf_puts(out, MS_L(lang, ", ", "、"));
		ms_buf_puts(out, ms_word(MS_W_MATRIX_ROLE, 1u << bit, lang));
		first = 0;
	}
}

/* The roles a contract's type gives its supplier (FAQ 3.1 separates
 * operation and development; FAQ 1 counts maintenance). */
static uint16_t type_roles(const ms_contract *ct)
{
	uint16_t r = 0;
	if (ct->types & MS_CT_OPERATION)
		r |= MS_ROLE_OPERATION;
	if (ct->types & MS_CT_MAINTENANCE)
		r |= MS_ROLE_MAINTENANCE;
	if (ct->types & MS_CT_DEVELOPMENT)
		r |= MS_ROLE_DEVELOPMENT;
	return r;
}

/* Rows by layer (the vocabulary's order: SaaS … network), then by id. */
static int row_cmp(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_analysis *a = ctx;
	const ms_system *sx = &a->model->systems.v[x], *sy = &a->model->systems.v[y];
	if (sx->layer != sy->layer)
		return sx->layer < sy->layer ? -1 : 1;
	return a->system_rank[x] < a->system_rank[y] ? -1 : a->system_rank[x] > a->system_rank[y];
}

typedef struct {
	const medscope_analysis *a;
	uint32_t facility;
} col_ctx;

/* The facility first, then the others by id. */
static int col_cmp(const void *ctx, uint32_t x, uint32_t y)
{
	const col_ctx *c = ctx;
	if (x == c->facility || y == c->facility)
		return x == c->facility ? (y == c->facility ? 0 : -1) : 1;
	return c->a->party_rank[x] < c->a->party_rank[y] ? -1 : c->a->party_rank[x] > c->a->party_rank[y];
}

/* Pass 1 (mx->roles NULL) meets the parties, pass 2 sets their roles. */
static void mark(ms_matrix_index *ix, ms_matrix *mx, uint32_t p, uint32_t row, uint16_t role)
{
	if (p == MS_NONE || !role)
		return;
	if (!mx->roles) {
		if (ix->col_of[p] == MS_NONE) {
			ix->col_of[p] = 0;
			ix->cols[ix->ncols++] = p;
		}
		return;
	}
	mx->roles[(size_t)row * mx->ncols + ix->col_of[p]] |= role;
}

static void contract_roles(ms_matrix_index *ix, ms_matrix *mx, uint32_t c, uint16_t extra)
{
	const medscope_model *m = ix->a->model;
	const ms_contract *ct = &m->contracts.v[c];
	for (uint32_t i = 0; i < ct->covers.n; i++) {
		uint32_t r = ix->row_of[MS_SPAN_AT(m, ct->covers, i)];
		if (r != MS_NONE)
			mark(ix, mx, ct->supplier, r, (uint16_t)(type_roles(ct) | extra));
	}
}

static void visit(ms_matrix_index *ix, ms_matrix *mx, const uint32_t *entries)
{
	const medscope_analysis *a = ix->a;
	const medscope_model *m = a->model;
	uint32_t f = mx->facility;
	for (uint32_t r = 0; r < mx->nrows; r++) {
		const ms_ownership *ow = &a->ownership.v[entries[r]];
		mark(ix, mx, f, r, MS_ROLE_FINAL); /* FAQ 5 */
		mark(ix, mx, ow->owner, r, MS_ROLE_RM);
		for (uint32_t k = 0; k < ow->considered_by.n; k++)
			mark(ix, mx, MS_APOOL(a, ow->considered_by, k), r, MS_ROLE_CONSIDERED);
		mark(ix, mx, m->systems.v[mx->rows[r]].provider, r, MS_ROLE_PROVIDER);
	}
	for (uint32_t k = ix->own.off[f]; k < ix->own.off[f + 1]; k++)
		contract_roles(ix, mx, ix->own.idx[k], MS_ROLE_CONTRACT);
	for (uint32_t k = ix->reqs.off[f]; k < ix->reqs.off[f + 1]; k++) {
		const ms_requirement *rq = &a->requirements.v[ix->reqs.idx[k]];
		/* The chain contracts the facility approves (rules.md §3). */
		if (rq->rule == MS_RULE_MISSING_SUBCONTRACT_APPROVAL && rq->contract != MS_NONE) {
			uint32_t c = m->syms.v[rq->contract].index;
			if (m->contracts.v[c].client != f)
				contract_roles(ix, mx, c, 0);
		}
		if (rq->satisfied_by != MS_NONE)
			continue;
		for (uint32_t i = 0; i < rq->systems.n; i++) {
			uint32_t r = ix->row_of[MS_APOOL(a, rq->systems, i)];
			for (unsigned q = 0; r != MS_NONE && q < rq->nparties; q++)
				if (rq->parties[q] != f)
					mark(ix, mx, rq->parties[q], r, MS_ROLE_MISSING_AGREEMENT);
		}
	}
}

int ms_matrix_build(ms_matrix_index *ix, uint32_t facility, ms_matrix *out)
{
	const medscope_analysis *a = ix->a;
	uint32_t lo = a->facility_off[facility], hi = a->facility_off[facility + 1];
	uint32_t *entries = NULL;
	int rc = -1, filled = 0;
	memset(out, 0, sizeof(*out));
	out->facility = facility;
	out->nrows = hi - lo;
	out->rows = malloc(((size_t)out->nrows + 1) * sizeof(*out->rows));
	entries = malloc(((size_t)out->nrows + 1) * sizeof(*entries));
	if (!out->rows || !entries)
		goto cleanup;
	/* One entry per (system, facility): the rows are the entries' systems. */
	for (uint32_t i = 0; i < out->nrows; i++)
		out->rows[i] = a->ownership.v[a->facility_entries[lo + i]].system;
	filled = 1;
	if (ms_sort_u32(out->rows, out->nrows, row_cmp, a) < 0)
		goto cleanup;
	for (uint32_t i = 0; i < out->nrows; i++)
		ix->row_of[out->rows[i]] = i;
	for (uint32_t i = lo; i < hi; i++) {
		const ms_ownership *ow = &a->ownership.v[a->facility_entries[i]];
		entries[ix->row_of[ow->system]] = a->facility_entries[i];
	}

	ix->ncols = 0;
	mark(ix, out, facility, 0, MS_ROLE_FINAL); /* a column even with no row */
	visit(ix, out, entries);
	out->ncols = ix->ncols;
	out->cols = malloc(((size_t)out->ncols + 1) * sizeof(*out->cols));
	if (!out->cols)
		goto cleanup;
	memcpy(out->cols, ix->cols, out->ncols * sizeof(*out->cols));
	col_ctx cc = {a, facility};
	if (ms_sort_u32(out->cols, out->ncols, col_cmp, &cc) < 0)
		goto cleanup;
	for (uint32_t i = 0; i < out->ncols; i++)
		ix->col_of[out->cols[i]] = i;
	out->roles = calloc((size_t)out->nrows * out->ncols + 1, sizeof(*out->roles));
	if (!out->roles)
		goto cleanup;
	visit(ix, out, entries);
	rc = 0;
cleanup:
	for (uint32_t i = 0; i < ix->ncols; i++)
		ix->col_of[ix->cols[i]] = MS_NONE;
	ix->ncols = 0;
	/* Only rows written: when `entries` could not be allocated, out->rows
	 * holds garbage (fault.alloc). */
	for (uint32_t i = 0; filled && i < out->nrows; i++)
		ix->row_of[out->rows[i]] = MS_NONE;
	free(entries);
	if (rc < 0)
		ms_matrix_free(out);
	return rc;
}

int medscope_analysis_has_matrix(const medscope_analysis *a, const char *id)
{
	if (!a || !id || a->findings_only)
		return 0;
	uint32_t sym = ms_sym_find(a->model, id, strlen(id));
	if (sym == MS_NONE || a->model->syms.v[sym].kind != MS_SYM_PARTY)
		return 0;
	return has_table(a, a->model->syms.v[sym].index);
}
