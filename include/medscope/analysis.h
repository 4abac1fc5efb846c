/*
 * medscope analysis and emitters. Included by medscope/medscope.h; see the
 * ownership rule there.
 */
#ifndef MEDSCOPE_ANALYSIS_H
#define MEDSCOPE_ANALYSIS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct medscope_analysis medscope_analysis;

typedef struct {
	/** YYYY-MM-DD the date rules compare against; NULL = the model's
	 *  `as-of`, else today (UTC). */
	const char *as_of;
	/** Keep only the findings (what MEDSCOPE_FORMAT_CHECK prints): no
	 *  required agreements and leaner ownership entries, about a third
	 *  less memory on a national-scale model. The findings, their order and
	 *  the counts are those of a full analysis; medscope_emit() returns
	 *  MEDSCOPE_ERR_USAGE for every other format. */
	int findings_only;
} medscope_analyze_options;

/**
 * Analyse a loaded model (rules.md: scope, ownership, required agreements,
 * findings). `model` is borrowed and must outlive the analysis.
 * Returns MEDSCOPE_ERR_USAGE for a malformed `as_of`.
 */
medscope_status medscope_analyze(medscope_analysis **out, const medscope_model *model,
                                 const medscope_analyze_options *opts);

void medscope_analysis_free(medscope_analysis *analysis);

/** The model analysed (borrowed). */
const medscope_model *medscope_analysis_model(const medscope_analysis *analysis);
/** The date used for date rules, YYYY-MM-DD. */
const char *medscope_analysis_as_of(const medscope_analysis *analysis);
/** Where that date came from: "option", "model" or "today". */
const char *medscope_analysis_as_of_source(const medscope_analysis *analysis);
/** Number of findings of exactly this severity. */
size_t medscope_analysis_count(const medscope_analysis *analysis, medscope_severity sev);
/** The highest severity among the findings (NONE when there are none). */
medscope_severity medscope_analysis_max_severity(const medscope_analysis *analysis);

/* ------------------------------------------------------------------ */
/* Emitters: each writes one document to `out`.                        */

typedef enum {
	MEDSCOPE_FORMAT_CHECK,  /**< FILE:LINE:COL: SEVERITY: MESSAGE [CODE], one a line */
	MEDSCOPE_FORMAT_SCOPE,  /**< aligned table of parties (terminal) */
	MEDSCOPE_FORMAT_OWNERS, /**< responsibility matrix, then required agreements */
	MEDSCOPE_FORMAT_JSON,   /**< the medscope-report/1 document of cli.md */
	MEDSCOPE_FORMAT_SARIF,  /**< SARIF 2.1.0 */
	MEDSCOPE_FORMAT_CSV,    /**< one table, RFC 4180 */
	MEDSCOPE_FORMAT_MARKDOWN,
	MEDSCOPE_FORMAT_HTML
} medscope_format;

/** Which table a table-shaped format shows. */
typedef enum {
	MEDSCOPE_TABLE_ALL = 0,
	MEDSCOPE_TABLE_SCOPE,
	MEDSCOPE_TABLE_OWNERS,
	MEDSCOPE_TABLE_AGREEMENTS,
	MEDSCOPE_TABLE_FINDINGS
} medscope_table;

/** The default of medscope_emit_options.max_results: GitHub code scanning
 *  refuses a SARIF run with more results. */
#define MEDSCOPE_SARIF_MAX_RESULTS 25000

typedef struct {
	medscope_lang lang;
	medscope_table table;         /**< CSV, JSON subsets and Markdown */
	int csv_bom;                  /**< CSV: start with a UTF-8 BOM (Excel) */
	medscope_severity min_severity; /**< CHECK: omit findings below this */
	size_t max_results;           /**< SARIF: at most this many results, the
	                                   highest severities first (0: no limit;
	                                   default 25,000, GitHub code scanning's) */
} medscope_emit_options;

void medscope_emit_options_init(medscope_emit_options *opts);

/** Write `analysis` to `out` in `format`. MEDSCOPE_ERR_IO if writing failed. */
medscope_status medscope_emit(FILE *out, const medscope_analysis *analysis,
                              medscope_format format, const medscope_emit_options *opts);

#ifdef __cplusplus
}
#endif

#endif
