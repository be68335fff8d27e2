#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "err.h"
#include "xalloc.h"

void
csv_field(FILE *f, const void *p, size_t n)
{
	const char *s = p;
	size_t i;

	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) &&
	    !memchr(s, '\n', n)) {
		fwrite(s, 1, n, f);
		return;
	}
	putc('"', f);
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			putc('"', f);
		putc(s[i], f);
	}
	putc('"', f);
}

static void
put_byte(struct csv_rec *rec, size_t *blen, char c)
{
	if (*blen == rec->bcap) {
		rec->bcap = rec->bcap ? rec->bcap * 2 : 256;
		rec->buf = xrealloc(rec->buf, rec->bcap);
	}
	rec->buf[(*blen)++] = c;
}

static void
end_field(struct csv_rec *rec, size_t *blen, size_t start)
{
	if (rec->n == rec->cap) {
		rec->cap = rec->cap ? rec->cap * 2 : 16;
		rec->off = xreallocarray(rec->off, rec->cap, sizeof *rec->off);
		rec->len = xreallocarray(rec->len, rec->cap, sizeof *rec->len);
		rec->f = xreallocarray(rec->f, rec->cap, sizeof *rec->f);
	}
	rec->off[rec->n] = start;
	rec->len[rec->n++] = *blen - start;
	put_byte(rec, blen, '\0');
}

/* One line's worth of the record; *quoted says whether a quoted field is
 * still open at its end.  -1 for a quote where none may be; -2 for a CR
 * outside quotes (RFC 4180 has none there: lines that end in CR alone
 * would otherwise read as one record). */
static int
scan_line(struct csv_rec *rec, const char *s, size_t n, size_t *blen,
    size_t *start, int *quoted)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (*quoted) {
			if (s[i] != '"')
				put_byte(rec, blen, s[i]);
			else if (i + 1 < n && s[i + 1] == '"')
				put_byte(rec, blen, s[i++]);
			else if (i + 1 < n && s[i + 1] != ',')
				return -1;
			else
				*quoted = 0;
		} else if (s[i] == ',') {
			end_field(rec, blen, *start);
			*start = *blen;
		} else if (s[i] == '"' && *blen == *start &&
		    (i == 0 || s[i - 1] == ','))
			*quoted = 1;
		else if (s[i] == '"')
			return -1;
		else if (s[i] == '\r')
			return -2;
		else
			put_byte(rec, blen, s[i]);
	}
	return 0;
}

int
csv_row(struct rd *r, struct csv_rec *rec)
{
	size_t len, blen = 0, start = 0, i;
	int quoted = 0, got, bad;
	char *line;

	rec->n = 0;
	for (;;) {
		if ((got = rd_line(r, &line, &len)) <= 0) {
			if (got == 0 && quoted) {
				warnx_("%s:%llu: a quoted field does not end",
				    r->path, (unsigned long long)rec->lineno);
				return -1;
			}
			if (got == 0 && blen)
				break;
			return got;
		}
		if (!quoted)
			rec->lineno = r->lineno;
		else
			put_byte(rec, &blen, '\n');
		if (len && line[len - 1] == '\r')
			len--;
		if ((bad = scan_line(rec, line, len, &blen, &start,
		    &quoted)) < 0) {
			warnx_("%s:%llu: %s", r->path,
			    (unsigned long long)r->lineno, bad == -1 ?
			    "a '\"' where a field cannot have one" :
			    "a CR outside quotes (a line ending in CR alone?)");
			return -1;
		}
		if (!quoted)
			break;
	}
	end_field(rec, &blen, start);
	for (i = 0; i < rec->n; i++)
		rec->f[i] = rec->buf + rec->off[i];
	return 1;
}

void
csv_rec_free(struct csv_rec *rec)
{
	free(rec->f);
	free(rec->len);
	free(rec->off);
	free(rec->buf);
}
