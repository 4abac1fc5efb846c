/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Allocation-failure injection (SECURITY.md): run a small model through
 * load -> analyse -> JSON emit once normally, then again with allocation
 * number N failing, for N = 1, 2, ... until a run makes fewer than N
 * allocations. Each run must end in MEDSCOPE_ERR_NOMEM from the stage
 * that met the failure, or, if that stage recovered, in exactly the
 * normal output: never a crash, an abort, another status or a different
 * document. Leaks on the failure paths are left to the sanitizer build
 * (LeakSanitizer at exit) and the valgrind pass (valgrind.fault.alloc).
 *
 * How allocations fail:
 *   - medscope's own code: the binary is linked with -Wl,--wrap=malloc,...
 *     so the library's calls reach __wrap_malloc() below;
 *   - libxml2 and jansson: through their allocator hooks (xmlMemSetup,
 *     json_set_alloc_funcs), counted only in the "all" scope.
 * Two scopes (medscope only; medscope + libxml2 + jansson) times two modes
 * (only allocation N fails; N and every later one fail).
 *
 * Usage: medscope_fault MODEL.xml [MAX_RUNS]
 * Exit 0 when every run behaved, 1 otherwise (each failure is described,
 * with the backtrace of the allocation that was made to fail).
 */
#include <execinfo.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "medscope/medscope.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static struct {
	bool armed;         /* counting (only around the pipeline) */
	bool third_party;   /* libxml2 and jansson allocations count too */
	bool persistent;    /* every allocation from fail_at on fails */
	unsigned long count, fail_at; /* fail_at 0: never */
	bool failed;
	void *frames[24];
	int nframes;
} F;

static bool fail_now(void)
{
	if (!F.armed)
		return false;
	F.count++;
	if (!F.fail_at || F.count < F.fail_at || (F.count > F.fail_at && !F.persistent))
		return false;
	if (!F.failed) {
		F.armed = false; /* backtrace() must not count itself */
		F.nframes = backtrace(F.frames, 24);
		F.armed = true;
	}
	F.failed = true;
	return true;
}

void *__wrap_malloc(size_t size)
{
	return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __real_realloc(p, size);
}

static bool third_party_fails(void)
{
	return F.third_party ? fail_now() : false;
}

static void *tp_malloc(size_t size)
{
	return third_party_fails() ? NULL : __real_malloc(size);
}

static void *tp_realloc(void *p, size_t size)
{
	return third_party_fails() ? NULL : __real_realloc(p, size);
}

static char *tp_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = third_party_fails() ? NULL : __real_malloc(n);
	return p ? memcpy(p, s, n) : NULL;
}

typedef struct {
	medscope_status status;
	const char *stage; /* where it stopped: "diags", "load", "analyze", "emit" or "done" */
	char *out;         /* the JSON document (malloc'd) */
	size_t outlen;
} result;

