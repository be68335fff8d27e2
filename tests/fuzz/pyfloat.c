/* Fuzz pyfloat_repr (tools/lib/pyfloat.c) against what Python's repr
 * promises: the text reads back as the same double, in Python's layout,
 * with as few significant digits as can read back (no decimal with one
 * digit fewer, checked at the two that bracket x, reads back), and the
 * correctly rounded one of that length when it reads back.
 *
 * Input: byte 0 even: the next 8 bytes are the double's bits; odd: the rest
 * is text for strtod (so that 0.1, 1e16 and 5e-324 are near at hand). */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "pyfloat.h"

/* sig: the significant digits of a repr (no leading or trailing zeros)
 * into d, and the decimal exponent of the first. */
static int
sig(const char *s, char *d)
{
	char all[40];
	int n = 0, point = -1, f = 0, k = 0;
	const char *e = strchr(s, 'e');

	for (; *s && *s != 'e'; s++) {
		if (*s == '.')
			point = n;
		else if (*s >= '0' && *s <= '9' && n < 39)
			all[n++] = *s;
	}
	if (point < 0)
		point = n;
	while (f < n && all[f] == '0')
		f++;
	while (f + k < n) {
		d[k] = all[f + k];
		k++;
	}
	while (k > 0 && d[k - 1] == '0')
		k--;
	d[k] = '\0';
	return point - f - 1 + (e ? atoi(e + 1) : 0);
}

static double
val(const char *d, int exp)
{
	char t[64];

	snprintf(t, sizeof t, "0.%se%d", d, exp + 1);
	return strtod(t, NULL);
}

/* rounded: x correctly rounded to p digits (trailing zeros stripped). */
static int
rounded(double x, int p, char *d)
{
	char t[64];

	snprintf(t, sizeof t, "%.*e", p - 1, x);
	return sig(t, d);
}

/* neighbour: d (p digits, zero-padded) plus or minus one unit in its
 * last place; returns the exponent. */
static int
neighbour(const char *d, int exp, int p, int up, char *out)
{
	int i;

	snprintf(out, 40, "%-*s", p, d);
	for (i = 0; i < p; i++)
		if (out[i] == ' ')
			out[i] = '0';
	for (i = p - 1; i >= 0; i--) {
		if (up ? out[i] != '9' : out[i] != '0') {
			out[i] += up ? 1 : -1;
			break;
		}
		out[i] = up ? '0' : '9';
	}
	if (i < 0 && up) {
		memmove(out + 1, out, (size_t)p + 1);
		out[0] = '1';
		exp++;
	}
	while (out[0] == '0' && out[1]) {
		memmove(out, out + 1, strlen(out));
		exp--;
	}
	return exp;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[PYFLOAT_MAX], d[40], r[40], nb[40], t[64];
	double x, ax;
	size_t len;
	int exp, re, nd, ne;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		size_t n = size - 1 < 63 ? size - 1 : 63;

		memcpy(t, data + 1, n);
		t[n] = '\0';
		x = strtod(t, NULL);
	} else {
		if (size < 9)
			return 0;
		memcpy(&x, data + 1, sizeof x);
	}
	if (!isfinite(x))
		return 0;
	len = pyfloat_repr(x, buf);
	fuzz_check(len == strlen(buf) && len < PYFLOAT_MAX, "length");
	fuzz_check(strtod(buf, NULL) == x && !signbit(strtod(buf, NULL)) ==
	    !signbit(x), "the repr reads back as the same double");
	fuzz_check(strspn(buf, "-0123456789.e+") == len &&
	    (strchr(buf, '.') || strchr(buf, 'e')), "Python's characters");
	ax = fabs(x);
	fuzz_check(!strchr(buf, 'e') == (ax == 0 || (ax >= 1e-4 &&
	    strtod(buf, NULL) < 1e16 && strtod(buf, NULL) > -1e16)),
	    "an exponent exactly when x < 1e-4 or x >= 1e16");
	if (x == 0)
		return 0;
	exp = sig(buf, d);
	nd = (int)strlen(d);
	fuzz_check(nd >= 1 && nd <= 17, "at most 17 significant digits");
	/* Shortest: no decimal of nd - 1 digits reads back; it would have
	 * to be one of the two that bracket x at that length. */
	if (nd > 1) {
		re = rounded(ax, nd - 1, r);
		fuzz_check(val(r, re) != ax, "shortest (rounded)");
		ne = neighbour(r, re, nd - 1, val(r, re) < ax, nb);
		fuzz_check(val(nb, ne) != ax, "shortest (its neighbour)");
	}
	/* Closest: the correctly rounded nd digits, when they read back. */
	re = rounded(ax, nd, r);
	if (val(r, re) == ax)
		fuzz_check(re == exp && strcmp(r, d) == 0,
		    "the closest of the shortest");
	return 0;
}
