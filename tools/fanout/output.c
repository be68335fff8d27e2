/*
 * Output: each job's two streams kept whole in memory (beyond SPILL_AT in
 * an unlinked temporary file) and written when it ends; --line-buffer
 * writes complete lines as they come, --tag prefixes each line with the
 * item, -k holds finished jobs back until the earlier ones are out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "xalloc.h"
#include "fanout.h"

struct job *ohead, *otail;
size_t nwaiting;
long long tstart;
static long long bar_next;
static int bar_shown;

int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w;

		/* Interrupted: no output is worth waiting for a reader. */
		if (gotsig && fd <= 2)
			return -1;
		w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR) {
				if (gotsig)
					return -1;
				continue;
			}
			if (errno == EPIPE && fd == 1)
				sigpipe_exit();
			if (fd == 1)
				edie("stdout");
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void
bar_clear(void)
{
	if (bar_shown) {
		write_all(2, "\r\033[K", 4);
		bar_shown = 0;
	}
}

void
bar_draw(void)
{
	char line[160], fill[41];
	long long el = now_ms() - tstart;
	double rate = el > 0 ? ndone * 1000.0 / el : 0;
	int n, i, w = 30;

	if (total >= 0) {
		long long left = total - (long long)ndone;
		double eta = rate > 0 ? left / rate : 0;
		int k = total > 0 ? (int)(w * (double)ndone / total) : w;

		for (i = 0; i < w; i++)
			fill[i] = i < k ? '#' : '.';
		fill[w] = '\0';
		n = snprintf(line, sizeof line,
		    "\r[%s] %llu/%lld %d%% %.1f/s ETA %lld:%02lld\033[K",
		    fill, ndone, total,
		    total > 0 ? (int)(100 * ndone / (unsigned long long)total) :
		    100, rate, (long long)eta / 60, (long long)eta % 60);
	} else
		n = snprintf(line, sizeof line, "\r%llu done %.1f/s\033[K",
		    ndone, rate);
	write_all(2, line, (size_t)n);
	bar_shown = 1;
}

/* Bytes of one stream to fd, each line prefixed with the item if --tag. */
static void
put(struct job *j, int s, const char *p, size_t n)
{
	int fd = s == OUT ? 1 : 2;
	struct obuf *b = &j->ob[s];
	const char *e = p + n, *nl;

	if (n == 0)
		return;
	bar_clear();
	if (!tag) {
		write_all(fd, p, n);
		return;
	}
	while (p < e) {
		struct sb t = { NULL, 0, 0 };

		nl = memchr(p, '\n', (size_t)(e - p));
		nl = nl ? nl + 1 : e;
		if (b->bol) {
			sb_add(&t, j->item, j->itemlen);
			sb_add(&t, "\t", 1);
		}
		sb_add(&t, p, (size_t)(nl - p));
		write_all(fd, t.p, t.len);
		free(t.p);
		b->bol = nl[-1] == '\n';
		p = nl;
	}
}

static const char *
spill_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

/* Stream s of job j could not be kept (path: where, errno: why): its
 * output is lost, said once; the run's status is 1 at least. */
static void
spill_failed(struct job *j, int s, const char *path)
{
	struct obuf *b = &j->ob[s];
	int e = errno;

	bar_clear();
	warnx_("%s: %s: the %s of job %llu (item \"%.*s\") is lost", path,
	    strerror(e), s == OUT ? "output" : "error output", j->seq,
	    j->itemlen > 60 ? 60 : (int)j->itemlen, j->item);
	if (b->spill >= 0)
		close(b->spill);
	b->spill = -1;
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->gone = 1;
	had_error = 1;
}

