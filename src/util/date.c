/* SPDX-License-Identifier: Apache-2.0 */
#include "util/date.h"

#include <stdio.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
static int32_t days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ms_date_parse(const char *s, size_t len, int32_t *days)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int v[8], k = 0;
	for (size_t i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v[k++] = s[i] - '0';
	}
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	unsigned m = (unsigned)(v[4] * 10 + v[5]), d = (unsigned)(v[6] * 10 + v[7]);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return -1;
	unsigned max = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d > max)
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void ms_date_format(int32_t z, char buf[11])
{
	z += 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int y0 = (int)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned d = doy - (153 * mp + 2) / 5 + 1;
	const unsigned m = mp < 10 ? mp + 3 : mp - 9;
	const int y = y0 + (m <= 2);
	snprintf(buf, 11, "%04d-%02u-%02u", (y % 10000 + 10000) % 10000, m % 13u, d % 32u);
}

int32_t ms_date_today(void)
{
	return (int32_t)(time(NULL) / 86400);
}
