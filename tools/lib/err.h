/* Error reporting: "prog: message" on stderr, as err(3) does. */
#ifndef ERR_H
#define ERR_H

#include <stdarg.h>
#include <stdnoreturn.h>

extern const char *progname;

void setprogname(const char *argv0);
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarnx_(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void edie(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_check(void);

#endif
