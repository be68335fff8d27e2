/* Fuzz wc-count's counting core: tools/wc-count.c itself, its main()
 * renamed, called on the input as a file, its table written to a memfd and
 * checked: every line a good .dat row, counts descending, and (text, no -m)
 * the counts summing to the number of words the tokenizer finds; with -M,
 * merging the table again gives it back.
 *
 * Input: byte 0 chooses the options: bit 0 -M (the rest is .dat tables),
 * bits 1-2 -m 1 to 4; the rest is the input. */
#include <fcntl.h>
#include <math.h>

int wc_count_main(int argc, char **argv);
#define main wc_count_main
#include "../../tools/wc-count.c"
#undef main

#include "fuzz.h"

static int outfd = -1;

/* run: wc-count's main on path, its stdout to the memfd; its exit status,
 * the table in *tab (malloc'd, *tlen bytes). */
static int
run(int merge, int minlen, const char *path, char **tab, size_t *tlen)
{
	char m[4], *argv[8];
	int argc = 0, status, saved;
	off_t len;

	argv[argc++] = "wc-count";
	if (merge)
		argv[argc++] = "-M";
	snprintf(m, sizeof m, "%d", minlen);
	argv[argc++] = "-m";
	argv[argc++] = m;
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	fflush(stdout);
	if (ftruncate(outfd, 0) < 0 || lseek(outfd, 0, SEEK_SET) < 0 ||
	    (saved = dup(STDOUT_FILENO)) < 0 ||
	    dup2(outfd, STDOUT_FILENO) < 0)
		abort();
	optind = 0;	/* glibc: start getopt afresh */
	status = wc_count_main(argc, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	clearerr(stdout);
	/* wc-count keeps its table for the life of the process: start anew */
	free(slots);
	free(ent);
	free(arena);
	slots = NULL;
	ent = NULL;
	arena = NULL;
	nslots = slotcap = nent = entcap = arenalen = arenacap = 0;

	len = lseek(outfd, 0, SEEK_END);
	*tlen = (size_t)len;
	*tab = malloc(*tlen + 1);
	if (pread(outfd, *tab, *tlen, 0) != (ssize_t)*tlen)
		abort();
	return status;
}

static void
check_table(char *tab, size_t n, uint64_t *sum)
{
	struct dat_row row;
	uint64_t last = UINT64_MAX;
	char *p = tab, *end = tab + n, *nl;
	double pct = 0;

	*sum = 0;
	fuzz_check(n == 0 || tab[n - 1] == '\n', "the table ends in a newline");
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		fuzz_check(dat_parse(p, (size_t)(nl - p), &row) == NULL,
		    "every line of the table is a good row");
		*nl = '\n';	/* dat_parse put a NUL there */
		fuzz_check(row.count <= last, "counts descending");
		last = row.count;
		*sum += row.count;
		pct += strtod(row.pct, NULL);
	}
	fuzz_check(n == 0 || fabs(pct - 100) < 1e-6 * 100 + 1e-9 * (double)n,
	    "the percentages add up to 100");
}

/* The total of a set of tables, as wc-count -M would sum it; 0 if it would
 * overflow (wc-count rightly exits then, which a harness cannot follow). */
static int
total_fits(const char *path)
{
	struct dat_row row;
	struct rd r;
	uint64_t sum = 0;

	if (dat_open(&r, path) < 0)
		return 1;
	while (dat_next(&r, &row) > 0) {
		if (sum > UINT64_MAX - row.count) {
			rd_close(&r);
			return 0;
		}
		sum += row.count;
	}
	rd_close(&r);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	char *tab, *again;
	size_t tlen, alen, n;
	int merge, minlen, status;
	uint64_t sum, words = 0;

	if (size < 1)
		return 0;
	if (outfd < 0 && (outfd = memfd_create("wc-count-out", 0)) < 0)
		abort();
	merge = data[0] & 1;
	minlen = 1 + (data[0] >> 1 & 3);
	path = fuzz_file(data + 1, size - 1);
	if (merge && !total_fits(path))
		return 0;
	status = run(merge, minlen, path, &tab, &tlen);
	fuzz_check(status == 0 || status == 1, "exit status 0 or 1");
	if (status) {
		fuzz_check(tlen == 0, "no table after an error");
		free(tab);
		return 0;
	}
	check_table(tab, tlen, &sum);
	if (!merge && minlen == 1) {
		const unsigned char *w;
		struct rd r;
		struct tok t;

		fuzz_check(rd_open(&r, path) == 0, "rd_open");
		tok_init(&t, &r);
		while (tok_next(&t, &w, &n) > 0)
			words++;
		tok_free(&t);
		rd_close(&r);
		fuzz_check(sum == words, "the counts add up to the words");
	}
	if (merge || minlen == 1) {
		/* a table is its own merge */
		path = fuzz_file(tab, tlen);
		status = run(1, 1, path, &again, &alen);
		fuzz_check(status == 0 && alen == tlen &&
		    memcmp(again, tab, tlen) == 0, "-M of the table gives it back");
		free(again);
	}
	free(tab);
	return 0;
}
