/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope_graph_render(): options, then select -> build a view -> write.
 * DOT is written by agwrite without layout (libcgraph only), so it is the
 * same bytes every run. SVG, PNG and PDF go through libgvc: dot layout,
 * then gvRenderData into memory, copied to the caller's FILE * (never
 * gvRenderFilename: the caller writes atomically; never gvRender to the
 * FILE *: Graphviz exits on a write error).
 *
 * Graphviz reports problems through agerr(), which prints to stderr unless
 * a handler is installed; we install one for the duration of the call and
 * turn every line into a diagnostic. Graphviz's error state is global and
 * the library is not thread-safe: callers serialise (graph.h).
 */
#include <graphviz/gvc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/graph.h"
#include "util/diags.h"

#define DEFAULT_FONT "Noto Sans CJK JP"

void medscope_graph_options_init(medscope_graph_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->view = MEDSCOPE_VIEW_SUPPLY;
	opts->format = "svg";
	opts->depth = 1;
	opts->font = DEFAULT_FONT;
	opts->lang = MEDSCOPE_LANG_EN;
	opts->max_nodes = 1500;
	opts->max_edges = 0; /* 4 * max_nodes */
	opts->time_budget = 20;
}

static const char *const view_names[] = {"supply", "contracts", "responsibility"};

const char *medscope_view_name(medscope_view view)
{
	return (unsigned)view < 3 ? view_names[view] : "?";
}

int medscope_view_from_name(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (name && strcmp(name, view_names[i]) == 0)
			return i;
	return -1;
}

/* ---- paper ---- */

/* ISO 216 sheets in points, portrait; NONE is A3 either way round. */
static const struct {
	const char *name, *en, *ja;
	double w, h;
} papers[] = {
	[MEDSCOPE_PAPER_NONE] = {NULL, "A3", "A3", 841.89, 1190.55},
	[MEDSCOPE_PAPER_A4] = {"a4", "A4 portrait (210 × 297 mm)", "A4 縦 (210 × 297 mm)", 595.28, 841.89},
	[MEDSCOPE_PAPER_A3] = {"a3", "A3 portrait (297 × 420 mm)", "A3 縦 (297 × 420 mm)", 841.89, 1190.55},
	[MEDSCOPE_PAPER_A4_LANDSCAPE] = {"a4-landscape", "A4 landscape (297 × 210 mm)",
	                                 "A4 横 (297 × 210 mm)", 841.89, 595.28},
	[MEDSCOPE_PAPER_A3_LANDSCAPE] = {"a3-landscape", "A3 landscape (420 × 297 mm)",
	                                 "A3 横 (420 × 297 mm)", 1190.55, 841.89},
};

int medscope_paper_from_name(const char *name)
{
	for (int i = 1; i < (int)(sizeof(papers) / sizeof(papers[0])); i++)
		if (name && strcmp(name, papers[i].name) == 0)
			return i;
	return -1;
}

/* The margin around the drawing: Graphviz's pad (ms_gv_graph_defaults),
 * 0.2 in. */
#define PAD_PT 14.4
/* The smallest text the views write (POINT-SIZE 9: ids, topics), and the
 * least that stays legible on paper. */
#define SMALLEST_TEXT_PT 9.0
#define LEGIBLE_TEXT_PT 8.0

/* The scale (at most 1) at which a drawing of w x h points (margins
 * included) fits the paper; without a paper, an A3 sheet whichever way
 * round fits better (*landscape says which). */
static double paper_scale(double w, double h, int paper, bool *landscape)
{
	double pw = papers[paper].w, ph = papers[paper].h;
	double z = pw / w < ph / h ? pw / w : ph / h;
	*landscape = false;
	if (paper == MEDSCOPE_PAPER_NONE) {
		double zl = ph / w < pw / h ? ph / w : pw / h;
		if (zl > z)
			z = zl, *landscape = true;
	}
	return z > 1 ? 1 : z;
}

/* Whether the drawing fits its paper with its smallest text still at
 * least 8 pt. */
static bool legible_on_paper(double w, double h, int paper)
{
	bool landscape;
	return SMALLEST_TEXT_PT * paper_scale(w, h, paper, &landscape) >= LEGIBLE_TEXT_PT - 0.01;
}

static const char *const formats[] = {"svg", "png", "pdf", "dot"};

