/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small random valid deployment model (shared/spec/model.md), for the
 * order-independence property test (tests/order/order_independence.sh).
 *
 *   gen_random SEED > model.xml
 *
 * Unlike gen_national, which has a fixed national shape, every choice
 * here is random: a handful of facilities, vendors and network operators;
 * systems whose runs-on links point only to systems with a smaller number
 * (so there is no cycle) and never twice to one target; contracts with
 * several covered systems and an optional selected-by; agreements of two
 * or three parties; flows and risks. Many parties compete for the same
 * systems, so the analysis has ties to break. Deterministic for a seed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "splitmix.h"

/* A number in [lo, hi]. */
static int pick(int lo, int hi)
{
	return lo + (int)(next() % (uint64_t)(hi - lo + 1));
}

static int chance(int percent)
{
	return pick(1, 100) <= percent;
}

enum { MAXP = 12, MAXS = 16 };

static int nfac, nven, nnet, nsys;

static int nparties(void)
{
	return nfac + nven + nnet;
}

static void put_party(int i)
{
	if (i < nfac)
		printf("H%d", i);
	else if (i < nfac + nven)
		printf("V%d", i - nfac);
	else
		printf("N%d", i - nfac - nven);
}

/* Up to `most` distinct numbers below n, at least one, space-separated. */
static void put_distinct(int n, int most, void (*put)(int))
{
	int used[MAXS + MAXP] = { 0 };
	int k = pick(1, most < n ? most : n);
	for (int j = 0; j < k; j++) {
		int x = pick(0, n - 1);
		while (used[x])
			x = (x + 1) % n;
		used[x] = 1;
		if (j)
			putchar(' ');
		put(x);
	}
}

static void put_system(int i)
{
	printf("s%d", i);
}

static const char *const layers[] = { "saas", "paas", "iaas", "on-premise", "device", "terminal", "network" };
static const char *const datas[] = { "medical", "care", "phr", "none", "medical care", "phr medical" };
static const char *const ctypes[] = { "service", "operation", "maintenance", "development", "entrustment", "sale", "dispatch", "patch-only" };
static const char *const topics[] = { "demarcation", "risk-management", "subcontracting", "change-notification", "integration", "unknown-infrastructure", "lifecycle", "third-party-provision", "incident-response" };
static const char *const schemes[] = { "pmark", "isms", "jisq15001", "jisq27001", "ismap", "cs-gold", "soc2", "fedramp", "equivalent" };
static const char *const ftypes[] = { "hospital", "clinic", "dental-clinic", "pharmacy", "midwifery", "visiting-nursing", "care-provider" };
static const char *const bases[] = { "patient-instruction", "via-patient", "third-party-provision", "entrustment" };
static const char *const treatments[] = { "reduce", "avoid", "share", "accept" };

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void put_topic(int i)
{
	fputs(topics[i], stdout);
}

static void put_ctype(int i)
{
	fputs(ctypes[i], stdout);
}

