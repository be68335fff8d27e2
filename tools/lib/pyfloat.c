#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyfloat.h"

/* Digits of x to p significant places, correctly rounded (glibc's printf
 * is exact); returns the decimal exponent of the first digit. */
static int
digits(double x, int p, char *d)
{
	char tmp[64], *e;
	int i, n = 0;

	snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
	for (i = 0; tmp[i] && tmp[i] != 'e'; i++)
		if (tmp[i] >= '0' && tmp[i] <= '9')
			d[n++] = tmp[i];
	d[n] = '\0';
	e = strchr(tmp, 'e');
	return atoi(e + 1);
}

static double
value(const char *d, int exp)
{
	char tmp[64];

	snprintf(tmp, sizeof tmp, "%c.%se%d", d[0], d + 1, exp);
	return strtod(tmp, NULL);
}

/* step: d plus or minus one unit in its last place; returns the new
 * exponent, or NOSTEP when the result has fewer digits. */
enum { NOSTEP = 9999 };

static int
step(char *d, int exp, int up)
{
	int i = (int)strlen(d) - 1;

	if (up) {
		while (i >= 0 && d[i] == '9')
			d[i--] = '0';
		if (i < 0) {
			d[0] = '1';	/* 99 -> 100: 1.0 times ten more */
			return exp + 1;
		}
		d[i]++;
		return exp;
	}
	while (d[i] == '0')
		d[i--] = '9';
	d[i]--;
	return d[0] == '0' ? NOSTEP : exp;
}

/* shortest: the digits of x > 0 into d, and the decimal exponent of the
 * first, by printf and strtod: exact for any double, but slow. */
static int
shortest(double x, char *d)
{
	char alt[32];
	int p, exp, i, lopsided;

	/* The shortest p whose digits read back.  The correctly rounded p
	 * digits are the closest, but at a power of two the interval is
	 * lopsided and a neighbour may read back when they do not.  Whether
	 * some p digits read back is monotone in p, and most values need 16
	 * or 17, so the search runs down from 17. */
	frexp(x, &i);
	lopsided = ldexp(0.5, i) == x;	/* a power of two */
	exp = digits(x, 17, d);
	for (p = 16; p >= 1; p--) {
		char up[32];
		int e = digits(x, p, alt), ue;

		if (value(alt, e) != x) {
			if (!lopsided)
				break;
			strcpy(up, alt);
			if ((ue = step(up, e, 1)) != NOSTEP &&
			    value(up, ue) == x) {
				strcpy(alt, up);
				e = ue;
			} else if ((e = step(alt, e, 0)) == NOSTEP ||
			    value(alt, e) != x) {
				break;
			}
		}
		strcpy(d, alt);
		exp = e;
	}
	return exp;
}

#ifdef __SIZEOF_INT128__
/*
 * The same search in integers, for the doubles whose decimal exponent is
 * between -11 and 16 (every percentage of a table): what printf and strtod
 * do there, exactly and some fifty times faster.  x = m 2^q is scaled by
 * 10^k, k = 16 - E, so that X = x 10^k = m 5^k / 2^s has 17 digits before
 * its point; m 5^k needs at most 116 bits.  A p-digit decimal reads back as
 * x when it lies between the midpoints to x's neighbours, (4m - 2) 5^k and
 * (4m + 2) 5^k over 2^(s+2) at this scale ((4m - 1) 5^k below a power of
 * two), ends included when m is even: strtod rounds a tie to even.
 */
typedef unsigned __int128 u128;

struct scaled {
	uint64_t t;	/* floor(X): 17 digits */
	u128 frac;	/* X's fraction, over 2^s */
	int s, e, even, lopsided;
	u128 lo, hi;	/* the midpoints, over 2^(s+2) */
};

static const uint64_t pow10_[19] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000u, 100000000000u, 1000000000000u,
	10000000000000u, 100000000000000u, 1000000000000000u,
	10000000000000000u, 100000000000000000u, 1000000000000000000u,
};

/* scale: x into sc; 0 if x is outside the range done here. */
static int
scale(double x, struct scaled *sc)
{
	uint64_t bits, m, p5;
	int be, q, k, tries;

	memcpy(&bits, &x, sizeof bits);
	be = (int)(bits >> 52 & 0x7ff);
	if (be == 0 || be == 0x7ff)
		return 0;	/* subnormal, inf, nan */
	m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
	q = be - 1075;
	sc->e = (int)floor(log10(x));
	for (tries = 0; tries < 3; tries++) {
		u128 n;

		k = 16 - sc->e;
		sc->s = -(q + k);
		if (k < 0 || k > 27 || sc->s < 1 || sc->s > 125)
			return 0;
		for (p5 = 1; k > 0; k--)
			p5 *= 5;
		n = (u128)m * p5;
		sc->t = (uint64_t)(n >> sc->s);
		if (sc->t < pow10_[16]) {	/* log10 was a hair high */
			sc->e--;
			continue;
		}
		if (sc->t >= pow10_[17]) {
			sc->e++;
			continue;
		}
		sc->frac = n & (((u128)1 << sc->s) - 1);
		sc->even = !(m & 1);
		sc->lopsided = m == UINT64_C(1) << 52 && be > 1;
		sc->hi = (u128)(4 * m + 2) * p5;
		sc->lo = (u128)(4 * m - (sc->lopsided ? 1 : 2)) * p5;
		return 1;
	}
	return 0;
}