/* load -> analyse -> JSON. The caller frees r->out. */
static void pipeline(const char *xml, size_t len, result *r)
{
	medscope_diags *d = NULL;
	medscope_model *m = NULL;
	medscope_analysis *a = NULL;
	memset(r, 0, sizeof(*r));
	F.armed = true;
	r->stage = "diags";
	r->status = medscope_diags_new(&d, 100);
	if (r->status == MEDSCOPE_OK) {
		r->stage = "load";
		r->status = medscope_model_load_memory(&m, xml, len, "model.xml", NULL, d);
	}
	if (r->status == MEDSCOPE_OK) {
		medscope_analyze_options ao = {.as_of = "2026-11-01"};
		r->stage = "analyze";
		r->status = medscope_analyze(&a, m, &ao);
	}
	if (r->status == MEDSCOPE_OK) {
		/* open_memstream allocates inside libc, which is not wrapped:
		 * the failures stay in medscope's and the libraries' code. */
		FILE *f = open_memstream(&r->out, &r->outlen);
		medscope_emit_options eo;
		medscope_emit_options_init(&eo);
		r->stage = "emit";
		r->status = f ? medscope_emit(f, a, MEDSCOPE_FORMAT_JSON, &eo) : MEDSCOPE_ERR_IO;
		if (f && fclose(f) != 0 && r->status == MEDSCOPE_OK)
			r->status = MEDSCOPE_ERR_IO;
	}
	if (r->status == MEDSCOPE_OK)
		r->stage = "done";
	medscope_analysis_free(a);
	medscope_model_free(m);
	medscope_diags_free(d);
	F.armed = false;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	do {
		if (cap - n < 4096) {
			char *nb = realloc(buf, cap = cap * 2 + 4096);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

/* One scope and mode: N = 1, 2, ... Returns the number of bad runs. */
static int sweep(const char *xml, size_t len, const result *ref, bool third_party,
                 bool persistent, unsigned long max_runs)
{
	int bad = 0;
	unsigned long n;
	F.third_party = third_party;
	F.persistent = persistent;
	for (n = 1; n <= max_runs; n++) {
		result r;
		F.count = 0;
		F.fail_at = n;
		F.failed = false;
		pipeline(xml, len, &r);
		const char *why = NULL;
		if (!F.failed) {
			/* Fewer than n allocations: every failure point was tried. */
			if (r.status != MEDSCOPE_OK)
				why = "failed although no allocation failed";
			else if (r.outlen != ref->outlen || memcmp(r.out, ref->out, r.outlen) != 0)
				why = "output differs although no allocation failed";
			free(r.out);
			if (why) {
				printf("run %lu: %s (%s)\n", n, why, medscope_status_message(r.status));
				bad++;
			}
			break;
		}
		if (r.status == MEDSCOPE_OK &&
		    (r.outlen != ref->outlen || memcmp(r.out, ref->out, r.outlen) != 0))
			why = "recovered from the failure but wrote a different document";
		else if (r.status != MEDSCOPE_OK && r.status != MEDSCOPE_ERR_NOMEM)
			why = "status is not NOMEM";
		if (why) {
			printf("%s, %s, allocation %lu: %s: %s at stage %s; the allocation:\n",
			       third_party ? "all" : "medscope", persistent ? "from N on" : "only N", n,
			       why, medscope_status_message(r.status), r.stage);
			fflush(stdout);
			backtrace_symbols_fd(F.frames, F.nframes, 1);
			bad++;
		}
		free(r.out);
	}
	printf("%-8s %-9s %lu allocation(s) made to fail, %d bad run(s)\n",
	       third_party ? "all" : "medscope", persistent ? "from-N-on" : "only-N", n - 1, bad);
	if (n > max_runs) {
		printf("  stopped at %lu runs: more allocations than that\n", max_runs);
		bad++;
	}
	return bad;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s MODEL.xml [MAX_RUNS]\n", argv[0]);
		return 2;
	}
	unsigned long max_runs = argc > 2 ? strtoul(argv[2], NULL, 10) : 100000;
	setvbuf(stdout, NULL, _IOLBF, 0); /* a sanitizer report ends with _exit */
	void *warm[1];
	backtrace(warm, 1); /* loads libgcc's unwinder before anything is armed */
	if (xmlMemSetup(free, tp_malloc, tp_realloc, tp_strdup) != 0)
		return 2;
	json_set_alloc_funcs(tp_malloc, free);
	xmlInitParser();

	size_t len;
	char *xml = read_file(argv[1], &len);
	if (!xml) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 2;
	}
	result ref;
	F.fail_at = 0;
	F.third_party = true;
	F.count = 0;
	pipeline(xml, len, &ref);
	if (ref.status != MEDSCOPE_OK || !ref.out) {
		fprintf(stderr, "%s: the pipeline fails without injected failures (%s at %s)\n",
		        argv[1], medscope_status_message(ref.status), ref.stage);
		free(ref.out);
		free(xml);
		return 2;
	}
	printf("%s: %lu allocations (medscope, libxml2, jansson), %zu bytes of JSON\n", argv[1],
	       F.count, ref.outlen);
	int bad = 0;
	bad += sweep(xml, len, &ref, false, false, max_runs);
	bad += sweep(xml, len, &ref, false, true, max_runs);
	bad += sweep(xml, len, &ref, true, false, max_runs);
	bad += sweep(xml, len, &ref, true, true, max_runs);
	free(ref.out);
	free(xml);
	xmlCleanupParser();
	return bad ? 1 : 0;
}
