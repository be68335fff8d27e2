/* Fuzz the CSV reader (tools/lib/csv.c: csv_row) that wc-report reads the
 * Zipf table with.
 *
 * The input is read record by record to its end or its first error; every
 * record's fields are NUL-terminated at their length.  The records are
 * then written back with csv_field (the writer zipf, csvify and acf use)
 * and read again: they must come back the same, field for field, for
 * records whose fields hold no CR (a CR before a line's end is dropped, as
 * a CRLF line end).  Reading stops at the first error.
 *
 * Byte 0 odd: the rest are fields themselves (split at byte 0x01, records
 * at 0x02): written by csv_field, they must read back exactly. */
#include <string.h>

#include "csv.h"
#include "fuzz.h"

#define MAX_RECS	256

struct saved {
	size_t n;
	char **f;
	size_t *len;
};

static void
save(struct saved *s, const struct csv_rec *rec)
{
	size_t i;

	s->n = rec->n;
	s->f = malloc(rec->n * sizeof *s->f);
	s->len = malloc(rec->n * sizeof *s->len);
	for (i = 0; i < rec->n; i++) {
		fuzz_check(rec->f[i][rec->len[i]] == '\0', "a field ends in NUL");
		s->f[i] = malloc(rec->len[i] + 1);
		memcpy(s->f[i], rec->f[i], rec->len[i] + 1);
		s->len[i] = rec->len[i];
	}
}

static int
has_cr(const struct saved *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (memchr(s->f[i], '\r', s->len[i]))
			return 1;
	return 0;
}

/* Write the records back and read them again. */
static void
round_trip(const struct saved *s, size_t n)
{
	struct csv_rec rec;
	char *buf = NULL;
	size_t blen = 0, i, k;
	struct rd r;
	FILE *f = open_memstream(&buf, &blen);

	for (i = 0; i < n; i++) {
		for (k = 0; k < s[i].n; k++) {
			if (k)
				putc(',', f);
			csv_field(f, s[i].f[k], s[i].len[k]);
		}
		putc('\n', f);
	}
	fclose(f);
	if (blen >= 2 && buf[0] == '\x1f' && buf[1] == '\x8b') {
		free(buf);	/* it would read as gzip */
		return;
	}
	memset(&rec, 0, sizeof rec);
	fuzz_check(rd_open(&r, fuzz_file(buf, blen)) == 0, "rd_open");
	for (i = 0; i < n; i++) {
		fuzz_check(csv_row(&r, &rec) == 1, "a written record reads back");
		fuzz_check(rec.n == s[i].n, "as many fields");
		for (k = 0; k < rec.n; k++)
			fuzz_check(rec.len[k] == s[i].len[k] &&
			    memcmp(rec.f[k], s[i].f[k], rec.len[k]) == 0,
			    "the same field");
	}
	fuzz_check(csv_row(&r, &rec) == 0, "then the end");
	rd_close(&r);
	csv_rec_free(&rec);
	free(buf);
}

/* The bytes as records (0x02) of fields (0x01). */
static size_t
split(const uint8_t *d, size_t n, struct saved *s)
{
	size_t nr = 0, i, start = 0;

	for (i = 0; i <= n && nr < MAX_RECS; i++) {
		struct saved *r = &s[nr];

		if (i < n && d[i] != 1 && d[i] != 2)
			continue;
		if (!r->n)
			r->f = NULL, r->len = NULL;
		r->f = realloc(r->f, (r->n + 1) * sizeof *r->f);
		r->len = realloc(r->len, (r->n + 1) * sizeof *r->len);
		r->f[r->n] = malloc(i - start + 1);
		memcpy(r->f[r->n], d + start, i - start);
		r->f[r->n][i - start] = '\0';
		r->len[r->n++] = i - start;
		start = i + 1;
		if (i == n || d[i] == 2)
			nr++;
	}
	return nr;
}

static size_t
from_fields(const uint8_t *d, size_t n, struct saved *s)
{
	size_t nr, i;

	memset(s, 0, MAX_RECS * sizeof *s);
	nr = split(d, n, s);
	for (i = 0; i < nr; i++)
		if (has_cr(&s[i]))
			break;
	return i;	/* the records before one with a CR */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct saved s[MAX_RECS];
	struct csv_rec rec;
	struct rd r;
	size_t n = 0, i, k;
	int cr = 0;

	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
		return 0;	/* gzip is rd's business */
	if (size && (data[0] & 1)) {
		n = from_fields(data + 1, size - 1, s);
		round_trip(s, n);
		goto done;
	}
	memset(&rec, 0, sizeof rec);
	fuzz_check(rd_open(&r, fuzz_file(data, size)) == 0, "rd_open");
	while (n < MAX_RECS && csv_row(&r, &rec) == 1) {
		save(&s[n], &rec);
		cr |= has_cr(&s[n++]);
	}
	rd_close(&r);
	csv_rec_free(&rec);
	if (!cr)
		round_trip(s, n);
done:
	for (i = 0; i < MAX_RECS && (i < n || s[i].n); i++) {
		for (k = 0; k < s[i].n; k++)
			free(s[i].f[k]);
		free(s[i].f);
		free(s[i].len);
		s[i].n = 0;
	}
	return 0;
}