static const char *known_format(const char *f)
{
	for (size_t i = 0; i < 4; i++)
		if (f && strcmp(f, formats[i]) == 0)
			return formats[i];
	return NULL;
}

const char *medscope_graph_format_for_path(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *base = slash ? slash + 1 : path;
	const char *dot = base ? strrchr(base, '.') : NULL;
	if (!dot || dot == base)
		return NULL;
	if (strcasecmp(dot + 1, "gv") == 0)
		return "dot";
	for (size_t i = 0; i < 4; i++)
		if (strcasecmp(dot + 1, formats[i]) == 0)
			return formats[i];
	return NULL;
}

/* ---- Graphviz messages -> diagnostics ---- */

static struct {
	ms_buf line;
	medscope_diags *diags;
	const char *file;
	size_t errors;
	bool hold;   /* keep lines in `held` until capture_release() */
	ms_buf held; /* lines, each ending in '\n' */
	size_t lines, dropped; /* reported, and left out past MAX_GRAPHVIZ_LINES */
} capture;

/* A broken layout can make Graphviz say thousands of lines (one per
 * node); the first few tell the story. */
#define MAX_GRAPHVIZ_LINES 20

static void capture_line(const char *s, size_t n)
{
	if (capture.hold) {
		ms_buf_put(&capture.held, s, n);
		ms_buf_putc(&capture.held, '\n');
		return;
	}
	if (n >= 5 && strncmp(s, "Error", 5) == 0)
		capture.errors++;
	if (++capture.lines > MAX_GRAPHVIZ_LINES) {
		capture.dropped++;
		return;
	}
	medscope_severity sev = MEDSCOPE_SEVERITY_WARNING;
	if (n >= 5 && strncmp(s, "Error", 5) == 0) {
		sev = MEDSCOPE_SEVERITY_ERROR, s += 5, n -= 5;
	} else if (n >= 7 && strncmp(s, "Warning", 7) == 0) {
		s += 7, n -= 7;
	}
	while (n && (*s == ':' || *s == ' '))
		s++, n--;
	if (n)
		ms_diag_add(capture.diags, capture.file, 0, 0, sev, "Graphviz: %.*s", (int)n, s);
}

/* agerr hands its message over in pieces ("Error", ": ", "text\n"). */
static int capture_fn(char *msg)
{
	ms_buf_puts(&capture.line, msg);
	char *nl;
	while (capture.line.s && (nl = strchr(capture.line.s, '\n'))) {
		size_t n = (size_t)(nl - capture.line.s);
		capture_line(capture.line.s, n);
		memmove(capture.line.s, nl + 1, capture.line.len - n);
		capture.line.len -= n + 1;
	}
	return 0;
}

/* Stop holding lines; report them when `keep`, else drop them. */
static void capture_release(bool keep)
{
	capture.hold = false;
	const char *s = capture.held.s;
	for (const char *nl; keep && s && (nl = strchr(s, '\n')); s = nl + 1)
		capture_line(s, (size_t)(nl - s));
	ms_buf_free(&capture.held);
}

static void capture_flush(void)
{
	capture_release(true);
	if (capture.line.len)
		capture_line(capture.line.s, capture.line.len);
	ms_buf_free(&capture.line);
	if (capture.dropped)
		ms_diag_add(capture.diags, capture.file, 0, 0, MEDSCOPE_SEVERITY_WARNING,
		            "Graphviz: %zu more message(s) not shown", capture.dropped);
}

/* ---- layout budget ---- */

/*
 * Seconds dot needs for a graph of `work` nodes + edges, roughly: measured
 * on the reference 2-vCPU VM with national models at scales 0.01-0.025
 * (whole-model drawings, folded: 5.5k-12k nodes+edges, 4-22 s), it grows
 * with the square, t = 1.5e-7 * work^2. An estimate, not a watchdog: dot
 * cannot be interrupted safely, so a drawing that would take longer than
 * the budget is refused before the layout starts.
 */
static double layout_seconds(size_t work)
{
	return 1.5e-7 * (double)work * (double)work;
}

/*
 * Small drawings keep dot's full search (the best picture). Past a couple
 * of seconds, crossing minimisation and network simplex are cut
 * (scale-and-bad-inputs.md §3: 1,000 nodes from 95 s to 2.4 s with
 * nslimit/mclimit 0.2; here 30 s to 18 s). Never nslimit1: cutting the
 * ranking pass short leaves dot with "trouble in init_rank" and broken
 * splines (seen at scale 0.01).
 */
