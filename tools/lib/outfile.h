/* Atomic output: -o FILE is written to a temporary file beside FILE and
 * renamed into place by outfile_commit, so a failed or killed run never
 * leaves half a file.  The temporary file is removed at exit and on
 * SIGINT, SIGTERM and SIGHUP.  A path of NULL or "-" is stdout; an existing
 * target that is not a regular file (/dev/full, a fifo) is written directly. */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stdio.h>

struct outfile {
	const char *path;	/* as the user gave it, for messages */
	char *target;		/* where the rename goes */
	char *tmp;		/* temporary file, NULL when writing directly */
	FILE *fp;
	struct outfile *next;
};

/* outfile_open: NULL with a message on stderr if it cannot be created. */
FILE *outfile_open(struct outfile *o, const char *path);
/* outfile_commit: flush, close, rename; 0 or -1 with a message. */
int outfile_commit(struct outfile *o);
/* outfile_abort: close and remove the temporary file. */
void outfile_abort(struct outfile *o);
/* outfile_handlers_mine: the tool keeps its own SIGINT, SIGTERM and SIGHUP
 * handlers (fanout: its jobs must be killed first), which call
 * outfile_cleanup before they end the process; outfile_open installs
 * none.  Call it before the first outfile_open. */
void outfile_handlers_mine(void);
/* outfile_cleanup: remove every temporary file not yet committed;
 * async-signal-safe. */
void outfile_cleanup(void);

#endif
