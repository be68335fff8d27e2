/* CSV shared by csvify, zipf, acf (output) and wc-report (input). */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rd.h"

/* csv_field: the n bytes at s as one field, quoted as RFC 4180 says when
 * they hold a comma, a double quote, CR or LF. */
void csv_field(FILE *f, const void *s, size_t n);

/* A record read by csv_row: n fields, each NUL-terminated (a field may
 * also hold NUL bytes: len says how long it is).  Quoted fields may hold
 * commas, doubled quotes and line breaks, as RFC 4180 has them; a CR
 * before a line's end is dropped, one elsewhere outside quotes is an
 * error (as a stray quote is). */
struct csv_rec {
	char **f;
	size_t *len;
	size_t n;
	uint64_t lineno;	/* the line the record starts on */
	/* private */
	char *buf;
	size_t *off, cap, bcap;
};

/* csv_row: 1 for a record, 0 at the end, -1 after a message
 * "prog: path:line: what".  An empty line is a record of one empty
 * field. */
int csv_row(struct rd *r, struct csv_rec *rec);
void csv_rec_free(struct csv_rec *rec);

#endif
