/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The command-line program: option parsing and file handling on top of the
 * public API (include/medscope/). Nothing here decides a rule.
 */
#ifndef MEDSCOPE_CLI_H
#define MEDSCOPE_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "medscope/graph.h"
#include "medscope/medscope.h"
#include "util/lang.h"

/* Exit status (cli.md, fixed). */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* Pick the English or Japanese text for the options in hand. */
#define T(o, en, ja) MS_L((o)->lang, en, ja)

/* Options every command takes. */
typedef struct {
	medscope_lang lang;
	const char *as_of;
	medscope_severity fail_on;
	int quiet;
	medscope_load_options load;
	const char *prog; /* "medscope CMD" for messages */
} cli_opts;

/* getopt_long ids of the common options (short ones use their letter). */
enum {
	OPT_LANG = 1000, OPT_AS_OF, OPT_FAIL_ON, OPT_MAX_INPUT, OPT_MAX_DEPTH,
	OPT_MAX_ATTRIBUTES, OPT_MAX_VALUE, OPT_MAX_DIAGNOSTICS, OPT_COLOR, OPT_HELP, OPT__COMMON_END
};

#define CLI_COMMON_LONGOPTS                                                                 \
	{"lang", required_argument, NULL, OPT_LANG},                                        \
	{"as-of", required_argument, NULL, OPT_AS_OF},                                      \
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},                                  \
	{"quiet", no_argument, NULL, 'q'},                                                  \
	{"max-input", required_argument, NULL, OPT_MAX_INPUT},                              \
	{"max-depth", required_argument, NULL, OPT_MAX_DEPTH},                              \
	{"max-attributes", required_argument, NULL, OPT_MAX_ATTRIBUTES},                    \
	{"max-value-length", required_argument, NULL, OPT_MAX_VALUE},                       \
	{"max-diagnostics", required_argument, NULL, OPT_MAX_DIAGNOSTICS},                  \
	{"color", required_argument, NULL, OPT_COLOR},                                      \
	{"help", no_argument, NULL, OPT_HELP}

/* Help text of the common options, for each command's --help. */
extern const char cli_common_help_en[], cli_common_help_ja[];

extern unsigned cli_max_diagnostics;

/* --color=auto|always|never (default auto). */
enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
extern int cli_color_mode;
/* Whether to colour what goes to `fd`: always/never as asked; auto means a
 * terminal that is not "dumb", unless NO_COLOR is set to anything
 * non-empty (https://no-color.org). */
int cli_use_color(int fd);

/* Defaults: language from --lang, else LC_ALL / LC_MESSAGES / LANG. */
void cli_opts_init(cli_opts *o, const char *prog);
/*
 * Handle a common option returned by getopt_long. Returns 1 when handled,
 * 0 when `c` is not a common option, -1 on a bad value (reported), 2 when
 * --help was asked for (the caller prints its help and exits 0).
 */
int cli_common_option(cli_opts *o, int c, const char *arg);
/* A positive whole number (decimal, nothing after it) into *out: 0, or -1
 * when `s` is not one. */
int cli_parse_size(const char *s, size_t *out);
/* --max-results N of the SARIF commands (report, diff) into eo->max_results:
 * 1 when taken, -1 (reported) when N is not a positive whole number. */
int cli_max_results_option(const cli_opts *o, const char *arg, medscope_emit_options *eo);
/* Help line of --max-results. */
extern const char cli_max_results_help_en[], cli_max_results_help_ja[];

