/* stub-tool: bench-scale's stand-in for wc-count and wc-plotdata, to time
 * make's own share of the pipeline.  A per-book step (wc-count -o OUT
 * BOOK, wc-plotdata [-z -n N] DAT OUT) only writes its output file: a
 * one-row table for wc-count, so that the Zipf table and the report can
 * still be made from them, an empty file for a chart.  A step over many
 * files (-M, -F, -A) runs the real tool of the same name from
 * $STUB_REAL, untimed as a stub.  Built with static linking where it can
 * be, as the real tools are, so that it starts as they do. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static const char row[] = "the 1 100.0\n";
	const char *name, *out = NULL, *real;
	char path[4096];
	int fd, i;

	name = (name = strrchr(argv[0], '/')) ? name + 1 : argv[0];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-M") == 0 || strcmp(argv[i], "-F") == 0 ||
		    strcmp(argv[i], "-A") == 0) {
			if (!(real = getenv("STUB_REAL")) ||
			    snprintf(path, sizeof path, "%s/%s", real, name) >=
			    (int)sizeof path) {
				fprintf(stderr, "stub-tool: no STUB_REAL\n");
				return 2;
			}
			execv(path, argv);
			perror(path);
			return 127;
		}
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[i + 1];
	}
	if (!out && argc > 1)
		out = argv[argc - 1];
	if (!out || (fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0) {
		perror(out ? out : "stub-tool: no output");
		return 1;
	}
	if ((strcmp(name, "wc-count") == 0 &&
	    write(fd, row, sizeof row - 1) != (ssize_t)(sizeof row - 1)) ||
	    close(fd) < 0) {
		perror(out);
		return 1;
	}
	return 0;
}
