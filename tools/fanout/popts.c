/*
 * The options of GNU parallel's features beyond xargs -P: input sources
 * (-a, --colsep, --header, --shuf, -r), values per job (-N, -X, -m),
 * --pipe and --pipe-part, --results, --delay, --retry-failed; and which
 * of them do not go together.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "usage.h"
#include "xalloc.h"
#include "fanout.h"

long long delay_ms, next_start;
int retry_failed;
unsigned long long *retry_seqs;		/* --retry-failed: the jobs' numbers */

/* --block: bytes, with a k, M or G (of 1024) after the number. */
static size_t
parse_size(const char *arg)
{
	char *end;
	double v = strtod(arg, &end);
	double mul = 1;

	if (*end == 'k' || *end == 'K')
		mul = 1024;
	else if (*end == 'm' || *end == 'M')
		mul = 1024.0 * 1024;
	else if (*end == 'g' || *end == 'G')
		mul = 1024.0 * 1024 * 1024;
	if (mul > 1)
		end++;
	if (end == arg || *end || !(v * mul >= 1) || v * mul > 1e12)
		usage_error("--block \"%s\" is not a size (bytes, k, M, G)", arg);
	return (size_t)(v * mul);
}

static void
parse_delay(const char *arg)
{
	char *end;
	double s = strtod(arg, &end);

	if (end == arg || *end || !(s >= 0) || s > 1e6)
		usage_error("--delay \"%s\" is not a number of seconds", arg);
	delay_ms = (long long)(s * 1000 + 0.5);
}

/* Options of this part: 1 if c was one. */
int
feature_option(int c, const char *arg)
{
	switch (c) {
	case 'a':
		src_add(arg, 0);
		break;
	case 'm':
	case 'X':
		xmode = c;
		break;
	case 'N':
		nper = (long)num_arg(arg, 1, INT_MAX, "values per job");
		break;
	case 'r':
		skip_empty = 1;
		break;
	case O_PIPE:
		pipemode = 1;
		break;
	case O_PIPEPART:
		pipemode = 2;
		break;
	case O_BLOCK:
		blocksize = parse_size(arg);
		break;
	case O_RECSTART:
		recstart = arg;
		break;
	case O_RECEND:
		recend = arg;
		break;
	case O_RESULTS:
		if (!*arg)
			usage_error("--results: no directory");
		resultsdir = arg;
		break;
	case O_HEADER:
		if (strcmp(arg, ":") != 0)
			usage_error("--header \"%s\": only --header : (the "
			    "first line names the columns)", arg);
		use_header = 1;
		break;
	case O_COLSEP:
		src_colsep(arg);
		break;
	case O_DELAY:
		parse_delay(arg);
		break;
	case O_SHUF:
		shuf = 1;
		break;
	case O_RETRYF:
		retry_failed = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

/* A joblog record: its job's number, whether it failed, its command. */
static int
parse_record(char *line, unsigned long long *seq, int *failed, char **cmd)
{
	char *f[9], *end;
	int i;

	f[0] = line;
	for (i = 1; i < 9; i++) {
		if (!(f[i] = strchr(f[i - 1], '\t')))
			return -1;
		*f[i]++ = '\0';
	}
	*seq = strtoull(f[0], &end, 10);
	if (*end || *seq == 0 || *seq > (1ULL << 40))
		return -1;
	*failed = strcmp(f[6], "0") != 0 || strcmp(f[7], "0") != 0;
	f[8][strcspn(f[8], "\n")] = '\0';
	*cmd = f[8];
	return 0;
}

/* --retry-failed: the commands of the joblog's jobs whose last record
 * failed, in their order, run again under their own numbers. */
void
retry_setup(void)
{
	const char *path;
	char *line = NULL, *cmd, **cmds = NULL;
	size_t cap = 0, ncmds = 0, i, k = 0;
	unsigned long long seq;
	ssize_t n;
	int failed;
	FILE *f;

	if (!joblog_path)
		usage_error("--retry-failed needs --joblog");
	if (strcmp(joblog_path, "-") == 0)
		usage_error("--retry-failed needs a joblog file, not -");
	path = joblog_path + (joblog_path[0] == '+');
	if (!(f = fopen(path, "r")))
		edie("%s", path);
	while ((n = getline(&line, &cap, f)) > 0) {
		/* A torn last record is no job's. */
		if (line[n - 1] != '\n' || parse_record(line, &seq, &failed,
		    &cmd) < 0)
			continue;
		if (seq > ncmds) {
			cmds = xreallocarray(cmds, seq, sizeof *cmds);
			memset(cmds + ncmds, 0, (seq - ncmds) * sizeof *cmds);
			ncmds = seq;
		}
		free(cmds[seq - 1]);
		cmds[seq - 1] = failed ? xstrdup(cmd) : NULL;
	}
	if (ferror(f))
		edie("%s", path);
	fclose(f);
	free(line);
	retry_seqs = xcalloc(ncmds + 1, sizeof *retry_seqs);
	for (i = 0; i < ncmds; i++)
		if (cmds[i]) {
			retry_seqs[k] = i + 1;
			cmds[k++] = cmds[i];
		}
	src_literal(cmds, k);		/* keeps the strings */
	free(cmds);
}

/* What does not go together, before anything runs. */
void
feature_check(int nsources)
{
	if (pipemode && (nper || xmode || shuf || use_header || countjobs >= 0))
		usage_error("--pipe takes none of -N, -X, -m, -n, --shuf, "
		    "--header");
	if (pipemode == 1 && nsources > 1)
		usage_error("--pipe reads stdin or one -a file");
	if (pipemode && fixed_slots)
		usage_error("--pipe runs its jobs here: no -S");
	if (pipemode && !*recend && !*recstart)
		usage_error("--pipe: --recend and --recstart both empty");
	if (nper && xmode)
		usage_error("-N and -%c: one of them", xmode);
	if (countjobs >= 0 && (nper || xmode || nsources))
		usage_error("-n runs count jobs with no item: no :::, -a, "
		    "-N, -X, -m");
	if (resultsdir && linebuf)
		usage_error("--results writes files: no --line-buffer");
}
