/*
 * Output files are written atomically (cli.md): a temporary file in the
 * target's folder, renamed over the target only when complete. A failed or
 * interrupted run leaves the old file or none, never a truncated one.
 */
/* realpath() is XSI, beyond the POSIX base the build asks for. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

/* The temporary file being written, removed if a signal ends the run. */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
	char *tmp = pending_tmp;
	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	return p ? memcpy(p, s, n) : NULL;
}

static int mkdirs(char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		int r = mkdirs(dir);
		*slash = '/';
		if (r < 0)
			return -1;
	}
	return mkdir(dir, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int cli_out_open(cli_out *out, const cli_opts *o, const char *path, char *const *inputs,
                 int ninputs)
{
	memset(out, 0, sizeof(*out));
	if (!path || strcmp(path, "-") == 0) {
		out->f = stdout;
		return 0;
	}
	for (int i = 0; i < ninputs; i++) {
		if (strcmp(path, inputs[i]) == 0 || same_file(path, inputs[i])) {
			fprintf(stderr, T(o, "%s: error: the output would overwrite the input '%s'; choose another -o\n",
			                  "%s: error: 出力先が入力ファイル '%s' と同じです。別の -o を指定してください\n"),
			        path, inputs[i]);
			return -1;
		}
	}
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		/* A device or a pipe (-o /dev/null, -o /dev/stdout): renaming a
		 * temporary file over it would replace it by a regular file. */
		out->f = fopen(path, "w");
		if (!out->f) {
			fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
			        path, strerror(errno));
			return -1;
		}
		return 0;
	}
	/* Through a symbolic link, replace the file it points to, not the link. */
	char *real = NULL;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	if (real)
		path = real;
	char *copy = dupstr(path);
	if (!copy) {
		free(real);
		return -1;
	}
	char *dir = dirname(copy);
	if (mkdirs(dir) < 0) {
		fprintf(stderr, T(o, "%s: error: cannot create the folder '%s': %s\n",
		                  "%s: error: フォルダ '%s' を作れません: %s\n"),
		        path, dir, strerror(errno));
		free(copy);
		free(real);
		return -1;
	}
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	char *p = dupstr(path);
	free(real);
	if (!tmp || !p) {
		free(copy), free(tmp), free(p);
		return -1;
	}
	/* Hidden, in the same folder so that rename() stays on one file system. */
	char *base = strrchr(p, '/');
	if (base)
		snprintf(tmp, n, "%.*s/.%s.XXXXXX", (int)(base - p), p, base + 1);
	else
		snprintf(tmp, n, ".%s.XXXXXX", p);
	free(copy);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
		        path, strerror(errno));
		free(tmp), free(p);
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	out->f = fdopen(fd, "w");
	if (!out->f) {
		close(fd);
		unlink(tmp);
		free(tmp), free(p);
		return -1;
	}
	out->path = p;
	out->tmp = tmp;
	pending_tmp = tmp;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	return 0;
}

static void release(cli_out *out)
{
	pending_tmp = NULL;
	free(out->path);
	free(out->tmp);
	out->path = out->tmp = NULL;
	out->f = NULL;
}

int cli_out_commit(cli_out *out, const cli_opts *o)
{
	if (!out->tmp && out->f && out->f != stdout) { /* a device or pipe */
		int failed = fflush(out->f) != 0 || ferror(out->f);
		failed |= fclose(out->f) != 0;
		out->f = NULL;
		if (failed)
			fprintf(stderr, T(o, "medscope: error: writing the output failed\n",
			                  "medscope: error: 出力の書き込みに失敗しました\n"));
		return failed ? -1 : 0;
	}
	if (!out->tmp) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, T(o, "medscope: error: writing to standard output failed\n",
			                  "medscope: error: 標準出力への書き込みに失敗しました\n"));
			return -1;
		}
		return 0;
	}
	int failed = fflush(out->f) != 0 || ferror(out->f);
	failed |= fsync(fileno(out->f)) != 0 && errno != EINVAL;
	failed |= fclose(out->f) != 0;
	out->f = NULL;
	if (failed || rename(out->tmp, out->path) != 0) {
		fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
		        out->path, strerror(errno));
		unlink(out->tmp);
		release(out);
		return -1;
	}
	release(out);
	return 0;
}

void cli_out_abort(cli_out *out)
{
	if (!out->tmp) {
		if (out->f && out->f != stdout) /* a device or pipe */
			fclose(out->f);
		out->f = NULL;
		return;
	}
	if (out->f)
		fclose(out->f);
	unlink(out->tmp);
	release(out);
}
