/* Shared by the libFuzzer harnesses (tests/fuzz/NAME.c, one per parser):
 * the input handed to the library as a file it opens by name, as the tools
 * do, without touching the disk.  A harness checks properties, not just
 * crashes: fuzz_check() reports a broken one as a crash, with the input. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The tools' messages about bad input would flood the fuzzer's output: they
 * go to /dev/null unless FUZZ_VERBOSE is set.  Sanitizer reports and
 * libFuzzer's own output do not use this stream; fuzz_err is the real one. */
static FILE *fuzz_err;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *null;

	(void)argc;
	(void)argv;
	fuzz_err = stderr;
	if (!getenv("FUZZ_VERBOSE") && (null = fopen("/dev/null", "w")))
		stderr = null;
	return 0;
}

/* fuzz_file: a path whose content is the n bytes at d; one memfd, rewritten
 * on every call (each open of the path starts at offset 0). */
static inline const char *
fuzz_file(const void *d, size_t n)
{
	static int fd = -1;
	static char path[64];
	const char *p = d;
	ssize_t w;

	if (fd < 0) {
		if ((fd = memfd_create("fuzz-input", 0)) < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		abort();
	for (; n > 0; p += w, n -= (size_t)w)
		if ((w = write(fd, p, n)) <= 0)
			abort();
	return path;
}

#define fuzz_check(cond, what) do {					\
	if (!(cond)) {							\
		fprintf(fuzz_err, "property broken: %s (%s)\n", what, #cond);	\
		abort();						\
	}								\
} while (0)

#endif
