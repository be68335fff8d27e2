/*
 * fanout: run a command once per item, N jobs at a time, as xargs -P does,
 * with each job's output kept whole, and as a client of make's jobserver.
 *
 * Reads items from the operands after ":::" or from stdin, one per line
 * (-0: NUL-terminated), read only as jobs need them; -n count runs count
 * jobs with no item.  Inside a `+` recipe of make -jN it takes make's job
 * slots instead of its own -j.
 * Writes each job's stdout and stderr to its own, whole, when the job ends
 * (--line-buffer: complete lines as they come); --joblog in GNU parallel's
 * columns.
 * Exit status as xargs: 0 all jobs succeeded, 123 a job failed, 124 a job
 * exited 255, 125 a job was killed by a signal (timeouts included), 126 a
 * command could not be executed, 127 not found; 2 bad usage, 1 other
 * errors; 129/130/143 after SIGHUP/SIGINT/SIGTERM, which reach every job's
 * process group first.
 * Limits: a job's output beyond 256 KiB a stream spills to an unlinked
 * file in $TMPDIR; with -k at most 4 * jobs + 64 finished jobs wait for an
 * earlier one before no new job starts.
 *
 * The parts: main.c (options; optval.c their values), cmd.c (the
 * command, replacement strings, quoting; sb.c the string builder),
 * items.c (input, resume, shard),
 * jobs.c (spawning, reaping), end.c (a job's end: retries, halt, status),
 * output.c (grouping, spilling, tags, -k, the bar), joblog.c, jobserver.c
 * (make's), hosts.c (slots and hosts), ssh.c (jobs and files over ssh),
 * loop.c (signals and the poll loop), compat.c (what not every POSIX
 * system has).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "num.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

int nulsep, keep, verbose, linebuf, tag, dryrun, resume, resume_failed;
int barmode;
long jobs = -1;
long long countjobs = -1;
unsigned retries = 1;
long long timeout_ms;
int halt_when = HALT_NEVER, halt_success, halt_pct;
double halt_n;
const char *joblog_path, *workdir;
const char **envnames, **returns;
size_t nenvnames, nreturns;
unsigned max_host_failures = 3;
int transfer, cleanup, shard;

static long
fd_jobs(void)
{
	struct rlimit rl;

	/* Two pipes a job, and a few of our own. */
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 4096;
	return rl.rlim_cur > 40 ? (long)(rl.rlim_cur - 32) / 2 : 4;
}

static const char usage_text[] =
    "usage: fanout [-0kmrvX] [-a file] [-j jobs] [-n count] [-N n] "
    "[options] command [arg ...] [:::[+] item ... | ::::[+] file ...] ...\n";

/* -h: the usage line, then every option in a line. */
static void
help(void)
{
	fputs(usage_text, stdout);
	fputs("  -0               items on stdin end in NUL, not newline\n"
	    "  -a file          items from file (more -a: more sources)\n"
	    "  -j jobs          jobs at once (default: make's jobserver, "
	    "else CPUs; 0: no limit;\n"
	    "                   +N, -N, P%: from the CPUs)\n"
	    "  -k               write outputs in input order\n"
	    "  -m               as many items a job as fit a command line\n"
	    "  -n count         run count jobs with no item (ranks)\n"
	    "  -N n             n items a job, {1}..{n}\n"
	    "  -r               no job for an empty item or input\n"
	    "  -S hosts         [N/][user@]host[:port],... (: is here)\n"
	    "  -v               print each command on stderr\n"
	    "  -X               -m, each word with {} repeated an item\n"
	    "  --block size     --pipe's blocks (default 1M)\n"
	    "  --colsep regex   cut items into columns {1} {2} ...\n"
	    "  --delay secs     start jobs at least secs apart\n"
	    "  --bar[=always]   progress bar on stderr\n"
	    "  --dry-run        print the commands, run nothing\n"
	    "  --env name       pass variable name to remote jobs\n"
	    "  --header :       the first item (line) names the columns\n"
	    "  --halt when      never, now,fail=N, soon,fail=N, "
	    "now,success=N\n"
	    "  --host-failures k  drop a host after k failed connections\n"
	    "  --joblog file    GNU parallel's job log (-: stdout; +file: "
	    "append)\n"
	    "  --line-buffer    write complete lines as they come\n"
	    "  --pipe           stdin in blocks, one a job's stdin\n"
	    "  --pipe-part      -a file's byte ranges, one a job's stdin\n"
	    "  --recend s, --recstart s  where --pipe may cut records\n"
	    "  --results dir    outputs in files under dir by value\n"
	    "  --resume         skip jobs the joblog has\n"
	    "  --resume-failed  ... except the failed ones\n"
	    "  --retries n      run a failing job up to n times\n"
	    "  --retry-failed   run the joblog's failed commands again\n"
	    "  --shard          run the items of the launcher's rank only\n"
	    "  --shuf           run the jobs in a random order\n"
	    "  --sshloginfile f hosts for -S, one or more a line\n"
	    "  --tag            prefix each line with its item\n"
	    "  --timeout secs   kill a job after secs seconds\n"
	    "  --transfer       send {} to the job's host first\n"
	    "  --return pat     bring pat back from the job's host after\n"
	    "  --cleanup        then remove both there; --trc pat: all three\n"
	    "  --workdir dir    run jobs in dir (remote: default cwd)\n"
	    "  replacement strings: {} {.} {/} {//} {/.} {#} {%}, {n} {n.} "
	    "... {name} ...\n", stdout);
	out_check();
	exit(0);
}

