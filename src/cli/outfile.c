/* SPDX-License-Identifier: Apache-2.0 */
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

/*
 * Every signal whose default action ends the process and that a handler
 * may catch: any of them, sent while a temporary file exists, must not
 * leave it behind. Not the faults (SEGV, BUS, ILL, FPE): they mean a bug,
 * whose core dump (and the sanitizers' own handlers) should see the
 * process untouched.
 */
static const int cleanup_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGVTALRM,
	SIGPROF, SIGXFSZ, SIGXCPU, SIGABRT, SIGTRAP, SIGSYS,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGEMT
	SIGEMT,
#endif
};

static void on_signal(int sig)
{
	char *tmp = pending_tmp;
	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when the handler returns: the run ends as the signal says */
}

static void cleanup_set(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		sigaddset(set, cleanup_signals[i]);
#ifdef SIGRTMIN
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaddset(set, s);
#endif
}

static void catch_one(int sig, const sigset_t *mask)
{
	struct sigaction sa, old;
	/* A signal the caller ignores (nohup, `trap '' XFSZ`) stays ignored:
	 * then a write past `ulimit -f` fails with EFBIG and is reported. */
	if (sigaction(sig, NULL, &old) < 0 || old.sa_handler != SIG_DFL)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_mask = *mask; /* one cleanup at a time */
	sigaction(sig, &sa, NULL);
}

/* Once a process: the handlers only act while pending_tmp is set. */
static void catch_signals(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	sigset_t mask;
	cleanup_set(&mask);
	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		catch_one(cleanup_signals[i], &mask);
#ifdef SIGRTMIN
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		catch_one(s, &mask);
#endif
}

