/* What the report says of a book besides its numbers: the title and
 * author that a Project Gutenberg header carries, the top words of its
 * table, and links to its files relative to the page. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compat.h"
#include "dat.h"
#include "err.h"
#include "rd.h"
#include "xalloc.h"

#include "report.h"

/* The header is in the first lines, before "*** START OF". */
#define HEADER_LINES	150
#define MAX_FIELD	300

static int
starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

/* s without the spaces around it; at most MAX_FIELD bytes kept. */
static char *
trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n > MAX_FIELD)
		n = MAX_FIELD;
	return memchr(s, '\0', n) ? xstrdup("") : strndup(s, n);
}

/* "Title: The Hunting of the Snark" and an indented next line
 * "An Agony in Eight Fits" give "The Hunting of the Snark: An Agony...". */
static void
append(char **field, const char *s, size_t n)
{
	char *more = trimmed(s, n), *j;
	size_t k;

	if (!more)
		die("out of memory");
	if (*more && strlen(*field) < MAX_FIELD) {
		k = strlen(*field) + strlen(more) + 3;
		j = xmalloc(k);
		snprintf(j, k, "%s: %s", *field, more);
		free(*field);
		*field = j;
	}
	free(more);
}

void
book_header(struct book *b)
{
	char *line, **last = NULL;
	struct rd r;
	size_t len, k;
	int got;

	if (!b->text)
		return;
	if (rd_open(&r, b->text) < 0)
		exit(1);
	while ((got = rd_line(&r, &line, &len)) > 0 &&
	    r.lineno <= HEADER_LINES && !starts(line, len, "*** START")) {
		if (r.lineno == 1 && starts(line, len, "\xef\xbb\xbf"))
			line += 3, len -= 3;
		if (len && line[len - 1] == '\r')
			len--;
		if (last && len && (line[0] == ' ' || line[0] == '\t')) {
			append(last, line, len);
			continue;
		}
		last = NULL;
		if (!b->title && starts(line, len, "Title:"))
			last = &b->title, k = 6;
		else if (!b->author && starts(line, len, "Author:"))
			last = &b->author, k = 7;
		else
			continue;
		*last = trimmed(line + k, len - k);
		if (!*last)
			die("out of memory");
	}
	rd_close(&r);
	if (got < 0)
		exit(1);
}

void
book_top(struct book *b, size_t n)
{
	struct dat_row row;
	struct rd r;
	int got = 0;

	if (!b->dat)
		return;
	b->top = xcalloc(n ? n : 1, sizeof *b->top);
	if (dat_open(&r, b->dat) < 0)
		exit(1);
	while (b->ntop < n && (got = dat_next(&r, &row)) > 0) {
		struct word *w = &b->top[b->ntop++];

		w->w = xmalloc(row.wlen + 1);
		memcpy(w->w, row.word, row.wlen);
		w->w[row.wlen] = '\0';
		w->len = row.wlen;
		w->count = row.count;
	}
	rd_close(&r);
	if (got < 0)
		exit(1);
}

/* realpath(path): a regular file's through its directory's, resolved
 * once (the books' files are in a few directories, and realpath looks at
 * every component of every path: 2 s of system time at 30,000 books). */
static char *
abs_path(const char *path)
{
	static struct {
		char *dir, *abs;
	} memo[4];
	static size_t next;
	const char *slash = strrchr(path, '/'), *base;
	struct stat st;
	char *dir, *abs = NULL, *out;
	size_t i, n;

	if (lstat(path, &st) < 0)
		return NULL;
	if (!S_ISREG(st.st_mode))	/* a symlink: every component */
		return compat_realpath(path);
	base = slash ? slash + 1 : path;
	n = (size_t)(base - path);	/* the directory, its '/' kept */
	for (i = 0; i < sizeof memo / sizeof *memo; i++)
		if (memo[i].dir && strlen(memo[i].dir) == n &&
		    memcmp(memo[i].dir, path, n) == 0) {
			abs = memo[i].abs;
			break;
		}
	if (!abs) {	/* a directory not met lately: resolve it */
		dir = xmalloc(n + 1);
		memcpy(dir, path, n);
		dir[n] = '\0';
		if (!(abs = compat_realpath(n ? dir : "."))) {
			free(dir);
			return compat_realpath(path);
		}
		i = next++ % (sizeof memo / sizeof *memo);
		free(memo[i].dir);
		free(memo[i].abs);
		memo[i].dir = dir, memo[i].abs = abs;
	}
	n = strlen(abs);
	out = xmalloc(n + 1 + strlen(base) + 1);
	memcpy(out, abs, n);
	if (n == 0 || abs[n - 1] != '/')
		out[n++] = '/';
	strcpy(out + n, base);
	return out;
}

/* path as a link from the page's directory, or NULL if it is not there. */
char *
rel_link(const struct report *r, const char *path)
{
	char *abs = abs_path(path), *out, *p;
	const char *a, *d = r->dirabs;
	size_t common = 0, i, up = 0;

	if (!abs)
		return NULL;
	/* the longest common prefix of whole directories */
	for (i = 0; abs[i] && abs[i] == d[i]; i++)
		if (abs[i] == '/')
			common = i;
	if (d[i] == '\0' && abs[i] == '/')
		common = i;
	a = abs + common + 1;
	for (p = (char *)d + common; *p && strcmp(d, "/"); p++)
		up += *p == '/';
	out = xmalloc(3 * up + strlen(a) + 1);
	for (i = 0; i < up; i++)
		memcpy(out + 3 * i, "../", 3);
	strcpy(out + 3 * up, a);
	free(abs);
	return out;
}
