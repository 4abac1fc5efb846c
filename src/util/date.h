/* SPDX-License-Identifier: Apache-2.0 */
/* Calendar dates as days since 1970-01-01 (proleptic Gregorian). */
#ifndef MS_DATE_H
#define MS_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Parse exactly YYYY-MM-DD (year 0001-9999, a real calendar day, as
 * xs:date without a time zone). 0 on success, -1 otherwise. */
int ms_date_parse(const char *s, size_t len, int32_t *days);
/* Write YYYY-MM-DD and a NUL into buf[11]. */
void ms_date_format(int32_t days, char buf[11]);
/* Today in UTC. */
int32_t ms_date_today(void);

#endif
