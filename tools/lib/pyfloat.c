#include <math.h>
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

size_t
pyfloat_repr(double x, char buf[PYFLOAT_MAX])
{
	char d[32], alt[32];
	int p, exp, decpt, nd, i, lopsided;
	size_t n = 0;

	if (x == 0) {
		strcpy(buf, signbit(x) ? "-0.0" : "0.0");
		return strlen(buf);
	}
	if (x < 0) {
		buf[n++] = '-';
		x = -x;
	}
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
