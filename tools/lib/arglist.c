#include <string.h>

#include "arglist.h"
#include "err.h"
#include "rd.h"

int
arglist_each(const char *list, int (*fn)(const char *path, void *arg),
    void *arg)
{
	struct rd r;
	char *line;
	size_t len;
	int got, status = 0;

	if (rd_open(&r, list) < 0)
		return -1;
	while ((got = rd_line(&r, &line, &len)) > 0) {
		if (len == 0)
			continue;
		line[len] = '\0';
		/* a path cannot hold a NUL; the list is not one of paths */
		if (memchr(line, '\0', len)) {
			warnx_("%s:%llu: a NUL byte in a path", r.path,
			    (unsigned long long)r.lineno);
			got = -1;
			break;
		}
		/* stdin cannot be both the list and an input */
		if (strcmp(line, "-") == 0 && (!list || strcmp(list, "-") == 0)) {
			warnx_("%s:%llu: \"-\" (stdin) is the list itself",
			    r.path, (unsigned long long)r.lineno);
			got = -1;
			break;
		}
		if (fn(line, arg) < 0)
			status = -1;
	}
	rd_close(&r);
	return got < 0 ? -1 : status;
}
