/* Fuzz pi-sum's line reader: tools/pi-sum.c itself, its main() renamed,
 * run on the input as a file of worker lines (readfile, take, parse), its
 * stdout to a memfd.  Checks: exit status 0 or 1; nothing printed after an
 * error; after success exactly the four documented lines (estimate, stderr,
 * darts, inside) agreeing with one another.  And: 1 to 5 lines formatted
 * as pi-worker formats them, one per rank of a run, in any order, are
 * always accepted, and their darts and inside add up.
 *
 * Input: byte 0 chooses the mode: bit 0 -p; bit 1 the rest builds a valid
 * run (size 1 + byte 1 % 5, then seed and darts and each rank's inside
 * from the bytes that follow, the order shuffled by them too); otherwise
 * the rest is the file. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

/* die() ends the process; in the harness it returns to the run, status 1. */
#define die fuzz_die
int pi_sum_main(int argc, char **argv);
#define main pi_sum_main
#include "../../tools/pi-sum.c"
#undef main
#undef die

#include "fuzz.h"

static jmp_buf dying;

void
fuzz_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	longjmp(dying, 1);
}

static int outfd = -1;

/* pisum: pi-sum's main on path, its stdout to the memfd; its exit status,
 * the output in *out (malloc'd, NUL-terminated, *olen bytes). */
static int
pisum(int pflag, const char *path, char **out, size_t *olen)
{
	char *argv[4];
	int argc = 0, saved;
	volatile int status;
	off_t len;

	argv[argc++] = "pi-sum";
	if (pflag)
		argv[argc++] = "-p";
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	fflush(stdout);
	if (ftruncate(outfd, 0) < 0 || lseek(outfd, 0, SEEK_SET) < 0 ||
	    (saved = dup(STDOUT_FILENO)) < 0 ||
	    dup2(outfd, STDOUT_FILENO) < 0)
		abort();
	optind = 0;	/* glibc: start getopt afresh */
	if (setjmp(dying) == 0)
		status = pi_sum_main(argc, argv);
	else
		status = 1;
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	clearerr(stdout);
	/* pi-sum keeps its lines and its run for the life of the process */
	free(recs);
	recs = NULL;
	nrecs = caprecs = 0;
	memset(&run, 0, sizeof run);
	haverun = errors = 0;

	len = lseek(outfd, 0, SEEK_END);
	*olen = (size_t)len;
	*out = malloc(*olen + 1);
	if (pread(outfd, *out, *olen, 0) != (ssize_t)*olen)
		abort();
	(*out)[*olen] = '\0';
	return status;
}

/* "NAME digits.10digits\n" at *p, its value in *v. */
static int
fixed10(const char **p, const char *name, double *v)
{
	size_t n = strlen(name), d;
	const char *s = *p;

	if (strncmp(s, name, n) != 0 || s[n] != ' ')
		return 0;
	s += n + 1;
	d = strspn(s, "0123456789");
	if (d == 0 || s[d] != '.' || strspn(s + d + 1, "0123456789") != 10 ||
	    s[d + 11] != '\n')
		return 0;
	*v = strtod(s, NULL);
	*p = s + d + 12;
	return 1;
}

/* "NAME digits\n" at *p, its value in *v. */
static int
integer(const char **p, const char *name, uint64_t *v)
{
	size_t n = strlen(name), d;
	const char *s = *p;

	if (strncmp(s, name, n) != 0 || s[n] != ' ')
		return 0;
	s += n + 1;
	d = strspn(s, "0123456789");
	if (d == 0 || s[d] != '\n' || (d > 1 && s[0] == '0') ||
	    num_u64(s, d, UINT64_MAX, v) != NUM_OK)
		return 0;
	*p = s + d + 1;
	return 1;
}

