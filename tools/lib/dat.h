/* The .dat reader shared by zipf, csvify, acf, wc-plotdata and wc-count -M:
 * lines "word count percent", single spaces; '#' lines are comments, as the
 * lesson's load_word_counts has them.  Bad lines are reported as
 * "prog: path:line: what". */
#ifndef DAT_H
#define DAT_H

#include <stddef.h>
#include <stdint.h>

#include "rd.h"

struct dat_row {
	const char *word;	/* not NUL-terminated: words may hold NUL */
	size_t wlen;
	uint64_t count;
	const char *pct;	/* the percent field as written, NUL-terminated */
	size_t plen;
	uint64_t lineno;
};

/* dat_open: 0, or -1 after a message. */
int dat_open(struct rd *r, const char *path);
/* dat_next: 1 for a row, 0 at the end, -1 after a message.  r->nl tells
 * whether the row's line ended in a newline (only the last one may not). */
int dat_next(struct rd *r, struct dat_row *row);
/* dat_next_any: as dat_next, but a '#' line is returned too, as
 * DAT_COMMENT, in row->word and row->wlen (without a CR before its LF). */
enum { DAT_COMMENT = 2 };
int dat_next_any(struct rd *r, struct dat_row *row);
/* dat_parse: one line (len bytes, line[len] writable); NULL if it is a good
 * row, else what is wrong with it. */
const char *dat_parse(char *line, size_t len, struct dat_row *row);

#endif
