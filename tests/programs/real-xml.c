/* real-xml: XML parsers from the system's static libraries: expat's
 * streaming parser with handlers, and libxml2 building a tree, running
 * XPath queries (its own number parsing and formatting), and writing
 * it back out re-encoded in ISO-8859-1. Entities, character references,
 * CDATA and UTF-8 throughout.
 *@libs -I/usr/include/libxml2 -lxml2 -lexpat -lz -llzma -licuuc -licudata -lm -lstdc++ -ldl -lpthread
 */
#include <stdio.h>
#include <string.h>
#include <expat.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
static int depth, maxdepth, elements; static unsigned long chars;
static void XMLCALL start(void *u, const XML_Char *name, const XML_Char **atts) { (void)u; (void)name; elements++; if (++depth > maxdepth) maxdepth = depth; for (; *atts; atts += 2) chars += strlen(atts[1]); }
static void XMLCALL end(void *u, const XML_Char *name) { (void)u; (void)name; depth--; }
static void XMLCALL text(void *u, const XML_Char *s, int len) { (void)u; (void)s; chars += (unsigned long)len; }
int main(void) {
  static char doc[200000]; size_t n = 0;
  n += (size_t)sprintf(doc + n, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<library name=\"blink &amp; co\">\n");
  unsigned x = 99;
  for (int i = 0; i < 400; i++) {
    x = x * 1103515245u + 12345u;
    n += (size_t)sprintf(doc + n, "  <book id=\"b%d\" year=\"%u\" price=\"%u.%02u\"><title>Volume %d &#x00e9;t&#233; \xc3\xa0 %u</title><tags>", i, 1900 + (x >> 8) % 120, (x >> 4) % 100, x % 100, i, x % 1000);
    for (int k = 0; k < (int)(x % 4); k++) n += (size_t)sprintf(doc + n, "<tag n=\"%d\">t%u</tag>", k, (x >> k) % 7);
    n += (size_t)sprintf(doc + n, "</tags><![CDATA[ <raw> & %d ]]></book>\n", i);
  }
  n += (size_t)sprintf(doc + n, "</library>\n");
  XML_Parser p = XML_ParserCreate(NULL); XML_SetElementHandler(p, start, end); XML_SetCharacterDataHandler(p, text);
  int ok = XML_Parse(p, doc, (int)n, 1) == XML_STATUS_OK;
  printf("expat %s: %d elements, depth %d, %lu chars\n", ok ? "ok" : XML_ErrorString(XML_GetErrorCode(p)), elements, maxdepth, chars); XML_ParserFree(p);
  xmlDocPtr d = xmlReadMemory(doc, (int)n, "mem.xml", NULL, 0);
  xmlXPathContextPtr c = xmlXPathNewContext(d);
  const char *exprs[] = {"count(//book)", "sum(//book/@price)", "count(//tag[@n='2'])", "string(//book[@id='b123']/title)", "sum(//book[@year > 1990]/@price) div count(//book[@year > 1990])", "count(//book[tags/tag = 't3'])", "string-length(normalize-space(/library))"};
  for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++) {
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)exprs[i], c);
    xmlChar *s = xmlXPathCastToString(r); printf("%s = %s\n", exprs[i], s); xmlFree(s); xmlXPathFreeObject(r);
  }
  xmlChar *out; int len; xmlDocDumpFormatMemoryEnc(d, &out, &len, "ISO-8859-1", 1);
  unsigned long h = 5381; for (int i = 0; i < len; i++) h = h * 33 ^ out[i]; printf("serialized %d bytes, hash %08lx\n", len, h & 0xffffffff);
  xmlFree(out); xmlXPathFreeContext(c); xmlFreeDoc(d); xmlCleanupParser();
  return 0;
}
