/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Diagrams (medscope_graph_render), internal. The files:
 *
 *   graph_render.c  the public entry: options, Graphviz context, plugin
 *                   check, layout limits, error capture, output
 *   graph_select.c  what to draw: --focus/--depth, node budget, folding
 *   graph_supply.c  the supply view
 *   graph_views.c   the contracts and responsibility views
 *   graph_labels.c  label pieces the views share (names, scope lines, titles)
 *   graph_edges.c   edges: collected, merged, labelled, created
 *   graph_style.c   styles, fixed words, the legend
 *   graph_gv.c      the only calls that create Graphviz objects or set
 *                   attributes (allow-listed keys, deterministic ids)
 *   graph_escape.c  the only way text reaches a label
 *
 * Graphviz is not thread-safe; see include/medscope/graph.h.
 */
#ifndef MS_GRAPH_H
#define MS_GRAPH_H

#include <graphviz/cgraph.h>
#include <stdbool.h>
#include <stdint.h>

#include "analyze/analysis.h"
#include "medscope/medscope.h"
#include "util/buf.h"
#include "util/lang.h"
#include "util/sort.h"
#include "util/vec.h"

/* ---- graph_escape.c ---- */

/*
 * Append `s` (NULL = "") to `out` as the text of an HTML-like label: the
 * single escaping function for every string that reaches Graphviz (see the
 * file's comment for the rules). max_cols > 0 shortens it with "…";
 * wrap_cols > 0 breaks it into lines with <BR/>.
 */
void ms_gv_text(ms_buf *out, const char *s, unsigned max_cols, unsigned wrap_cols);

/* The max_cols of every name and id: drawings are annexes to contracts, so
 * names are wrapped, never cut (issue 15); only a name past 256 columns,
 * four times the longest real company name and only seen in hostile
 * input, ends in "…" rather than make a label metres long. */
#define MS_GV_NAME_MAX 256

/* Label layout: a borderless table with one row a line (see
 * graph_escape.c). ms_gv_row_html() adds a row for each <BR/>-separated
 * line of `html` (ms_gv_text() output), each wrapped in `open`...`close`
 * (our own markup, e.g. "<B>" "</B>"); left: align the rows left.
 * ms_gv_rows() escapes `text` first. */
void ms_gv_table_open(ms_buf *out);
void ms_gv_table_close(ms_buf *out);
void ms_gv_row_html(ms_buf *out, bool left, const char *open, const char *close, const char *html);
void ms_gv_rows(ms_buf *out, bool left, const char *open, const char *close, const char *text,
                unsigned max_cols, unsigned wrap_cols);

/* ---- graph_gv.c ---- */

/* A directed root graph whose objects get ids in creation order, so agwrite
 * writes subgraphs in the order we made them (the default discipline
 * orders them by string address). NULL when out of memory. */
Agraph_t *ms_gv_open(const char *name);
Agraph_t *ms_gv_subgraph(Agraph_t *parent, const char *name);
Agnode_t *ms_gv_node(Agraph_t *parent, const char *name);
Agedge_t *ms_gv_edge(Agraph_t *g, Agnode_t *tail, Agnode_t *head);
/*
 * Set attribute `key` of a graph, node or edge to `value`, one of our own
 * constant values (never user text). Only allow-listed keys are accepted:
 * URL, href, image, shapefile, fontpath and the like are refused. Returns
 * 0, or -1 (refused key or out of memory).
 */
int ms_gv_set(void *obj, const char *key, const char *value);
/* Set `key` (label, xlabel) to the HTML-like label `html`, built only from
 * our markup and ms_gv_text() output. Returns 0 or -1. */
int ms_gv_set_html(void *obj, const char *key, const char *html);
/* Declare graph/node/edge defaults (allow-listed as above). */
int ms_gv_default(Agraph_t *g, int kind, const char *key, const char *value);

/* ---- graph_style.c ---- */

typedef enum {
	/* system nodes, by layer (ms_layer order) */
	MS_ST_SAAS, MS_ST_PAAS, MS_ST_IAAS, MS_ST_ON_PREMISE, MS_ST_DEVICE, MS_ST_TERMINAL,
	MS_ST_NETWORK,
	/* parties: clusters (supply) or nodes (contracts) */
	MS_ST_FACILITY, MS_ST_DIRECT, MS_ST_SUPPLY_CHAIN, MS_ST_PATIENT_DIRECTED,
	MS_ST_CONNECTED_SERVICE, MS_ST_OUT_OF_SCOPE, MS_ST_UNKNOWN_PROVIDER, MS_ST_GROUP,
	MS_ST_OWNER, /* responsibility view: the owner's box inside a facility */
	MS_ST_AGREEMENT_HUB,
	/* edges */
	MS_ST_RUNS_ON, MS_ST_RUNS_ON_UNKNOWN, MS_ST_CONNECTS, MS_ST_CONNECTS_API,
	MS_ST_CONTRACT, MS_ST_CONTRACT_OTHER, MS_ST_FLOW, MS_ST_AGREEMENT, MS_ST_MISSING,
	MS_ST_MISSING_ACCEPTED, /* missing, its finding suppressed by an exception (rules.md §5) */
	MS_ST__COUNT
} ms_gv_style;