static int layout_limits(ms_gv *c, double seconds)
{
	if (seconds <= 2.0)
		return 0;
	const char *f = seconds <= 8.0 ? "0.5" : "0.2";
	int rc = 0;
	rc |= ms_gv_set(c->g, "nslimit", f);
	rc |= ms_gv_set(c->g, "mclimit", f);
	rc |= ms_gv_set(c->g, "searchsize", "10");
	rc |= ms_gv_set(c->g, "remincross", "false");
	return rc;
}

static bool plugin_listed(GVC_t *gvc, const char *kind, const char *name)
{
	int n = 0;
	char **list = gvPluginList(gvc, kind, &n, NULL);
	bool found = false;
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i], name) == 0)
			found = true;
		free(list[i]);
	}
	free(list);
	return found;
}

/*
 * One Graphviz context for the whole process. Graphviz's pango plugin
 * keeps process-wide caches that point into the context that loaded it:
 * freeing that context and making another makes the next render read
 * freed memory (AddressSanitizer, textspan_size -> libgvplugin_pango). So
 * the context is made on first use and lives until the process ends.
 * Graphviz is not thread-safe anyway: callers serialise renders.
 */
static GVC_t *shared_context(void)
{
	static GVC_t *gvc;
	if (!gvc)
		gvc = gvContext();
	return gvc;
}

/* Lay the graph out (dot). Graphviz's messages are held: the caller
 * keeps them (capture_release(true)) only for the layout it renders. */
static medscope_status layout(ms_gv *c, const char *format)
{
	GVC_t *gvc = shared_context();
	if (!gvc)
		return MEDSCOPE_ERR_NOMEM;
	/* Without its plugin configuration (config6a, written by `dot -c`,
	 * which Debian's libgvc6 postinst runs) Graphviz knows no layout at
	 * all and would only say 'Layout type: "dot" not recognized'. */
	if (!plugin_listed(gvc, "layout", "dot")) {
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "Graphviz plugin configuration missing: run `dot -c` as root",
		                    "Graphviz のプラグイン設定がありません: root で `dot -c` を実行してください"));
		return MEDSCOPE_ERR_RENDER;
	}
	/* On paper, bitmaps at 150 dpi, a print resolution. */
	if (c->o->paper != MEDSCOPE_PAPER_NONE && strcmp(format, "png") == 0 &&
	    ms_gv_set(c->g, "dpi", "150") < 0)
		return MEDSCOPE_ERR_NOMEM;
	capture.hold = true;
	int rc = gvLayout(gvc, c->g, "dot");
	const char *held = capture.held.s ? capture.held.s : "";
	if (rc != 0 || strstr(held, "Error")) {
		if (rc == 0)
			gvFreeLayout(gvc, c->g);
		capture_release(true);
		return MEDSCOPE_ERR_RENDER;
	}
	return MEDSCOPE_OK;
}

/* The laid-out drawing's size in points, margins included. */
static void drawing_size(ms_gv *c, double *w, double *h)
{
	boxf bb = GD_bb(c->g);
	*w = bb.UR.x - bb.LL.x + 2 * PAD_PT;
	*h = bb.UR.y - bb.LL.y + 2 * PAD_PT;
}

/*
 * The scale of the laid-out drawing, set where Graphviz reads it when it
 * renders (the laid-out graph's drawing size, in points; the `size`
 * attribute is only parsed before the layout). Graphviz scales by
 * min(size / (drawing + 2 pad)) and never up.
 *
 * Without a paper: at 100 % when that fits an A3 sheet (either way round),
 * else scaled down to it as long as the smallest text stays 8 pt (9 pt
 * text at 89 %); bitmaps stop at 250 in a side (cairo's 32,767 pixels at
 * 96 dpi; past that Graphviz would scale them itself and say so on
 * stderr, bypassing agerr).
 *
 * On a paper: scaled down to fit the sheet, with margins that make the
 * page exactly the sheet, the drawing centred (pad = (sheet / scale -
 * drawing) / 2); a note states the scale and the smallest text reached.
 */
