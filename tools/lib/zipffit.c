#include <math.h>

#include "zipffit.h"

int
zipf_fit(const uint64_t *c, size_t n, struct zipffit *z)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, mx, my, slope;
	size_t i;

	if (n < 2)
		return -1;
	for (i = 0; i < n; i++) {
		sx += log((double)(i + 1));
		sy += log((double)c[i]);
	}
	mx = sx / (double)n;
	my = sy / (double)n;
	for (i = 0; i < n; i++) {	/* centred sums: no cancellation */
		double x = log((double)(i + 1)) - mx;
		double y = log((double)c[i]) - my;

		sxx += x * x;
		sxy += x * y;
		syy += y * y;
	}
	slope = sxy / sxx;
	z->s = 0.0 - slope;
	z->c = my - slope * mx;
	z->has_r2 = syy > 0;
	z->r2 = z->has_r2 ? sxy * sxy / (sxx * syy) : 0;
	if (z->r2 > 1)
		z->r2 = 1;	/* rounding can pass 1 */
	return 0;
}
