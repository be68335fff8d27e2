#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "usage.h"

static const char *usage_text;

void
usage_set(const char *text)
{
	usage_text = text;
}

noreturn void
usage_exit(int status)
{
	if (status == 0) {
		if (usage_text)
			fputs(usage_text, stdout);
		out_check();
		exit(0);
	}
	if (usage_text)
		fputs(usage_text, stderr);
	exit(status);
}

noreturn void
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx_(fmt, ap);
	va_end(ap);
	usage_exit(2);
}

/* getopt's own messages name argv[0] as typed (often a full path) and
 * differ between C libraries: ours name the tool, the same everywhere. */
int
opt_get(int argc, char *const argv[], const char *opts)
{
	int c;

	opterr = 0;
	if ((c = getopt(argc, argv, opts)) == '?')
		opt_refused(opts, argv);
	return c;
}

/* takes_value: c is an option of opts that takes a value ("c:"). */
static int
takes_value(const char *opts, int c)
{
	const char *p;

	opts += strspn(opts, "+-:");	/* getopt's own flags, not options */
	p = c != ':' ? strchr(opts, c) : NULL;
	return p != NULL && p[1] == ':';
}

noreturn void
opt_refused(const char *opts, char *const argv[])
{
	int c = optopt < 0 ? optopt & 0xff : optopt;	/* a signed char */

	if (c > 0 && c < 256 && takes_value(opts, c))
		usage_error("option -%c needs a value", c);
	if (c > 0 && c < 256)
		usage_error("unknown option -%c", c);
	/* getopt_long: optopt is 0 for an unknown long option, the option's
	 * value for a known one given a value it does not take, or none. */
	if (optind > 0 && argv[optind - 1] != NULL)
		usage_error("%s option %s", optopt ? "bad use of" : "unknown",
		    argv[optind - 1]);
	usage_error("unknown option");
}
