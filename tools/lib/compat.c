/* The one file that may use more than POSIX: it asks each system for all
 * it has (built with _GNU_SOURCE; a _POSIX_C_SOURCE from the command line
 * would hide arc4random_buf on macOS and the BSDs). */
#undef _POSIX_C_SOURCE
#undef _XOPEN_SOURCE
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1		/* glibc, musl */
#endif
#define _DARWIN_C_SOURCE 1	/* macOS */
#define _NETBSD_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"

#if !defined(WC_PORTABLE) && defined(__linux__) && defined(__has_include)
#if __has_include(<sys/auxv.h>)
#include <sys/auxv.h>
#ifdef AT_RANDOM
#define HAVE_AT_RANDOM 1
#endif
#endif
#endif

#if !defined(WC_PORTABLE) && (defined(__APPLE__) || \
    defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__) || \
    defined(__DragonFly__))
#define HAVE_ARC4RANDOM 1
#endif

/* glibc's own record of the CPU costs nothing to ask.  Elsewhere (musl,
 * PORTABLE=1) CPUID is asked once, when a tool first wants to know: not
 * libgcc's __builtin_cpu_supports, whose constructor runs CPUID at every
 * start, which a VM traps. */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__has_include)
#if !defined(WC_PORTABLE) && __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
#define HAVE_GLIBC_X86 1
#elif __has_include(<cpuid.h>)
#include <cpuid.h>
#define HAVE_CPUID 1
#endif
#endif

/* urandom: n bytes from /dev/urandom; -1 if it cannot give them. */
static int
urandom(unsigned char *p, size_t n)
{
	ssize_t got;
	int fd;

	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while (n > 0) {
		if ((got = read(fd, p, n)) <= 0) {
			if (got < 0 && errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += got;
		n -= (size_t)got;
	}
	close(fd);
	return 0;
}

void
compat_random(void *buf, size_t n)
{
	unsigned char *p = buf;
#if HAVE_AT_RANDOM
	const void *r = (const void *)getauxval(AT_RANDOM);

	if (r && n <= 16) {	/* the kernel put 16 random bytes there */
		memcpy(p, r, n);
		return;
	}
#elif HAVE_ARC4RANDOM
	arc4random_buf(p, n);
	return;
#endif
	if (urandom(p, n) < 0) {
		/* A chroot without /dev: varied enough for a hash seed. */
		struct timespec ts;
		uint64_t v;
		size_t i;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15u ^
		    (uint64_t)ts.tv_sec ^ (uint64_t)getpid() << 32;
		for (i = 0; i < n; i++, v = v * 0xbf58476d1ce4e5b9u + 1)
			p[i] = (unsigned char)(v >> 56);
	}
}

#if HAVE_GLIBC_X86
/* CPU_FEATURE_ACTIVE, with the bit shifted as unsigned: glibc 2.36's
 * header shifts an int 1 by up to 31 places (AVX512VL is bit 31), which is
 * undefined and which UBSan reports. */
static int
cpu_active(unsigned int index)
{
	const struct cpuid_feature *f = __x86_get_cpuid_feature_leaf(index /
	    (8 * sizeof(unsigned int) * 4));
	unsigned int reg = index & (8 * sizeof(unsigned int) * 4 - 1);
	unsigned int bit = reg & (8 * sizeof(unsigned int) - 1);

	reg /= 8 * sizeof(unsigned int);
	return (f->active_array[reg] & (1u << bit)) != 0;
}
#endif

#if HAVE_CPUID
/* Whether leaf 7's EBX has every bit of ebx7 and the OS saves every state
 * of xcr0 (XGETBV): both read on the first call only. */
static int
cpuid_has(unsigned int ebx7, unsigned long long xcr0)
{
	static int done;
	static unsigned int b7;
	static unsigned long long x0;
	unsigned int a, b, c, d, lo, hi;

	if (!done) {
		done = 1;
		if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_OSXSAVE)) {
			__asm__ volatile ("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
			x0 = (unsigned long long)hi << 32 | lo;
			if (__get_cpuid_count(7, 0, &a, &b, &c, &d))
				b7 = b;
		}
	}
	return (b7 & ebx7) == ebx7 && (x0 & xcr0) == xcr0;
}
#endif

int
compat_cpu_avx2(void)
{
	const char *off = getenv("WC_NO_SIMD");

	if (off && *off && strcmp(off, "0") != 0)
		return 0;
#if HAVE_GLIBC_X86
	return cpu_active(x86_cpu_AVX2);
#elif HAVE_CPUID
	return cpuid_has(1u << 5, 0x6);		/* AVX2; SSE and AVX state */
#else
	return 0;
#endif
}

int
compat_cpu_avx512(void)
{
#if HAVE_GLIBC_X86
	return cpu_active(x86_cpu_AVX512F) && cpu_active(x86_cpu_AVX512DQ) &&
	    cpu_active(x86_cpu_AVX512VL);
#elif HAVE_CPUID
	/* F, DQ, VL; and the opmask and ZMM states too */
	return cpuid_has(1u << 16 | 1u << 17 | 1u << 31, 0xe6);
#else
	return 0;
#endif
}

char *
compat_realpath(const char *path)
{
	return realpath(path, NULL);
}
