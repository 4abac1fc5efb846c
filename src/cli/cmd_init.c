/* SPDX-License-Identifier: Apache-2.0 */
/* medscope init [-o FILE] [--lang ja|en] [--as-of DATE]: a starter model. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

/* models/init-ja.xml and init-en.xml, compiled in (models/CMakeLists.txt). */
extern const unsigned char ms_init_template_ja[], ms_init_template_en[];
extern const size_t ms_init_template_ja_len, ms_init_template_en_len;

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope init [-o FILE] [--lang ja|en] [--as-of YYYY-MM-DD]\n\n"
	            "Write a commented starter model: a facility, a vendor with a certification, a\n"
	            "SaaS on an IaaS, the two contracts, the agreements the rules then ask for and\n"
	            "one risk, bound to the installed schema (xsi:schemaLocation). It passes\n"
	            "'medscope check' with no finding. Comments are in the --lang language. Its\n"
	            "dates (as-of, agreement dates, the risk review) are --as-of, else today.\n\n"
	            "  -o, --output FILE       write FILE (default: standard output); an existing\n"
	            "                          FILE is never overwritten (exit 2)\n"
	            "  --lang ja|en            language of the comments and names\n"
	            "  --as-of YYYY-MM-DD      the dates written (default: today)\n",
	         "使い方: medscope init [-o ファイル] [--lang ja|en] [--as-of YYYY-MM-DD]\n\n"
	         "コメント付きのモデルの雛形を書き出します: 医療機関等、認証を持つ事業者、IaaS 上の\n"
	         "SaaS、2 つの契約、ルールが求める合意、リスク 1 件。インストールされたスキーマに\n"
	         "xsi:schemaLocation で結び付けてあり、'medscope check' の指摘は 0 件です。コメントは\n"
	         "--lang の言語です。日付 (as-of、合意日、リスクの見直し日) は --as-of、なければ今日です。\n\n"
	         "  -o, --output ファイル   ファイルに書き出す (既定: 標準出力)。既存のファイルは\n"
	         "                          上書きしません (終了コード 2)\n"
	         "  --lang ja|en            コメントと名称の言語\n"
	         "  --as-of YYYY-MM-DD      書き込む日付 (既定: 今日)\n"));
}

/* Today, local time, as YYYY-MM-DD; "" when the clock cannot say. */
static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	out[0] = '\0';
	if (now != (time_t)-1 && localtime_r(&now, &tm))
		strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The same day a year after `date` (YYYY-MM-DD; 29 February gives 28). */
static void next_year(const char *date, char out[24])
{
	int y = atoi(date);
	snprintf(out, 24, "%04d%.6s", (y + 1) % 10000, strlen(date) >= 4 ? date + 4 : "");
	if (strcmp(out + 4, "-02-29") == 0)
		out[9] = '8';
}

/* The template with every @TODAY@ replaced by `date` and @NEXT_YEAR@ by
 * the day a year later, the exception's until (malloc'd, *len set). */
static char *fill(const unsigned char *t, size_t n, const char *date, size_t *len)
{
	char later[24];
	next_year(date, later);
	static const char *const marks[] = {"@TODAY@", "@NEXT_YEAR@"};
	const char *with[] = {date, later};
	/* Room for the longest value in place of each shortest mark. */
	const size_t m = 7, d = strlen(date) > strlen(later) ? strlen(date) : strlen(later);
	char *out = malloc(n + 1 + n / m * (d > m ? d - m : 0) + 1);
	size_t k = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t w;
		for (w = 0; w < 2; w++)
			if (n - i >= strlen(marks[w]) && memcmp(t + i, marks[w], strlen(marks[w])) == 0)
				break;
		if (w < 2) {
			size_t vl = strlen(with[w]);
			memcpy(out + k, with[w], vl);
			k += vl;
			i += strlen(marks[w]);
		} else {
			out[k++] = (char)t[i++];
		}
	}
	out[k] = '\0';
	*len = k;
	return out;
}

/* The filled template is a valid model: a bad --as-of shows up here. */
static int loads(const cli_opts *o, const char *text, size_t len)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	if (medscope_diags_new(&d, 10) != MEDSCOPE_OK)
		return 0;
	medscope_model_load_memory(&m, text, len, "init", &o->load, d);
	int ok = m != NULL;
	medscope_model_free(m);
	medscope_diags_free(d);
	return ok;
}

static int write_new(const cli_opts *o, const char *path, const char *text, size_t len)
{
	/* "x": exclusive creation, so an existing file (or a link) is never replaced. */
	errno = 0;
	FILE *f = fopen(path, "wx");
	if (!f) {
		int e = errno;
		if (e == EEXIST)
			fprintf(stderr, T(o, "%s: %s exists; init does not overwrite it (choose another -o)\n",
			                  "%s: %s は既に存在します。init は上書きしません (別の -o を指定してください)\n"),
			        o->prog, cli_name(path));
		else
			fprintf(stderr, T(o, "%s: cannot create %s: %s\n", "%s: %s を作成できません: %s\n"), o->prog,
			        cli_name(path), strerror(e));
		return EXIT_TROUBLE;
	}
	int ok = fwrite(text, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok) {
		fprintf(stderr, T(o, "%s: cannot write %s\n", "%s: %s に書き込めません\n"), o->prog, cli_name(path));
		remove(path); /* ours: created just now */
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

int cmd_init(int argc, char **argv, cli_opts *o)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, {"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
	const char *path = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qo:", longopts, NULL)) != -1) {
		if (c == 'o') {
			path = optarg;
			continue;
		}
		int r = cli_other_option(o, c, argv, help);
		if (r >= 0)
			return r;
	}
	if (optind < argc)
		return cli_usage_error(o, "%s", T(o, "init takes no operand (use -o FILE)",
		                                  "init にオペランドは不要です (-o ファイル を使ってください)"));
	char date[11];
	if (o->as_of)
		snprintf(date, sizeof date, "%s", o->as_of);
	else
		today(date);
	int ja = o->lang == MEDSCOPE_LANG_JA;
	size_t len = 0;
	char *text = fill(ja ? ms_init_template_ja : ms_init_template_en,
	                  ja ? ms_init_template_ja_len : ms_init_template_en_len, date, &len);
	if (!text) {
		fprintf(stderr, "%s: %s\n", o->prog, T(o, "out of memory", "メモリが足りません"));
		return EXIT_TROUBLE;
	}
	if (strlen(o->as_of ? o->as_of : date) != 10 || !loads(o, text, len)) {
		free(text);
		return cli_usage_error(o, T(o, "--as-of takes a date YYYY-MM-DD, not '%s'",
		                            "--as-of には日付 YYYY-MM-DD を指定してください ('%s')"),
		                       o->as_of ? o->as_of : date);
	}
	int rc = EXIT_CLEAN;
	if (path) {
		rc = write_new(o, path, text, len);
	} else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, T(o, "%s: cannot write the standard output\n", "%s: 標準出力に書き込めません\n"),
		        o->prog);
		rc = EXIT_TROUBLE;
	}
	free(text);
	return rc;
}
