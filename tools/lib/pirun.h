/* The pi run, as pi-worker throws it and pi-sum checks it: the darts limit
 * and the slice rule. */
#ifndef PIRUN_H
#define PIRUN_H

#include <stdint.h>

/* Darts, ranks and sizes: 1 .. 2^63-1 (a sum of slices never wraps). */
#define PI_MAXDARTS	UINT64_C(0x7fffffffffffffff)

/* pi_slice: the darts rank throws when darts are cut into size contiguous
 * slices, the first darts % size of them one dart longer; the index of its
 * first dart in *first (when first is not NULL). */
uint64_t pi_slice(uint64_t darts, uint64_t size, uint64_t rank,
    uint64_t *first);

#endif
