/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope analysis and emitters. Included by medscope/medscope.h; see the
 * ownership rule there.
 */
#ifndef MEDSCOPE_ANALYSIS_H
#define MEDSCOPE_ANALYSIS_H

#include "medscope/export.h"

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
MEDSCOPE_EXTERN medscope_status medscope_analyze(medscope_analysis **out, const medscope_model *model,
                                 const medscope_analyze_options *opts);

MEDSCOPE_EXTERN void medscope_analysis_free(medscope_analysis *analysis);

/** The model analysed (borrowed). */
MEDSCOPE_EXTERN const medscope_model *medscope_analysis_model(const medscope_analysis *analysis);
/** The date used for date rules, YYYY-MM-DD. */
MEDSCOPE_EXTERN const char *medscope_analysis_as_of(const medscope_analysis *analysis);
/** Where that date came from: "option", "model" or "today". */
MEDSCOPE_EXTERN const char *medscope_analysis_as_of_source(const medscope_analysis *analysis);
/** Number of findings of exactly this severity, those suppressed by an
 *  exception (rules.md §5) not counted. */
MEDSCOPE_EXTERN size_t medscope_analysis_count(const medscope_analysis *analysis, medscope_severity sev);
/** Number of findings suppressed by an exception, of any severity. */
MEDSCOPE_EXTERN size_t medscope_analysis_suppressed_count(const medscope_analysis *analysis);
/** The highest severity among the findings (NONE when there are none). */
MEDSCOPE_EXTERN medscope_severity medscope_analysis_max_severity(const medscope_analysis *analysis);

/* ------------------------------------------------------------------ */
/* Findings, in report order (file, line, code; cli.md), the ones       */
/* MEDSCOPE_FORMAT_CHECK prints. `i` < medscope_finding_count(); strings */
/* are borrowed from the analysis.                                      */

MEDSCOPE_EXTERN size_t medscope_finding_count(const medscope_analysis *analysis);
/** The rule's code, e.g. "missing-agreement"; see medscope_rule_find(). */
MEDSCOPE_EXTERN const char *medscope_finding_code(const medscope_analysis *analysis, size_t i);
MEDSCOPE_EXTERN medscope_severity medscope_finding_severity(const medscope_analysis *analysis,
                                                            size_t i);
/**
 * The message of finding i in `lang`, as snprintf() writes: at most `size`
 * bytes with the terminating NUL into `buf` (which may be NULL when `size`
 * is 0). Returns the message's length in bytes, without the NUL, however
 * much was written; 0 when out of memory (messages are never empty).
 */
MEDSCOPE_EXTERN size_t medscope_finding_message(const medscope_analysis *analysis, size_t i,
                                                medscope_lang lang, char *buf, size_t size);
/** The model file and the position of the element concerned (1-based). */
MEDSCOPE_EXTERN const char *medscope_finding_file(const medscope_analysis *analysis, size_t i);
MEDSCOPE_EXTERN unsigned medscope_finding_line(const medscope_analysis *analysis, size_t i);
MEDSCOPE_EXTERN unsigned medscope_finding_column(const medscope_analysis *analysis, size_t i);
/** The ids of everything the finding involves, sorted, without duplicates:
 *  subject k < medscope_finding_subject_count(). */
MEDSCOPE_EXTERN size_t medscope_finding_subject_count(const medscope_analysis *analysis, size_t i);
MEDSCOPE_EXTERN const char *medscope_finding_subject(const medscope_analysis *analysis, size_t i,
                                                     size_t k);
/** The stable 16-hex-digit fingerprint of JSON and SARIF (the same text
 *  in every run). Written to `out` with its NUL. */
MEDSCOPE_EXTERN void medscope_finding_fingerprint(const medscope_analysis *analysis, size_t i,
                                                  char out[17]);
/** 1 when an accepted exception suppresses the finding. Exceptions are not
 *  implemented yet: always 0. */
MEDSCOPE_EXTERN int medscope_finding_suppressed(const medscope_analysis *analysis, size_t i);

/* ------------------------------------------------------------------ */
/* Ownership (rules.md §2): one entry per (served system, facility), by */
/* system id then facility id. `i` < medscope_ownership_count().        */

MEDSCOPE_EXTERN size_t medscope_ownership_count(const medscope_analysis *analysis);
MEDSCOPE_EXTERN const char *medscope_ownership_system(const medscope_analysis *analysis, size_t i);
MEDSCOPE_EXTERN const char *medscope_ownership_facility(const medscope_analysis *analysis,
                                                        size_t i);
/** The party that owns risk management of the system towards the facility. */
MEDSCOPE_EXTERN const char *medscope_ownership_owner(const medscope_analysis *analysis, size_t i);
/** The ownership rule's code that decided it. */
MEDSCOPE_EXTERN const char *medscope_ownership_basis(const medscope_analysis *analysis, size_t i);

