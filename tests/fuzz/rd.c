/* Fuzz the gzip-aware reader (tools/lib/rd.c): rd_read and rd_line.
 *
 * Input: byte 0 chooses the mode, the rest is the payload.
 *   mode 0: the payload is the file.  Unless it starts with the gzip magic,
 *           rd_read gives it back byte for byte, and rd_line cuts it at
 *           every newline (a last line without one counts).
 *   mode 1: the payload is gzipped here (byte 1 splits it into two gzip
 *           members), then cut short at a point chosen by bytes 2-3, or a
 *           byte altered: an intact file reads back exactly; a cut one is
 *           an error, never a short read; an altered one either reads back
 *           exactly or is an error (but see the known limitation below). */
#include <string.h>
#include <zlib.h>

#include "fuzz.h"
#include "rd.h"

static uint8_t *out, *gz;
static size_t outcap, gzcap;

/* read_all: everything rd_read gives, in chunks of varying size; the
 * length, or -1 on an error (reported by rd). */
static long
read_all(const char *path, size_t chunk)
{
	struct rd r;
	size_t n = 0;
	ssize_t got;

	fuzz_check(rd_open(&r, path) == 0, "rd_open of a memfd");
	for (;;) {
		if (outcap - n < chunk) {
			outcap = 2 * (n + chunk);
			out = realloc(out, outcap);
		}
		if ((got = rd_read(&r, out + n, chunk)) <= 0)
			break;
		n += (size_t)got;
		fuzz_check(n <= 64 << 20, "no more than 64 MiB from a small input");
	}
	rd_close(&r);
	return got < 0 ? -1 : (long)n;
}

static size_t
gzip_member(const uint8_t *p, size_t n, size_t at)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	fuzz_check(deflateInit2(&z, 6, Z_DEFLATED, 31, 8,
	    Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
	z.next_in = (Bytef *)p;
	z.avail_in = (uInt)n;
	z.next_out = gz + at;
	z.avail_out = (uInt)(gzcap - at);
	fuzz_check(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
	deflateEnd(&z);
	return gzcap - at - z.avail_out;
}

static void
plain(const uint8_t *p, size_t n)
{
	const char *path = fuzz_file(p, n);
	struct rd r;
	size_t len, at = 0;
	char *line;
	long got;
	int k;

	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		read_all(path, 4096);	/* anything but a crash */
		return;
	}
	got = read_all(path, n % 7 + 1);
	fuzz_check(got == (long)n && memcmp(out, p, n) == 0,
	    "a plain file reads back as it is");
	fuzz_check(rd_open(&r, path) == 0, "rd_open");
	while ((k = rd_line(&r, &line, &len)) > 0) {
		fuzz_check(!memchr(line, '\n', len), "a line holds no newline");
		fuzz_check(at + len <= n && memcmp(p + at, line, len) == 0,
		    "lines are the file's bytes in order");
		at += len;
		fuzz_check(at == n || p[at] == '\n', "a line ends at a newline");
		at += at < n;
	}
	fuzz_check(k == 0 && at == n, "rd_line reads the whole file");
	rd_close(&r);
}

static void
gzipped(const uint8_t *p, size_t n, const uint8_t *ctl)
{
	size_t split = n ? ctl[0] % (n + 1) : 0, len, len1, cut;
	unsigned where = (unsigned)ctl[1] << 8 | ctl[2];
	long got;

	gzcap = 2 * n + 256;
	free(gz);
	gz = malloc(gzcap);
	len = len1 = gzip_member(p, split, 0);
	len += gzip_member(p + split, n - split, len);
	if (where & 0x8000) {		/* cut short */
		cut = (where & 0x7fff) % len;
		got = read_all(fuzz_file(gz, cut), 4096);
		if (cut < 2)	/* no gzip magic: a plain file */
			fuzz_check(got == (long)cut, "a 1-byte file reads back");
		else if (cut == len1 || cut == len1 + 1)
			/* a whole first member (and one byte of trailing
			 * garbage, ignored: the known limitation below) */
			fuzz_check(got == (long)split, "one member reads back");
		else
			fuzz_check(got < 0, "a cut gzip file is an error");
	} else if (where & 0x4000) {	/* one byte altered */
		cut = (where & 0x3fff) % len;
		gz[cut] ^= (uint8_t)(ctl[0] | 1);
		got = read_all(fuzz_file(gz, len), 4096);
		/* Known limitation, reported: zlib ignores what follows a
		 * gzip member when it is not gzip, so a damaged magic of the
		 * second member reads as the first member alone, no error. */
		if (cut >= 2 && got >= 0 && cut != len1 && cut != len1 + 1)
			fuzz_check(got == (long)n && memcmp(out, p, n) == 0,
			    "an altered gzip file reads back exactly or fails");
	} else {
		got = read_all(fuzz_file(gz, len), 4096);
		fuzz_check(got == (long)n && memcmp(out, p, n) == 0,
		    "a gzip file reads back exactly");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		if (size >= 4)
			gzipped(data + 4, size - 4, data + 1);
	} else {
		plain(data + 1, size - 1);
	}
	return 0;
}
