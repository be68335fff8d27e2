/* The lesson's word tokenizer, exactly (wordcount.py on Python 3.11):
 * each of the 26 ASCII characters . , ; : ? $ @ ^ < > # % ` ! * - = ( ) [ ]
 * { } / " ' is a space; a word is a maximal run of characters that are not
 * white space in Python's sense (str.isspace); each word is lower-cased as
 * str.lower() does (full mappings, Final_Sigma).  A leading UTF-8 BOM is
 * dropped; bytes that are not UTF-8 are kept as they are. */
#ifndef TOK_H
#define TOK_H

#include <stddef.h>
#include <stdint.h>

#include "rd.h"

struct tok {
	struct rd *rd;
	unsigned char *buf;
	size_t pos, end;
	int eof, started;
	unsigned char *word, *low;	/* the word, raw and lower-cased */
	size_t wcap, lcap;
};

void tok_init(struct tok *t, struct rd *r);
/* tok_next: 1 and the next word in *w, *n (valid until the next call; 8
 * bytes past its end may be read, for word-at-a-time hashing),
 * 0 at the end, -1 after a read error (already reported). */
int tok_next(struct tok *t, const unsigned char **w, size_t *n);
void tok_free(struct tok *t);

/* tok_cplen: code points in a word (a byte that is not UTF-8 counts one). */
size_t tok_cplen(const unsigned char *w, size_t n);
/* tok_lower: lower-case the n bytes at s into out (room for 3 * n bytes:
 * no mapping grows a character more than that); returns the new length. */
size_t tok_lower(const unsigned char *s, size_t n, unsigned char *out);

#endif
