/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UTF-8 text: the one decoder and the one display-width rule of the
 * library. The terminal tables line up Japanese names with them, the
 * diagrams shorten and wrap labels with them, and diagnostics make quoted
 * input printable with them, so all three agree on what a character is
 * and how wide it shows.
 */
#ifndef MS_UTIL_UTF8_H
#define MS_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

/* The code point ms_utf8_decode() gives for a byte that starts no valid
 * sequence (callers show U+FFFD or replace it). */
#define MS_UTF8_INVALID UINT32_MAX

/*
 * Decode the sequence at s (n > 0 bytes left) into *cp and return its
 * length, 1 to 4. Overlong forms, surrogates, values past U+10FFFF and
 * sequences cut short are invalid: 1 is returned with *cp =
 * MS_UTF8_INVALID, so that the caller resumes at the next byte.
 */
size_t ms_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Terminal columns of a code point (UAX #11): 2 for East Asian Wide and
 * Fullwidth, 0 for combining marks, zero-width characters and C0/C1
 * controls, 1 otherwise (ambiguous-width characters too, as most UTF-8
 * terminals in a Japanese locale show them).
 */
size_t ms_codepoint_width(uint32_t cp);

/* Columns of a NUL-terminated string; an invalid byte counts 1. */
size_t ms_display_width(const char *utf8);

/*
 * What no output shows as it is (the one rule for diagram labels, table,
 * CSV, Markdown and HTML cells, and file names in messages):
 * ms_is_control: C0 and C1 controls, DEL, U+2028 and U+2029 (line breaks
 * that end a line in a terminal or a reader); ms_is_bidi_control: ALM,
 * LRM, RLM, LRE..RLO and LRI..PDI, which reorder the text after them.
 */
bool ms_is_control(uint32_t cp);
bool ms_is_bidi_control(uint32_t cp);

/*
 * Append `s` to `out` with each such code point neutralised as diagram
 * labels have it: a control becomes a space, a bidirectional control the
 * visible text "[U+202E]" (shown, never obeyed). '\n' is kept when
 * `keep_newline` (cells whose items are one a line). Bytes that are not
 * UTF-8 are copied as they are (the caller's format decides).
 */
void ms_put_neutral(ms_buf *out, const char *s, bool keep_newline);
/* The same, written to `f` (text outputs: check, diff, impact). */
void ms_fput_neutral(FILE *f, const char *s);
/* Whether ms_put_neutral() would change anything in `s`. */
bool ms_needs_neutral(const char *s, bool keep_newline);

#endif
