/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 責任分界表 as rows of plain-text cells (report.h), for the terminal
 * table, CSV, Markdown, HTML and the workbook: the roles come from
 * analyze/matrix.c, this file only lays them out, so the formats cannot
 * drift apart.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/report.h"
#include "util/lang.h"

medscope_status ms_report_matrices_open(ms_report_matrices *mt, const medscope_analysis *a,
                                        const char *facility)
{
	memset(mt, 0, sizeof(*mt));
	if (ms_matrix_index_new(a, &mt->ix) < 0)
		return MEDSCOPE_ERR_NOMEM;
	uint32_t n;
	const uint32_t *all = ms_matrix_facilities(mt->ix, &n);
	mt->facs = all;
	mt->n = n;
	if (!facility)
		return MEDSCOPE_OK;
	/* One facility: a table of one, or none when it has no table. */
	mt->facs = &mt->one;
	mt->n = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (strcmp(a->model->parties.v[all[i]].id, facility) == 0) {
			mt->one = all[i];
			mt->n = 1;
			break;
		}
	}
	return MEDSCOPE_OK;
}

void ms_report_matrices_close(ms_report_matrices *mt)
{
	ms_matrix_index_free(mt->ix);
	memset(mt, 0, sizeof(*mt));
}

void ms_report_party_label(ms_buf *b, const medscope_analysis *a, uint32_t party)
{
	const ms_party *p = &a->model->parties.v[party];
	ms_buf_puts(b, p->id);
	if (p->name && p->name[0] && strcmp(p->name, p->id) != 0)
		ms_buf_printf(b, " (%s)", p->name);
}

void ms_report_matrix_title(ms_buf *b, const medscope_analysis *a, uint32_t facility,
                            medscope_lang lang)
{
	ms_buf_puts(b, MS_L(lang, "Responsibility matrix: ", "責任分界表: "));
	ms_report_party_label(b, a, facility);
}

void ms_report_matrix_legend(ms_buf *b, unsigned role_bit, medscope_lang lang)
{
	ms_buf_printf(b, "%s: %s", ms_word(MS_W_MATRIX_ROLE, 1u << role_bit, lang),
	              ms_word(MS_W_MATRIX_LEGEND, role_bit, lang));
}

/* A row of `n` cells being built. */
typedef struct {
	ms_buf *col;
	const char **cells;
	size_t n;
} cells_t;

static int cells_init(cells_t *c, size_t n)
{
	c->n = n;
	c->col = calloc(n + 1, sizeof(*c->col));
	c->cells = calloc(n + 1, sizeof(*c->cells));
	return c->col && c->cells ? 0 : -1;
}

static void cells_free(cells_t *c)
{
	for (size_t i = 0; c->col && i < c->n; i++)
		ms_buf_free(&c->col[i]);
	free(c->col);
	free(c->cells);
}

static medscope_status cells_emit(cells_t *c, ms_report_row_fn fn, void *ctx)
{
	for (size_t i = 0; i < c->n; i++) {
		if (ms_report_cell_clean(&c->col[i]) < 0)
			return MEDSCOPE_ERR_NOMEM;
		c->cells[i] = ms_buf_cstr(&c->col[i]);
	}
	medscope_status s = fn(ctx, c->cells, c->n, MS_SEV_NONE) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
	for (size_t i = 0; i < c->n; i++)
		ms_buf_clear(&c->col[i]);
	return s;
}

/* Layer, system id, system name into cells k, k+1, k+2. */
static void put_system(cells_t *c, size_t k, const medscope_analysis *a, uint32_t sys,
                       medscope_lang lang)
{
	const ms_system *s = &a->model->systems.v[sys];
	ms_buf_puts(&c->col[k], ms_word(MS_W_LAYER, s->layer, lang));
	ms_buf_puts(&c->col[k + 1], s->id);
	ms_buf_puts(&c->col[k + 2], s->name ? s->name : "");
}

static void put_system_header(cells_t *c, size_t k, medscope_lang lang)
{
	ms_buf_puts(&c->col[k], MS_L(lang, "Layer", "レイヤー"));
	ms_buf_puts(&c->col[k + 1], MS_L(lang, "System", "システム"));
	ms_buf_puts(&c->col[k + 2], MS_L(lang, "System name", "システム名"));
}

