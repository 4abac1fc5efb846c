/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Terminal tables for `medscope scope` and `medscope owners`: who is in
 * scope and why, who owns risk management of each served system towards
 * each facility, and which agreements must exist. Columns are aligned by
 * display width (Japanese names take two columns a character); a cell wider
 * than CELL_CAP columns is cut with an ellipsis, except in the last column,
 * which needs no alignment and so keeps its whole text.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"

#define CELL_CAP 40

/* Cells row-major, row 0 the header. Owns its strings. */
typedef struct {
	size_t ncols;
	MS_VEC(char *) cells;
	int oom;
} grid;

static void grid_cell(grid *g, const char *s)
{
	/* Controls and bidirectional overrides from the model: neutralised as
	 * in diagram labels (a terminal would obey them). */
	if (ms_needs_neutral(s, false)) {
		ms_buf clean = MS_BUF_INIT;
		ms_put_neutral(&clean, s, false);
		if (!clean.oom)
			grid_cell(g, ms_buf_cstr(&clean));
		else
			g->oom = 1;
		ms_buf_free(&clean);
		return;
	}
	size_t n = strlen(s) + 1;
	char *copy = malloc(n);
	char **slot = copy ? MS_VEC_PUSH(g->cells) : NULL;
	if (!slot) {
		free(copy);
		g->oom = 1;
		return;
	}
	*slot = memcpy(copy, s, n);
}

/* Append the cell held in `b` (then cleared); "-" stands for an empty cell so
 * that every column holds a word. */
static void grid_take(grid *g, ms_buf *b)
{
	if (b->oom)
		g->oom = 1;
	grid_cell(g, b->len ? ms_buf_cstr(b) : "-");
	ms_buf_clear(b);
}

static void grid_free(grid *g)
{
	for (size_t i = 0; i < g->cells.n; i++)
		free(g->cells.v[i]);
	MS_VEC_FREE(g->cells);
}

/* Write the longest prefix of `s` that fits `max - 1` columns, then "…". */
static void put_cut(FILE *out, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, i = 0, n = strlen(s);
	while (i < n) {
		uint32_t cp;
		size_t k = ms_utf8_decode(p + i, n - i, &cp);
		size_t cw = cp == MS_UTF8_INVALID ? 1 : ms_codepoint_width(cp);
		if (w + cw > max - 1)
			break;
		w += cw;
		i += k;
	}
	fwrite(s, 1, i, out);
	fputs("…", out);
	for (w++; w < max; w++)
		fputc(' ', out);
}

void ms_pad(FILE *out, const char *s, size_t width)
{
	fputs(s, out);
	for (size_t w = ms_display_width(s); w < width; w++)
		fputc(' ', out);
}