static int fit_to_paper(ms_gv *c, const char *format)
{
	double w, h;
	drawing_size(c, &w, &h);
	int paper = c->o->paper;
	bool landscape;
	double z = paper_scale(w, h, paper, &landscape);
	double pw = landscape ? papers[paper].h : papers[paper].w;
	double ph = landscape ? papers[paper].w : papers[paper].h;
	if (paper == MEDSCOPE_PAPER_NONE) {
		if (!c->o->no_fold && z < 1 && SMALLEST_TEXT_PT * z >= LEGIBLE_TEXT_PT - 0.01) {
			GD_drawing(c->g)->size.x = pw;
			GD_drawing(c->g)->size.y = ph;
		} else if (strcmp(format, "png") == 0 && (w > 250 * 72 || h > 250 * 72)) {
			GD_drawing(c->g)->size.x = 250 * 72;
			GD_drawing(c->g)->size.y = 250 * 72;
		}
		return 0;
	}
	double bw = w - 2 * PAD_PT, bh = h - 2 * PAD_PT;
	char num[64];
	snprintf(num, sizeof(num), "%.4f,%.4f", (pw / z - bw) / 2 / 72.0 - 0.0005,
	         (ph / z - bh) / 2 / 72.0 - 0.0005);
	/* No device margin either (cairo's PDF adds 0.5 in a side). */
	if (ms_gv_set(c->g, "pad", num) < 0 || ms_gv_set(c->g, "margin", "0") < 0)
		return -1;
	GD_drawing(c->g)->size.x = pw;
	GD_drawing(c->g)->size.y = ph;
	double text = SMALLEST_TEXT_PT * z;
	const char *sheet = c->lang == MEDSCOPE_LANG_JA ? papers[paper].ja : papers[paper].en;
	if (text < LEGIBLE_TEXT_PT - 0.01)
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_WARNING,
		            MS_L(c->lang, "the diagram is scaled to %.0f %% to fit %s: its smallest text is "
		                       "%.1f pt, below the legible 8 pt; draw part of the model with --focus ID, "
		                       "or choose a larger --paper",
		                    "図を %.0f %% に縮小して%sに収めました。最小の文字は %.1f pt で、読みやすい 8 pt "
		                    "を下回ります。--focus ID でモデルの一部を描くか、大きな --paper を指定してください"),
		            z * 100, sheet, text);
	else
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_NOTE,
		            MS_L(c->lang, "the diagram fits %s at %.0f %%: smallest text %.1f pt",
		                    "図は%sに %.0f %% で収まります。最小の文字は %.1f pt です"),
		            sheet, z * 100, text);
	return 0;
}

/* Render the laid-out graph into `out`. */
static medscope_status render(ms_gv *c, FILE *out, const char *format)
{
	GVC_t *gvc = shared_context();
	medscope_status st = MEDSCOPE_ERR_RENDER;
	if (fit_to_paper(c, format) < 0) {
		capture_release(true);
		return MEDSCOPE_ERR_NOMEM;
	}
	/* A format without its plugin (png and pdf come from the cairo/pango
	 * plugin) fails with 'Format: "png" not recognized': say what to do
	 * instead. (Not asked of gvPluginList beforehand: its device list
	 * leaks a string per duplicate entry.) */
	capture.hold = true;
	/* Into memory, then out through the caller's FILE *: Graphviz's own
	 * writer calls exit(1) when a write fails (EFBIG, ENOSPC), and the
	 * library never lets a dependency end the process. The caller sees a
	 * failed write in ferror(out). */
	char *data = NULL;
	unsigned int length = 0;
	int rendered = gvRenderData(gvc, c->g, format, &data, &length);
	if (rendered == 0 && data && length)
		fwrite(data, 1, length, out); /* a short write sets ferror(out): checked below */
	if (data)
		gvFreeRenderData(data);
	const char *held = capture.held.s ? capture.held.s : "";
	bool unknown = rendered != 0 && (strstr(held, "not recognized") || strstr(held, "unavailable"));
	capture_release(!unknown);
	if (unknown) {
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "Graphviz cannot write %s here: install its cairo/pango plugin "
		                       "(Debian: libgvc6) and run `dot -c` as root",
		                    "Graphviz が %s を出力できません: cairo/pango プラグイン (Debian: libgvc6) "
		                    "を入れ、root で `dot -c` を実行してください"),
		            format);
		goto cleanup;
	}
	if (rendered != 0 || capture.errors)
		goto cleanup;
	st = ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
