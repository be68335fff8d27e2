/*
 * Slots and hosts.  Every job runs on a slot, and every slot belongs to a
 * host, this machine or another (-S), so that the loop never asks where a
 * job runs; only spawn and job_end do.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "num.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

struct host localhost;
struct slot **slots;
unsigned nslots;
struct host **hosts;
size_t nhosts, nalive;
int fixed_slots;
int wait_open;

static int
host_ready(struct host *h)
{
	struct stat st;

	if (!h->name || h->opened)
		return 1;
	if (!h->opener)
		return 1;	/* this job will open it */
	if (lstat(h->ctl, &st) == 0 && S_ISSOCK(st.st_mode)) {
		h->opened = 1;
		return 1;
	}
	/* One connection a host: the others share it once it is up. */
	wait_open = 1;
	return 0;
}

/* -S: a free slot on a live host, not the one that just failed j if
 * another will do; NULL if none now. */
struct slot *
slot_pick(const struct job *j)
{
	struct slot *second = NULL;
	unsigned i;

	for (i = 0; i < nslots; i++) {
		struct slot *sl = slots[i];

		if (sl->busy || sl->host->dead || !host_ready(sl->host))
			continue;
		if (j && sl->host == j->failed_on && nalive > 1) {
			if (!second)
				second = sl;
			continue;
		}
		return sl;
	}
	return second;
}

/* Without -S: the lowest free slot, a new one if all are busy. */
struct slot *
slot_take(void)
{
	unsigned i;

	for (i = 0; i < nslots; i++)
		if (!slots[i]->busy)
			break;
	if (i == nslots) {
		slots = xreallocarray(slots, ++nslots, sizeof *slots);
		slots[i] = xcalloc(1, sizeof **slots);
		slots[i]->id = i + 1;
		slots[i]->host = &localhost;
		localhost.nslots++;
	}
	slots[i]->busy = 1;
	return slots[i];
}

static void
add_slots(struct host *h, unsigned n)
{
	unsigned i;

	slots = xreallocarray(slots, nslots + n, sizeof *slots);
	for (i = 0; i < n; i++) {
		slots[nslots] = xcalloc(1, sizeof **slots);
		slots[nslots]->id = nslots + 1;
		slots[nslots++]->host = h;
	}
	h->nslots += n;
}

/* One -S word: [N/][user@]host[:port], or N/: for this machine. */
void
add_host(const char *spec, size_t len)
{
	char *w = xmalloc(len + 1), *p = w, *colon;
	struct host *h;
	unsigned n = 1;

	memcpy(w, spec, len);
	w[len] = '\0';
	if ((colon = strchr(w, '/'))) {
		*colon = '\0';
		n = (unsigned)num_arg(w, 1, 100000, "host slots");
		p = colon + 1;
	}
	/* A leading dash would be an option to ssh. */
	if (!*p || *p == '-')
		usage_error("-S: \"%s\" is not a host", p);
	if (strcmp(p, ":") == 0) {
		h = &localhost;
	} else {
		h = xcalloc(1, sizeof *h);
		h->name = xstrdup(p);
		if ((colon = strrchr(p, ':')) && colon[1] &&
		    strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
			*colon = '\0';
			h->port = xstrdup(colon + 1);
		}
		/* ssh would take "" or "user@" for a host: no host at all. */
		if (!*p || p[strlen(p) - 1] == '@')
			usage_error("-S: \"%s\" has no host name", h->name);
		h->dest = xstrdup(p);
	}
	if (h == &localhost && localhost.nslots > 0) {
		add_slots(h, n);
		free(w);
		return;
	}
	hosts = xreallocarray(hosts, nhosts + 1, sizeof *hosts);
	hosts[nhosts++] = h;
	nalive++;
	add_slots(h, n);
	free(w);
}

void
add_hosts(const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");

		while (n > 0 && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0)
			add_host(p, n);
		p += strcspn(p, ",");
		if (*p)
			p++;
	}
	fixed_slots = 1;
}

/* The hosts of path, added; how many slots they have. */
unsigned
read_sshloginfile(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned before = nslots;
	ssize_t n;

	if (!f)
		edie("%s", path);
	while ((n = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "#\r\n")] = '\0';
		add_hosts(line);
	}
	if (ferror(f))
		edie("%s", path);
	free(line);
	fclose(f);
	fixed_slots = 1;
	return nslots - before;
}

/* h failed to connect, or its connection broke: once for all the jobs
 * that shared that connection. */
void
host_failed(struct host *h, unsigned epoch)
{
	if (epoch != h->epoch)
		return;
	h->epoch++;
	h->opened = 0;
	h->opener = NULL;
	unlink(h->ctl);
	if (++h->failures < max_host_failures || h->dead)
		return;
	h->dead = 1;
	nalive--;
	bar_clear();
	warnx_("%s: %u failed connections: no more jobs there", h->name,
	    h->failures);
	if (nalive == 0) {
		warnx_("every host is gone; jobs not run");
		stop_starting = 1;
		if (worst < 124)
			worst = 124;
	}
}
