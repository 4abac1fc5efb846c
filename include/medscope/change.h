/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope when something changes: the semantic diff of two versions of a
 * model, and the impact of one party or system on everything that depends
 * on it. Included by medscope/medscope.h; see the ownership rule there.
 *
 * The guideline asks the parties to agree who notifies whom of changes
 * (FAQ 2.1 「サービスや契約変更に関する通知などの責務」) and to agree again as
 * things change (GL 3.2 「変化に応じて再合意形成」): these are the two
 * questions asked at that moment — "what did this change do?" and "who is
 * affected, and who must tell whom?".
 */
#ifndef MEDSCOPE_CHANGE_H
#define MEDSCOPE_CHANGE_H

#include "medscope/export.h"

#include "medscope/medscope.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* medscope diff OLD NEW                                               */

typedef struct medscope_diff medscope_diff;

/**
 * Compare two analyses of two versions of a model. Elements are matched by
 * id: parties, systems, contracts, flows, agreements, risks and
 * certifications added, removed or changed (which attributes); parties
 * entering or leaving scope; ownership entries (system × facility) added,
 * removed or changed; required agreements that became required, were
 * dropped or changed status; findings new, updated, unchanged or resolved
 * (matched by rule code and subjects, never by line). Linear in the size
 * of the two models.
 *
 * Both analyses (and their models) are borrowed and must outlive the diff.
 * On MEDSCOPE_OK `*out` is a diff the caller owns (medscope_diff_free()).
 */
MEDSCOPE_EXTERN medscope_status medscope_diff_compute(medscope_diff **out, const medscope_analysis *old_analysis,
                                      const medscope_analysis *new_analysis);

MEDSCOPE_EXTERN void medscope_diff_free(medscope_diff *diff);

/**
 * Write the diff in `format`: MEDSCOPE_FORMAT_CHECK = readable text grouped
 * by what changed; MEDSCOPE_FORMAT_JSON = the medscope-diff/1 document;
 * MEDSCOPE_FORMAT_SARIF = SARIF 2.1.0 with NEW's findings carrying
 * `baselineState` new/unchanged/updated and OLD's resolved findings as
 * `absent`. Other formats: MEDSCOPE_ERR_USAGE. `opts` may be NULL.
 */
MEDSCOPE_EXTERN medscope_status medscope_diff_emit(FILE *out, const medscope_diff *diff, medscope_format format,
                                   const medscope_emit_options *opts);

/** How many of NEW's findings at or above `min` are new or updated. */
MEDSCOPE_EXTERN size_t medscope_diff_introduced(const medscope_diff *diff, medscope_severity min);

/** How many of OLD's findings were resolved (absent from NEW). */
MEDSCOPE_EXTERN size_t medscope_diff_resolved(const medscope_diff *diff);

/** Number of changes of every kind (0 = the two versions mean the same). */
MEDSCOPE_EXTERN size_t medscope_diff_change_count(const medscope_diff *diff);

/* ------------------------------------------------------------------ */
/* medscope impact MODEL ID                                            */

typedef struct medscope_impact medscope_impact;

/**
 * Everything that depends on party or system `id` in `analysis`: the
 * systems that run on it (transitively, reverse runs-on; for a party,
 * every system it provides and everything that runs on those), the
 * facilities they are served to, the risk-management ownership entries of
 * those systems, the change-notification duties the agreements present
 * establish, and the notification pairs (supplier → dependent provider,
 * provider → owner, owner → facility) no change-notification agreement
 * covers. Linear in the size of the model.
 *
 * Returns MEDSCOPE_ERR_USAGE when `id` names no party or system. The
 * analysis is borrowed and must outlive the result; on MEDSCOPE_OK `*out`
 * is owned by the caller (medscope_impact_free()).
 */
MEDSCOPE_EXTERN medscope_status medscope_impact_compute(medscope_impact **out, const medscope_analysis *analysis,
                                        const char *id);

MEDSCOPE_EXTERN void medscope_impact_free(medscope_impact *impact);

/**
 * Write the impact in `format`: MEDSCOPE_FORMAT_CHECK = readable text,
 * MEDSCOPE_FORMAT_JSON = the medscope-impact/1 document,
 * MEDSCOPE_FORMAT_CSV = one row per affected system and facility.
 * Other formats: MEDSCOPE_ERR_USAGE. `opts` may be NULL.
 */
MEDSCOPE_EXTERN medscope_status medscope_impact_emit(FILE *out, const medscope_impact *impact,
                                     medscope_format format, const medscope_emit_options *opts);

/** What the id names: "system", or the party's kind ("facility",
 *  "network-operator", "vendor"). Static string. */
MEDSCOPE_EXTERN const char *medscope_impact_target_kind(const medscope_impact *impact);

/** Counts, for callers and tests. */
MEDSCOPE_EXTERN size_t medscope_impact_system_count(const medscope_impact *impact);   /**< affected systems */
MEDSCOPE_EXTERN size_t medscope_impact_facility_count(const medscope_impact *impact); /**< facilities served them */
MEDSCOPE_EXTERN size_t medscope_impact_entry_count(const medscope_impact *impact);    /**< ownership entries */
MEDSCOPE_EXTERN size_t medscope_impact_gap_count(const medscope_impact *impact);      /**< pairs without agreement */
/** The largest number of runs-on hops from the target to an affected system. */
MEDSCOPE_EXTERN unsigned medscope_impact_depth(const medscope_impact *impact);

#ifdef __cplusplus
}
#endif

#endif