medscope_status ms_report_matrix_one(const medscope_analysis *a, ms_matrix_index *ix,
                                     uint32_t facility, medscope_lang lang, ms_report_row_fn head,
                                     ms_report_row_fn fn, void *ctx)
{
	ms_matrix mx;
	cells_t c = {0};
	if (ms_matrix_build(ix, facility, &mx) < 0)
		return MEDSCOPE_ERR_NOMEM;
	medscope_status s = MEDSCOPE_ERR_NOMEM;
	if (cells_init(&c, 3 + mx.ncols) < 0)
		goto cleanup;
	put_system_header(&c, 0, lang);
	for (uint32_t j = 0; j < mx.ncols; j++)
		ms_report_party_label(&c.col[3 + j], a, mx.cols[j]);
	s = cells_emit(&c, head, ctx);
	for (uint32_t r = 0; r < mx.nrows && s == MEDSCOPE_OK; r++) {
		put_system(&c, 0, a, mx.rows[r], lang);
		for (uint32_t j = 0; j < mx.ncols; j++)
			ms_matrix_put_roles(&c.col[3 + j], ms_matrix_roles(&mx, r, j), lang);
		s = cells_emit(&c, fn, ctx);
	}
cleanup:
	cells_free(&c);
	ms_matrix_free(&mx);
	return s;
}

medscope_status ms_report_matrix_all(const medscope_analysis *a, ms_matrix_index *ix,
                                     const uint32_t *facs, uint32_t n, medscope_lang lang,
                                     ms_report_row_fn head, ms_report_row_fn fn, void *ctx)
{
	const medscope_model *m = a->model;
	/* The other parties met in any table: marked by party, then laid out by id. */
	uint32_t *col = malloc((m->parties.n + 1) * sizeof(*col));
	cells_t c = {0};
	ms_matrix mx = {0};
	medscope_status s = MEDSCOPE_ERR_NOMEM;
	size_t ncols = 0;
	if (!col)
		return s;
	for (size_t p = 0; p < m->parties.n; p++)
		col[p] = MS_NONE;
	for (uint32_t i = 0; i < n; i++) {
		if (ms_matrix_build(ix, facs[i], &mx) < 0)
			goto cleanup;
		for (uint32_t j = 1; j < mx.ncols; j++)
			col[mx.cols[j]] = 0;
		ms_matrix_free(&mx);
	}
	for (size_t i = 0; i < m->parties.n; i++) {
		uint32_t p = a->party_order[i];
		if (col[p] != MS_NONE)
			col[p] = (uint32_t)(5 + ncols++);
	}
	if (cells_init(&c, 5 + ncols) < 0)
		goto cleanup;
	ms_buf_puts(&c.col[0], MS_L(lang, "Facility", "医療機関等"));
	put_system_header(&c, 1, lang);
	ms_buf_puts(&c.col[4], MS_L(lang, "The facility's roles", "医療機関等の役割"));
	for (size_t i = 0; i < m->parties.n; i++) {
		uint32_t p = a->party_order[i];
		if (col[p] != MS_NONE)
			ms_report_party_label(&c.col[col[p]], a, p);
	}
	s = cells_emit(&c, head, ctx);
	for (uint32_t i = 0; i < n && s == MEDSCOPE_OK; i++) {
		if (ms_matrix_build(ix, facs[i], &mx) < 0) {
			s = MEDSCOPE_ERR_NOMEM;
			break;
		}
		for (uint32_t r = 0; r < mx.nrows && s == MEDSCOPE_OK; r++) {
			ms_buf_puts(&c.col[0], m->parties.v[facs[i]].id);
			put_system(&c, 1, a, mx.rows[r], lang);
			ms_matrix_put_roles(&c.col[4], ms_matrix_roles(&mx, r, 0), lang);
			for (uint32_t j = 1; j < mx.ncols; j++)
				ms_matrix_put_roles(&c.col[col[mx.cols[j]]], ms_matrix_roles(&mx, r, j), lang);
			s = cells_emit(&c, fn, ctx);
		}
		ms_matrix_free(&mx);
	}
cleanup:
	ms_matrix_free(&mx);
	cells_free(&c);
	free(col);
	return s;
}
