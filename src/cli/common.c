/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "cli/cli.h"

unsigned cli_max_diagnostics = 100;
int cli_color_mode = CLI_COLOR_AUTO;

int cli_use_color(int fd)
{
	if (cli_color_mode != CLI_COLOR_AUTO)
		return cli_color_mode == CLI_COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	if (no && *no)
		return 0;
	return isatty(fd) && !(term && strcmp(term, "dumb") == 0);
}

const char cli_common_help_en[] =
	"Common options:\n"
	"  --lang ja|en            language of messages (default: from LC_ALL/LC_MESSAGES/LANG)\n"
	"  --as-of YYYY-MM-DD      date for date rules (default: the model's as-of, else today)\n"
	"  --fail-on error|warning|note|never\n"
	"                          exit 1 when a finding at or above this severity exists (default error)\n"
	"  -q, --quiet             print only what was asked for (no summary, no progress)\n"
	"  --max-input BYTES       refuse larger files (default 268435456 = 256 MiB)\n"
	"  --max-depth N           element nesting limit (default 64)\n"
	"  --max-attributes N      attributes per element (default 64)\n"
	"  --max-value-length N    bytes per attribute value or text (default 1048576)\n"
	"  --max-diagnostics N     problems reported per run (default 100)\n"
	"  --color WHEN            severity colour: auto (default: at a terminal, unless\n"
	"                          NO_COLOR is set), always or never\n"
	"  --help                  this help\n";
const char cli_common_help_ja[] =
	"共通オプション:\n"
	"  --lang ja|en            メッセージの言語 (既定: LC_ALL/LC_MESSAGES/LANG から)\n"
	"  --as-of YYYY-MM-DD      日付ルールの基準日 (既定: モデルの as-of、なければ今日)\n"
	"  --fail-on error|warning|note|never\n"
	"                          この重大度以上の指摘があれば終了コード 1 (既定 error)\n"
	"  -q, --quiet             要求された出力のみ (要約・進捗を出さない)\n"
	"  --max-input BYTES       これより大きいファイルを拒否 (既定 268435456 = 256 MiB)\n"
	"  --max-depth N           要素の入れ子の上限 (既定 64)\n"
	"  --max-attributes N      1 要素あたりの属性数の上限 (既定 64)\n"
	"  --max-value-length N    属性値・本文 1 つあたりのバイト数上限 (既定 1048576)\n"
	"  --max-diagnostics N     1 回に報告する問題の上限 (既定 100)\n"
	"  --color WHEN            重大度の色分け: auto (既定: 端末のとき。NO_COLOR が\n"
	"                          設定されていれば無効)、always、never\n"
	"  --help                  このヘルプ\n";

static medscope_lang env_lang(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "ja", 2) == 0 ? MEDSCOPE_LANG_JA : MEDSCOPE_LANG_EN;
	}
	return MEDSCOPE_LANG_EN;
}

void cli_opts_init(cli_opts *o, const char *prog)
{
	memset(o, 0, sizeof(*o));
	o->prog = prog;
	o->lang = env_lang();
	o->fail_on = MEDSCOPE_SEVERITY_ERROR;
	medscope_load_options_init(&o->load);
	o->load.lang = o->lang;
}

int cli_usage_error(const cli_opts *o, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", o->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, T(o, " (see '%s --help')\n", " ('%s --help' を参照)\n"), o->prog);
	return EXIT_TROUBLE;
}

int cli_bad_option(const cli_opts *o, char **argv)
{
	return cli_usage_error(o, T(o, "unknown option or missing value: '%s'",
	                            "不明なオプションか、値がありません: '%s'"),
	                       argv[optind - 1]);
}

int cli_other_option(cli_opts *o, int c, char **argv, void (*help)(const cli_opts *o))
{
	int r = cli_common_option(o, c, optarg);
	if (r == 2)
		return help(o), EXIT_CLEAN;
	if (r < 0)
		return EXIT_TROUBLE;
	if (r == 0)
		return cli_bad_option(o, argv);
	return -1;
}

int cli_parse_common(cli_opts *o, int argc, char **argv, void (*help)(const cli_opts *o))
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	int c, r = -1;
	optind = 1;
	while (r < 0 && (c = getopt_long(argc, argv, "q", longopts, NULL)) != -1)
		r = cli_other_option(o, c, argv, help);
	return r;
}

const cli_choice *cli_choose(const cli_opts *o, const char *option, const char *arg,
                             const cli_choice *t, size_t n, const char *list_en,
                             const char *list_ja)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(arg, t[k].name) == 0)
			return &t[k];
	cli_usage_error(o, T(o, "%s takes %s, not '%s'", "%s には %s を指定してください ('%s')"), option,
	                T(o, list_en, list_ja), arg);
	return NULL;
}

