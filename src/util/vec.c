/* SPDX-License-Identifier: Apache-2.0 */
#include "util/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int ms_vec_reserve_(void **v, size_t *cap, size_t need, size_t elsize)
{
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap : 16;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -1;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elsize)
		return -1;
	void *nv = realloc(*v, ncap * elsize);
	if (!nv)
		return -1;
	*v = nv;
	*cap = ncap;
	return 0;
}

int ms_vec_grow_(void **v, size_t *cap, size_t n, size_t elsize)
{
	return n == SIZE_MAX ? -1 : ms_vec_reserve_(v, cap, n + 1, elsize);
}

void ms_vec_shrink_(void **v, size_t *cap, size_t n, size_t elsize)
{
	if (n == 0 || n == *cap)
		return;
	void *nv = realloc(*v, n * elsize);
	if (nv) { /* on failure the larger block is still valid */
		*v = nv;
		*cap = n;
	}
}
