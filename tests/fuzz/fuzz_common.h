/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared by the fuzz targets: one-time setup and the invariants every
 * target checks. A violated invariant calls ms_fuzz_fail(), which prints
 * what broke and aborts: libFuzzer (or the standalone driver under ctest)
 * reports it as a crash with the input that caused it.
 */
#ifndef MS_FUZZ_COMMON_H
#define MS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "medscope/medscope.h"

/* Set up libxml2 once (the library never initialises it itself). */
void ms_fuzz_init(void);

/* Abort with a message. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void ms_fuzz_fail(const char *fmt, ...);

/* Abort unless s[0..len) is valid UTF-8 (no overlongs, no surrogates,
 * nothing past U+10FFFF); `what` names it in the message. */
void ms_fuzz_check_utf8(const char *s, size_t len, const char *what);

/*
 * The loader's contract: a model exactly when the status is OK; OK has no
 * error diagnostic; a refusal other than NOMEM has at least one; every
 * diagnostic is one line of valid UTF-8 without control characters.
 */
void ms_fuzz_check_load(medscope_status st, const medscope_model *m, const medscope_diags *d);

#endif
