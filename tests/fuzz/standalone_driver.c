/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Replays fuzz inputs without libFuzzer (as libgit2's
 * tests/fuzz/standalone_driver.c does): every file named on the command
 * line, and every regular file inside a named directory, is read and handed
 * once to LLVMFuzzerTestOneInput(). ctest runs each target this way over its
 * corpus (fuzz.<target>), so the corpus is a regression suite on any
 * compiler; MEDSCOPE_FUZZ=ON builds the real fuzzers instead.
 *
 * Exit 0 when every input ran (a crash or a failed invariant aborts), 1 when
 * an input could not be read or none was found.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file in a buffer of exactly its size (malloc'd, so that ASan
 * catches a read one past the end), or NULL. */
static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			uint8_t *nb = realloc(buf, ncap);
			if (!nb)
				goto fail;
			buf = nb, cap = ncap;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* Trim to size: a 0-byte file still gets a valid (1-byte) block. */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return NULL;
	}
	memcpy(exact, buf, n);
	free(buf);
	*len = n;
	return exact;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

static int run_file(const char *path, size_t *count)
{
	size_t len = 0;
	uint8_t *data = read_file(path, &len);
	if (!data) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	fprintf(stderr, "running %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	(*count)++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's regular files in name order (reproducible runs). */
static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "cannot open %s\n", dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **nn = realloc(names, ncap * sizeof(*nn));
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn, cap = ncap;
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		if (!(names[n] = malloc(len))) {
			rc = -1;
			break;
		}
		snprintf(names[n++], len, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (rc == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode) &&
		    run_file(names[i], count) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (argv[i][0] == '-')
			continue; /* libFuzzer flags given to a standalone build */
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "cannot stat %s\n", argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) < 0
		                               : run_file(argv[i], &count) < 0) {
			rc = 1;
		}
	}
	fprintf(stderr, "%zu input(s) ran\n", count);
	return rc || count == 0;
}
