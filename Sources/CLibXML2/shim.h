#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its encoding header would pull the system ICU headers,
   which clash with Foundation's bundled ICU module in debug builds. We never touch the ICU
   members of xmlCharEncodingHandler, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
