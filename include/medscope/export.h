/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MEDSCOPE_EXTERN marks the public API. The library is built with
 * -fvisibility=hidden, so that only what carries this mark is exported
 * from libmedscope.so: the ms_* functions stay internal.
 */
#ifndef MEDSCOPE_EXPORT_H
#define MEDSCOPE_EXPORT_H

#if defined(__GNUC__) && __GNUC__ >= 4
#define MEDSCOPE_EXTERN __attribute__((visibility("default")))
#else
#define MEDSCOPE_EXTERN
#endif

#endif
