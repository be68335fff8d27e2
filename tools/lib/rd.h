/* The reader: a file, or stdin for NULL or "-", plain or gzip (zlib's gz*
 * functions detect gzip by its magic bytes).  Errors are reported as
 * "prog: path: reason" by the functions themselves. */
#ifndef RD_H
#define RD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <zlib.h>

struct rd {
	const char *path;	/* for messages: the operand, or "stdin" */
	gzFile gz;
	int fd;
	/* rd_line's buffer */
	char *buf;
	size_t cap, start, end;
	int eof;
	uint64_t lineno;	/* of the line rd_line returned last */
	int nl;			/* that line ended in a newline */
};

/* rd_open: 0, or -1 after a message. */
int rd_open(struct rd *r, const char *path);
/* rd_read: bytes read (0 at the end), or -1 after a message. */
ssize_t rd_read(struct rd *r, void *buf, size_t n);
/* rd_line: the next line without its newline (a last line without one
 * counts, with r->nl 0: a reader that wants whole lines refuses it); 1 for
 * a line, 0 at the end, -1 after a message.  line[len] is writable (the
 * caller may put a NUL there). */
int rd_line(struct rd *r, char **line, size_t *len);
void rd_close(struct rd *r);

#endif
