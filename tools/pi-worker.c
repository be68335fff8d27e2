/*
 * pi-worker: throw one worker's share of a Monte Carlo estimate of pi.
 *
 * Reads nothing but its arguments and, for its rank and size, the launcher's
 * environment (fanout, Open MPI, MPICH's Hydra, Slurm).  Writes one line,
 * with a single write(2) well under PIPE_BUF, so that many workers can share
 * one pipe to pi-sum:
 *
 *	pi-worker 1 seed=S darts=D rank=R size=N thrown=T inside=I
 *
 * Dart i (0 <= i < D) is the (i+1)-th output of Vigna's splitmix64 seeded
 * with S: counter-based, so the run's total inside count is the same for any
 * size and any placement of the workers.  Slices are contiguous.
 *
 * Exit status: 0 done, 1 error (bad environment, write failed), 2 bad usage.
 * Limits: darts 1..2^63-1, seed 0..2^64-1, size 1..2^63-1.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat.h"
#include "err.h"
#include "launch.h"
#include "num.h"
#include "pirun.h"
#include "usage.h"

#define GOLDEN	UINT64_C(0x9e3779b97f4a7c15)	/* splitmix64's increment */

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX512_KERNEL 1
#else
#define HAVE_AVX512_KERNEL 0
#endif

/* mix: splitmix64's output for a state, its finaliser (Stafford's Mix13). */
static inline __attribute__((always_inline)) uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/*
 * The hit test in integers, so that every instruction set counts the same
 * darts: the dart's 64-bit value z gives x = z >> 32 and y = z & (2^32-1),
 * the dart sits at the cell centre ((x+1/2)/2^32, (y+1/2)/2^32), and
 * (x+1/2)^2 + (y+1/2)^2 <= 2^64 is x^2+x + y^2+y < 2^64: no carry out of
 * the 64-bit sum.  Cell centres leave no bias along the axes.
 */
static inline __attribute__((always_inline)) uint64_t
count_inside(uint64_t state, uint64_t n)
{
	uint64_t i, in = 0;

	for (i = 0; i < n; i++) {
		uint64_t z = mix(state + i * GOLDEN), x, y, a, b;

		x = z >> 32;
		y = z & UINT64_C(0xffffffff);
		a = x * x + x;
		b = y * y + y;
		in += a + b >= a;
	}
	return in;
}

static uint64_t
throw_generic(uint64_t state, uint64_t n)
{
	return count_inside(state, n);
}

#if HAVE_AVX512_KERNEL
/* The same loop compiled for AVX-512: 64-bit multiplies in 8-lane vectors
 * (AVX2 has none, and emulating them is slower than scalar code). */
__attribute__((target("avx512f,avx512dq,avx512vl"))) static uint64_t
throw_avx512(uint64_t state, uint64_t n)
{
	return count_inside(state, n);
}
#endif

struct kernel {
	const char *name;
	uint64_t (*fn)(uint64_t, uint64_t);
};

/* pick_kernel: the fastest the CPU runs, or the one PI_ISA names. */
static struct kernel
pick_kernel(void)
{
	struct kernel generic = { "generic", throw_generic };
	const char *isa = getenv("PI_ISA");
#if HAVE_AVX512_KERNEL
	struct kernel avx512 = { "avx512", throw_avx512 };
	int fast = compat_cpu_avx512();
#endif

	if (isa == NULL || *isa == '\0' || strcmp(isa, "auto") == 0) {
#if HAVE_AVX512_KERNEL
		if (fast)
			return avx512;
#endif
		return generic;
	}
	if (strcmp(isa, "generic") == 0)
		return generic;
	if (strcmp(isa, "avx512") == 0) {
#if HAVE_AVX512_KERNEL
		if (fast)
			return avx512;
		die("PI_ISA=avx512: this CPU has no AVX-512 (F, DQ, VL)");
#else
		die("PI_ISA=avx512: not built for this architecture");
#endif
	}
	die("PI_ISA \"%s\" is not one of auto, generic, avx512", isa);
}

/* scale: v * base^exp, or NUM_RANGE past max. */
static int
scale(uint64_t v, uint64_t base, uint64_t exp, uint64_t max, uint64_t *out)
{
	if (v == 0 || base == 1 || exp == 0) {
		*out = exp == 0 || base == 1 ? v : 0;
		return NUM_OK;
	}
	if (base == 0) {
		*out = 0;
		return NUM_OK;
	}
	for (; exp > 0; exp--) {
		if (v > max / base)
			return NUM_RANGE;
		v *= base;
	}
	*out = v;
	return NUM_OK;
}

/*
 * parse_count: "10000000", "1e7", "1e+7", "2.5e9" or "10^7", exact and at
 * most max.  The value must be whole: a mantissa's fraction must vanish
 * after scaling ("0.5e1" is 5, "1.5e0" is not a count), and a negative
 * exponent is refused ("5000e-3" is a roundabout 5, more likely a slip).
 * "+" may lead the exponent, as printf's %e and Python write it.
 */
