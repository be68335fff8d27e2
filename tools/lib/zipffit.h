/* The Zipf fit shared by zipf -f and wc-plotdata -z, so that the chart's
 * legend and the table can never disagree. */
#ifndef ZIPFFIT_H
#define ZIPFFIT_H

#include <stddef.h>
#include <stdint.h>

struct zipffit {
	double s;		/* the exponent: log(count) = c - s log(rank) */
	double c;
	double r2;		/* clamped to 1; meaningful when has_r2 */
	int has_r2;		/* 0 when every count is equal */
};

/* zipf_fit: least squares of log(count) on log(rank) over ranks 1..n of
 * the counts c; 0, or -1 when n < 2 leaves it undefined. */
int zipf_fit(const uint64_t *c, size_t n, struct zipffit *z);

#endif
