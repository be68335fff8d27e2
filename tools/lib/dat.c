#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dat.h"
#include "err.h"
#include "num.h"

int
dat_open(struct rd *r, const char *path)
{
	return rd_open(r, path);
}

/* A float as Python writes one: digits, an optional fraction, an optional
 * exponent; no sign, no inf or nan. */
static int
is_decimal(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (!digits)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e;

		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (e = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == e)
			return 0;
	}
	return i == n;
}

/* Whether a decimal (is_decimal's) is beyond a double's range.  Nothing
 * reads the percent as a number, so it is not converted: the decade of its
 * first significant digit tells, and strtod only decides the one decade
 * where DBL_MAX (1.8e308) lies.  Too small a number is 0, not an error. */
static int
overflows(const char *s, size_t n)
{
	long lead = 0, e = 0;
	size_t i = 0;
	int seen = 0, neg = 0;

	while (i < n && s[i] == '0')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		lead += seen++ > 0;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (!seen)
				lead--;
			seen |= s[i] != '0';
		}
	if (!seen)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			neg = s[i++] == '-';
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (e < 100000)	/* far past either end: no overflow */
				e = e * 10 + (s[i] - '0');
	}
	lead += neg ? -e : e;
	if (lead != DBL_MAX_10_EXP)
		return lead > DBL_MAX_10_EXP;
	return !isfinite(strtod(s, NULL));
}

const char *
dat_parse(char *line, size_t len, struct dat_row *row)
{
	static char msg[160];
	char *sp1, *sp2, *cnt;
	size_t clen;

	if (len && line[len - 1] == '\r')	/* a table saved with CRLF */
		len--;
	line[len] = '\0';
	if (len == 0)
		return "empty line";
	if (!(sp1 = memchr(line, ' ', len)))
		return "expected \"word count percent\"";
	if (sp1 == line)
		return "empty word";
	cnt = sp1 + 1;
	sp2 = memchr(cnt, ' ', (size_t)(line + len - cnt));
	if (!sp2)
		return "expected \"word count percent\"";
	if (memchr(sp2 + 1, ' ', (size_t)(line + len - sp2 - 1)))
		return "more than three fields";
	clen = (size_t)(sp2 - cnt);
	row->word = line;
	row->wlen = (size_t)(sp1 - line);
	row->pct = sp2 + 1;
	row->plen = (size_t)(line + len - row->pct);
	switch (num_u64(cnt, clen, UINT64_MAX, &row->count)) {
	case NUM_OK:
		break;
	case NUM_RANGE:
		snprintf(msg, sizeof msg, "count \"%.*s\" is too large",
		    (int)(clen > 40 ? 40 : clen), cnt);
		return msg;
	default:
		snprintf(msg, sizeof msg, "count \"%.*s%s\" is %s",
		    (int)(clen > 40 ? 40 : clen), cnt, clen > 40 ? "..." : "",
		    clen > 1 && cnt[0] == '-' ? "negative" : "not a number");
		return msg;
	}
	if (row->count == 0)
		return "count is 0";
	if (!is_decimal(row->pct, row->plen)) {
		snprintf(msg, sizeof msg, "percent \"%.*s%s\" is not a number",
		    (int)(row->plen > 40 ? 40 : row->plen), row->pct,
		    row->plen > 40 ? "..." : "");
		return msg;
	}
	if (overflows(row->pct, row->plen))
		return "percent is out of range";
	return NULL;
}

int
dat_next_any(struct rd *r, struct dat_row *row)
{
	const char *bad;
	char *line;
	size_t len;
	int got;

	if ((got = rd_line(r, &line, &len)) <= 0)
		return got;
	row->lineno = r->lineno;
	if (len && line[0] == '#') {
		if (line[len - 1] == '\r')	/* as dat_parse, for CRLF */
			len--;
		line[len] = '\0';
		row->word = line;
		row->wlen = len;
		return DAT_COMMENT;
	}
	if ((bad = dat_parse(line, len, row))) {
		warnx_("%s:%llu: %s", r->path, (unsigned long long)r->lineno,
		    bad);
		return -1;
	}
	return 1;
}

int
dat_next(struct rd *r, struct dat_row *row)
{
	int got;

	while ((got = dat_next_any(r, row)) == DAT_COMMENT)
		;
	return got;
}