int cli_parse_size(const char *s, size_t *out)
{
	/* Digits only: strtoull would skip leading blanks and take " -1" as
	 * 2^64 - 1, a limit that is no limit. */
	if (s[0] < '0' || s[0] > '9')
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v == 0 || v > SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

const char cli_max_results_help_en[] =
	"  --max-results N  sarif: at most N results (default 25000, GitHub code scanning's\n"
	"                 limit); the highest severities are kept, and a tool notification\n"
	"                 in the log says how many were left out\n";
const char cli_max_results_help_ja[] =
	"  --max-results N  sarif: 結果を最大 N 件に (既定 25000、GitHub code scanning の上限)。\n"
	"                 重大度の高いものを残し、省いた件数をツール通知としてログに書く\n";

int cli_max_results_option(const cli_opts *o, const char *arg, medscope_emit_options *eo)
{
	size_t n;
	if (cli_parse_size(arg, &n) < 0) {
		cli_usage_error(o, T(o, "--max-results takes a positive whole number, not '%s'",
		                     "--max-results には正の整数を指定してください ('%s')"),
		                arg);
		return -1;
	}
	eo->max_results = n;
	return 1;
}

int cli_common_option(cli_opts *o, int c, const char *arg)
{
	size_t n;
	switch (c) {
	case OPT_LANG:
		if (strcmp(arg, "ja") == 0)
			o->lang = MEDSCOPE_LANG_JA;
		else if (strcmp(arg, "en") == 0)
			o->lang = MEDSCOPE_LANG_EN;
		else
			return cli_usage_error(o, T(o, "--lang takes ja or en, not '%s'",
			                            "--lang には ja か en を指定してください ('%s')"), arg),
			       -1;
		o->load.lang = o->lang;
		return 1;
	case OPT_AS_OF:
		o->as_of = arg;
		return 1;
	case OPT_FAIL_ON:
		if (strcmp(arg, "error") == 0)
			o->fail_on = MEDSCOPE_SEVERITY_ERROR;
		else if (strcmp(arg, "warning") == 0)
			o->fail_on = MEDSCOPE_SEVERITY_WARNING;
		else if (strcmp(arg, "note") == 0)
			o->fail_on = MEDSCOPE_SEVERITY_NOTE;
		else if (strcmp(arg, "never") == 0)
			o->fail_on = MEDSCOPE_SEVERITY_NONE;
		else
			return cli_usage_error(o, T(o, "--fail-on takes error, warning, note or never, not '%s'",
			                            "--fail-on には error/warning/note/never を指定してください ('%s')"),
			                       arg),
			       -1;
		return 1;
	case 'q':
		o->quiet = 1;
		return 1;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			cli_color_mode = CLI_COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			cli_color_mode = CLI_COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			cli_color_mode = CLI_COLOR_NEVER;
		else
			return cli_usage_error(o, T(o, "--color takes auto, always or never, not '%s'",
			                            "--color には auto/always/never を指定してください ('%s')"),
			                       arg),
			       -1;
		return 1;
	case OPT_MAX_INPUT:
	case OPT_MAX_DEPTH:
	case OPT_MAX_ATTRIBUTES:
	case OPT_MAX_VALUE:
	case OPT_MAX_DIAGNOSTICS:
		if (cli_parse_size(arg, &n) < 0 || (c != OPT_MAX_INPUT && c != OPT_MAX_VALUE && n > UINT_MAX))
			return cli_usage_error(o, T(o, "a positive whole number is needed, not '%s'",
			                            "正の整数を指定してください ('%s')"),
			                       arg),
			       -1;
		if (c == OPT_MAX_INPUT)
			o->load.max_input = n;
		else if (c == OPT_MAX_DEPTH)
			o->load.max_depth = (unsigned)n;
		else if (c == OPT_MAX_ATTRIBUTES)
			o->load.max_attributes = (unsigned)n;
		else if (c == OPT_MAX_VALUE)
			o->load.max_value_length = n;
		else
			cli_max_diagnostics = (unsigned)n;
		return 1;
	case OPT_HELP:
		return 2;
	default:
		return 0;
	}
}

const char *cli_name(const char *path)
{
	/* Four at a time: a message names at most two or three files. */
	static char bufs[4][4096];
	static unsigned next;
	char *out = bufs[next++ % 4];
	if (medscope_name_for_message(out, sizeof(bufs[0]), path) >= sizeof(bufs[0]))
		memcpy(out + sizeof(bufs[0]) - 4, "...", 4);
	return out;
}

void cli_print_diags(const medscope_diags *d)
{
	cli_print_diags_q(d, 0);
}

void cli_print_diags_q(const medscope_diags *d, int quiet)
{
	cli_progress_clear();
	for (size_t i = 0; i < medscope_diags_count(d); i++) {
		if (quiet && medscope_diag_severity(d, i) != MEDSCOPE_SEVERITY_ERROR)
			continue;
		const char *file = cli_name(medscope_diag_file(d, i));
		unsigned line = medscope_diag_line(d, i), col = medscope_diag_column(d, i);
		medscope_severity level = medscope_diag_severity(d, i);
		const char *sev = medscope_severity_name(level);
		const char *on = "", *off = "";
		if (cli_use_color(STDERR_FILENO)) {
			on = level == MEDSCOPE_SEVERITY_ERROR     ? "\033[1;31m"
			     : level == MEDSCOPE_SEVERITY_WARNING ? "\033[1;35m"
			                                          : "\033[1;36m";
			off = "\033[0m";
		}
		if (line)
			fprintf(stderr, "%s:%u:%u: %s%s%s: %s\n", file, line, col, on, sev, off,
			        medscope_diag_message(d, i));
		else
			fprintf(stderr, "%s: %s%s%s: %s\n", file, on, sev, off, medscope_diag_message(d, i));
	}
	/* The loader stops looking once the cap is reached: say so, rather
	 * than a count of what was not shown, which it does not know. */
	if (medscope_diags_dropped(d))
		fprintf(stderr, "medscope: stopped after %zu problems (raise --max-diagnostics to see more)\n",
		        medscope_diags_count(d));
}

/* Progress on a terminal (cli.h). One line on stderr, redrawn in place
 * and erased before anything else is printed there. */
static bool progress_on;    /* this run shows progress */
static bool progress_shown; /* a progress line is on stderr now */

static void progress_at_exit(void)
{
	cli_progress_clear();
}

bool cli_progress_wanted(const cli_opts *o, const char *path)
{
	/* About a second of work: a 2 MiB model takes that for report json. */
	struct stat st;
	const char *ci = getenv("CI");
	return !o->quiet && isatty(STDERR_FILENO) && !(ci && *ci) && stat(path, &st) == 0 &&
	       st.st_size > (2 << 20);
}

void cli_progress_start(void)
{
	if (!progress_on) {
		progress_on = true;
		atexit(progress_at_exit);
	}
}

void cli_progress_phase(const char *text)
{
	if (!progress_on)
		return;
	fprintf(stderr, "\r%s\033[K", text);
	progress_shown = true;
}

void cli_progress_writing(const cli_opts *o, FILE *out)
{
	/* Output on the same terminal would be drawn over: say nothing then. */
	if (out == stdout && isatty(STDOUT_FILENO))
		cli_progress_clear();
	else
		cli_progress_phase(T(o, "writing...", "書き出し中..."));
}

void cli_progress_clear(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = false;
}

static void show_progress(void *payload, size_t done, size_t total)
{
	const cli_opts *o = payload;
	if (total)
		fprintf(stderr, T(o, "\rreading %3u%%", "\r読み込み中 %3u%%"),
		        (unsigned)(done * 100 / total));
	else
		fprintf(stderr, T(o, "\rreading %zu MiB", "\r読み込み中 %zu MiB"), done >> 20);
	progress_shown = true;
}

medscope_model *cli_load(cli_opts *o, const char *path)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	if (medscope_diags_new(&d, cli_max_diagnostics) != MEDSCOPE_OK) {
		fprintf(stderr, "medscope: %s\n", medscope_status_message(MEDSCOPE_ERR_NOMEM));
		return NULL;
	}
	bool progress = cli_progress_wanted(o, path);
	if (progress)
		cli_progress_start();
	o->load.progress = progress ? show_progress : NULL;
	o->load.progress_payload = o;
	medscope_status s = medscope_model_load_file(&m, path, &o->load, d);
	cli_progress_clear();
	cli_print_diags(d);
	if (s != MEDSCOPE_OK && medscope_diags_count(d) == 0)
		fprintf(stderr, "%s: error: %s\n", cli_name(path), medscope_status_message(s));
	medscope_diags_free(d);
	return m;
}

medscope_analysis *cli_analyze(cli_opts *o, const char *path, medscope_model **model)
{
	return cli_analyze_findings(o, path, model, 0);
}

medscope_analysis *cli_analyze_findings(cli_opts *o, const char *path, medscope_model **model,
                                        int findings_only)
{
	*model = cli_load(o, path);
	if (!*model)
		return NULL;
	medscope_analyze_options ao = {.as_of = o->as_of, .findings_only = findings_only};
	medscope_analysis *a = NULL;
	cli_progress_phase(T(o, "analysing...", "分析中..."));
	medscope_status s = medscope_analyze(&a, *model, &ao);
	cli_progress_clear();
	if (s == MEDSCOPE_ERR_USAGE) {
		cli_usage_error(o, T(o, "--as-of takes a date YYYY-MM-DD, not '%s'",
		                     "--as-of には日付 YYYY-MM-DD を指定してください ('%s')"),
		                o->as_of ? o->as_of : "");
	} else if (s != MEDSCOPE_OK) {
		fprintf(stderr, "%s: error: %s\n", cli_name(path), medscope_status_message(s));
	}
	if (s != MEDSCOPE_OK) {
		medscope_model_free(*model);
		*model = NULL;
		return NULL;
	}
	return a;
}
