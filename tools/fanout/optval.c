/* The values of fanout's options that are more than a number: --halt,
 * -j relative to the CPUs, --timeout, --bar. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "usage.h"
#include "fanout.h"

void
parse_halt(const char *s)
{
	const char *p;
	char *end;

	if (strcmp(s, "never") == 0) {
		halt_when = HALT_NEVER;
		return;
	}
	if (strncmp(s, "now,", 4) == 0) {
		halt_when = HALT_NOW;
		p = s + 4;
	} else if (strncmp(s, "soon,", 5) == 0) {
		halt_when = HALT_SOON;
		p = s + 5;
	} else
		goto bad;
	if (strncmp(p, "fail=", 5) == 0)
		p += 5;
	else if (strncmp(p, "success=", 8) == 0) {
		halt_success = 1;
		p += 8;
	} else
		goto bad;
	if (*p < '0' || *p > '9')
		goto bad;
	halt_n = strtod(p, &end);
	if (*end == '%') {
		halt_pct = 1;
		end++;
	}
	if (*end || halt_n <= 0 || (halt_pct && halt_n > 100))
		goto bad;
	return;
bad:
	usage_error("--halt \"%s\": expected never, now,fail=N, soon,fail=N "
	    "or now,success=N (N may end in %%)", s);
}

/* -j N, or relative to the CPUs as parallel: +N, -N, P% (rounded up). */
void
parse_jobs(const char *arg)
{
	long cpus = compat_ncpus();
	size_t k = strspn(arg, "0123456789");

	if (arg[0] == '+' || arg[0] == '-') {
		long n = (long)num_arg(arg + 1, 0, INT_MAX / 2, "jobs");

		jobs = arg[0] == '+' ? cpus + n : cpus - n;
	} else if (k > 0 && (arg[k] == '%' || arg[k] == '.') &&
	    arg[k + strspn(arg + k, ".0123456789")] == '%' &&
	    !arg[k + strspn(arg + k, ".0123456789") + 1] &&
	    !strchr(arg + k + 1, '.')) {
		double x = cpus * strtod(arg, NULL) / 100;

		if (x > INT_MAX)
			usage_error("jobs \"%s\" is out of range", arg);
		jobs = (long)x;
		if (jobs < x)
			jobs++;
	} else {
		jobs = (long)num_arg(arg, 0, INT_MAX, "jobs");
		return;
	}
	if (jobs < 1)
		usage_error("-j %s: no job can run on %ld CPUs", arg, cpus);
}

void
parse_timeout(const char *arg)
{
	char *end;
	double s = strtod(arg, &end);

	if (end == arg || *end || !(s > 0) || s > 1e9)
		usage_error("timeout \"%s\" is not a positive number of seconds",
		    arg);
	timeout_ms = (long long)(s * 1000 + 0.5);
	if (timeout_ms < 1)
		timeout_ms = 1;
}

void
parse_bar(const char *arg)
{
	if (!arg)
		barmode = 1;
	else if (strcmp(arg, "always") == 0)
		barmode = 2;
	else {
		usage_error("--bar=%s: expected --bar=always", arg);
	}
}
