/* The usage contract every tool keeps: "usage: tool ..." on stderr and
 * exit 2 for bad usage (an unknown option, a missing value, a bad number,
 * a wrong operand count), with a "tool: what" line first when there is
 * more to say; -h prints the usage on stdout and exits 0.  The usage text
 * lives in one place, the tool's usage_text[], registered with usage_set. */
#ifndef USAGE_H
#define USAGE_H

#include <stdnoreturn.h>

/* usage_set: the tool's usage text ("usage: tool ...\n"), once, at the top
 * of main; the helpers below print it. */
void usage_set(const char *text);
/* usage_exit: status 0: the text on stdout, exit 0 (1 if stdout fails);
 * otherwise the text on stderr, exit status. */
noreturn void usage_exit(int status);
/* usage_error: "tool: what", then the usage text on stderr; exit 2. */
noreturn void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* opt_get: getopt(3) with its errors reported by opt_refused. */
int opt_get(int argc, char *const argv[], const char *opts);
/* opt_refused: after getopt or getopt_long (opterr = 0) returned '?':
 * "tool: unknown option -x" or "tool: option -x needs a value" (the long
 * option's word when it was one), the usage text; exit 2. */
noreturn void opt_refused(const char *opts, char *const argv[]);

#endif