#define OPTS	"+0a:hj:kmn:N:rS:vX"

enum { O_BAR = 256, O_DRY, O_HALT, O_JOBLOG, O_LINEBUF, O_RESUME, O_RESUMEF,
    O_RETRIES, O_TAG, O_TIMEOUT, O_SSHLOGINFILE, O_WORKDIR, O_ENV,
    O_HOSTFAIL, O_SHARD, O_TRANSFER, O_RETURN, O_CLEANUP, O_TRC };

static const struct option lopts[] = {
	{ "bar", optional_argument, NULL, O_BAR },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "halt", required_argument, NULL, O_HALT },
	{ "joblog", required_argument, NULL, O_JOBLOG },
	{ "line-buffer", no_argument, NULL, O_LINEBUF },
	{ "resume", no_argument, NULL, O_RESUME },
	{ "resume-failed", no_argument, NULL, O_RESUMEF },
	{ "retries", required_argument, NULL, O_RETRIES },
	{ "tag", no_argument, NULL, O_TAG },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "sshloginfile", required_argument, NULL, O_SSHLOGINFILE },
	{ "workdir", required_argument, NULL, O_WORKDIR },
	{ "env", required_argument, NULL, O_ENV },
	{ "host-failures", required_argument, NULL, O_HOSTFAIL },
	{ "shard", no_argument, NULL, O_SHARD },
	{ "transfer", no_argument, NULL, O_TRANSFER },
	{ "return", required_argument, NULL, O_RETURN },
	{ "cleanup", no_argument, NULL, O_CLEANUP },
	{ "trc", required_argument, NULL, O_TRC },
	{ "pipe", no_argument, NULL, O_PIPE },
	{ "pipe-part", no_argument, NULL, O_PIPEPART },
	{ "block", required_argument, NULL, O_BLOCK },
	{ "recstart", required_argument, NULL, O_RECSTART },
	{ "recend", required_argument, NULL, O_RECEND },
	{ "results", required_argument, NULL, O_RESULTS },
	{ "header", required_argument, NULL, O_HEADER },
	{ "colsep", required_argument, NULL, O_COLSEP },
	{ "delay", required_argument, NULL, O_DELAY },
	{ "shuf", no_argument, NULL, O_SHUF },
	{ "retry-failed", no_argument, NULL, O_RETRYF },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
add_env(const char *name)
{
	/* It goes into the remote shell's script unquoted. */
	if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") != strlen(name) ||
	    (*name >= '0' && *name <= '9'))
		usage_error("--env \"%s\" is not a variable name", name);
	envnames = xreallocarray(envnames, nenvnames + 1, sizeof *envnames);
	envnames[nenvnames++] = name;
}

