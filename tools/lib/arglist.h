/* Operands from a file: the -F option of the tools that take every book at
 * once (zipf, wc-count -M, csvify), so that no command line has to hold
 * 100,000 paths.  One path a line; empty lines are skipped. */
#ifndef ARGLIST_H
#define ARGLIST_H

/* arglist_each: fn(path, arg) for each path listed in the file list
 * (stdin for "-"; gzip is read too), in order.  0 if every call returned
 * 0; -1 if one failed (the others still run) or if the list could not be
 * read or holds a bad line (after a message; the list stops there). */
int arglist_each(const char *list, int (*fn)(const char *path, void *arg),
    void *arg);

#endif