static int
parse_count(const char *s, uint64_t max, uint64_t *out)
{
	const char *p, *dot, *end, *ep;
	uint64_t m, e;
	size_t intlen, fraclen, cut;
	char buf[128];
	int r;

	if ((p = strchr(s, '^')) != NULL) {
		if ((r = num_u64(s, (size_t)(p - s), max, &m)) != NUM_OK ||
		    (r = num_u64(p + 1, strlen(p + 1), 1000, &e)) != NUM_OK)
			return r;
		return scale(1, m, e, max, out);
	}
	if ((p = strpbrk(s, "eE")) == NULL)
		return num_u64(s, strlen(s), max, out);
	ep = p[1] == '+' ? p + 2 : p + 1;
	if ((r = num_u64(ep, strlen(ep), 1000, &e)) != NUM_OK)
		return r;
	dot = memchr(s, '.', (size_t)(p - s));
	end = dot ? dot : p;
	intlen = (size_t)(end - s);
	fraclen = dot ? (size_t)(p - dot - 1) : 0;
	if (intlen + fraclen == 0 || intlen + fraclen >= sizeof buf)
		return NUM_INVALID;
	memcpy(buf, s, intlen);
	if (dot)
		memcpy(buf + intlen, dot + 1, fraclen);
	/* Fraction digits beyond the exponent must be zeros. */
	cut = 0;
	if (e < fraclen) {
		size_t i;

		cut = fraclen - (size_t)e;
		for (i = intlen + fraclen - cut; i < intlen + fraclen; i++)
			if (buf[i] != '0')
				return NUM_INVALID;
		e = 0;
	} else
		e -= fraclen;
	if ((r = num_u64(buf, intlen + fraclen - cut, max, &m)) != NUM_OK)
		return r;
	return scale(m, 10, e, max, out);
}

/* dump: each dart of the slice as its two coordinates in (0, 1). */
static void
dump(uint64_t state, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		uint64_t z = mix(state + i * GOLDEN);

		if (printf("%.12f %.12f\n", ((double)(z >> 32) + 0.5) * 0x1p-32,
		    ((double)(z & 0xffffffff) + 0.5) * 0x1p-32) < 0)
			break;
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* put_line: the result, in one write(2), so that lines from many workers
 * never interleave. */
static void
put_line(uint64_t seed, uint64_t darts, uint64_t rank, uint64_t size,
    uint64_t n, uint64_t in)
{
	char line[256];
	ssize_t w;
	int len;

	len = snprintf(line, sizeof line, "pi-worker 1 seed=%llu darts=%llu "
	    "rank=%llu size=%llu thrown=%llu inside=%llu\n",
	    (unsigned long long)seed, (unsigned long long)darts,
	    (unsigned long long)rank, (unsigned long long)size,
	    (unsigned long long)n, (unsigned long long)in);
	do
		w = write(STDOUT_FILENO, line, (size_t)len);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		edie("stdout");
	if (w != len)
		die("stdout: short write");
}

static const char usage_text[] =
    "usage: pi-worker [-dv] [-s seed] [-r rank -R size] darts\n";

int
main(int argc, char *argv[])
{
	uint64_t seed = 0, darts, rank = 0, size = 1, first, n, in;
	const char *err;
	int c, dflag = 0, vflag = 0, hr = 0, hs = 0, r;
	struct kernel k;
	double t0, t;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "dhR:r:s:v")) != -1) {
		switch (c) {
		case 'd':
			dflag = 1;
			break;
		case 'h':
			usage_exit(0);
		case 'R':
			size = (uint64_t)num_arg(optarg, 1, INT64_MAX, "size");
			hs = 1;
			break;
		case 'r':
			rank = (uint64_t)num_arg(optarg, 0, INT64_MAX, "rank");
			hr = 1;
			break;
		case 's':
			r = num_u64(optarg, strlen(optarg), UINT64_MAX, &seed);
			if (r != NUM_OK)
				usage_error("seed \"%s\" is %s", optarg,
				    r == NUM_RANGE ? "out of range (0 to "
				    "18446744073709551615)" : "not a number");
			break;
		case 'v':
			vflag = 1;
			break;
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || hr != hs)
		usage_exit(2);
	r = parse_count(argv[0], PI_MAXDARTS, &darts);
	if (r != NUM_OK || darts == 0)
		usage_error("darts \"%s\" is %s", argv[0], r == NUM_RANGE ?
		    "out of range (1 to 2^63-1)" : "not a positive count "
		    "(like 10000000, 1e7 or 10^7)");
	if (hr && rank >= size)
		usage_error("rank %llu is not below size %llu",
		    (unsigned long long)rank, (unsigned long long)size);
	if (!hr && launch_env(0, &rank, &size, &err) < 0)
		die("%s", err);

	n = pi_slice(darts, size, rank, &first);
	/* Dart i is splitmix64's output i+1: its state is seed + (i+1)G. */
	if (dflag) {
		dump(seed + (first + 1) * GOLDEN, n);
		out_check();
		return 0;
	}
	k = pick_kernel();
	t0 = now();
	in = k.fn(seed + (first + 1) * GOLDEN, n);
	t = now() - t0;
	if (vflag)
		warnx_("rank %llu of %llu: %llu darts in %.3f s (%.3g/s), "
		    "kernel %s", (unsigned long long)rank,
		    (unsigned long long)size, (unsigned long long)n, t,
		    t > 0 ? (double)n / t : 0.0, k.name);

	put_line(seed, darts, rank, size, n, in);
	return 0;
}
