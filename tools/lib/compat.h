/* What POSIX does not give, in one place: each call behind a feature test,
 * with a portable fallback.  Every other file compiles with plain
 * -std=c11 -D_POSIX_C_SOURCE=200809L; WC_PORTABLE forces the fallbacks
 * (make PORTABLE=1 builds and tests them). */
#ifndef COMPAT_H
#define COMPAT_H

#include <stddef.h>

/* compat_random: n (at most 16) unpredictable bytes, for a hash seed, not
 * for keys: the kernel's AT_RANDOM (Linux), arc4random_buf (macOS, BSDs),
 * else /dev/urandom, else the time and pid.  Never fails. */
void compat_random(void *buf, size_t n);
/* compat_cpu_avx2, compat_cpu_avx512: the CPU runs AVX2 / AVX-512 F, DQ
 * and VL (and the OS saves their registers); 0 where unknown.
 * compat_cpu_avx2 is also 0 when the environment's WC_NO_SIMD is set
 * (anything but empty or 0): the tools' AVX2 loops then give way to the
 * plain C that gives the same bytes, for the tests. */
int compat_cpu_avx2(void);
int compat_cpu_avx512(void);
/* compat_realpath: the canonical path, malloc'd (POSIX's realpath with
 * NULL, an XSI extension); NULL with errno set. */
char *compat_realpath(const char *path);

#endif
