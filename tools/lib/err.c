#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

const char *progname = "?";

void
setprogname(const char *argv0)
{
	const char *p = argv0 ? strrchr(argv0, '/') : NULL;

	progname = p ? p + 1 : argv0 ? argv0 : "?";
}

static void
vmsg(const char *fmt, va_list ap, const char *reason)
{
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (reason)
		fprintf(stderr, ": %s", reason);
	fputc('\n', stderr);
}

/* warnx_: "prog: msg" */
void
warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
}

/* warn_: "prog: msg: strerror(errno)" */
void
warn_(const char *fmt, ...)
{
	const char *reason = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, reason);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

void
edie(const char *fmt, ...)
{
	const char *reason = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, reason);
	va_end(ap);
	exit(1);
}

/* out_check: the last thing main does; a full disk or closed stdout is an
 * error, a reader that went away (EPIPE) is not. */
void
out_check(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		exit(1);
	edie("stdout");
}
