#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include "num.h"

#define MAXRANK	UINT64_C(0x7fffffffffffffff)

const struct launch_var launch_vars[] = {
	{ "FANOUT_RANK", "FANOUT_SIZE" },
	{ "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE" },
	{ "PMI_RANK", "PMI_SIZE" },
	{ "SLURM_PROCID", "SLURM_NTASKS" },
};
const size_t launch_nvars = sizeof launch_vars / sizeof launch_vars[0];

static char msg[256];

/* value: the variable's number; -1 with msg set when it is not one.  An
 * empty value is not unset: a launcher that meant to set it failed. */
static int
value(const char *name, const char *v, uint64_t *out)
{
	int r = num_u64(v, strlen(v), MAXRANK, out);

	if (r == NUM_OK)
		return 0;
	snprintf(msg, sizeof msg, "%s \"%.40s%s\" is %s", name, v,
	    strlen(v) > 40 ? "..." : "", r == NUM_RANGE ?
	    "out of range (0 to 2^63-1)" : "not a number");
	return -1;
}

int
launch_env(size_t from, uint64_t *rank, uint64_t *size, const char **err)
{
	const struct launch_var *p;
	const char *r, *n;
	size_t i;

	*err = msg;
	for (i = from; i < launch_nvars; i++) {
		p = &launch_vars[i];
		r = getenv(p->rank);
		n = getenv(p->size);
		if (!r && !n)
			continue;
		if (!r || !n) {
			snprintf(msg, sizeof msg, "%s is set but %s is not",
			    r ? p->rank : p->size, r ? p->size : p->rank);
			return -1;
		}
		if (value(p->rank, r, rank) < 0 || value(p->size, n, size) < 0)
			return -1;
		if (*size == 0) {
			snprintf(msg, sizeof msg, "%s is 0", p->size);
			return -1;
		}
		if (*rank >= *size) {
			snprintf(msg, sizeof msg, "%s %llu is not below %s %llu",
			    p->rank, (unsigned long long)*rank, p->size,
			    (unsigned long long)*size);
			return -1;
		}
		return 1;
	}
	return 0;
}
