/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A model of N vendors whose ids collide in the symbol table medscope had
 * before issue 13 (fnv_collide.h), or, with --random, N vendors whose ids
 * are random strings of the same length: the two files have the same size
 * and shape, so their times differ only by how the ids hash.
 *
 *   gen_collide [--random] [--seed S] N > model.xml
 *
 * Used by tests/bench/collisions.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv_collide.h"

#define DEPTH 2 /* blocks per id: about 1,000^2 colliding ids */

int main(int argc, char **argv)
{
	int random_ids = 0;
	unsigned long seed = 1, n = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--random") == 0)
			random_ids = 1;
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoul(argv[++i], NULL, 10);
		else
			n = strtoul(argv[i], NULL, 10);
	}
	static char blocks[1024][FNV_COLLIDE_BLOCK];
	size_t nblocks = fnv_collide_blocks(blocks, 1024);
	size_t most = 1;
	for (int d = 0; d < DEPTH; d++)
		most *= nblocks;
	if (n == 0 || n > most) {
		fprintf(stderr, "usage: gen_collide [--random] [--seed S] N (1 <= N <= %zu)\n", most);
		return 2;
	}
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<deployment xmlns=\"urn:medscope:deployment:1\" name=\"collisions\" as-of=\"2026-11-01\">\n");
	char id[1 + FNV_COLLIDE_BLOCK * DEPTH + 1];
	for (unsigned long k = 0; k < n; k++) {
		if (random_ids) {
			/* A new id each time: the counter's digits make it unique,
			 * the rest is drawn (xorshift) so that it hashes like any id. */
			int len = snprintf(id, sizeof(id), "v%lu", k);
			for (int c = len; c < 1 + FNV_COLLIDE_BLOCK * DEPTH; c++) {
				seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
				id[c] = fnv_collide_alphabet[seed % 62];
			}
			id[1 + FNV_COLLIDE_BLOCK * DEPTH] = '\0';
		} else {
			fnv_collide_id(id, blocks, nblocks, DEPTH, k);
		}
		printf("  <vendor id=\"%s\" name=\"vendor %s\" role=\"maintenance\"/>\n", id, id);
	}
	printf("</deployment>\n");
	return 0;
}