typedef struct ms_gv ms_gv;

/* Marks in labels the legend explains (c->marks). */
typedef enum {
	MS_MK_RM,         /* "RM: X" */
	MS_MK_RM_TOWARDS, /* "RM: X ← N 施設" / "← H1, H2" */
	MS_MK_CONSIDERED, /* "要考慮: Y" */
	MS_MK_GROUP_SHARE /* "12 施設中 7" in a folded group */
} ms_gv_mark;

/* Apply style `st` to a node, cluster or edge and note it for the legend. */
int ms_gv_style_apply(ms_gv *c, void *obj, ms_gv_style st);
/* The cluster/node style of a party: its scope category, facility, or grey. */
ms_gv_style ms_gv_party_style(const ms_gv *c, uint32_t party);
/* The text colour of an edge style's labels. Static string. */
const char *ms_gv_style_fontcolor(ms_gv_style st);
/* Add the legend: one entry per style used so far. */
int ms_gv_legend(ms_gv *c);
/* Graph-wide attributes: font, direction, title. */
int ms_gv_graph_defaults(ms_gv *c, const char *view_title);

/* ---- graph_select.c ---- */

enum { MS_GV_OFF = 0, MS_GV_ON = 1, MS_GV_FOLDED = 2 };

/*
 * The folding rule, one for every view (graph_select.c): facilities are
 * folded into groups, more at each level, until the drawing fits its
 * paper (graph_render.c tries the levels in order).
 *   NONE   every facility drawn
 *   ALIKE  facilities of one kind drawn alike (the same links; in the
 *          responsibility view the same owner table) fold: nothing is lost
 *   KIND   all facilities of one kind fold; the group's links and owner
 *          entries are the union of its members', with counts
 */
enum { MS_GV_FOLD_NONE = 0, MS_GV_FOLD_ALIKE = 1, MS_GV_FOLD_KIND = 2, MS_GV_FOLD_MAX = 2 };

/* One entry of a folded group's owner table (responsibility view): an
 * ownership entry of some member standing for all members that have the
 * same system, owner and basis; owner MS_NONE = each member itself. */
typedef struct {
	uint32_t own;   /* index into analysis->ownership */
	uint32_t owner; /* party, or MS_NONE: the facility itself */
	uint32_t count; /* members with this entry */
} ms_gv_gentry;

/* Facilities folded into one node: same kind, same neighbours drawn. */
typedef struct {
	uint8_t type;    /* ms_facility_type */
	uint32_t first;  /* member with the smallest id (party index) */
	uint32_t count;
} ms_gv_group;

typedef struct {
	uint8_t *party;        /* [parties] MS_GV_OFF / ON / FOLDED */
	uint8_t *system;       /* [systems] likewise; FOLDED = inside a folded facility */
	uint32_t *group;       /* [parties] group index when folded, else MS_NONE */
	MS_VEC(ms_gv_group) groups;
	unsigned level;        /* MS_GV_FOLD_* applied */
	/* Responsibility view: group g's entries are gent[gent_off[g] ..
	 * gent_off[g + 1]), in system id order. */
	uint32_t *gent_off;
	MS_VEC(ms_gv_gentry) gent;
	/* The analysis's (analysis.h), borrowed: */
	const uint32_t *party_rank;  /* [parties] position in id order */
	const uint32_t *system_rank; /* [systems] position in id order */
	const uint32_t *fac_off;     /* [parties + 1] into fac_own: ownership entries per facility */
	const uint32_t *fac_own;     /* indices into analysis->ownership, by system id */
	uint32_t focus_party, focus_system; /* MS_NONE when not the focus */
	size_t nodes;          /* nodes the view will draw */
} ms_gv_sel;

/* Decide what to draw (sets c->sel), folding at least at c->fold.
 * MEDSCOPE_ERR_USAGE for an unknown focus, MEDSCOPE_ERR_LIMIT past the node
 * budget (diagnostics added). */
medscope_status ms_gv_select(ms_gv *c);
void ms_gv_sel_free(ms_gv_sel *sel);
/* Whether two facilities or groups of one kind are drawn apart (the next
 * fold level could change the drawing). */
bool ms_gv_can_fold(const ms_gv *c);

/* Endpoints: parties [0, P), systems [P, P+S), groups [P+S, ...). These map
 * a party or system to what stands for it in the drawing (its group when
 * folded); MS_NONE when it is not drawn. */