/* round_to: x correctly rounded to p digits (ties to even, as glibc's
 * printf) in *d; returns the exponent of the first digit. */
static int
round_to(const struct scaled *sc, int p, uint64_t *d)
{
	int up;

	if (p == 17) {
		u128 half = (u128)1 << (sc->s - 1);

		*d = sc->t;
		up = sc->frac > half || (sc->frac == half && (*d & 1));
	} else {
		uint64_t u = pow10_[17 - p], r = sc->t % u;

		*d = sc->t / u;
		up = r > u / 2 || (r == u / 2 && (sc->frac || (*d & 1)));
	}
	if (up && ++*d == pow10_[p]) {	/* 99 -> 100: one digit more */
		*d = pow10_[p - 1];
		return sc->e + 1;
	}
	return sc->e;
}

/* reads_back: the p digits d with first-digit exponent e read back as x. */
static int
reads_back(const struct scaled *sc, uint64_t d, int p, int e)
{
	uint64_t c = d * pow10_[17 - p + e - sc->e];	/* at X's scale */
	int t = sc->s + 2;
	u128 rest = ((u128)1 << t) - 1;
	u128 hq = sc->hi >> t, lq = sc->lo >> t;

	if (c > hq || (c == hq && !(sc->hi & rest) && !sc->even))
		return 0;
	return c > lq || (c == lq && !(sc->lo & rest) && sc->even);
}

/* fast_shortest: as shortest, when x is in the range done here; 0 if not. */
static int
fast_shortest(double x, char *out, int *exp)
{
	struct scaled sc;
	uint64_t best, d, up;
	int p, bp = 17, e, ue;

	if (!scale(x, &sc))
		return 0;
	*exp = round_to(&sc, 17, &best);
	for (p = 16; p >= 1; p--) {
		e = round_to(&sc, p, &d);
		if (!reads_back(&sc, d, p, e)) {
			if (!sc.lopsided)
				break;
			up = d + 1;
			ue = e;
			if (up == pow10_[p]) {
				up = pow10_[p - 1];
				ue++;
			}
			if (reads_back(&sc, up, p, ue)) {
				d = up;
				e = ue;
			} else if (d - 1 < pow10_[p - 1] ||
			    !reads_back(&sc, d - 1, p, e)) {
				break;
			} else {
				d--;
			}
		}
		best = d;
		bp = p;
		*exp = e;
	}
	for (p = bp; p > 0; p--, best /= 10)
		out[p - 1] = (char)('0' + best % 10);
	out[bp] = '\0';
	return 1;
}
#else
static int
fast_shortest(double x, char *out, int *exp)
{
	(void)x, (void)out, (void)exp;
	return 0;
}
#endif

size_t
pyfloat_repr(double x, char buf[PYFLOAT_MAX])
{
	char d[32];
	int exp, decpt, nd, i;
	size_t n = 0;

	if (x == 0) {
		strcpy(buf, signbit(x) ? "-0.0" : "0.0");
		return strlen(buf);
	}
	if (x < 0) {
		buf[n++] = '-';
		x = -x;
	}
	if (!fast_shortest(x, d, &exp))
		exp = shortest(x, d);
	nd = (int)strlen(d);
	while (nd > 1 && d[nd - 1] == '0')
		d[--nd] = '\0';
	decpt = exp + 1;
	if (decpt <= -4 || decpt > 16) {
		buf[n++] = d[0];
		if (nd > 1) {
			buf[n++] = '.';
			memcpy(buf + n, d + 1, (size_t)nd - 1);
			n += (size_t)nd - 1;
		}
		n += (size_t)sprintf(buf + n, "e%c%02d", exp < 0 ? '-' : '+',
		    exp < 0 ? -exp : exp);
	} else if (decpt <= 0) {
		buf[n++] = '0';
		buf[n++] = '.';
		for (i = decpt; i < 0; i++)
			buf[n++] = '0';
		memcpy(buf + n, d, (size_t)nd);
		n += (size_t)nd;
	} else if (decpt < nd) {
		memcpy(buf + n, d, (size_t)decpt);
		n += (size_t)decpt;
		buf[n++] = '.';
		memcpy(buf + n, d + decpt, (size_t)(nd - decpt));
		n += (size_t)(nd - decpt);
	} else {
		memcpy(buf + n, d, (size_t)nd);
		n += (size_t)nd;
		for (i = nd; i < decpt; i++)
			buf[n++] = '0';
		buf[n++] = '.';
		buf[n++] = '0';
	}
	buf[n] = '\0';
	return n;
}
