/*
 * csvify: .dat tables to CSV, as the lesson's csvify_file does.
 *
 * Reads .dat tables ("word count percent"); with no operand, stdin to
 * stdout; each operand X.dat becomes X.csv beside it, written atomically.
 * Every space separates fields, so a .dat becomes exactly the lesson's CSV
 * (which replaces every space with a comma): '#' lines are kept, their
 * spaces made commas too, and a last line without a newline stays without
 * one.  A field holding a comma, a double quote, CR or LF is quoted (RFC
 * 4180).  -H writes a "word,count,percent" header first.
 *
 * Exit status: 0; 1 if any file failed (the others are still converted);
 * 2 for bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "dat.h"
#include "err.h"
#include "outfile.h"
#include "usage.h"
#include "xalloc.h"

static int header;

/* comment: a '#' line, each space a comma, as the lesson's csvify_file. */
static void
comment(FILE *f, const char *s, size_t n)
{
	const char *sp;

	while ((sp = memchr(s, ' ', n))) {
		csv_field(f, s, (size_t)(sp - s));
		putc(',', f);
		n -= (size_t)(sp - s) + 1;
		s = sp + 1;
	}
	csv_field(f, s, n);
}

static int
convert(const char *in, const char *out)
{
	struct outfile o;
	struct dat_row row;
	struct rd r;
	FILE *f;
	int got;

	if (dat_open(&r, in) < 0)
		return -1;
	if (!(f = outfile_open(&o, out))) {
		rd_close(&r);
		return -1;
	}
	if (header)
		fputs("word,count,percent\n", f);
	while ((got = dat_next_any(&r, &row)) > 0) {
		if (got == DAT_COMMENT) {
			comment(f, row.word, row.wlen);
		} else {
			csv_field(f, row.word, row.wlen);
			fprintf(f, ",%llu,", (unsigned long long)row.count);
			csv_field(f, row.pct, row.plen);
		}
		if (r.nl)
			putc('\n', f);
	}
	rd_close(&r);
	if (got < 0) {
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o);
}

static char *
csv_name(const char *dat)
{
	size_t n = strlen(dat);
	const char *slash = strrchr(dat, '/');
	const char *dot = strrchr(slash ? slash : dat, '.');
	char *s;

	if (dot && dot != (slash ? slash + 1 : dat))
		n = (size_t)(dot - dat);
	s = xmalloc(n + 5);
	memcpy(s, dat, n);
	memcpy(s + n, ".csv", 5);
	return s;
}

static const char usage_text[] = "usage: csvify [-H] [file.dat ...]\n";

int
main(int argc, char **argv)
{
	int c, i, status = 0;

	setprogname(argv[0]);
	usage_set(usage_text);
	while ((c = opt_get(argc, argv, "Hh")) != -1) {
		switch (c) {
		case 'H':
			header = 1;
			break;
		case 'h':
			usage_exit(0);
		default:
			usage_exit(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && convert(NULL, NULL) < 0)
		status = 1;
	for (i = 0; i < argc; i++) {
		char *out;

		if (strcmp(argv[i], "-") == 0) {
			if (convert(NULL, NULL) < 0)
				status = 1;
			continue;
		}
		out = csv_name(argv[i]);
		if (strcmp(out, argv[i]) == 0) {
			warnx_("%s: would overwrite its input", argv[i]);
			status = 1;
		} else if (convert(argv[i], out) < 0) {
			status = 1;
		}
		free(out);
	}
	out_check();
	return status;
}
