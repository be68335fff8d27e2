/* The lesson's word tokenizer, exactly (wordcount.py on Python 3.11):
 * each of the 26 ASCII characters . , ; : ? $ @ ^ < > # % ` ! * - = ( ) [ ]
 * { } / " ' is a space; a word is a maximal run of characters that are not
 * white space in Python's sense (str.isspace); each word is lower-cased as
 * str.lower() does (full mappings, Final_Sigma).  A leading UTF-8 BOM is
 * dropped (kept in the first word with keep_bom, as a file opened without
 * utf-8-sig has it); bytes that are not UTF-8 are kept as they are. */
#ifndef TOK_H
#define TOK_H

#include <stddef.h>
#include <stdint.h>

#include "rd.h"
#include "utf8.h"

/* A word: n bytes at p, and 8 more readable past them (for
 * word-at-a-time hashing). */
struct tok_word {
	const unsigned char *p;
	size_t n;
};

/* Private to tok.c but for keep_bom. */
struct tok {
	struct rd *rd;
	void *mem;		/* the one allocation behind v, masks, buf */
	unsigned char *buf;	/* the bytes read, ASCII lower-cased */
	uint64_t *sep, *stop;	/* a bit a byte of buf: ASCII separator;
				 * separator or non-ASCII (an ASCII word's end) */
	size_t pos, end;	/* next byte to look at; bytes in buf */
	int eof, started;
	int keep_bom;		/* set after tok_init: a leading BOM is part
				 * of the first word, as in a file opened
				 * without utf-8-sig */
	struct tok_word *v;	/* the batch tok_words hands out */
	size_t vn, vi;		/* its length; tok_next's place in it */
	unsigned char *word, *low;	/* the slow path's word, raw and
					 * lower-cased */
	size_t wcap, lcap;
};

void tok_init(struct tok *t, struct rd *r);
/* tok_words: 1 and the next words, in text order, in (*v)[0 .. *n - 1]
 * (valid until the next call), 0 at the end, -1 after a read error
 * (already reported).  The fast way through a text: no call per word. */
int tok_words(struct tok *t, const struct tok_word **v, size_t *n);
/* tok_next: 1 and the next word in *w, *n (valid until the next call),
 * 0 at the end, -1 after a read error.  Do not mix with tok_words. */
int tok_next(struct tok *t, const unsigned char **w, size_t *n);
void tok_free(struct tok *t);

/* The words' Unicode, under the names its callers know (utf8.h). */
static inline size_t
tok_cplen(const unsigned char *w, size_t n)
{
	return utf8_cplen(w, n);
}

static inline size_t
tok_lower(const unsigned char *s, size_t n, unsigned char *out)
{
	return utf8_lower(s, n, out);
}

#endif
