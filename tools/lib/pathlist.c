#include <string.h>

#include "err.h"
#include "pathlist.h"

int
pathlist_next(struct rd *r, char **path)
{
	size_t len;
	int got;

	while ((got = rd_line(r, path, &len)) > 0 && len == 0)
		;
	if (got <= 0)
		return got;
	(*path)[len] = '\0';
	if (strlen(*path) != len) {
		warnx_("%s:%llu: a NUL byte in a file name", r->path,
		    (unsigned long long)r->lineno);
		return -1;
	}
	return 1;
}
