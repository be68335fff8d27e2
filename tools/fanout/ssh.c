/*
 * Hosts over ssh.  Every remote slot's job is one ssh through the host's
 * ControlMaster (the first job there opens it; the others wait for its
 * socket), so a job costs a round trip, not a handshake.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "outfile.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

char *ctldir;				/* private directory of the sockets */
char *cwd;
static char **sshcmd;			/* FANOUT_SSH, split at blanks */
static size_t nsshcmd;

struct argv {
	char **v;
	size_t n;
};

static void
split_ssh(const char *s)
{
	const char *p = s;

	while (*(p += strspn(p, " \t\n"))) {
		size_t n = strcspn(p, " \t\n");

		sshcmd = xreallocarray(sshcmd, nsshcmd + 1, sizeof *sshcmd);
		sshcmd[nsshcmd] = xmalloc(n + 1);
		memcpy(sshcmd[nsshcmd], p, n);
		sshcmd[nsshcmd++][n] = '\0';
		p += n;
	}
	if (nsshcmd == 0)
		split_ssh("ssh");
}

/* The ssh command, a directory for the sockets, a socket a host. */
void
hosts_setup(void)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;
	char *d;

	if (nslots == 0)
		usage_error("-S: no hosts");
	split_ssh(getenv("FANOUT_SSH") ? getenv("FANOUT_SSH") : "ssh");
	if (!(cwd = getcwd(NULL, 0)))
		edie("getcwd");
	/* A socket path must fit in sun_path (108 bytes). */
	if (!tmp || !*tmp || strlen(tmp) > 60)
		tmp = "/tmp";
	d = xmalloc(strlen(tmp) + 20);
	sprintf(d, "%s/fanout-ssh.XXXXXX", tmp);
	for (i = 0; i < nhosts; i++) {
		if (!hosts[i]->name)
			continue;
		if (!ctldir && !(ctldir = mkdtemp(d)))
			edie("%s", d);
		hosts[i]->ctl = xmalloc(strlen(ctldir) + 24);
		sprintf(hosts[i]->ctl, "%s/%zu", ctldir, i);
	}
	if (!ctldir)
		free(d);
}

static void
av_add(struct argv *a, const char *s)
{
	a->v = xreallocarray(a->v, a->n + 2, sizeof *a->v);
	a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

/* ssh with the options every connection to h shares, up to the host. */
static void
ssh_base(struct argv *a, const struct host *h)
{
	static const char *const opts[] = {
		"BatchMode=yes", "ControlMaster=auto", "ControlPersist=60",
		"ConnectTimeout=10", "ServerAliveInterval=5",
	};
	static char cp[4200];
	size_t i;

	for (i = 0; i < nsshcmd; i++)
		av_add(a, sshcmd[i]);
	av_add(a, "-T");
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		av_add(a, "-o");
		av_add(a, opts[i]);
	}
	av_add(a, "-o");
	/* posix_spawn copies argv before this buffer is reused */
	snprintf(cp, sizeof cp, "ControlPath=%s", h->ctl);
	av_add(a, cp);
	if (h->port) {
		av_add(a, "-p");
		av_add(a, h->port);
	}
}

/* The start of every remote script: into the job's directory. */
static void
script_cd(struct sb *sc)
{
	const char *wd = workdir ? workdir : cwd;

	sb_adds(sc, "cd ");
	sb_addq(sc, wd, strlen(wd));
	sb_adds(sc, " || exit 1;");
}

/* ssh to h running script under sh, whatever the login shell; the
 * command line for ssh goes to *rcmd (the caller frees it). */
static char **
ssh_script(const struct host *h, const struct sb *sc, char **rcmd)
{
	struct argv a = { NULL, 0 };
	struct sb r = { NULL, 0, 0 };

	sb_adds(&r, "exec /bin/sh -c ");
	sb_addq(&r, sc->p, sc->len);
	ssh_base(&a, h);
	av_add(&a, h->dest);
	av_add(&a, r.p);
	*rcmd = r.p;
	return a.v;
}

/*
 * The remote command: every word quoted for the remote shell.  sshd makes
 * the session's shell a process group leader; when ssh goes away, its
 * stdin reaches EOF and the watcher kills that group, so killing fanout
 * (or one job) leaves no remote orphan.  fenv: nfenv FANOUT_ variables,
 * safe unquoted.
 */
char **
ssh_argv(const struct job *j, char **av, char *const *fenv, size_t nfenv,
    char **rcmd)
{
	static const char tail[] = " 3<&- & p=$!; "
	    "{ read _ <&3; kill -TERM 0; } >/dev/null 2>&1 & w=$!; "
	    "wait $p; s=$?; kill $w 2>/dev/null; exit $s";
	struct sb sc = { NULL, 0, 0 };
	char **v;
	size_t i;

	script_cd(&sc);
	sb_adds(&sc, " export");
	for (i = 0; i < nfenv; i++) {
		sb_add(&sc, " ", 1);
		sb_adds(&sc, fenv[i]);
	}
	for (i = 0; i < nenvnames; i++) {
		const char *val = getenv(envnames[i]);

		if (!val)
			continue;
		sb_add(&sc, " ", 1);
		sb_adds(&sc, envnames[i]);
		sb_add(&sc, "=", 1);
		sb_addq(&sc, val, strlen(val));
	}
	sb_adds(&sc, "; exec 3<&0 </dev/null;");
	for (i = 0; av[i]; i++) {
		sb_add(&sc, " ", 1);
		sb_addq(&sc, av[i], strlen(av[i]));
	}
	sb_adds(&sc, tail);
	v = ssh_script(j->slot->host, &sc, rcmd);
	free(sc.p);
	return v;
}

