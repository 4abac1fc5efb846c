/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope — who falls under Japan's vendor guideline for medical
 * information systems (3省2ガイドライン), who owns risk management of each
 * component towards each facility, which agreements must exist, and what is
 * missing.
 *
 * This header is the whole public API. Data flows one way:
 *
 *     medscope_model_load_file()   XML  -> model        (load)
 *     medscope_analyze()           model -> analysis    (analyze)
 *     medscope_emit() / medscope_graph_render()
 *                                  analysis -> text, JSON, SARIF, ... (emit)
 *
 * Ownership, the one rule of this API: a function that creates an object
 * returns it through its first argument (`**out`); the caller owns it and
 * releases it with the matching medscope_*_free(), which accepts NULL.
 * Functions that return a pointer directly are getters: what they return is
 * borrowed and lives as long as the object it came from.
 *
 * The library never prints: problems are returned as status codes and as
 * diagnostics on a medscope_diags list that the caller owns. Emitters write
 * only to the FILE * the caller hands them.
 *
 * libxml2: call xmlInitParser() once before using the library from several
 * threads. The library never calls xmlCleanupParser(). Graphviz is not
 * thread-safe: serialise medscope_graph_render() calls.
 */
#ifndef MEDSCOPE_H
#define MEDSCOPE_H

#include <stddef.h>
#include <stdio.h>

#include "medscope/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version this header belongs to (medscope_version() is the library's). */
#define MEDSCOPE_VERSION_STRING "0.1.0"

/** Status codes: 0 on success, negative on failure. */
typedef enum {
	MEDSCOPE_OK = 0,
	MEDSCOPE_ERR_NOMEM = -1,   /**< an allocation failed */
	MEDSCOPE_ERR_IO = -2,      /**< a file could not be read or written */
	MEDSCOPE_ERR_INVALID = -3, /**< the model was refused; see the diagnostics */
	MEDSCOPE_ERR_LIMIT = -4,   /**< a resource limit was exceeded */
	MEDSCOPE_ERR_USAGE = -5,   /**< a bad argument (unknown view, id, ...) */
	MEDSCOPE_ERR_RENDER = -6   /**< the diagram could not be laid out or rendered */
} medscope_status;

typedef enum { MEDSCOPE_LANG_EN = 0, MEDSCOPE_LANG_JA = 1 } medscope_lang;

/** Severities, ordered: a larger value is more severe. */
typedef enum {
	MEDSCOPE_SEVERITY_NONE = 0,
	MEDSCOPE_SEVERITY_NOTE = 1,
	MEDSCOPE_SEVERITY_WARNING = 2,
	MEDSCOPE_SEVERITY_ERROR = 3
} medscope_severity;

/** "error", "warning", "note" or "none". Static string. */
MEDSCOPE_EXTERN const char *medscope_severity_name(medscope_severity sev);

/** A short English description of a status code. Static string. */
MEDSCOPE_EXTERN const char *medscope_status_message(medscope_status status);

/** The version of the library in use, e.g. "0.1.0": a program linked
 *  against the shared library may run with a newer one than the
 *  MEDSCOPE_VERSION_STRING it was compiled with. Static string. */
MEDSCOPE_EXTERN const char *medscope_version(void);

/**
 * A file name as a message should show it: one line, nothing a terminal
 * obeys. A backslash, a control character, a bidirectional control and a
 * byte that is not UTF-8 become \\, \n, \t, \r, \x1b, \u202e, \xff;
 * everything else is kept. Writes at most `size` bytes (NUL included,
 * never half an escape) and returns the length of the whole escaped name,
 * as snprintf does.
 */
MEDSCOPE_EXTERN size_t medscope_name_for_message(char *buf, size_t size, const char *name);

/* ------------------------------------------------------------------ */
/* Diagnostics: problems found while loading (file, line, column).     */

typedef struct medscope_diags medscope_diags;

/** A new empty list that keeps at most `cap` diagnostics (0 = 100). */
MEDSCOPE_EXTERN medscope_status medscope_diags_new(medscope_diags **out, unsigned cap);
MEDSCOPE_EXTERN void medscope_diags_free(medscope_diags *diags);
MEDSCOPE_EXTERN size_t medscope_diags_count(const medscope_diags *diags);
/** How many diagnostics were not kept because the cap was reached. */
MEDSCOPE_EXTERN size_t medscope_diags_dropped(const medscope_diags *diags);
/** Accessors of diagnostic i (< count). Strings are borrowed. */
MEDSCOPE_EXTERN const char *medscope_diag_file(const medscope_diags *diags, size_t i);
MEDSCOPE_EXTERN unsigned medscope_diag_line(const medscope_diags *diags, size_t i);
MEDSCOPE_EXTERN unsigned medscope_diag_column(const medscope_diags *diags, size_t i);
MEDSCOPE_EXTERN medscope_severity medscope_diag_severity(const medscope_diags *diags, size_t i);
MEDSCOPE_EXTERN const char *medscope_diag_message(const medscope_diags *diags, size_t i);