uint32_t ms_gv_end_party(const ms_gv *c, uint32_t party);
uint32_t ms_gv_end_system(const ms_gv *c, uint32_t system);
/* Sort key of an endpoint: id order within parties, then systems, groups. */
uint32_t ms_gv_end_rank(const ms_gv *c, uint32_t end);

/* ---- graph_edges.c ---- */

typedef struct {
	uint32_t tail, head; /* endpoints */
	uint32_t item;       /* what it stands for (see ms_gv_add_edge) */
	uint32_t key;        /* id order of the item, for sorting */
	uint8_t style;       /* ms_gv_style */
} ms_gv_edge_item;

/*
 * Collect an edge of `style` between two endpoints (MS_NONE ends are
 * ignored). `item`: the contract, flow or agreement index, the requirement
 * index (MS_ST_MISSING), or the model edge index (runs-on, connects-to).
 */
void ms_gv_add_edge(ms_gv *c, ms_gv_style style, uint32_t tail, uint32_t head, uint32_t item);
/* Merge parallel edges of one style, label them, and create them.
 * MEDSCOPE_ERR_LIMIT past the edge budget. */
medscope_status ms_gv_emit_edges(ms_gv *c);
/*
 * Create an edge of style `st` from t to h. With an HTML label `html`
 * (else NULL), it is two edges through a label node made in
 * `label_parent` (NULL: the root); `back` puts the arrowhead at t; ltail
 * and lhead clip at those clusters (or NULL). Returns 0 or -1.
 */
int ms_gv_link(ms_gv *c, Agraph_t *label_parent, Agnode_t *t, Agnode_t *h, ms_gv_style st,
               const char *html, bool back, Agraph_t *ltail, Agraph_t *lhead);

/* ---- views ---- */

medscope_status ms_gv_build_supply(ms_gv *c);
medscope_status ms_gv_build_contracts(ms_gv *c);
medscope_status ms_gv_build_responsibility(ms_gv *c);

/* Shared label pieces (graph_labels.c). */
/* The party's display name: its name up to " (" when that leaves
 * something, else its id; escaped and shortened to max_cols (graph_escape.c,
 * beside ms_gv_text: every view uses it). */
void ms_gv_party_short(ms_gv *c, ms_buf *out, uint32_t party, unsigned max_cols);
/* "in scope: direct" / "out of scope: sale only" text of a party, escaped;
 * may hold <BR/> (ms_gv_row_html makes rows of it). */
void ms_gv_scope_line(ms_gv *c, ms_buf *out, uint32_t party);
/* Rows: the kind and count of a group of folded facilities. */
void ms_gv_group_label(ms_gv *c, ms_buf *out, uint32_t group);
/* Rows heading a party's box: name, [id] and scope line (left aligned). */
void ms_gv_party_title(ms_gv *c, ms_buf *out, uint32_t party);
/* Rows of a system's title: name (bold), then id, layer, "medical". */
void ms_gv_system_title(ms_gv *c, ms_buf *out, uint32_t system);
/* Collect contract edges (client -> supplier) and missing-agreement edges
 * (rules.md §3: between the parties concerned; for three, from the
 * facility to each of the others; MS_ST_MISSING_ACCEPTED when an exception
 * suppresses the requirement's finding, rules.md §5). */
void ms_gv_add_contracts(ms_gv *c);
void ms_gv_add_missing(ms_gv *c);
/* Node name for an endpoint (ids are safe names; others get "~" names). */
const char *ms_gv_end_name(ms_gv *c, uint32_t end);

/* ---- the build context ---- */

struct ms_gv {
	const medscope_analysis *a;
	const medscope_model *m;
	const medscope_graph_options *o;
	medscope_lang lang;
	medscope_diags *diags;
	Agraph_t *g;
	ms_gv_sel sel;
	uint32_t nparties, nsystems; /* endpoint ranges */
	Agnode_t **node;             /* [endpoints] what an edge attaches to */
	Agraph_t **cluster;          /* [endpoints] the cluster it is drawn in, or NULL */
	uint8_t *anchor;             /* [endpoints] 1: an invisible point standing for its
	                                cluster (a party): edges are clipped there */
	size_t nends;
	MS_VEC(ms_gv_edge_item) edges;
	uint32_t *level;             /* [parties] contract steps from a facility (graph_edges.c) */
	unsigned fold;               /* the least MS_GV_FOLD_* to apply */
	uint32_t used;               /* bit per ms_gv_style drawn (for the legend) */
	uint32_t marks;              /* bit per ms_gv_mark written (for the legend) */
	unsigned nlabels;            /* label nodes made so far (ms_gv_link) */
	ms_buf label, line, name;    /* scratch: a label, one line of it, a node name */
	bool oom;
};

/* Make room for the endpoint arrays (after selection). */
medscope_status ms_gv_ends_init(ms_gv *c);

#endif