cleanup:
	gvFreeLayout(gvc, c->g);
	return st;
}

/* Everything one drawing attempt made, so that the next starts afresh. */
static void undraw(ms_gv *c)
{
	if (c->g)
		agclose(c->g);
	c->g = NULL;
	ms_gv_sel_free(&c->sel);
	free(c->node), free(c->cluster), free(c->anchor), free(c->level);
	c->node = NULL, c->cluster = NULL, c->anchor = NULL, c->level = NULL;
	MS_VEC_FREE(c->edges);
	c->used = c->marks = 0;
	c->nlabels = 0;
	c->oom = false;
}

/* Select, fold at c->fold or more, and build the view into c->g. */
static medscope_status draw(ms_gv *c)
{
	medscope_status st = ms_gv_select(c);
	if (st != MEDSCOPE_OK)
		return st;
	c->g = ms_gv_open("medscope");
	if (!c->g || ms_gv_ends_init(c) != MEDSCOPE_OK)
		return MEDSCOPE_ERR_NOMEM;
	switch (c->o->view) {
	case MEDSCOPE_VIEW_CONTRACTS: st = ms_gv_build_contracts(c); break;
	case MEDSCOPE_VIEW_RESPONSIBILITY: st = ms_gv_build_responsibility(c); break;
	default: st = ms_gv_build_supply(c); break;
	}
	if (st == MEDSCOPE_OK && (c->oom || c->label.oom || c->name.oom))
		st = MEDSCOPE_ERR_NOMEM;
	return st;
}

/*
 * The folding rule's last step (graph.h): fold more while the drawing is
 * larger than its paper at 100 % (the smallest text, 8 pt, stays 8 pt).
 * Each level is laid out to measure it; one that would take dot more
 * than a couple of seconds (thousands of nodes and edges) cannot fit any
 * sheet legibly and is skipped unmeasured. Returns with the drawing in
 * c->g, laid out when *laid_out (the measured layout is kept).
 */
static medscope_status draw_fitting(ms_gv *c, const char *format, bool *laid_out)
{
	size_t prev_nodes = 0;
	*laid_out = false;
	for (unsigned level = MS_GV_FOLD_NONE;; level++) {
		c->fold = level;
		medscope_status st = draw(c);
		if (st != MEDSCOPE_OK)
			return st;
		level = c->sel.level;
		if (c->o->no_fold || level >= MS_GV_FOLD_MAX)
			return MEDSCOPE_OK;
		/* Not measured: a drawing where nothing more can fold (no two
		 * facilities of one kind drawn one by one), one the last level
		 * did not change, one without a layout engine (DOT is written
		 * without one). */
		if (!ms_gv_can_fold(c) ||
		    (strcmp(format, "dot") == 0 && !plugin_listed(shared_context(), "layout", "dot")))
			return MEDSCOPE_OK;
		size_t work = (size_t)agnnodes(c->g) + (size_t)agnedges(c->g);
		bool same = level > MS_GV_FOLD_NONE && c->sel.nodes == prev_nodes;
		prev_nodes = c->sel.nodes;
		if (!same && layout_seconds(work) <= 2.0) {
			if ((st = layout(c, format)) != MEDSCOPE_OK)
				return st;
			double w, h;
			drawing_size(c, &w, &h);
			if (legible_on_paper(w, h, c->o->paper)) {
				if (strcmp(format, "dot") == 0) {
					/* DOT is written without layout attributes. */
					gvFreeLayout(shared_context(), c->g);
					capture_release(false);
					undraw(c);
					c->fold = level;
					return draw(c);
				}
				*laid_out = true;
				return MEDSCOPE_OK;
			}
			gvFreeLayout(shared_context(), c->g);
			capture_release(false);
		}
		undraw(c);
	}
}

