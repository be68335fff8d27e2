/* Python's repr() of a float: the shortest digits that read back as the same
 * double, closest to it when several are as short, in Python's layout
 * (100.0, 0.057316444087808796, 1e-05, 1.5e+16). */
#ifndef PYFLOAT_H
#define PYFLOAT_H

#include <stddef.h>

enum { PYFLOAT_MAX = 32 };

/* pyfloat_repr: writes a NUL-terminated repr of a finite x into buf;
 * returns its length. */
size_t pyfloat_repr(double x, char buf[PYFLOAT_MAX]);

#endif
