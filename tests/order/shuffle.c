/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Rewrites a deployment model with the element children of every element
 * in a random order (model.md: "Order of children is free"), for the
 * order-independence test (order_independence.sh).
 *
 *   shuffle SEED IN.xml OUT.xml
 *
 * Only element nodes move; they trade places among the slots elements
 * held, so text, whitespace and comments stay where they were. The
 * result means the same model, so every report of it must be the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../gen/splitmix.h"

static int shuffle_children(xmlNodePtr parent)
{
	size_t n = 0;
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n++;
	if (n == 0)
		return 0;
	xmlNodePtr *elems = malloc(n * sizeof(*elems));
	xmlNodePtr *slots = malloc(n * sizeof(*slots));
	if (!elems || !slots) {
		free(elems);
		free(slots);
		return -1;
	}
	size_t i = 0;
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			elems[i++] = c;
	for (i = n; i > 1; i--) {
		size_t j = (size_t)(next() % i);
		xmlNodePtr t = elems[i - 1];
		elems[i - 1] = elems[j];
		elems[j] = t;
	}
	/* A placeholder in each element's slot, then the elements back in
	 * their new order: no node is ever freed or copied. */
	i = 0;
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			slots[i] = xmlNewComment(BAD_CAST "slot");
			xmlAddPrevSibling(c, slots[i]);
			i++;
		}
	for (i = 0; i < n; i++) {
		xmlUnlinkNode(elems[i]);
		xmlAddNextSibling(slots[i], elems[i]);
		xmlUnlinkNode(slots[i]);
		xmlFreeNode(slots[i]);
	}
	free(elems);
	free(slots);
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && shuffle_children(c) != 0)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: shuffle SEED IN.xml OUT.xml\n");
		return 2;
	}
	rng_state = strtoull(argv[1], NULL, 10);
	xmlDocPtr doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "shuffle: cannot read %s\n", argv[2]);
		return 2;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rc = root ? shuffle_children(root) : -1;
	if (rc == 0 && xmlSaveFileEnc(argv[3], doc, "UTF-8") < 0)
		rc = -1;
	xmlFreeDoc(doc);
	if (rc != 0) {
		fprintf(stderr, "shuffle: cannot write %s\n", argv[3]);
		return 2;
	}
	return 0;
}
