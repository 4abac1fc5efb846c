/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope diagrams: the analysis drawn with Graphviz (cli.md, Diagrams).
 * Included by medscope/medscope.h; see the ownership rule there.
 *
 * Thread safety: Graphviz (libcgraph, libgvc) is not thread-safe, not even
 * for reading, and keeps its error state in globals. medscope_graph_render()
 * calls it, so serialise every call of medscope_graph_render() in a process
 * (and any other use of Graphviz the program makes).
 */
#ifndef MEDSCOPE_GRAPH_H
#define MEDSCOPE_GRAPH_H

#include "medscope/export.h"

#include "medscope/medscope.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the diagram shows. */
typedef enum {
	/** A cluster per party, a node per system shaped by its layer,
	 *  runs-on / connects-to / contract / data-flow edges, scope marks,
	 *  risk-management owners and missing agreements. The default. */
	MEDSCOPE_VIEW_SUPPLY = 0,
	/** Parties as nodes; contracts and agreements (present and missing)
	 *  as edges: the picture procurement wants. */
	MEDSCOPE_VIEW_CONTRACTS,
	/** Per facility, the systems served to it grouped by their
	 *  risk-management owner. */
	MEDSCOPE_VIEW_RESPONSIBILITY
} medscope_view;

/** "supply", "contracts" or "responsibility". Static string. */
MEDSCOPE_EXTERN const char *medscope_view_name(medscope_view view);
/** The view named `name`; -1 when there is none. */
MEDSCOPE_EXTERN int medscope_view_from_name(const char *name);

typedef struct {
	medscope_view view;
	/** "svg", "png", "pdf" or "dot". "dot" is written without layout and
	 *  is byte-identical for the same model and options. */
	const char *format;
	/** Draw only what lies within `depth` hops of this party or system id
	 *  (NULL: the whole model). */
	const char *focus;
	unsigned depth;       /**< hops from `focus`; default 1 */
	const char *font;     /**< font face; default "Noto Sans CJK JP" */
	medscope_lang lang;   /**< language of the fixed texts */
	/** Node budget. Past it, facilities that look the same in the
	 *  drawing are folded into one node with a count; if that is not
	 *  enough the call fails with MEDSCOPE_ERR_LIMIT. Default 1500. */
	unsigned max_nodes;
	/** Edge budget after parallel edges are merged. Default 4 * max_nodes. */
	unsigned max_edges;
	/** Seconds the layout may take (default 20). There is no watchdog
	 *  (dot cannot be interrupted safely): the time is estimated from the
	 *  drawing's size before the layout, dot's own iteration limits
	 *  (nslimit, mclimit, searchsize) are cut for large drawings, and a
	 *  drawing estimated past the budget fails with MEDSCOPE_ERR_LIMIT.
	 *  Not applied to "dot", which is written without layout. */
	unsigned time_budget;
	/** Nonzero: never fold facilities together, however large the
	 *  drawing (the node budget still applies). */
	int no_fold;
	/** The paper the drawing is for. MEDSCOPE_PAPER_NONE (the default):
	 *  drawn at 100 %, folded until it fits an A3 sheet either way round
	 *  at that size. A paper: folded until it fits that sheet at 100 %,
	 *  then scaled down to it if it still does not, and the page (PDF,
	 *  SVG) or the picture (PNG, at 150 dpi) is the sheet's size; a note
	 *  on `diags` states the scale and the smallest text size reached. */
	int paper; /**< a medscope_paper */
} medscope_graph_options;

/** Paper sizes for medscope_graph_options.paper. */
typedef enum {
	MEDSCOPE_PAPER_NONE = 0,
	MEDSCOPE_PAPER_A4,
	MEDSCOPE_PAPER_A3,
	MEDSCOPE_PAPER_A4_LANDSCAPE,
	MEDSCOPE_PAPER_A3_LANDSCAPE
} medscope_paper;

/** The paper named "a4", "a3", "a4-landscape" or "a3-landscape"; -1 when
 *  there is none. */
MEDSCOPE_EXTERN int medscope_paper_from_name(const char *name);

/** Fill `opts` with the defaults above (supply view, svg). */
MEDSCOPE_EXTERN void medscope_graph_options_init(medscope_graph_options *opts);

/** The format for a file name's extension (.svg, .png, .pdf, .dot, .gv),
 *  or NULL. Static string. */
MEDSCOPE_EXTERN const char *medscope_graph_format_for_path(const char *path);

/**
 * Draw `analysis` as `opts->format` to `out` (`opts` may be NULL for the
 * defaults). Returns MEDSCOPE_OK; MEDSCOPE_ERR_USAGE for a bad option or an
 * unknown focus id; MEDSCOPE_ERR_LIMIT when the drawing exceeds the budget
 * (the diagnostics suggest --focus); MEDSCOPE_ERR_RENDER when Graphviz
 * failed (its messages, and a missing plugin configuration, are on
 * `diags`); MEDSCOPE_ERR_IO when writing failed; MEDSCOPE_ERR_NOMEM.
 * Graphviz warnings are added to `diags` as warnings. Nothing is printed.
 * On failure part of the document may have been written: write to a
 * temporary file and keep it only on MEDSCOPE_OK.
 */
MEDSCOPE_EXTERN medscope_status medscope_graph_render(FILE *out, const medscope_analysis *analysis,
                                      const medscope_graph_options *opts,
                                      medscope_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
