/* File lists (-F list): one path a line, empty lines skipped, as make
 * writes them with $(file ...) so that no command line holds every book. */
#ifndef PATHLIST_H
#define PATHLIST_H

#include "rd.h"

/* pathlist_next: the next path, NUL-terminated, in r's buffer (valid
 * until the next call); 1, 0 at the end, -1 after a message (a read
 * error, or a NUL byte in a name: "prog: list:line: ..."). */
int pathlist_next(struct rd *r, char **path);

#endif