static void certifications(void)
{
	int k = pick(0, 2);
	for (int j = 0; j < k; j++) {
		printf("<certification scheme=\"%s\"", schemes[pick(0, N(schemes) - 1)]);
		if (chance(60))
			printf(" valid-until=\"20%02d-0%d-1%d\"", pick(25, 28), pick(1, 9), pick(0, 9));
		printf("/>");
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_random SEED\n");
		return 2;
	}
	rng_state = strtoull(argv[1], NULL, 10);
	nfac = pick(1, 3);
	nven = pick(2, 7);
	nnet = pick(0, 2);
	nsys = pick(2, MAXS);
	int nc = pick(1, 12), ng = pick(0, 8), nf = pick(0, 4), nr = pick(0, 4);

	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<deployment xmlns=\"urn:medscope:deployment:1\" name=\"random %s\" as-of=\"2026-11-01\">\n",
	       argv[1]);
	for (int i = 0; i < nfac; i++)
		printf("<facility id=\"H%d\" name=\"facility %d\" type=\"%s\"/>\n", i, i,
		       ftypes[pick(0, N(ftypes) - 1)]);
	for (int i = 0; i < nven; i++) {
		printf("<vendor id=\"V%d\" name=\"vendor %d\">", i, i);
		certifications();
		printf("</vendor>\n");
	}
	for (int i = 0; i < nnet; i++) {
		printf("<network-operator id=\"N%d\" name=\"network %d\" manages-medical-info=\"%s\">", i, i,
		       chance(50) ? "true" : "false");
		certifications();
		printf("</network-operator>\n");
	}
	for (int i = 0; i < nsys; i++) {
		printf("<system id=\"s%d\" name=\"system %d\"", i, i);
		if (chance(90)) {
			printf(" provider=\"");
			put_party(chance(20) ? pick(0, nfac - 1) : pick(0, nparties() - 1));
			printf("\"");
		}
		printf(" layer=\"%s\" data=\"%s\"", layers[pick(0, N(layers) - 1)], datas[pick(0, N(datas) - 1)]);
		if (chance(30))
			printf(" location=\"%s\"", chance(50) ? "inside" : "outside");
		if (chance(30))
			printf(" data-region=\"%s\"", chance(50) ? "jp" : chance(50) ? "overseas" : "unknown");
		if (chance(20))
			printf(" external-storage=\"true\"");
		printf(">");
		/* runs-on only to smaller numbers: no cycle; each target once. */
		int used[MAXS] = { 0 };
		int k = i ? pick(0, 2) : 0;
		for (int j = 0; j < k; j++) {
			int t = pick(0, i - 1);
			if (used[t])
				continue;
			used[t] = 1;
			printf("<runs-on ref=\"s%d\"%s/>", t, chance(15) ? " known=\"false\"" : "");
		}
		int nconn = pick(0, 1);
		for (int j = 0; j < nconn; j++) {
			int t = pick(0, nsys - 1);
			if (t != i)
				printf("<connects-to ref=\"s%d\"%s/>", t, chance(30) ? " api=\"true\"" : "");
		}
		printf("</system>\n");
	}
	for (int i = 0; i < nc; i++) {
		int client = chance(60) ? pick(0, nfac - 1) : pick(0, nparties() - 1);
		int supplier = pick(nfac, nparties() - 1);
		if (supplier == client)
			supplier = pick(0, nfac - 1);
		printf("<contract id=\"k%d\" client=\"", i);
		put_party(client);
		printf("\" supplier=\"");
		put_party(supplier);
		printf("\" type=\"");
		put_distinct(N(ctypes), 3, put_ctype);
		printf("\" covers=\"");
		put_distinct(nsys, 4, put_system);
		printf("\"");
		if (chance(20)) {
			printf(" selected-by=\"");
			put_party(pick(0, nparties() - 1));
			printf("\"");
		}
		if (chance(50))
			printf(" date=\"2025-0%d-01\"", pick(1, 9));
		printf("/>\n");
	}
	for (int i = 0; i < ng; i++) {
		printf("<agreement id=\"g%d\" parties=\"", i);
		int a = pick(0, nparties() - 1), b = pick(0, nparties() - 1);
		if (a == b)
			b = (a + 1) % nparties();
		put_party(a);
		putchar(' ');
		put_party(b);
		if (chance(25)) {
			int c = pick(0, nparties() - 1);
			if (c != a && c != b) {
				putchar(' ');
				put_party(c);
			}
		}
		printf("\" topics=\"");
		put_distinct(N(topics), 5, put_topic);
		printf("\"");
		if (chance(30)) {
			printf(" covers=\"");
			put_distinct(nsys, 3, put_system);
			printf("\"");
		}
		if (chance(40))
			printf(" review-by=\"202%d-03-31\"", pick(5, 8));
		if (chance(60))
			printf(" document=\"doc-%d.pdf\"", i);
		else if (chance(30))
			printf(" documented=\"false\"");
		printf("/>\n");
	}
	for (int i = 0; i < nf; i++) {
		printf("<flow id=\"f%d\" from=\"", i);
		if (chance(50))
			put_party(pick(0, nfac - 1));
		else
			put_system(pick(0, nsys - 1));
		printf("\" to=\"");
		if (chance(50))
			put_party(pick(0, nparties() - 1));
		else
			put_system(pick(0, nsys - 1));
		printf("\" data=\"%s\" basis=\"%s\"/>\n", datas[pick(0, N(datas) - 1)], bases[pick(0, N(bases) - 1)]);
	}
	for (int i = 0; i < nr; i++) {
		printf("<risk id=\"r%d\" system=\"s%d\" owner=\"", i, pick(0, nsys - 1));
		put_party(pick(0, nparties() - 1));
		printf("\" treatment=\"%s\"", treatments[pick(0, N(treatments) - 1)]);
		if (chance(50)) {
			printf(" agreed-with=\"");
			put_party(pick(0, nfac - 1));
			printf("\"");
		}
		printf(">risk %d</risk>\n", i);
	}
	printf("</deployment>\n");
	return 0;
}
