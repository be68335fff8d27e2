/* Fuzz the word tokenizer (tools/lib/tok.c, read through rd) against a
 * plain reference of DESIGN.md's rules, written for this harness: the 26
 * ASCII delimiters and Python's white space separate words, a leading BOM
 * is dropped, bytes that are not UTF-8 stay in words.  Every word must come
 * out as the reference cuts it, lower-cased by tok_lower.
 *
 * Input: byte 0 chooses the layout, the rest is the text.  Bit 0 set: the
 * text follows a filler of 128 KiB less (byte0 >> 2) bytes, so that words
 * and multi-byte characters straddle the tokenizer's refill of its 128 KiB
 * buffer; bit 1 picks the filler, spaces or the letter a (a word that runs
 * across the refill into the text). */
#include <string.h>

#include "fuzz.h"
#include "rd.h"
#include "tok.h"

enum { REFILL = 128 * 1024 };

/* The reference is not what is being fuzzed: no coverage feedback from it
 * (its comparisons over the 128 KiB filler would cost most of the time). */
#define REF __attribute__((no_sanitize("coverage")))

REF static int
is_space_cp(uint32_t c)
{
	return c == 0x85 || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Strict UTF-8: the length of the character at p, 0 if p[0] begins none. */
REF static size_t
ref_utf8(const uint8_t *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0)
		len = 2, c = p[0] & 0x1f, min = 0x80;
	else if ((p[0] & 0xf0) == 0xe0)
		len = 3, c = p[0] & 0x0f, min = 0x800;
	else if ((p[0] & 0xf8) == 0xf0)
		len = 4, c = p[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* The length of the separator at p, or 0. */
REF static size_t
ref_sep(const uint8_t *p, size_t n)
{
	static const char seps[] = " \t\n\v\f\r\x1c\x1d\x1e\x1f"
	    ".,;:?$@^<>#%`!*-=()[]{}/\"'";
	static unsigned char ascii[128], ready;
	uint32_t cp;
	size_t len;

	if (!ready) {	/* a table: the filler is 128 KiB long */
		for (len = 0; seps[len]; len++)
			ascii[(unsigned char)seps[len]] = 1;
		ready = 1;
	}
	if (p[0] < 0x80)
		return ascii[p[0]];
	len = ref_utf8(p, n, &cp);
	return len && is_space_cp(cp) ? len : 0;
}

/* The next word of text[*pos..n): its start and length; 0 at the end. */
REF static int
ref_next(const uint8_t *text, size_t n, size_t *pos, size_t *start,
    size_t *len)
{
	size_t i = *pos, s, k;
	uint32_t cp;

	while (i < n && (s = ref_sep(text + i, n - i)))
		i += s;
	if (i == n)
		return 0;
	*start = i;
	while (i < n && !ref_sep(text + i, n - i))
		i += (k = ref_utf8(text + i, n - i, &cp)) ? k : 1;
	*len = i - *start;
	*pos = i;
	return 1;
}

static void
show(const uint8_t *ref, size_t rn, const uint8_t *w, size_t wn)
{
	size_t i;

	fprintf(fuzz_err, "reference word (%zu bytes, raw):", rn);
	for (i = 0; i < rn && i < 64; i++)
		fprintf(fuzz_err, " %02x", ref[i]);
	fprintf(fuzz_err, "\ntokenizer word (%zu bytes):", wn);
	for (i = 0; i < wn && i < 64; i++)
		fprintf(fuzz_err, " %02x", w[i]);
	fputc('\n', fuzz_err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *text, *low;
	const unsigned char *w;
	size_t n = 0, fill = 0, pos = 0, start, len, wn, ln;
	struct rd r;
	struct tok t;
	int got;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		fill = REFILL - (data[0] >> 2);
	free(text);
	text = malloc(fill + size);
	memset(text, data[0] & 2 ? 'a' : ' ', fill);
	memcpy(text + fill, data + 1, size - 1);
	n = fill + size - 1;
	if (n >= 2 && text[0] == 0x1f && text[1] == 0x8b)
		return 0;	/* gzip: the rd harness's business */
	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	/* A whole text that is the start of a BOM (EF, EF BB) is dropped, as
	 * Python's utf-8-sig decoder drops it: no word. */
	if (n > 0 && n < 3 && memcmp(text, "\xef\xbb", n) == 0)
		pos = n;

	fuzz_check(rd_open(&r, fuzz_file(text, n)) == 0, "rd_open");
	tok_init(&t, &r);
	while ((got = tok_next(&t, &w, &wn)) > 0) {
		fuzz_check(ref_next(text, n, &pos, &start, &len),
		    "the tokenizer found a word the reference did not");
		free(low);
		low = malloc(3 * len + 8);
		ln = tok_lower(text + start, len, low);
		if (getenv("FUZZ_VERBOSE") && (ln != wn || memcmp(low, w, wn)))
			show(text + start, len, w, wn);
		fuzz_check(ln == wn && memcmp(low, w, wn) == 0,
		    "a word differs from the reference's, lower-cased");
		fuzz_check(tok_cplen(w, wn) >= 1, "a word has code points");
	}
	fuzz_check(got == 0, "no read error on a plain file");
	fuzz_check(!ref_next(text, n, &pos, &start, &len),
	    "the reference found a word the tokenizer did not");
	tok_free(&t);
	rd_close(&r);
	return 0;
}
