#include "util/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int ms_vec_grow_(void **v, size_t *cap, size_t n, size_t elsize)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	if (ncap <= n || ncap > SIZE_MAX / elsize)
		return -1;
	void *nv = realloc(*v, ncap * elsize);
	if (!nv)
		return -1;
	*v = nv;
	*cap = ncap;
	return 0;
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

void *ms_vec_zero_(void *p, size_t size)
{
	memset(p, 0, size);
	return p;
}
