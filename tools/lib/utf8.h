/* UTF-8 and the Unicode of the lesson's rules: Python's white space and
 * str.lower(), for the tokenizer (tok.c) and for words given on a command
 * line (acf -w). */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/* utf8_decode: strict, as Python's decoder: the code point at p (n bytes
 * there) and its length, or 0 for a byte that begins no valid sequence. */
size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
/* utf8_encode: cp into out (up to 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, unsigned char *out);
/* utf8_space: the length of the non-ASCII white space at p (U+0085,
 * U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000), 0 if there is none, -1 if more than avail bytes are needed to
 * tell (never at eof). */
int utf8_space(const unsigned char *p, size_t avail, int eof);
/* utf8_lower: the n bytes at s lower-cased as str.lower() into out (room
 * for 3 * n bytes: no mapping grows a character more); the new length. */
size_t utf8_lower(const unsigned char *s, size_t n, unsigned char *out);
/* utf8_cplen: code points in the n bytes at w (a byte that is not UTF-8
 * counts one). */
size_t utf8_cplen(const unsigned char *w, size_t n);

#endif