medscope_status medscope_graph_render(FILE *out, const medscope_analysis *analysis,
                                      const medscope_graph_options *opts, medscope_diags *diags)
{
	medscope_graph_options o;
	if (opts)
		o = *opts;
	else
		medscope_graph_options_init(&o);
	if (!o.font || !*o.font)
		o.font = DEFAULT_FONT;
	if (!o.max_nodes)
		o.max_nodes = 1500;
	if (!o.max_edges)
		o.max_edges = o.max_nodes > UINT32_MAX / 4 ? UINT32_MAX : o.max_nodes * 4;
	if (!o.time_budget)
		o.time_budget = 20;
	if (!o.format)
		o.format = "svg";

	ms_gv c;
	memset(&c, 0, sizeof(c));
	c.a = analysis;
	c.m = analysis->model;
	c.o = &o;
	c.lang = o.lang == MEDSCOPE_LANG_JA ? MEDSCOPE_LANG_JA : MEDSCOPE_LANG_EN;
	c.diags = diags;
	c.nparties = (uint32_t)c.m->parties.n;
	c.nsystems = (uint32_t)c.m->systems.n;

	const char *format = known_format(o.format);
	if (!format || medscope_view_from_name(medscope_view_name(o.view)) < 0) {
		ms_diag_add(diags, c.m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c.lang, "unknown diagram format '%s' or view; formats: svg, png, pdf, dot",
		                    "不明な図の形式 '%s' またはビューです。形式: svg, png, pdf, dot"),
		            o.format);
		return MEDSCOPE_ERR_USAGE;
	}

	memset(&capture, 0, sizeof(capture));
	capture.diags = diags;
	capture.file = c.m->file;
	agusererrf old_errf = agseterrf(capture_fn);
	agreseterrors();

	bool laid_out = false;
	medscope_status st = draw_fitting(&c, format, &laid_out);
	if (st != MEDSCOPE_OK)
		goto cleanup;
	size_t work = (size_t)agnnodes(c.g) + (size_t)agnedges(c.g);
	double seconds = layout_seconds(work);
	if (!laid_out && layout_limits(&c, seconds) < 0) {
		st = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	/* DOT is written without layout: no time to budget. */
	if (strcmp(format, "dot") != 0 && !laid_out && seconds > (double)o.time_budget) {
		ms_diag_add(diags, c.m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c.lang, "laying out this diagram (%zu nodes and edges) would take about %.0f s, "
		                        "more than the budget of %u s; draw part of the model with --focus ID "
		                        "[--depth N] (or write -T dot and lay it out elsewhere)",
		                    "この図 (ノードと辺 %zu) のレイアウトには約 %.0f 秒かかり、上限 %u 秒を超えます。"
		                    "--focus ID [--depth N] でモデルの一部を描いてください (または -T dot で出力し別途レイアウト)"),
		            work, seconds, o.time_budget);
		st = MEDSCOPE_ERR_LIMIT;
		goto cleanup;
	}
	if (strcmp(format, "dot") == 0) {
		st = agwrite(c.g, out) != 0 || ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
		goto cleanup;
	}
	if (laid_out) {
		capture_release(true);
	} else if ((st = layout(&c, format)) != MEDSCOPE_OK) {
		goto cleanup;
	} else {
		capture_release(true);
	}
	if (capture.errors) {
		gvFreeLayout(shared_context(), c.g);
		st = MEDSCOPE_ERR_RENDER;
		goto cleanup;
	}
	if (o.paper == MEDSCOPE_PAPER_NONE && !o.no_fold) {
		double w, h;
		drawing_size(&c, &w, &h);
		if (!legible_on_paper(w, h, MEDSCOPE_PAPER_NONE))
			ms_diag_add(diags, c.m->file, 0, 0, MEDSCOPE_SEVERITY_WARNING,
			            MS_L(c.lang, "the diagram is %.0f × %.0f mm, larger than an A3 sheet even with "
			                        "the facilities folded by kind; print it with --paper a3 (scaled "
			                        "down) or draw part of the model with --focus ID",
			                    "図は %.0f × %.0f mm で、医療機関等を種類ごとにまとめても A3 に収まりません。"
			                    "--paper a3 で縮小して印刷するか、--focus ID でモデルの一部を描いてください"),
			            w / 72 * 25.4, h / 72 * 25.4);
	}
	st = render(&c, out, format);
cleanup:
	capture_flush();
	/* Any Graphviz error (a label it could not parse falls back to the
	 * node's name yet "succeeds") makes the drawing untrustworthy. */
	if (st == MEDSCOPE_OK && capture.errors)
		st = MEDSCOPE_ERR_RENDER;
	agseterrf(old_errf);
	memset(&capture, 0, sizeof(capture));
	undraw(&c);
	ms_buf_free(&c.label), ms_buf_free(&c.line), ms_buf_free(&c.name);
	return st;
}