/* Report a usage problem and return EXIT_TROUBLE. */
int cli_usage_error(const cli_opts *o, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Report the option getopt_long could not take (opterr is off) and
 * return EXIT_TROUBLE. */
int cli_bad_option(const cli_opts *o, char **argv);

/*
 * The end of every command's getopt_long loop: `c` is an option the command
 * does not take itself, so it must be a common one (cli_common_option()).
 * Returns -1 when it was, and parsing goes on; otherwise the exit status the
 * command returns at once: EXIT_CLEAN after help(o) for --help, EXIT_TROUBLE
 * for a bad value or an unknown option (reported).
 */
int cli_other_option(cli_opts *o, int c, char **argv, void (*help)(const cli_opts *o));
/* The whole loop of a command that takes only the common options ("q" and
 * CLI_COMMON_LONGOPTS): -1 when the operands argv[optind..] are next, else
 * the exit status to return (as cli_other_option()). */
int cli_parse_common(cli_opts *o, int argc, char **argv, void (*help)(const cli_opts *o));

/* One value an option such as --format or --table takes, and what it names
 * (a medscope_format or medscope_table). */
typedef struct {
	const char *name;
	int value;
} cli_choice;
#define CLI_NCHOICES(t) (sizeof(t) / sizeof((t)[0]))
/* The entry of t[0..n) named `arg`; NULL after reporting "OPTION takes
 * LIST, not 'ARG'" (list_en, or list_ja in Japanese). */
const cli_choice *cli_choose(const cli_opts *o, const char *option, const char *arg,
                             const cli_choice *t, size_t n, const char *list_en,
                             const char *list_ja);

/*
 * Progress on a terminal for commands that take more than about a second
 * (cli_progress_wanted: a large model, stderr a terminal, not -q, not CI):
 * cli_load draws "reading N%" from the loader's callback (the library
 * prints nothing), then each phase replaces the line, and it is erased
 * before any other message, and at exit. Nothing is drawn until
 * cli_progress_start().
 */
bool cli_progress_wanted(const cli_opts *o, const char *path);
void cli_progress_start(void);
void cli_progress_phase(const char *text);
/* "writing..." while output goes to `out`, unless that is the terminal. */
void cli_progress_writing(const cli_opts *o, FILE *out);
void cli_progress_clear(void);

/* Load one model, printing every diagnostic; NULL when refused. */
medscope_model *cli_load(cli_opts *o, const char *path);
/* Load and analyse; NULL on failure (reported). *model receives the model. */
medscope_analysis *cli_analyze(cli_opts *o, const char *path, medscope_model **model);
/* The same, keeping only the findings when findings_only (`check`). */
medscope_analysis *cli_analyze_findings(cli_opts *o, const char *path, medscope_model **model,
                                        int findings_only);
void cli_print_diags(const medscope_diags *d);
/* The same, leaving out warnings when `quiet` (-q: Graphviz's remarks). */
void cli_print_diags_q(const medscope_diags *d, int quiet);
/*
 * A file name as messages show it: one line, nothing a terminal obeys.
 * Backslash, controls, bidirectional controls and bytes that are not UTF-8
 * become \\, \n, \x1b, \u202e, \xff... (the name stays recognisable and
 * cannot forge a "FILE:LINE:COL: error:" line). Returns one of a few
 * static buffers, reused round-robin: good for the arguments of one
 * fprintf call.
 */
const char *cli_name(const char *path);
/* Whether `a` and `b` name one file (device and inode; for names that do
 * not exist yet, one folder and the same last component). */
int cli_same_path(const char *a, const char *b);

/* ---- output files: written atomically (temp file + rename) ---- */
typedef struct {
	FILE *f;
	char *path, *tmp; /* NULL for stdout, and for a device or pipe (written directly) */
} cli_out;

/*
 * Open `path` for writing ("-" or NULL = stdout). Refuses a path that is
 * one of the inputs, creates missing directories. Returns 0, or reports
 * and returns -1.
 */
int cli_out_open(cli_out *out, const cli_opts *o, const char *path, char *const *inputs,
                 int ninputs);
/* Flush, close and rename into place; 0, or reports and returns -1 (the
 * temporary file is removed). */
int cli_out_commit(cli_out *out, const cli_opts *o);
/* Drop what was written; the target is left as it was. */
void cli_out_abort(cli_out *out);

/* Draw analysis `a` with options `go` into `path`, atomically, printing
 * the diagnostics (cmd_graph.c; also impact --graph). 0, or reports and
 * returns -1. */
int cli_render_diagram(const cli_opts *o, const medscope_analysis *a, const medscope_graph_options *go,
                       const char *path, char *const *inputs, int ninputs);

/* Commands. Each returns an exit status. */
int cmd_check(int argc, char **argv, cli_opts *o);
int cmd_scope(int argc, char **argv, cli_opts *o);
int cmd_owners(int argc, char **argv, cli_opts *o);
int cmd_matrix(int argc, char **argv, cli_opts *o);
int cmd_report(int argc, char **argv, cli_opts *o);
/* Shared by check/scope/owners/report (cmd_report.c). The exit status an
 * analysis gives under --fail-on: EXIT_FINDINGS or EXIT_CLEAN. */
int cli_status_for(const cli_opts *o, const medscope_analysis *a);
/* Analyse `path` and write it in `format` to `outpath` (stdout when NULL),
 * atomically; `format_name` names the format in messages. Exit status. */
int cli_emit_model(cli_opts *o, char *path, const char *outpath, medscope_format format,
                   const medscope_emit_options *eo, const char *format_name);
/* scope/owners: options --format table|csv|json|md and -o, then cli_emit_model(). */
int cli_view_command(int argc, char **argv, cli_opts *o, medscope_format table_format,
                     medscope_table table, void (*help_fn)(const cli_opts *o));
int cmd_validate(int argc, char **argv, cli_opts *o);
int cmd_diff(int argc, char **argv, cli_opts *o);
int cmd_impact(int argc, char **argv, cli_opts *o);
int cmd_rules(int argc, char **argv, cli_opts *o);
int cmd_explain(int argc, char **argv, cli_opts *o);
int cmd_graph(int argc, char **argv, cli_opts *o);
int cmd_init(int argc, char **argv, cli_opts *o);

#endif
