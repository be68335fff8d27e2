#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "usage.h"

int
num_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return NUM_INVALID;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return NUM_INVALID;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (max - d) / 10)
			return NUM_RANGE;
		v = v * 10 + d;
	}
	*out = v;
	return NUM_OK;
}

long long
num_arg(const char *s, long long min, long long max, const char *what)
{
	const char *p = s;
	long long val = 0;
	uint64_t v;
	int neg = 0, r;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	r = num_u64(p, strlen(p), (uint64_t)LLONG_MAX + 1, &v);
	if (r == NUM_INVALID)
		usage_error("%s \"%s\" is not a number", what, s);
	if (r == NUM_OK && neg)
		val = v == 0 ? 0 : -(long long)(v - 1) - 1;
	else if (r == NUM_OK && v <= LLONG_MAX)
		val = (long long)v;
	else
		r = NUM_RANGE;
	if (r == NUM_RANGE || val < min || val > max)
		usage_error("%s \"%s\" is out of range (%lld to %lld)", what, s,
		    min, max);
	return val;
}
