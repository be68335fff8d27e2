/*
 * --pipe: stdin (or -a's file) cut into blocks of about --block bytes at
 * record boundaries (a --recend followed by a --recstart; by default at
 * the last newline of the block), each block the stdin of one job.  A
 * block is read only when a job slot is free for it, so that at most a
 * block a running job and one being read are held (with --retries a job
 * keeps its block until it ends, to give it again).
 * --pipe-part -a file: the file's byte ranges instead, cut the same way
 * without reading the file through us: each job's stdin is a pipe that
 * splice(2) fills from the file (pread and write where there is none).
 * The poll loop writes to a job's pipe as it takes the bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

int pipemode;
size_t blocksize = 1024 * 1024;
const char *recstart = "", *recend = "\n";
static long long partsize, partpos;

/* Is q a record boundary of p (n bytes; eof: nothing follows them)? */
static int
boundary(const char *p, size_t n, size_t q, int eof)
{
	size_t le = strlen(recend), ls = strlen(recstart);

	if (q < le || memcmp(p + q - le, recend, le) != 0)
		return 0;
	if (q + ls > n)
		return eof && q == n;
	return memcmp(p + q, recstart, ls) == 0;
}

/* Where to cut p (n bytes): the last boundary at or before want, else
 * the first after it; 0 if none is there yet. */
static size_t
cut_at(const char *p, size_t n, size_t want, int eof)
{
	size_t q;

	if (want > n)
		want = n;
	if (!*recstart && strlen(recend) == 1 && want > 0) {
		const char *e = compat_memrchr(p, *recend, want);

		if (e)
			return (size_t)(e - p) + 1;
		e = memchr(p + want, *recend, n - want);
		return e ? (size_t)(e - p) + 1 : 0;
	}
	for (q = want; q > 0; q--)
		if (boundary(p, n, q, eof))
			return q;
	for (q = want + 1; q <= n; q++)
		if (boundary(p, n, q, eof))
			return q;
	return 0;
}

/* --pipe-part: the next byte range of the file, to the first boundary
 * at or after --block bytes (the file's end if none). */
static int
part_next(struct job *j)
{
	char buf[65536];
	long long from, end;
	ssize_t r;
	size_t q, back = strlen(recend), over = back + strlen(recstart);

	if (partpos >= partsize)
		return -1;
	end = partpos + (long long)blocksize;
	if (end >= partsize)
		end = partsize;
	for (from = end - (long long)back; end < partsize; from += r -
	    (ssize_t)over) {
		if ((r = pread(infd, buf, sizeof buf, from)) < 0)
			edie("--pipe-part");
		if (r <= (ssize_t)over) {
			end = partsize;
			break;
		}
		for (q = end > from ? (size_t)(end - from) : 0;
		    q <= (size_t)r; q++)
			if (boundary(buf, (size_t)r, q, from + r >= partsize))
				break;
		if (q <= (size_t)r) {
			end = from + (long long)q;
			break;
		}
		if (from + r >= partsize)
			end = partsize;
	}
	j->partoff = partpos;
	j->partend = end;
	partpos = end;
	return 1;
}

/* The next block, as a job's: 1, 0 when stdin has not said yet, -1 none. */
int
pipe_next(struct job *j)
{
	size_t avail = inlen - inoff, q;

	j->item = xstrdup("");
	if (pipemode == 2)
		return part_next(j) > 0 ? 1 : (free(j->item), -1);
	if (avail == 0 && ineof) {
		free(j->item);
		return -1;
	}
	q = avail < blocksize && !ineof ? 0 :
	    cut_at(inbuf + inoff, avail, blocksize, ineof);
	if (q == 0 && ineof)
		q = avail;
	if (q == 0) {
		free(j->item);
		return 0;
	}
	j->blk = xmalloc(q);
	memcpy(j->blk, inbuf + inoff, q);
	j->blklen = q;
	inoff += q;
	return 1;
}

int
pipe_ready(void)
{
	if (pipemode == 2)
		return partpos < partsize ? 1 : -1;
	if (inoff < inlen && (ineof || inlen - inoff >= blocksize))
		return 1;
	return ineof && inoff == inlen ? -1 : 0;
}

/* --pipe-part needs the size of a file it can read at any offset. */
void
pipe_setup(void)
{
	struct stat st;

	if (pipemode != 2)
		return;
	if (!lazy || infd == 0)
		usage_error("--pipe-part reads one file, given with -a");
	if (fstat(infd, &st) < 0)
		edie("--pipe-part");
	if (!S_ISREG(st.st_mode))
		die("--pipe-part: the -a file is not a regular file");
	partsize = (long long)st.st_size;
}

/* The pipe that is the job's stdin (in[0] for it, in[1] ours). */
int
pipe_stdin(struct job *j, int *in)
{
	if (compat_pipe(in, 0) < 0)
		return -1;
	if (fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK) < 0)
		return -1;
	compat_pipe_size(in[1], 1024 * 1024);
	j->feed = in[1];
	j->blkoff = 0;
	return 0;
}

void
pipe_close(struct job *j)
{
	if (j->feed >= 0) {
		close(j->feed);
		j->feed = -1;
	}
	if (retries <= 1 || j->finished) {
		free(j->blk);
		j->blk = NULL;
	}
}

/* Bytes of the file range to the job's pipe; -1 and errno when not. */
static ssize_t
part_write(struct job *j, size_t n)
{
	char buf[65536];
	long long off = j->partoff + (long long)j->blkoff;
	ssize_t r;

	if ((r = compat_splice(infd, &off, j->feed, n)) >= 0 || errno != ENOSYS)
		return r;
	if ((r = pread(infd, buf, n < sizeof buf ? n : sizeof buf, off)) <= 0)
		return r < 0 ? -1 : (errno = EIO, -1);
	/* All of it: what the pipe takes is there when poll says so. */
	return write(j->feed, buf, (size_t)r) == r ? r : -1;
}

/* The pipe may take more: as much as it does, and close it at the end. */
void
pipe_feed(struct job *j)
{
	for (;;) {
		size_t left = pipemode == 2 ? (size_t)(j->partend -
		    j->partoff) - j->blkoff : j->blklen - j->blkoff;
		ssize_t r;

		if (left == 0)
			break;
		if (pipemode == 2)
			r = part_write(j, left < (1 << 20) ? left : 1 << 20);
		else
			r = write(j->feed, j->blk + j->blkoff, left);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (r <= 0)
			break;		/* the job does not read it all */
		j->blkoff += (size_t)r;
		j->sent += (unsigned long long)r;
	}
	pipe_close(j);
}
