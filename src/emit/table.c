/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Terminal tables for `medscope scope` and `medscope owners`: who is in
 * scope and why, who owns risk management of each served system towards
 * each facility, and which agreements must exist. Columns are aligned by
 * display width (Japanese names take two columns a character); a cell wider
 * than CELL_CAP columns is cut with an ellipsis, except in the last column,
 * which needs no alignment and so keeps its whole text, and in the columns
 * a reader copies into a purchase order or contract (certifications, the
 * agreements' documents), which are never cut.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/report.h"
#include "util/date.h"
#include "util/lang.h"

#define CELL_CAP 40
#define MAX_COLS 12

/* Cells row-major, row 0 the header. Owns its strings. */
typedef struct {
	size_t ncols;
	unsigned whole; /* bit c: column c is never cut (facts a reader copies: papers, certificates) */
	MS_VEC(char *) cells;
	int oom;
	int whole_all; /* never cut a cell (the 責任分界表: every role counts) */
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

/* 0, or -1 when out of memory (nothing written). */
static int grid_print(FILE *out, const grid *g)
{
	size_t nrows = g->cells.n / g->ncols, fixed[MAX_COLS] = {0};
	/* A 責任分界表 has a column per party: it may have more. */
	size_t *width = g->ncols <= MAX_COLS ? fixed : calloc(g->ncols, sizeof(*width));
	if (!width)
		return -1;
	for (size_t c = 0; c < g->ncols; c++) {
		for (size_t r = 0; r < nrows; r++) {
			size_t w = ms_display_width(g->cells.v[r * g->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
		if (width[c] > CELL_CAP && !g->whole_all && !(c < 32 && (g->whole & 1u << c)))
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
	if (width != fixed)
		free(width);
	return 0;
}

static void header(grid *g, const char *const *names, size_t n)
{
	if (n > MAX_COLS) {
		g->oom = 1; /* a programming error; refused rather than overrun */
		n = MAX_COLS;
	}
	g->ncols = n;
	for (size_t i = 0; i < n; i++)
		grid_cell(g, names[i]);
}

static medscope_status finish(FILE *out, grid *g)
{
	medscope_status s = g->oom ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
	if (s == MEDSCOPE_OK && grid_print(out, g) < 0)
		s = MEDSCOPE_ERR_NOMEM;
	grid_free(g);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}

/* "A (A社)": an id and, when the model gives one, its name. */
static void put_named(ms_buf *b, const char *id, const char *name)
{
	ms_buf_puts(b, id);
	if (name && name[0])
		ms_buf_printf(b, " (%s)", name);
}

/* A party's certifications, "ISMS (2027-06-30), プライバシーマーク (2025-03-31 期限切れ)":
 * scheme, expiry, and whether it has expired on the as-of date (FAQ 4.2). */
static int put_certs(ms_buf *b, const medscope_analysis *a, const ms_party *p, medscope_lang lang)
{
	const ms_cert **certs = ms_sorted_certs(a->model, p);
	if (p->ncert && !certs)
		return -1;
	for (uint32_t k = 0; k < p->ncert; k++) {
		const ms_cert *c = certs[k];
		int valid = ms_cert_valid(c, a->as_of);
		if (k)
			ms_buf_puts(b, ", ");
		ms_buf_puts(b, ms_label(MS_W_CERT_SCHEME, c->scheme, lang));
		if (c->valid_until != MS_NO_DATE || !valid) {
			char d[11];
			ms_date_format(c->valid_until, d);
			ms_buf_printf(b, " (%s%s)", d, valid ? "" : MS_L(lang, " expired", " 期限切れ"));
		}
	}
	free(certs);
	return 0;
}

medscope_status ms_emit_scope_table(FILE *out, const medscope_analysis *a,
                                    const medscope_emit_options *opts)
{
	static const char *const en[] = {"id", "kind", "name", "scope", "category",
	                                 "certifications", "missing", "reasons"};
	static const char *const ja[] = {"ID", "種別", "名称", "対象範囲", "区分", "認証 (有効期限)",
	                                 "欠落している合意", "理由"};
	int jp = opts->lang == MEDSCOPE_LANG_JA;
	const medscope_model *m = a->model;
	grid g = {0};
	ms_buf b = MS_BUF_INIT;
	uint32_t *missing = ms_missing_per_party(a);
	if (!missing)
		return MEDSCOPE_ERR_NOMEM;
	header(&g, jp ? ja : en, 8);
	g.whole = 1u << 5;
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
		if (put_certs(&b, a, &m->parties.v[p], opts->lang) < 0)
			g.oom = 1;
		grid_take(&g, &b);
		ms_buf_printf(&b, "%u", (unsigned)missing[p]);
		grid_take(&g, &b);
		/* Every reason that holds, with what made it hold: direct-contract(k1). */
		for (uint32_t r = 0; r < sc->nreasons; r++) {
			const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
			if (r)
				ms_buf_putc(&b, ' ');
			ms_buf_puts(&b, ms_rules[rs->rule].code);
			if (rs->via.n) {
				ms_buf_putc(&b, '(');
				ms_put_via(&b, a, rs->via, ",", opts->lang);
				ms_buf_putc(&b, ')');
			}
		}
		grid_take(&g, &b);
	}
	free(missing);
	ms_buf_free(&b);
	return finish(out, &g);
}

/* The responsibility matrix (rules.md §2): one row per served system and
 * facility. The facility stays accountable in every row (FAQ 5); the owner
 * is who runs risk management for it. */
static medscope_status owners_matrix(FILE *out, const medscope_analysis *a, int jp)
{
	static const char *const en[] = {"system", "name", "layer", "facility", "owner", "basis",
	                                 "considered-by", "via"};
	static const char *const ja[] = {"システム", "システム名", "層", "医療機関等", "責任主体",
	                                 "根拠", "考慮する事業者", "契約"};
	medscope_lang lang = jp ? MEDSCOPE_LANG_JA : MEDSCOPE_LANG_EN;
	const medscope_model *m = a->model;
	grid g = {0};
	ms_buf b = MS_BUF_INIT;
	header(&g, jp ? ja : en, 8);
	for (size_t i = 0; i < m->systems.n; i++) {
		uint32_t sys = a->system_order[i];
		const ms_system *system = &m->systems.v[sys];
		const ms_system_info *info = &a->sysinfo[sys];
		for (uint32_t k = 0; k < info->nown; k++) {
			const ms_ownership *ow = &a->ownership.v[info->own_off + k];
			const ms_party *fac = &m->parties.v[ow->facility], *own = &m->parties.v[ow->owner];
			grid_cell(&g, system->id);
			ms_buf_puts(&b, system->name ? system->name : "");
			grid_take(&g, &b);
			grid_cell(&g, ms_label(MS_W_LAYER, system->layer, lang));
			put_named(&b, fac->id, fac->name);
			grid_take(&g, &b);
			put_named(&b, own->id, own->name);
			grid_take(&g, &b);
			/* The rule's title in Japanese, its code in English. */
			grid_cell(&g, jp ? ms_rules[ow->basis].title[1] : ms_rules[ow->basis].code);
			ms_put_index_ids(&b, a, ow->considered_by, 1, ",");
			grid_take(&g, &b);
			ms_put_via(&b, a, ow->via, ",", lang);
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

/* The satisfying agreements of rq (satisfied_by first) as four cells:
 * ids, documents, dates and review dates, each joined by ", ". */
static void put_papers(grid *g, ms_buf *b, const medscope_analysis *a, const ms_requirement *rq)
{
	const medscope_model *m = a->model;
	for (int col = 0; col < 4; col++) {
		uint32_t n = 0;
		for (uint32_t i = 0; i <= rq->satisfied_all.n; i++) {
			/* i == 0: satisfied_by; then the rest of satisfied_all */
			uint32_t gi = i == 0 ? rq->satisfied_by : MS_APOOL(a, rq->satisfied_all, i - 1);
			if (i && gi == rq->satisfied_by)
				continue;
			const ms_agreement *ag = &m->agreements.v[gi];
			char d[11] = "-";
			if (n++)
				ms_buf_puts(b, ", ");
			if (col == 0)
				ms_buf_puts(b, ag->id);
			else if (col == 1)
				ms_buf_puts(b, ag->document ? ag->document : "-");
			else {
				int32_t day = col == 2 ? ag->date : ag->review_by;
				if (day != MS_NO_DATE)
					ms_date_format(day, d);
				ms_buf_puts(b, d);
			}
		}
		grid_take(g, b);
	}
}

/* The required agreements (rules.md §3) and whether each is in place: the
 * status, and the papers that meet it, in columns of their own. */
static medscope_status agreements_table(FILE *out, const medscope_analysis *a, int jp)
{
	static const char *const en[] = {"topic", "parties", "systems", "status", "agreement",
	                                 "document", "date", "review-by", "severity", "code"};
	static const char *const ja[] = {"主題", "当事者", "システム", "状況", "合意", "文書",
	                                 "合意日", "見直しの期限", "重大度", "コード"};
	medscope_lang lang = jp ? MEDSCOPE_LANG_JA : MEDSCOPE_LANG_EN;
	const medscope_model *m = a->model;
	grid g = {0};
	ms_buf b = MS_BUF_INIT;
	header(&g, jp ? ja : en, 10);
	g.whole = 1u << 4 | 1u << 5;
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
		grid_cell(&g, present ? (jp ? "合意あり" : "present") : (jp ? "欠落" : "MISSING"));
		if (present) {
			put_papers(&g, &b, a, rq);
		} else {
			for (int c = 0; c < 4; c++)
				grid_cell(&g, "-");
		}
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

/* The rows of report_matrix.c into a grid: the header sets the columns. */
static int grid_head_fn(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	grid *g = ctx;
	(void)sev;
	header(g, cells, ncols);
	return g->oom;
}

static int grid_row_fn(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	grid *g = ctx;
	(void)sev;
	for (size_t i = 0; i < ncols; i++)
		grid_cell(g, cells[i][0] ? cells[i] : "-");
	return g->oom;
}

medscope_status ms_emit_matrix_table(FILE *out, const medscope_analysis *a,
                                     const medscope_emit_options *opts)
{
	medscope_lang lang = opts->lang;
	int jp = lang == MEDSCOPE_LANG_JA;
	ms_report_matrices mt;
	medscope_status s = ms_report_matrices_open(&mt, a, opts->facility);
	if (s != MEDSCOPE_OK)
		return s;
	uint32_t n = mt.n;
	ms_buf b = MS_BUF_INIT;
	if (n == 0)
		fputs(jp ? "(なし: 医療機関等に提供されるシステムはありません)\n"
		         : "(none: no system is served to a facility)\n",
		      out);
	for (uint32_t i = 0; i < n && s == MEDSCOPE_OK; i++) {
		grid g = {0};
		g.whole_all = 1;
		ms_report_matrix_title(&b, a, mt.facs[i], lang);
		fprintf(out, "%s%s\n\n", i ? "\n" : "", ms_buf_cstr(&b));
		ms_buf_clear(&b);
		s = ms_report_matrix_one(a, mt.ix, mt.facs[i], lang, grid_head_fn, grid_row_fn, &g);
		if (s == MEDSCOPE_ERR_IO) /* a callback stopped: out of memory */
			s = MEDSCOPE_ERR_NOMEM;
		if (s == MEDSCOPE_OK)
			s = finish(out, &g);
		else
			grid_free(&g);
	}
	/* The legend: every word of the fixed vocabulary (issue 15). */
	if (s == MEDSCOPE_OK && n) {
		fputs(jp ? "\n凡例\n" : "\nLegend\n", out);
		for (unsigned bit = 0; bit < MS_ROLE__COUNT; bit++) {
			ms_report_matrix_legend(&b, bit, lang);
			fprintf(out, "  %s\n", ms_buf_cstr(&b));
			ms_buf_clear(&b);
		}
	}
	if (b.oom && s == MEDSCOPE_OK)
		s = MEDSCOPE_ERR_NOMEM;
	ms_buf_free(&b);
	ms_report_matrices_close(&mt);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
	return s;
}