/* Block the cleanup signals while pending_tmp and the file disagree. */
static void block_signals(sigset_t *old)
{
	sigset_t mask;
	cleanup_set(&mask);
	sigprocmask(SIG_BLOCK, &mask, old);
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

/* The folder a path names its last component in (malloc'd), or NULL. */
static char *folder_of(const char *path)
{
	char *copy = dupstr(path);
	if (!copy)
		return NULL;
	char *dir = dupstr(dirname(copy));
	free(copy);
	return dir;
}

/*
 * Whether `a` and `b` name one file, by device and inode: "x.dot" and
 * "./x.dot" do. A name that does not exist yet is the same as another
 * when their folders are one folder and their last components match.
 */
int cli_same_path(const char *a, const char *b)
{
	struct stat sa, sb;
	int ea = stat(a, &sa), eb = stat(b, &sb);
	if (ea == 0 && eb == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (ea == 0 || eb == 0)
		return 0;
	const char *ba = strrchr(a, '/'), *bb = strrchr(b, '/');
	if (strcmp(ba ? ba + 1 : a, bb ? bb + 1 : b) != 0)
		return 0;
	char *da = folder_of(a), *db = folder_of(b);
	int same = da && db && stat(da, &sa) == 0 && stat(db, &sb) == 0 &&
	           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	free(da), free(db);
	return same;
}

/* Sticky and writable by anyone, like /tmp: another user may have put
 * a link there. */
static int shared_folder(const char *path)
{
	char *dir = folder_of(path);
	struct stat st;
	int shared = !dir || stat(dir, &st) < 0 ||
	             ((st.st_mode & S_ISVTX) && (st.st_mode & S_IWOTH));
	free(dir);
	return shared;
}

/*
 * -o through a symbolic link writes the file the link points to, but only
 * when nobody else can have chosen that file: every link on the way is
 * the running user's (or root's: /dev/stdout is root's link), none lies
 * in a sticky world-writable folder, and a regular file at the end is the
 * running user's. Otherwise a link planted in /tmp would make a run
 * replace a file its owner never meant to give away. Returns the target
 * (malloc'd) in *real, or reports and returns -1.
 */
static int follow_link(const cli_opts *o, const char *path, char **real)
{
	*real = NULL;
	uid_t me = geteuid();
	char *cur = dupstr(path);
	const char *why = NULL;
	for (int hops = 0; cur && !why; hops++) {
		struct stat st;
		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			break;
		if (hops == 40)
			why = T(o, "too many levels of symbolic links", "シンボリックリンクが多すぎます");
		else if (st.st_uid != me && st.st_uid != 0)
			why = T(o, "it is a symbolic link owned by another user",
			        "他のユーザーが所有するシンボリックリンクです");
		else if (shared_folder(cur))
			why = T(o, "it is a symbolic link in a folder anyone may write to (sticky, like /tmp)",
			        "誰でも書き込めるフォルダ (/tmp のような sticky) にあるシンボリックリンクです");
		if (why)
			break;
		char target[4096];
		ssize_t n = readlink(cur, target, sizeof(target) - 1);
		if (n < 0)
			break;
		target[n] = '\0';
		char *next;
		if (target[0] == '/') {
			next = dupstr(target);
		} else {
			char *dir = folder_of(cur);
			size_t len = dir ? strlen(dir) + (size_t)n + 2 : 0;
			next = dir ? malloc(len) : NULL;
			if (next)
				snprintf(next, len, "%s/%s", dir, target);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	if (!cur) {
		fprintf(stderr, "medscope: %s\n", medscope_status_message(MEDSCOPE_ERR_NOMEM));
		return -1;
	}
	struct stat st;
	if (!why && stat(cur, &st) < 0)
		why = T(o, "it is a symbolic link to a file that does not exist",
		        "存在しないファイルへのシンボリックリンクです");
	else if (!why && S_ISREG(st.st_mode) && st.st_uid != me)
		why = T(o, "it is a symbolic link to a file owned by another user",
		        "他のユーザーが所有するファイルへのシンボリックリンクです");
	if (!why)
		*real = realpath(cur, NULL);
	free(cur);
	if (why) {
		fprintf(stderr, T(o, "%s: error: not writing through it: %s; give the file itself to -o\n",
		                  "%s: error: 書き込みません: %s。-o にはファイルそのものを指定してください\n"),
		        cli_name(path), why);
		return -1;
	}
	if (!*real) {
		fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
		        cli_name(path), strerror(errno));
		return -1;
	}
	return 0;
}

static int out_open(cli_out *out, const cli_opts *o, const char *path, char *const *inputs,
                    int ninputs);

int cli_out_open(cli_out *out, const cli_opts *o, const char *path, char *const *inputs,
                 int ninputs)
{
	cli_progress_clear();
	if (out_open(out, o, path, inputs, ninputs) < 0)
		return -1;
	cli_progress_writing(o, out->f);
	return 0;
}

static int out_open(cli_out *out, const cli_opts *o, const char *path, char *const *inputs,
                    int ninputs)
{
	memset(out, 0, sizeof(*out));
	if (!path || strcmp(path, "-") == 0) {
		out->f = stdout;
		return 0;
	}
	for (int i = 0; i < ninputs; i++) {
		if (strcmp(path, inputs[i]) == 0 || cli_same_path(path, inputs[i])) {
			fprintf(stderr, T(o, "%s: error: the output would overwrite the input '%s'; choose another -o\n",
			                  "%s: error: 出力先が入力ファイル '%s' と同じです。別の -o を指定してください\n"),
			        cli_name(path), cli_name(inputs[i]));
			return -1;
		}
	}
	/* `name` is what the user typed, for messages; `target` the file written. */
	const char *name = path;
	char *real = NULL;
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (follow_link(o, path, &real) < 0)
			return -1;
		path = real;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		/* A device or a pipe (-o /dev/null, -o /dev/stdout): renaming a
		 * temporary file over it would replace it by a regular file. */
		out->f = fopen(path, "w");
		free(real);
		if (!out->f) {
			fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
			        cli_name(name), strerror(errno));
			return -1;
		}
		return 0;
	}
	/* An existing file keeps its permission bits (and, when we may set
	 * them, its owner and group); a new one gets 0666 less the umask. */
	int existed = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	char *target = dupstr(path);
	char *dir = target ? folder_of(target) : NULL;
	free(real);
	size_t n = target ? strlen(target) + 16 : 0;
	char *tmp = target ? malloc(n) : NULL;
	if (!dir || !tmp) {
		fprintf(stderr, "medscope: %s\n", medscope_status_message(MEDSCOPE_ERR_NOMEM));
		free(target), free(dir), free(tmp);
		return -1;
	}
	if (mkdirs(dir) < 0) {
		fprintf(stderr, T(o, "%s: error: cannot create the folder '%s': %s\n",
		                  "%s: error: フォルダ '%s' を作れません: %s\n"),
		        cli_name(name), cli_name(dir), strerror(errno));
		free(target), free(dir), free(tmp);
		return -1;
	}
	free(dir);
	/* Hidden, in the same folder so that rename() stays on one file system. */
	char *base = strrchr(target, '/');
	if (base)
		snprintf(tmp, n, "%.*s/.%s.XXXXXX", (int)(base - target), target, base + 1);
	else
		snprintf(tmp, n, ".%s.XXXXXX", target);
	catch_signals();
	sigset_t old;
	block_signals(&old);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		pending_tmp = tmp;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
		        cli_name(name), strerror(errno));
		free(tmp), free(target);
		return -1;
	}
	if (existed) {
		/* Not the set-id bits: a report is no program. */
		if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
			/* not ours to give: the new file stays ours */
		}
		fchmod(fd, st.st_mode & 0777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	out->f = fdopen(fd, "w");
	if (!out->f) {
		close(fd);
		unlink(tmp);
		pending_tmp = NULL;
		free(tmp), free(target);
		fprintf(stderr, "medscope: %s\n", medscope_status_message(MEDSCOPE_ERR_NOMEM));
		return -1;
	}
	out->path = target;
	out->tmp = tmp;
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
	cli_progress_clear();
	if (!out->tmp && out->f && out->f != stdout) { /* a device or pipe */
		int err = fflush(out->f) != 0 || ferror(out->f) ? (errno ? errno : EIO) : 0;
		if (fclose(out->f) != 0 && !err)
			err = errno;
		out->f = NULL;
		int failed = err != 0;
		errno = err;
		if (failed)
			fprintf(stderr, T(o, "medscope: error: writing the output failed: %s\n",
			                  "medscope: error: 出力の書き込みに失敗しました: %s\n"),
			        strerror(errno));
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
	char *target = out->path;
	out->path = NULL;
	/* The first error is the one to tell (EFBIG, ENOSPC, EIO). */
	int err = 0;
	if (fflush(out->f) != 0 || ferror(out->f))
		err = errno ? errno : EIO;
	if (fsync(fileno(out->f)) != 0 && errno != EINVAL && !err)
		err = errno;
	if (fclose(out->f) != 0 && !err)
		err = errno;
	out->f = NULL;
	sigset_t old;
	block_signals(&old);
	if (!err && rename(out->tmp, target) != 0)
		err = errno;
	if (err)
		unlink(out->tmp);
	release(out); /* under the blocked signals: pending_tmp names nothing now */
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (err)
		fprintf(stderr, T(o, "%s: error: cannot write: %s\n", "%s: error: 書き込めません: %s\n"),
		        cli_name(target), strerror(err));
	free(target);
	return err ? -1 : 0;
}

void cli_out_abort(cli_out *out)
{
	cli_progress_clear();
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