static void
put_spill(struct job *j, int s)
{
	struct obuf *b = &j->ob[s];
	char buf[65536];
	ssize_t r;

	if (b->spill < 0)
		return;
	if (lseek(b->spill, 0, SEEK_SET) < 0) {
		spill_failed(j, s, spill_dir());
		return;
	}
	while ((r = read(b->spill, buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			spill_failed(j, s, spill_dir());
			return;
		}
		put(j, s, buf, (size_t)r);
	}
	close(b->spill);
	b->spill = -1;
}

/* Stream s of job j goes to a temporary file from now on. */
static int
spill_start(struct job *j, int s)
{
	struct obuf *b = &j->ob[s];
	char *path;

	if ((b->spill = compat_tmpfile(spill_dir(), &path)) < 0) {
		spill_failed(j, s, path ? path : spill_dir());
		free(path);
		return -1;
	}
	if (write_all(b->spill, b->p, b->len) < 0) {
		spill_failed(j, s, spill_dir());
		return -1;
	}
	b->len = 0;
	return 0;
}

/* n bytes more of stream s of job j. */
void
obuf_add(struct job *j, int s, const char *p, size_t n)
{
	struct obuf *b = &j->ob[s];

	if (b->gone)
		return;
	if (b->spill < 0 && b->len + n > SPILL_AT && spill_start(j, s) < 0)
		return;
	if (b->spill >= 0) {
		const char *nl = streaming(j) ? compat_memrchr(p, '\n', n) : NULL;
		size_t k = nl ? (size_t)(nl + 1 - p) : n;

		if (write_all(b->spill, p, k) < 0) {
			spill_failed(j, s, spill_dir());
			return;
		}
		if (!nl)
			return;
		/* --line-buffer: a long line is complete; out it goes, and
		 * what follows it is kept in memory again. */
		put_spill(j, s);
		p += k;
		n -= k;
	}
	if (b->len + n > b->cap) {
		b->cap = b->len + n > 2 * b->cap ? b->len + n : 2 * b->cap;
		if (b->cap < 4096)
			b->cap = 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
obuf_reset(struct obuf *b)
{
	if (b->spill >= 0)
		close(b->spill);
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->spill = -1;
	b->bol = 1;
	b->gone = 0;
}

/* --line-buffer: may this job's lines go out now? */
int
streaming(const struct job *j)
{
	return linebuf && !j->cancelled && (!keep || j == ohead);
}

/* Write what is complete: everything if final, else up to a newline. */
void
flush_job(struct job *j, int final)
{
	int s;

	for (s = OUT; s <= ERR; s++) {
		struct obuf *b = &j->ob[s];
		char *nl;
		size_t n;

		if (final) {
			put_spill(j, s);
			put(j, s, b->p, b->len);
			b->len = 0;
			continue;
		}
		nl = b->len ? compat_memrchr(b->p, '\n', b->len) : NULL;
		if (!nl)
			continue;
		put_spill(j, s);
		n = (size_t)(nl + 1 - b->p);
		put(j, s, b->p, n);
		memmove(b->p, b->p + n, b->len - n);
		b->len -= n;
	}
}

void
job_free(struct job *j)
{
	obuf_reset(&j->ob[OUT]);
	obuf_reset(&j->ob[ERR]);
	free(j->logline);
	j->finished = 1;
	pipe_close(j);
	if (j->narg)
		free(j->arg[0]);
	free(j->arg);
	free(j->arglen);
	free(j->item);
	free(j);
}

/* -k: write finished jobs from the head of the order on. */
void
drain_order(void)
{
	while (ohead && ohead->finished) {
		struct job *j = ohead;

		ohead = j->next;
		if (!ohead)
			otail = NULL;
		nwaiting--;
		if (!j->cancelled) {
			flush_job(j, 1);
			joblog_flush(j);
		}
		job_free(j);
	}
	if (ohead && streaming(ohead))
		flush_job(ohead, 0);
}
/* The bar, redrawn when BAR_MS have passed since it last was. */
void
bar_tick(long long t)
{
	if (barmode && t >= bar_next) {
		bar_draw();
		bar_next = t + BAR_MS;
	}
}