/* The four lines; darts and inside in *darts, *inside. */
static void
check_output(const char *out, size_t olen, uint64_t *darts, uint64_t *inside)
{
	const char *p = out;
	double est, se, q;

	fuzz_check(strlen(out) == olen, "no NUL in the output");
	fuzz_check(fixed10(&p, "estimate", &est), "line 1: estimate D.DDDDDDDDDD");
	fuzz_check(fixed10(&p, "stderr", &se), "line 2: stderr D.DDDDDDDDDD");
	fuzz_check(integer(&p, "darts", darts), "line 3: darts N");
	fuzz_check(integer(&p, "inside", inside), "line 4: inside N");
	fuzz_check(*p == '\0', "four lines and no more");
	fuzz_check(*darts > 0 && *inside <= *darts, "0 < darts, inside <= darts");
	q = 4 * (double)*inside / (double)*darts;
	fuzz_check(fabs(est - q) <= 1e-10 + 1e-12 * q, "estimate = 4 inside / darts");
	fuzz_check(est >= 0 && est <= 4 && se >= 0 && se <= 2,
	    "estimate in [0, 4], stderr in [0, 2]");
}

/* The bytes at *d, up to 8, as a little-endian number. */
static uint64_t
take_u64(const uint8_t **d, size_t *n, size_t k)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < k && *n > 0; i++, (*d)++, (*n)--)
		v |= (uint64_t)**d << (8 * i);
	return v;
}

/* Mode 2: a valid run from the bytes, formatted as pi-worker does. */
static void
valid_run(int pflag, const uint8_t *d, size_t n)
{
	char lines[5][200], buf[1000], *out;
	uint64_t seed, darts, size, r, thrown, in, sumin = 0, odarts, oinside;
	size_t order[5], i, k, len = 0, olen;
	int status;

	size = 1 + take_u64(&d, &n, 1) % 5;
	seed = take_u64(&d, &n, 8);
	darts = take_u64(&d, &n, 8) & PI_MAXDARTS;
	if (darts == 0)
		darts = 1 + seed % 1000;
	for (r = 0; r < size; r++) {
		thrown = pi_slice(darts, size, r, NULL);
		in = take_u64(&d, &n, 8) % (thrown + 1);
		sumin += in;
		snprintf(lines[r], sizeof lines[r], "pi-worker 1 seed=%llu "
		    "darts=%llu rank=%llu size=%llu thrown=%llu inside=%llu\n",
		    (unsigned long long)seed, (unsigned long long)darts,
		    (unsigned long long)r, (unsigned long long)size,
		    (unsigned long long)thrown, (unsigned long long)in);
		order[r] = r;
	}
	for (i = size - 1; i > 0; i--) {	/* Fisher-Yates from the bytes */
		size_t j = take_u64(&d, &n, 1) % (i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < size; i++) {
		k = strlen(lines[order[i]]);
		memcpy(buf + len, lines[order[i]], k);
		len += k;
	}
	if (n > 0 && d[0] & 1) {
		len--;		/* no newline at the end: a line cut short */
		status = pisum(pflag, fuzz_file(buf, len), &out, &olen);
		fuzz_check(status == 1 && olen == 0,
		    "a run whose last line lacks its newline is refused");
		free(out);
		return;
	}
	status = pisum(pflag, fuzz_file(buf, len), &out, &olen);
	fuzz_check(status == 0, "a valid run is accepted");
	check_output(out, olen, &odarts, &oinside);
	fuzz_check(odarts == darts && oinside == sumin,
	    "darts and inside are the run's");
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t darts, inside;
	size_t olen;
	char *out;
	int status, pflag;

	if (size < 1)
		return 0;
	if (outfd < 0 && (outfd = memfd_create("pi-sum-out", 0)) < 0)
		abort();
	pflag = data[0] & 1;
	if (data[0] & 2) {
		valid_run(pflag, data + 1, size - 1);
		return 0;
	}
	status = pisum(pflag, fuzz_file(data + 1, size - 1), &out, &olen);
	fuzz_check(status == 0 || status == 1, "exit status 0 or 1");
	if (status)
		fuzz_check(olen == 0, "nothing printed after an error");
	else
		check_output(out, olen, &darts, &inside);
	free(out);
	return 0;
}