/* ------------------------------------------------------------------ */
/* Required agreements (rules.md §3), by parties then topic. None in an */
/* analysis made with findings_only. `i` < medscope_requirement_count(). */

MEDSCOPE_EXTERN size_t medscope_requirement_count(const medscope_analysis *analysis);
/** The code raised when the agreement is missing, e.g. "missing-agreement". */
MEDSCOPE_EXTERN const char *medscope_requirement_code(const medscope_analysis *analysis, size_t i);
/** The topic's word of models/vocabulary.xml, e.g. "security". */
MEDSCOPE_EXTERN const char *medscope_requirement_topic(const medscope_analysis *analysis, size_t i);
/** The parties who must agree (2 or 3): party k < the count, sorted by id. */
MEDSCOPE_EXTERN size_t medscope_requirement_party_count(const medscope_analysis *analysis,
                                                        size_t i);
MEDSCOPE_EXTERN const char *medscope_requirement_party(const medscope_analysis *analysis, size_t i,
                                                       size_t k);
/** The id of the agreement that meets it, or NULL when it is missing. */
MEDSCOPE_EXTERN const char *medscope_requirement_satisfied_by(const medscope_analysis *analysis,
                                                              size_t i);

/* ------------------------------------------------------------------ */
/* Emitters: each writes one document to `out`.                        */

typedef enum {
	MEDSCOPE_FORMAT_CHECK,  /**< FILE:LINE:COL: SEVERITY: MESSAGE [CODE], one a line;
	                             suppressed findings only with show_suppressed */
	MEDSCOPE_FORMAT_SCOPE,  /**< aligned table of parties (terminal) */
	MEDSCOPE_FORMAT_OWNERS, /**< responsibility matrix, then required agreements */
	MEDSCOPE_FORMAT_JSON,   /**< the medscope-report/1 document of cli.md */
	MEDSCOPE_FORMAT_SARIF,  /**< SARIF 2.1.0 */
	MEDSCOPE_FORMAT_CSV,    /**< one table, RFC 4180 */
	MEDSCOPE_FORMAT_MARKDOWN,
	MEDSCOPE_FORMAT_HTML,
	MEDSCOPE_FORMAT_MATRIX, /**< the 責任分界表 of each facility (terminal tables) */
	MEDSCOPE_FORMAT_XLSX    /**< a workbook: only through medscope_emit_xlsx(), which
	                             writes to a path (medscope_emit(): MEDSCOPE_ERR_USAGE) */
} medscope_format;

/** Which table a table-shaped format shows. */
typedef enum {
	MEDSCOPE_TABLE_ALL = 0,
	MEDSCOPE_TABLE_SCOPE,
	MEDSCOPE_TABLE_OWNERS,
	MEDSCOPE_TABLE_AGREEMENTS,
	MEDSCOPE_TABLE_FINDINGS,
	MEDSCOPE_TABLE_MATRIX   /**< the 責任分界表: CSV one table, JSON "matrix",
	                             Markdown a section per facility */
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
	int show_suppressed;          /**< CHECK: also list the findings an exception
	                                   suppresses, marked (default: only counted) */
	int color;                    /**< CHECK: severity words in colour (ANSI SGR);
	                                   the caller decides (a terminal, NO_COLOR) */
	const char *facility;         /**< the 責任分界表 (MATRIX, TABLE_MATRIX, XLSX):
	                                   only this facility's, by id (NULL: every
	                                   facility's); see medscope_analysis_has_matrix() */
} medscope_emit_options;

MEDSCOPE_EXTERN void medscope_emit_options_init(medscope_emit_options *opts);

/** 1 when `id` names a party that some system is served to (one that has a
 *  責任分界表), else 0. */
MEDSCOPE_EXTERN int medscope_analysis_has_matrix(const medscope_analysis *analysis, const char *id);

/** Write the report as an Excel workbook (XLSX) to the file `path`, which
 *  is created or replaced: sheets parties, owners, agreements, findings and
 *  the 責任分界表 of each facility (one sheet with a facility column past
 *  30 facilities). The caller makes the write atomic (a temporary path,
 *  then rename). libxlsxwriter may print to stderr when the file cannot be
 *  written; medscope itself prints nothing. MEDSCOPE_ERR_IO when writing
 *  failed, MEDSCOPE_ERR_NOMEM, MEDSCOPE_ERR_USAGE for a findings-only
 *  analysis or a NULL argument. `opts` may be NULL. */
MEDSCOPE_EXTERN medscope_status medscope_emit_xlsx(const char *path, const medscope_analysis *analysis,
                                                   const medscope_emit_options *opts);

/** Write `analysis` to `out` in `format`. MEDSCOPE_ERR_IO if writing failed. */
MEDSCOPE_EXTERN medscope_status medscope_emit(FILE *out, const medscope_analysis *analysis,
                              medscope_format format, const medscope_emit_options *opts);

#ifdef __cplusplus
}
#endif

#endif