/* The options about hosts and files over ssh; 0 if c is none of them. */
static int
host_option(int c, const char *arg)
{
	switch (c) {
	case 'S':
		add_hosts(arg);
		break;
	case O_SSHLOGINFILE:
		/* bad data, not bad usage: the file is named, as any input */
		if (read_sshloginfile(arg) == 0)
			die("%s: no hosts", arg);
		break;
	case O_ENV:
		add_env(arg);
		break;
	case O_HOSTFAIL:
		max_host_failures = (unsigned)num_arg(arg, 1, 1000000,
		    "host failures");
		break;
	case O_TRC:
		transfer = cleanup = 1;
		/* FALLTHROUGH */
	case O_RETURN:
		returns = xreallocarray(returns, nreturns + 1, sizeof *returns);
		returns[nreturns++] = arg;
		break;
	case O_TRANSFER:
		transfer = 1;
		break;
	case O_CLEANUP:
		cleanup = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

/* Every other option; usage on one it does not know. */
static void
option(int c, const char *arg, char **argv)
{
	switch (c) {
	case '0':
		nulsep = 1;
		break;
	case 'h':
		help();
		break;
	case 'j':
		parse_jobs(arg);
		break;
	case 'k':
		keep = 1;
		break;
	case 'n':
		countjobs = num_arg(arg, 0, LLONG_MAX / 2, "count");
		break;
	case 'v':
		verbose = 1;
		break;
	case O_BAR:
		parse_bar(arg);
		break;
	case O_DRY:
		dryrun = 1;
		break;
	case O_HALT:
		parse_halt(arg);
		break;
	case O_JOBLOG:
		joblog_name(arg);
		break;
	case O_LINEBUF:
		linebuf = 1;
		break;
	case O_RESUME:
		resume = 1;
		break;
	case O_RESUMEF:
		resume = resume_failed = 1;
		break;
	case O_RETRIES:
		retries = (unsigned)num_arg(arg, 1, 1000000, "retries");
		break;
	case O_WORKDIR:
		workdir = arg;
		break;
	case O_SHARD:
		shard = 1;
		break;
	case O_TAG:
		tag = 1;
		break;
	case O_TIMEOUT:
		parse_timeout(arg);
		break;
	default:
		if (host_option(c, arg) || feature_option(c, arg))
			break;
		opt_refused(OPTS, argv);
	}
}

/* The command, then the input sources: :::, :::+, ::::, ::::+. */
static void
operands(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], ":::") != 0 &&
	    strcmp(argv[i], ":::+") != 0 && strcmp(argv[i], "::::") != 0 &&
	    strcmp(argv[i], "::::+") != 0; i++)
		;
	if (i == 0 && !retry_failed)
		usage_error("no command");
	if (retry_failed) {
		/* parallel's: the joblog's commands, not these. */
		cmd_retry();
		retry_setup();
	} else {
		cmd_setup(argv, i);
		src_operands(argv + i, argc - i);
	}
	feature_check((int)src_count());
	if (countjobs >= 0)
		total = countjobs;
	if (resume && !joblog_path)
		usage_error("--resume needs --joblog");
}

/* How many jobs at once, and whether make's jobserver decides. */
static void
setup_jobs(void)
{
	if (fixed_slots) {
		/* Remote slots are not make's to give. */
		jobs = (long)nslots;
		js_r = js_w = -1;
		js_warn = 0;
		hosts_setup();
	}
	if (jobs < 0 && js_r < 0 && js_warn)
		warnx_("make's jobserver is not open to this recipe (mark it "
		    "with +); running %ld jobs", compat_ncpus());
	if (jobs >= 0 || js_r < 0)
		js_r = js_w = -1;	/* -j wins; the fds stay as they were */
	js_setup();
	if (jobs < 0)
		jobs = js_r >= 0 ? fd_jobs() : compat_ncpus();
	if (jobs == 0 || jobs > fd_jobs())
		jobs = fd_jobs();
}

/* Here, or every local job would fail as "not found". */
static void
check_workdir(void)
{
	struct stat st;

	if (!workdir || (fixed_slots && localhost.nslots == 0))
		return;
	if (stat(workdir, &st) < 0)
		edie("%s", workdir);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		edie("%s", workdir);
	}
}

int
main(int argc, char **argv)
{
	int c;

	setprogname(argv[0]);
	usage_set(usage_text);
	js_probe();		/* before anything is opened */
	opterr = 0;
	while ((c = getopt_long(argc, argv, OPTS, lopts, NULL)) != -1)
		option(c, optarg, argv);
	operands(argc - optind, argv + optind);
	if (countjobs < 0)
		src_setup();
	args_setup();
	pipe_setup();
	if (shard)
		shard_setup();
	if (js_dry)
		dryrun = 1;
	if (barmode == 1 && !isatty(2))
		barmode = 0;
	if (resume)
		read_joblog();
	if (dryrun) {
		dry_run();
		out_check();
		return 0;
	}
	setup_jobs();
	check_workdir();
	if ((devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0 ||
	    (devnull_w = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		edie("/dev/null");
	joblog_open();
	spawn_setup();
	setup_signals();
	tstart = now_ms();
	loop();
	fflush(stdout);
	finish();
	return exit_status();
}
