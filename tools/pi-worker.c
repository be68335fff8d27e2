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

#include "err.h"
#include "num.h"
#include "usage.h"

#define GOLDEN	UINT64_C(0x9e3779b97f4a7c15)	/* splitmix64's increment */
#define MAXDARTS	UINT64_C(0x7fffffffffffffff)

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

static int
have_avx512(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx512f") &&
	    __builtin_cpu_supports("avx512dq") &&
	    __builtin_cpu_supports("avx512vl");
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
	int fast = have_avx512();
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
 * parse_count: "10000000", "1e7", "2.5e9" or "10^7", exact and at most max.
 * A mantissa's fraction must vanish after scaling: "1.5e0" is not a count.
 */
static int
parse_count(const char *s, uint64_t max, uint64_t *out)
{
	const char *p, *dot, *end;
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
	if ((r = num_u64(p + 1, strlen(p + 1), 1000, &e)) != NUM_OK)
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

/* env_u64: the variable's value, or -1 when it is unset or empty. */
static int
env_u64(const char *name, uint64_t max, uint64_t *out)
{
	const char *v = getenv(name);
	int r;

	if (v == NULL || *v == '\0')
		return -1;
	r = num_u64(v, strlen(v), max, out);
	if (r == NUM_INVALID)
		die("%s \"%s\" is not a number", name, v);
	if (r == NUM_RANGE)
		die("%s \"%s\" is out of range (0 to %llu)", name, v,
		    (unsigned long long)max);
	return 0;
}

/*
 * rank_from_env: the innermost launcher first, so fanout run by srun takes
 * fanout's numbering.  Returns the variable naming the rank, or NULL.
 */
static const char *
rank_from_env(uint64_t *rank, uint64_t *size)
{
	static const char *const pairs[][2] = {
		{ "FANOUT_RANK", "FANOUT_SIZE" },
		{ "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE" },
		{ "PMI_RANK", "PMI_SIZE" },
		{ "SLURM_PROCID", "SLURM_NTASKS" },
	};
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		int hr = env_u64(pairs[i][0], MAXDARTS, rank);
		int hs = env_u64(pairs[i][1], MAXDARTS, size);

		if (hr != hs)
			die("%s is set but %s is not", pairs[i][hr ? 1 : 0],
			    pairs[i][hr ? 0 : 1]);
		if (hr == 0) {
			if (*size == 0)
				die("%s is 0", pairs[i][1]);
			if (*rank >= *size)
				die("%s %llu is not below %s %llu",
				    pairs[i][0], (unsigned long long)*rank,
				    pairs[i][1], (unsigned long long)*size);
			return pairs[i][0];
		}
	}
	return NULL;
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

static const char usage_text[] =
    "usage: pi-worker [-dv] [-s seed] [-r rank -R size] darts\n";

int
main(int argc, char *argv[])
{
	uint64_t seed = 0, darts, rank = 0, size = 1, q, m, first, n, in;
	int c, dflag = 0, vflag = 0, hr = 0, hs = 0, r, len;
	struct kernel k;
	char line[256];
	double t0, t;
	ssize_t w;

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
	r = parse_count(argv[0], MAXDARTS, &darts);
	if (r != NUM_OK || darts == 0)
		usage_error("darts \"%s\" is %s", argv[0], r == NUM_RANGE ?
		    "out of range (1 to 2^63-1)" : "not a positive count "
		    "(like 10000000, 1e7 or 10^7)");
	if (hr && rank >= size)
		usage_error("rank %llu is not below size %llu",
		    (unsigned long long)rank, (unsigned long long)size);
	if (!hr)
		rank_from_env(&rank, &size);

	/* The first darts % size ranks throw one dart more. */
	q = darts / size;
	m = darts % size;
	first = rank * q + (rank < m ? rank : m);
	n = q + (rank < m);
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

	len = snprintf(line, sizeof line, "pi-worker 1 seed=%llu darts=%llu "
	    "rank=%llu size=%llu thrown=%llu inside=%llu\n",
	    (unsigned long long)seed, (unsigned long long)darts,
	    (unsigned long long)rank, (unsigned long long)size,
	    (unsigned long long)n, (unsigned long long)in);
	/* One write(2), so lines from many workers never interleave. */
	do
		w = write(STDOUT_FILENO, line, (size_t)len);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		edie("stdout");
	if (w != len)
		die("stdout: short write");
	return 0;
}
