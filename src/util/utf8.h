/*
 * UTF-8 text: the one decoder and the one display-width rule of the
 * library. The terminal tables line up Japanese names with them, the
 * diagrams shorten and wrap labels with them, and diagnostics make quoted
 * input printable with them, so all three agree on what a character is
 * and how wide it shows.
 */
#ifndef MS_UTIL_UTF8_H
#define MS_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

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

#endif