static void grid_print(FILE *out, const grid *g)
{
	size_t nrows = g->cells.n / g->ncols, width[8] = {0};
	for (size_t c = 0; c < g->ncols; c++) {
		for (size_t r = 0; r < nrows; r++) {
			size_t w = ms_display_width(g->cells.v[r * g->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
		if (width[c] > CELL_CAP)
			width[c] = CELL_CAP;
	}
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < g->ncols; c++) {
			const char *s = g->cells.v[r * g->ncols + c];
			int last = c + 1 == g->ncols;
			if (last)
				fputs(s, out);
			else if (ms_display_width(s) > width[c])
				put_cut(out, s, width[c]);
			else
				ms_pad(out, s, width[c]);
			fputs(last ? "\n" : "  ", out);
		}
		if (r == 0) {
			/* Underline the header, column by column. */
			for (size_t c = 0; c < g->ncols; c++) {
				for (size_t k = 0; k < width[c]; k++)
					fputc('-', out);
				fputs(c + 1 == g->ncols ? "\n" : "  ", out);
			}
		}
	}
}

static void header(grid *g, const char *const *names, size_t n)
{
	g->ncols = n;
	for (size_t i = 0; i < n; i++)
		grid_cell(g, names[i]);
}

static medscope_status finish(FILE *out, grid *g)
{
	medscope_status s = g->oom ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
	if (s == MEDSCOPE_OK)
		grid_print(out, g);
	grid_free(g);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}

medscope_status ms_emit_scope_table(FILE *out, const medscope_analysis *a,
                                    const medscope_emit_options *opts)
{
	static const char *const en[] = {"id", "kind", "name", "scope", "category", "reasons"};
	static const char *const ja[] = {"ID", "種別", "名称", "対象範囲", "区分", "理由"};
	int jp = opts->lang == MEDSCOPE_LANG_JA;
	const medscope_model *m = a->model;
	grid g = {0};
	ms_buf b = MS_BUF_INIT;
	header(&g, jp ? ja : en, 6);
	for (size_t i = 0; i < m->parties.n; i++) {
		uint32_t p = a->party_order[i];
		const ms_party_scope *sc = &a->scope[p];
		const char *cat = sc->in_scope ? ms_label(MS_W_CATEGORY, sc->category, opts->lang) : NULL;
		grid_cell(&g, m->parties.v[p].id);
		grid_cell(&g, ms_label(MS_W_PARTY_KIND, m->parties.v[p].kind, opts->lang));
		ms_buf_puts(&b, m->parties.v[p].name);
		grid_take(&g, &b);
		grid_cell(&g, sc->in_scope ? (jp ? "対象事業者" : "in") : (jp ? "対象外" : "out"));
		grid_cell(&g, cat ? cat : "-");
		/* Every reason that holds, with what made it hold: direct-contract(k1). */
		for (uint32_t r = 0; r < sc->nreasons; r++) {
			const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
			if (r)
				ms_buf_putc(&b, ' ');
			ms_buf_puts(&b, ms_rules[rs->rule].code);
			if (rs->via.n) {
				ms_buf_putc(&b, '(');
				ms_put_sym_ids(&b, a, rs->via, ",");
				ms_buf_putc(&b, ')');
			}
		}
		grid_take(&g, &b);
	}
	ms_buf_free(&b);
	return finish(out, &g);
}

/* The responsibility matrix (rules.md §2): one row per served system and
 * facility. The facility stays accountable in every row (FAQ 5); the owner
 * is who runs risk management for it. */
static medscope_status owners_matrix(FILE *out, const medscope_analysis *a, int jp)
{
	static const char *const en[] = {"system", "facility", "owner", "basis", "considered-by", "via"};
	static const char *const ja[] = {"システム", "医療機関等", "責任主体", "根拠", "考慮する事業者",
	                                 "契約"};
	const medscope_model *m = a->model;
	grid g = {0};
	ms_buf b = MS_BUF_INIT;
	header(&g, jp ? ja : en, 6);
	for (size_t i = 0; i < m->systems.n; i++) {
		uint32_t sys = a->system_order[i];
		const ms_system_info *info = &a->sysinfo[sys];
		for (uint32_t k = 0; k < info->nown; k++) {
			const ms_ownership *ow = &a->ownership.v[info->own_off + k];
			grid_cell(&g, m->systems.v[sys].id);
			grid_cell(&g, m->parties.v[ow->facility].id);
			grid_cell(&g, m->parties.v[ow->owner].id);
			grid_cell(&g, ms_rules[ow->basis].code);
			ms_put_index_ids(&b, a, ow->considered_by, 1, ",");
			grid_take(&g, &b);
			ms_put_sym_ids(&b, a, ow->via, ",");
			grid_take(&g, &b);
		}
	}
	ms_buf_free(&b);
	fputs(jp ? "リスクマネジメントの責任主体 (提供先の医療機関等ごと)\n\n"
	         : "Risk-management owner of each served system, per facility\n\n",
	      out);
	if (a->ownership.n == 0) {
		grid_free(&g);
		fputs(jp ? "(なし: 医療機関等に提供されるシステムはありません)\n"
		         : "(none: no system is served to a facility)\n",
		      out);
		return g.oom ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
	}
	return finish(out, &g);
}

/* The required agreements (rules.md §3) and whether each is in place. */
static medscope_status agreements_table(FILE *out, const medscope_analysis *a, int jp)
{
	static const char *const en[] = {"topic", "parties", "systems", "status", "severity", "code"};
	static const char *const ja[] = {"主題", "当事者", "システム", "状況", "重大度", "コード"};
	medscope_lang lang = jp ? MEDSCOPE_LANG_JA : MEDSCOPE_LANG_EN;
	const medscope_model *m = a->model;
	grid g = {0};
	ms_buf b = MS_BUF_INIT;
	header(&g, jp ? ja : en, 6);
	for (size_t i = 0; i < a->requirements.n; i++) {
		const ms_requirement *rq = &a->requirements.v[i];
		int present = rq->satisfied_by != MS_NONE;
		grid_cell(&g, ms_label(MS_W_TOPIC, rq->topic, lang));
		for (unsigned k = 0; k < rq->nparties && k < 3; k++) {
			if (k)
				ms_buf_putc(&b, ',');
			ms_buf_puts(&b, m->parties.v[rq->parties[k]].id);
		}
		grid_take(&g, &b);
		ms_put_index_ids(&b, a, rq->systems, 0, ",");
		grid_take(&g, &b);
		if (present) {
			ms_buf_printf(&b, "%s(", jp ? "合意あり" : "present");
			ms_put_satisfied(&b, a, rq, "+");
			ms_buf_putc(&b, ')');
		} else {
			ms_buf_puts(&b, jp ? "欠落" : "MISSING");
		}
		grid_take(&g, &b);
		/* The severity applies to a missing agreement only. */
		grid_cell(&g, present ? "-" : ms_label(MS_W_SEVERITY, rq->severity, lang));
		grid_cell(&g, ms_rules[rq->rule].code);
	}
	ms_buf_free(&b);
	fputs(jp ? "必要な合意\n\n" : "Required agreements\n\n", out);
	if (a->requirements.n == 0) {
		grid_free(&g);
		fputs(jp ? "(なし)\n" : "(none)\n", out);
		return g.oom ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
	}
	return finish(out, &g);
}

medscope_status ms_emit_owners_table(FILE *out, const medscope_analysis *a,
                                     const medscope_emit_options *opts)
{
	int jp = opts->lang == MEDSCOPE_LANG_JA;
	medscope_status s = owners_matrix(out, a, jp);
	if (s == MEDSCOPE_OK) {
		fputc('\n', out);
		s = agreements_table(out, a, jp);
	}
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}
