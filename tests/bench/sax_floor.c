/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sax_floor.c - the floor of tests/bench/national.sh: a libxml2 SAX2 push
 * parse of one file with every callback empty, 256 KiB chunks, the way
 * medscope's loader feeds the parser. Exit 1 when the parse fails.
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs)
{
    (void)ctx, (void)local, (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr,
        (void)ndef, (void)attrs;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)ctx, (void)local, (void)prefix, (void)uri;
}

static void on_chars(void *ctx, const xmlChar *s, int n)
{
    (void)ctx, (void)s, (void)n;
}

int main(int argc, char **argv)
{
    static char buf[256 * 1024];
    xmlSAXHandler h;
    xmlParserCtxtPtr ctx;
    FILE *f;
    size_t n;
    int ok;

    if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
        fprintf(stderr, "usage: sax_floor FILE\n");
        return 2;
    }
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_chars;
    ctx = xmlCreatePushParserCtxt(&h, NULL, NULL, 0, argv[1]);
    if (!ctx)
        return 2;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (xmlParseChunk(ctx, buf, (int)n, 0) != 0)
            break;
    xmlParseChunk(ctx, NULL, 0, 1);
    ok = ctx->wellFormed;
    xmlFreeParserCtxt(ctx);
    fclose(f);
    return ok ? 0 : 1;
}