/* ------------------------------------------------------------------ */
/* Loading a model (schema: models/deployment.xsd, spec: model.md).    */

typedef struct medscope_model medscope_model;

typedef struct {
	size_t max_input;        /**< bytes; default 256 MiB */
	unsigned max_depth;      /**< element nesting; default 64 */
	unsigned max_attributes; /**< attributes on one element; default 64 */
	size_t max_value_length; /**< bytes in one attribute value or text; default 1 MiB */
	medscope_lang lang;      /**< language of the diagnostics */
	/** Called every few MiB while reading (may be NULL): bytes read so far
	 *  and the input's size (0 when unknown). For progress displays. */
	void (*progress)(void *payload, size_t done, size_t total);
	void *progress_payload;
} medscope_load_options;

/** Fill `opts` with the defaults above. */
MEDSCOPE_EXTERN void medscope_load_options_init(medscope_load_options *opts);

/**
 * Load and validate the model in `path`. The file is streamed: no DOM is
 * kept. On MEDSCOPE_OK `*out` is a model the caller owns. Otherwise `*out`
 * is NULL and every problem found (up to the list's cap) is on `diags`
 * (which may be NULL to discard them). `opts` may be NULL for defaults.
 * The path "-" reads standard input (named "<stdin>" in diagnostics; a
 * file called "-" is "./-").
 *
 * Inputs of 4 MiB or more are built into the model by a second thread
 * while libxml2 parses in the calling thread; the call returns after that
 * thread has ended. libxml2 and `progress` are only called from the
 * calling thread.
 */
MEDSCOPE_EXTERN medscope_status medscope_model_load_file(medscope_model **out, const char *path,
                                         const medscope_load_options *opts,
                                         medscope_diags *diags);

/** As medscope_model_load_file(), from memory; `name` names it in diagnostics. */
MEDSCOPE_EXTERN medscope_status medscope_model_load_memory(medscope_model **out, const char *data,
                                           size_t len, const char *name,
                                           const medscope_load_options *opts,
                                           medscope_diags *diags);

MEDSCOPE_EXTERN void medscope_model_free(medscope_model *model);

/** The path or name the model was loaded from. */
MEDSCOPE_EXTERN const char *medscope_model_file(const medscope_model *model);
/** The deployment's name attribute, or "". */
MEDSCOPE_EXTERN const char *medscope_model_name(const medscope_model *model);
/** Element counts, for progress and benchmarks. */
MEDSCOPE_EXTERN size_t medscope_model_party_count(const medscope_model *model);
MEDSCOPE_EXTERN size_t medscope_model_system_count(const medscope_model *model);
MEDSCOPE_EXTERN size_t medscope_model_contract_count(const medscope_model *model);

/* ------------------------------------------------------------------ */
/* The rule catalog (models/rules.xml, compiled in).                   */

/** Number of rules in the catalog. */
MEDSCOPE_EXTERN size_t medscope_rule_count(void);
/** Index of the rule with this code, or -1. */
MEDSCOPE_EXTERN int medscope_rule_find(const char *code);
/** Fields of rule i. Static strings; `lang` picks the Japanese or English text. */
MEDSCOPE_EXTERN const char *medscope_rule_code(size_t i);
MEDSCOPE_EXTERN const char *medscope_rule_kind(size_t i); /**< scope-in, scope-out, ownership, agreement, finding */
MEDSCOPE_EXTERN medscope_severity medscope_rule_severity(size_t i);
MEDSCOPE_EXTERN const char *medscope_rule_topic(size_t i); /**< agreement topic, or NULL */
MEDSCOPE_EXTERN const char *medscope_rule_cite(size_t i);  /**< citation key, e.g. "FAQ 2.1" */
MEDSCOPE_EXTERN const char *medscope_rule_quote(size_t i); /**< the guideline phrase, in Japanese */
MEDSCOPE_EXTERN const char *medscope_rule_source(size_t i); /**< title of the document the quote comes from */
MEDSCOPE_EXTERN const char *medscope_rule_basis(size_t i, medscope_lang lang); /**< when the rule holds, as implemented */
MEDSCOPE_EXTERN const char *medscope_rule_title(size_t i, medscope_lang lang);
MEDSCOPE_EXTERN const char *medscope_rule_message(size_t i, medscope_lang lang);
MEDSCOPE_EXTERN const char *medscope_rule_help(size_t i, medscope_lang lang);

#ifdef __cplusplus
}
#endif

#include "medscope/analysis.h"
#include "medscope/graph.h"
#include "medscope/change.h"

#endif
