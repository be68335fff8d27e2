/* Number parsing: strict decimal, overflow checked, strtonum-style. */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>
#include <stdint.h>

enum { NUM_OK = 0, NUM_INVALID = -1, NUM_RANGE = -2 };

/* num_u64: the n bytes at s are decimal digits whose value fits in max. */
int num_u64(const char *s, size_t n, uint64_t max, uint64_t *out);

/* num_arg: an option's integer in [min, max]; bad usage (exit 2) otherwise,
 * with a message naming what, then the usage text (usage.h). */
long long num_arg(const char *s, long long min, long long max,
    const char *what);

#endif
