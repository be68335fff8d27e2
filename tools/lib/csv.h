/* CSV output shared by csvify, zipf and acf. */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>
#include <stdio.h>

/* csv_field: the n bytes at s as one field, quoted as RFC 4180 says when
 * they hold a comma, a double quote, CR or LF. */
void csv_field(FILE *f, const void *s, size_t n);

#endif
