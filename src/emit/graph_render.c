/*
 * medscope_graph_render(): options, then select -> build a view -> write.
 * DOT is written by agwrite without layout (libcgraph only), so it is the
 * same bytes every run. SVG, PNG and PDF go through libgvc: dot layout,
 * then gvRender to the caller's FILE * (never gvRenderFilename: the
 * caller writes atomically).
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

#include "emit/graph.h"
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
} capture;

static void capture_line(const char *s, size_t n)
{
	medscope_severity sev = MEDSCOPE_SEVERITY_WARNING;
	if (n >= 5 && strncmp(s, "Error", 5) == 0) {
		sev = MEDSCOPE_SEVERITY_ERROR, s += 5, n -= 5;
		capture.errors++;
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

static void capture_flush(void)
{
	if (capture.line.len)
		capture_line(capture.line.s, capture.line.len);
	ms_buf_free(&capture.line);
}

/* ---- layout limits ---- */

/*
 * dot's cost grows with the edge span and the crossing-minimisation and
 * network-simplex passes (scale-and-bad-inputs.md §3: 1,000 nodes from
 * 95 s to 2.4 s with nslimit/mclimit 0.2). Small drawings keep the full
 * search (best picture); past a few hundred nodes the passes are scaled so
 * that the work stays roughly within the time budget.
 */
static int layout_limits(ms_gv *c)
{
	size_t nodes = (size_t)agnnodes(c->g), edges = (size_t)agnedges(c->g);
	size_t work = nodes + edges;
	if (work <= 600)
		return 0;
	/* About 2,000 nodes+edges a second with full effort on the reference
	 * VM; scale down from there, never below 0.05. */
	double f = (double)c->o->time_budget * 2000.0 / (double)work / 4.0;
	if (f > 1.0)
		f = 1.0;
	if (f < 0.05)
		f = 0.05;
	char v[32];
	snprintf(v, sizeof(v), "%.2f", f);
	int rc = 0;
	rc |= ms_gv_set(c->g, "nslimit", v);
	rc |= ms_gv_set(c->g, "nslimit1", v);
	rc |= ms_gv_set(c->g, "mclimit", v);
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

static medscope_status render(ms_gv *c, FILE *out, const char *format)
{
	GVC_t *gvc = gvContext();
	if (!gvc)
		return MEDSCOPE_ERR_NOMEM;
	medscope_status st = MEDSCOPE_ERR_RENDER;
	bool laid_out = false;
	/* Without its plugin configuration (config6a, written by `dot -c`,
	 * which Debian's libgvc6 postinst runs) Graphviz knows no layout at
	 * all and would only say 'Layout type: "dot" not recognized'. */
	if (!plugin_listed(gvc, "layout", "dot")) {
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_GV_T(c, "Graphviz plugin configuration missing: run `dot -c` as root",
		                    "Graphviz のプラグイン設定がありません: root で `dot -c` を実行してください"));
		goto cleanup;
	}
	if (!plugin_listed(gvc, "device", format)) {
		ms_diag_add(c->diags, c->m->file, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_GV_T(c, "Graphviz cannot write %s here: install its cairo/pango plugin "
		                       "(Debian: libgvc6) and run `dot -c` as root",
		                    "Graphviz が %s を出力できません: cairo/pango プラグイン (Debian: libgvc6) "
		                    "を入れ、root で `dot -c` を実行してください"),
		            format);
		goto cleanup;
	}
	if (gvLayout(gvc, c->g, "dot") != 0 || capture.errors)
		goto cleanup;
	laid_out = true;
	if (gvRender(gvc, c->g, format, out) != 0 || capture.errors)
		goto cleanup;
	st = ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
cleanup:
	if (laid_out)
		gvFreeLayout(gvc, c->g);
	gvFreeContext(gvc);
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
		            MS_GV_T(&c, "unknown diagram format '%s' or view; formats: svg, png, pdf, dot",
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
	if (c.oom || c.label.oom || c.name.oom || layout_limits(&c) < 0) {
		st = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	if (strcmp(format, "dot") == 0)
		st = agwrite(c.g, out) != 0 || ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
	else
		st = render(&c, out, format);
	if (st == MEDSCOPE_OK && capture.errors)
		st = MEDSCOPE_ERR_RENDER;
cleanup:
	if (c.g)
		agclose(c.g);
	capture_flush();
	agseterrf(old_errf);
	memset(&capture, 0, sizeof(capture));
	ms_gv_sel_free(&c.sel);
	free(c.node), free(c.cluster), free(c.anchor), free(c.level);
	MS_VEC_FREE(c.edges);
	ms_buf_free(&c.label), ms_buf_free(&c.name);
	return st;
}
