/* SPDX-License-Identifier: Apache-2.0 */
/* The one language pick: every user-facing text exists in English and
 * Japanese, and this chooses between the two. */
#ifndef MS_UTIL_LANG_H
#define MS_UTIL_LANG_H

#include "medscope/medscope.h"

#define MS_L(lang, en, ja) ((lang) == MEDSCOPE_LANG_JA ? (ja) : (en))

#endif
