/* Fuzz the .dat reader (tools/lib/dat.c) shared by zipf, csvify, acf,
 * wc-plotdata and wc-count -M.
 *
 * Every line of the input goes to dat_parse: a row it accepts must be
 * "word count percent" exactly (a CR at the end aside), the word non-empty
 * and without a space, the count the decimal digits written (not 0), the
 * percent a finite number written as digits; a line it refuses gets a
 * one-line reason.  Then dat_next reads the whole input as a file and must
 * agree with dat_parse line by line ('#' lines are comments). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dat.h"
#include "fuzz.h"

static int
digits_value(const char *s, size_t n, uint64_t *v)
{
	size_t i;

	*v = 0;
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' ||
		    *v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return 0;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return 1;
}

/* check_line: dat_parse on one line; 1 if it is a good row. */
static int
check_line(const uint8_t *p, size_t n, struct dat_row *row)
{
	static char *line;
	const char *bad, *sp;
	size_t len = n, clen;
	uint64_t v;

	free(line);
	line = malloc(n + 1);
	memcpy(line, p, n);
	bad = dat_parse(line, n, row);
	if (bad) {
		fuzz_check(*bad && strlen(bad) < 160 && !strchr(bad, '\n'),
		    "a reason is one short line");
		return 0;
	}
	if (len && p[len - 1] == '\r')
		len--;
	fuzz_check(row->word == line && row->wlen > 0 &&
	    !memchr(row->word, ' ', row->wlen), "the word is the first field");
	sp = (const char *)p + row->wlen;
	fuzz_check(row->wlen < len && *sp == ' ', "a space after the word");
	clen = (size_t)((const char *)memchr(sp + 1, ' ', len - row->wlen - 1) -
	    (sp + 1));
	fuzz_check(digits_value(sp + 1, clen, &v) && v == row->count &&
	    v > 0, "the count is the digits written");
	fuzz_check(row->wlen + 1 + clen + 1 + row->plen == len &&
	    memcmp(row->pct, sp + 1 + clen + 1, row->plen) == 0 &&
	    row->pct[row->plen] == '\0', "the percent is the rest of the line");
	fuzz_check(row->plen > 0 && strspn(row->pct, "0123456789.eE+-") ==
	    row->plen && isfinite(strtod(row->pct, NULL)) &&
	    strtod(row->pct, NULL) >= 0,
	    "the percent is a finite number written in digits");
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dat_row want, got;
	struct rd r;
	const uint8_t *p = data, *end = data + size, *nl;
	int k = 1, good;

	fuzz_check(dat_open(&r, fuzz_file(data, size)) == 0, "dat_open");
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		while (dat_next(&r, &got) > 0)	/* gzip: anything but a crash */
			;
		rd_close(&r);
		return 0;
	}
	for (; p < end; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			nl = end;
		if (nl > p && p[0] == '#')
			continue;
		good = check_line(p, (size_t)(nl - p), &want);
		k = dat_next(&r, &got);
		if (!good) {
			fuzz_check(k < 0, "dat_next refuses the line dat_parse does");
			break;
		}
		fuzz_check(k == 1 && got.count == want.count &&
		    got.wlen == want.wlen && got.plen == want.plen &&
		    memcmp(got.pct, want.pct, got.plen) == 0 &&
		    memcmp(got.word, p, got.wlen) == 0,
		    "dat_next reads the row dat_parse does");
	}
	if (p >= end)
		fuzz_check(dat_next(&r, &got) == 0, "then the end");
	rd_close(&r);
	return 0;
}
