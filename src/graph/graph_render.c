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

static medscope_status render(ms_gv *c, FILE *out, const char *format)
{
	GVC_t *gvc = shared_context();
	if (!gvc)
		return MEDSCOPE_ERR_NOMEM;
	medscope_status st = MEDSCOPE_ERR_RENDER;
	bool laid_out = false;
	/* Without its plugin configuration (config6a, written by `dot -c`,
	 * which Debian's libgvc6 postinst runs) Graphviz knows no layout at
	 * all and would only say 'Layout type: "dot" not recognized'. */
	if (!plugin_listed(gvc, "layout", "dot")) {
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(c->lang, "Graphviz plugin configuration missing: run `dot -c` as root",
		                    "Graphviz のプラグイン設定がありません: root で `dot -c` を実行してください"));
		goto cleanup;
	}
	/* Cairo bitmaps stop at 32,767 pixels a side; past that Graphviz
	 * scales the picture down itself and says so on stderr, bypassing
	 * agerr. 250 inches at 96 dpi stays below: only huge drawings shrink. */
	if (strcmp(format, "png") == 0 && ms_gv_set(c->g, "size", "250,250") < 0)
		goto cleanup;
	if (gvLayout(gvc, c->g, "dot") != 0 || capture.errors)
		goto cleanup;
	laid_out = true;
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
	if (laid_out)
		gvFreeLayout(gvc, c->g);
	return st;
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

	medscope_status st = ms_gv_select(&c);
	if (st != MEDSCOPE_OK)
		goto cleanup;
	st = MEDSCOPE_ERR_NOMEM;
	c.g = ms_gv_open("medscope");
	if (!c.g || ms_gv_ends_init(&c) != MEDSCOPE_OK)
		goto cleanup;
	switch (o.view) {
	case MEDSCOPE_VIEW_CONTRACTS: st = ms_gv_build_contracts(&c); break;
	case MEDSCOPE_VIEW_RESPONSIBILITY: st = ms_gv_build_responsibility(&c); break;
	default: st = ms_gv_build_supply(&c); break;
	}
	if (st != MEDSCOPE_OK)
		goto cleanup;
	size_t work = (size_t)agnnodes(c.g) + (size_t)agnedges(c.g);
	double seconds = layout_seconds(work);
	if (c.oom || c.label.oom || c.name.oom || layout_limits(&c, seconds) < 0) {
		st = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	/* DOT is written without layout: no time to budget. */
	if (strcmp(format, "dot") != 0 && seconds > (double)o.time_budget) {
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
	if (strcmp(format, "dot") == 0)
		st = agwrite(c.g, out) != 0 || ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
	else
		st = render(&c, out, format);
cleanup:
	if (c.g)
		agclose(c.g);
	capture_flush();
	/* Any Graphviz error (a label it could not parse falls back to the
	 * node's name yet "succeeds") makes the drawing untrustworthy. */
	if (st == MEDSCOPE_OK && capture.errors)
		st = MEDSCOPE_ERR_RENDER;
	agseterrf(old_errf);
	memset(&capture, 0, sizeof(capture));
	ms_gv_sel_free(&c.sel);
	free(c.node), free(c.cluster), free(c.anchor), free(c.level);
	MS_VEC_FREE(c.edges);
	ms_buf_free(&c.label), ms_buf_free(&c.line), ms_buf_free(&c.name);
	return st;
}