/* ssh -O OP to h's master: its exit status, or -1. */
int
ssh_control(const struct host *h, const char *op)
{
	struct argv a = { NULL, 0 };
	int st;

	ssh_base(&a, h);
	av_add(&a, "-O");
	av_add(&a, op);
	av_add(&a, h->dest);
	st = spawn_wait(a.v, devnull, devnull_w, devnull_w);
	free(a.v);
	return st;
}

/* Close every master connection and the sockets' directory. */
void
hosts_close(void)
{
	size_t i;

	if (!ctldir)
		return;
	for (i = 0; i < nhosts; i++) {
		struct stat st;

		if (hosts[i]->ctl && lstat(hosts[i]->ctl, &st) == 0) {
			ssh_control(hosts[i], "exit");
			unlink(hosts[i]->ctl);
		}
	}
	rmdir(ctldir);
	free(ctldir);
	ctldir = NULL;
}

/* Run script under /bin/sh on h, stdin from in, stdout to out: the exit
 * status, 255 when ssh could not do it, -1 when it did not start. */
static int
ssh_io(const struct host *h, const char *script, int in, int out)
{
	struct sb sc = { NULL, 0, 0 };
	char **av, *r;
	int st;

	script_cd(&sc);
	sb_add(&sc, " ", 1);
	sb_adds(&sc, script);
	av = ssh_script(h, &sc, &r);
	st = spawn_wait(av, in, out, -1);
	free(av);
	free(r);
	free(sc.p);
	return st;
}

/* --transfer: the item's file to the same path on the job's host. */
int
transfer_item(struct job *j)
{
	const struct host *h = j->slot->host;
	struct sb sc = { NULL, 0, 0 };
	struct stat st;
	int fd, ret;

	if ((fd = open(j->item, O_RDONLY | O_CLOEXEC)) < 0) {
		warn_("%s", j->item);
		return 1;
	}
	sb_adds(&sc, "d=$(dirname -- ");
	sb_addq(&sc, j->item, j->itemlen);
	sb_adds(&sc, ") && mkdir -p -- \"$d\" && cat > ");
	sb_addq(&sc, j->item, j->itemlen);
	if (fstat(fd, &st) == 0)
		j->sent = (unsigned long long)st.st_size;
	ret = ssh_io(h, sc.p, fd, devnull_w);
	close(fd);
	free(sc.p);
	if (ret != 0 && ret != 255)
		warnx_("%s: %s: could not send it", h->name, j->item);
	return ret;
}

/* One --return file back from h into path, through a temporary file
 * beside it (outfile.h): 0, 1 or 255 (as below). */
static int
return_file(const struct host *h, const char *path, size_t pl)
{
	struct sb sc = { NULL, 0, 0 };
	struct outfile o;
	int st, ret = 0;

	sb_adds(&sc, "cat -- ");
	sb_addq(&sc, path, pl);
	/* "-" is a file here, never our stdout. */
	if (!outfile_open(&o, strcmp(path, "-") == 0 ? "./-" : path)) {
		free(sc.p);
		return 1;
	}
	if ((st = ssh_io(h, sc.p, devnull, fileno(o.fp))) != 0) {
		if (st != 255)
			warnx_("%s: %s: could not bring it back", h->name, path);
		ret = st == 255 ? 255 : 1;
		outfile_abort(&o);
	} else if (outfile_commit(&o) < 0)
		ret = 1;
	free(sc.p);
	return ret;
}

/* --return: each pattern's file back from the job's host; 255 if the
 * connection broke, 1 if a file did not come, else 0. */
int
return_files(const struct job *j)
{
	int ret = 0;
	size_t i;

	for (i = 0; i < nreturns && ret != 255; i++) {
		struct sb path = { NULL, 0, 0 };

		expand(j, returns[i], 0, &path);
		sb_add(&path, "", 0);
		ret = return_file(j->slot->host, path.p, path.len);
		free(path.p);
	}
	return ret;
}

/* --cleanup: the job's files on its host go. */
void
cleanup_files(const struct job *j)
{
	struct sb sc = { NULL, 0, 0 };
	size_t i;

	sb_adds(&sc, "rm -f --");
	if (transfer) {
		sb_add(&sc, " ", 1);
		sb_addq(&sc, j->item, j->itemlen);
	}
	for (i = 0; i < nreturns; i++) {
		struct sb path = { NULL, 0, 0 };

		expand(j, returns[i], 0, &path);
		sb_add(&sc, " ", 1);
		sb_addq(&sc, path.p ? path.p : "", path.len);
		free(path.p);
	}
	ssh_io(j->slot->host, sc.p, devnull, devnull_w);
	free(sc.p);
}
