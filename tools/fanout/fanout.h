/*
 * fanout's parts: what they share.  Each global is defined in the file
 * named above it and set there (options: main.c, once, before the run).
 */
#ifndef FANOUT_H
#define FANOUT_H

#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#define SPILL_AT	(256 * 1024)	/* bytes of a stream kept in memory */
#define GRACE_MS	2000		/* TERM, then KILL after this */
#define BAR_MS		200		/* progress bar redraw interval */

enum { OUT, ERR };			/* a job's two streams */
enum { HALT_NEVER, HALT_SOON, HALT_NOW };

/* A growing string, always NUL-terminated once something is added. */
struct sb {
	char *p;
	size_t len, cap;
};

struct obuf {
	char *p;
	size_t len, cap;
	int spill;			/* unlinked temp file, or -1 */
	int bol;			/* next byte written starts a line */
	int gone;			/* could not be kept: lost */
};

/* A place jobs run: this machine (name NULL), or a host over ssh. */
struct host {
	const char *name;		/* as given, for the joblog */
	char *dest;			/* [user@]host */
	char *port;			/* NULL: ssh's own */
	char *ctl;			/* its ControlMaster socket */
	unsigned nslots;
	unsigned failures;		/* connections that failed */
	unsigned epoch;			/* connections made so far */
	int dead;			/* out of the rotation */
	int opened;			/* its master connection is up */
	struct job *opener;		/* the job making that connection */
};

struct slot {
	unsigned id;			/* {%}, from 1 */
	struct host *host;
	int busy;
};

struct job {
	unsigned long long seq;		/* {#}, from 1 */
	char *item;			/* its values, joined by spaces */
	size_t itemlen;
	char **arg;			/* its values (NULL: item is the one) */
	size_t *arglen, narg;
	char *blk;			/* --pipe: its block, fed to stdin */
	size_t blklen, blkoff;
	long long partoff, partend;	/* --pipe-part: its byte range */
	int feed;			/* --pipe: its stdin's pipe, or -1 */
	struct slot *slot;
	pid_t pid;			/* 0 once reaped */
	pid_t pgid;			/* its process group; 0: none */
	int fd[2];			/* pipes from the job, -1 at EOF */
	struct obuf ob[2];
	int status;			/* wait status */
	int code;			/* 126/127 when it could not start */
	unsigned tries;
	int timedout, cancelled, finished;
	int lost;			/* its files did not come back */
	double started;			/* wall clock, for the joblog */
	long long t0, deadline, killat;	/* monotonic ms; 0: none */
	unsigned long long received, sent;
	struct job *next;		/* -k order */
	struct job *rnext;		/* the retry queue */
	int inw;			/* remote: ssh's stdin, held open */
	struct host *failed_on;		/* the host whose connection broke */
	unsigned epoch;			/* its host's connection it used */
	char *logline;			/* --joblog -: its record, to follow it */
};

/* compat.c: what not every POSIX system has, with fallbacks. */
int compat_pipe(int fd[2], int nonblock);
int compat_spawnp(pid_t *, const char *file, posix_spawn_file_actions_t *,
    const posix_spawnattr_t *, char *const av[], char *const env[],
    const char *dir);
void *compat_memrchr(const void *, int, size_t);
int compat_tmpfile(const char *dir, char **path);
int compat_reopen(int fd, int flags);
long compat_ncpus(void);
int compat_parent_death(int sig);
void compat_pipe_size(int fd, int size);
ssize_t compat_splice(int from, long long *off, int to, size_t n);

/* main.c: options. */
extern int nulsep, keep, verbose, linebuf, tag, dryrun, resume, resume_failed;
extern int barmode;			/* 0 off, 1 on a terminal, 2 always */
extern long jobs;			/* -1: not given */
extern long long countjobs;		/* -n; -1: not given */
extern unsigned retries;		/* attempts in all */
extern long long timeout_ms;
extern int halt_when, halt_success, halt_pct;
extern double halt_n;
extern const char *joblog_path, *workdir;
extern const char **envnames, **returns;
extern size_t nenvnames, nreturns;
extern unsigned max_host_failures;
extern int transfer, cleanup, shard;

/* optval.c */
void parse_halt(const char *);
void parse_jobs(const char *);
void parse_timeout(const char *);
void parse_bar(const char *);

/* sb.c */
void sb_add(struct sb *, const char *, size_t);
void sb_adds(struct sb *, const char *);
void sb_addq(struct sb *, const char *, size_t);

/* repl.c: replacement strings and their values. */
enum { R_ALL, R_ARG, R_SEQ, R_SLOT };
enum { M_NONE, M_DOT, M_BASE, M_DIR, M_BASEDOT };
struct repl {
	int kind, mod;
	size_t idx;			/* R_ARG: which value, from 0 */
};
size_t repl_parse(const char *, struct repl *);
int arg_at(const struct job *, size_t k, const char **v, size_t *vn);
void repl_one(const struct job *, const struct repl *, size_t k, char *num,
    const char **v, size_t *vn);

/* cmd.c: the command and its replacement strings. */
extern char **tmpl;			/* the command's words */
extern int ntmpl;
extern int useshell;
extern int cmd_fixed;			/* argv[0] holds no replacement string */
void cmd_setup(char **words, int n);
int cmd_script(void);
void cmd_retry(void);
/* repl_len, has_repl, repl_value, add_host: tests/fuzz/fanout.c too. */
size_t repl_len(const char *);
int has_repl(const char *);
void repl_value(const struct job *, const char *r, size_t rn, char *num,
    const char **v, size_t *vn);
void expand(const struct job *, const char *w, int quote, struct sb *);
char **build_argv(const struct job *, char **store, char **shown);
void print_cmd(const struct job *, FILE *);

/* items.c: items, in order, and which of them to run. */
extern unsigned long long nseq;		/* jobs created so far */
extern long long total;			/* known number of jobs; -1 */
extern unsigned char *logged;		/* per seq: 1 seen, 2 succeeded */
extern size_t nlogged;
int read_input(void);
int next_line(char **item, size_t *len);
extern char *inbuf;
extern size_t inlen, incap, inoff;
extern int ineof;
int next_job(struct job **);
int work_ready(void);
void dry_run(void);
void shard_setup(void);

/* joblog.c */
extern int joblog;
void joblog_name(const char *arg);
void joblog_open(void);
void joblog_write(struct job *);
void joblog_flush(struct job *);
void joblog_close(void);
void read_joblog(void);

/* output.c: grouping, spilling, --line-buffer, --tag, -k, the bar. */
extern struct job *ohead, *otail;	/* -k: jobs not yet written */
extern size_t nwaiting;			/* finished, waiting for -k order */
extern long long tstart;
int write_all(int fd, const char *, size_t);
void bar_clear(void);
void bar_draw(void);
void obuf_reset(struct obuf *);
int streaming(const struct job *);
void obuf_add(struct job *, int s, const char *, size_t);
void flush_job(struct job *, int final);
void job_free(struct job *);
void drain_order(void);
void bar_tick(long long now);

/* jobserver.c: make's job slots. */
extern int js_r, js_w, js_warn, js_dry;
extern volatile sig_atomic_t ntokens;
void js_probe(void);
void js_setup(void);
void js_release(void);
void js_acquire(void);
void give_back_tokens(void);

/* hosts.c: slots, and the hosts they are on. */
extern struct host localhost;
extern struct slot **slots;		/* never moved: jobs point at them */
extern unsigned nslots;
extern struct host **hosts;
extern size_t nhosts, nalive;
extern int fixed_slots;			/* -S: slots per host, not per -j */
extern int wait_open;			/* a slot waits for a master */
struct slot *slot_pick(const struct job *);
struct slot *slot_take(void);
void add_host(const char *spec, size_t len);
void add_hosts(const char *list);
unsigned read_sshloginfile(const char *path);
void hosts_setup(void);
void host_failed(struct host *, unsigned epoch);

/* ssh.c: jobs and files over ssh. */
extern char *ctldir;
extern char *cwd;
char **ssh_argv(const struct job *, char **av, char *const *fenv,
    size_t nfenv, char **rcmd);
int ssh_control(const struct host *, const char *op);
void hosts_close(void);
int transfer_item(struct job *);
int return_files(const struct job *);
void cleanup_files(const struct job *);

/* sources.c: input sources, columns, headers, the order of jobs. */
extern int infd;			/* the lazily read input: stdin, -a */
extern int lazy;			/* one source, read as jobs need it */
extern int shuf, skip_empty, use_header;
extern char **names;			/* --header: the columns' names */
extern size_t nnames;
void src_add(const char *path, int linked);
void src_operands(char **av, int n);
void src_setup(void);
void src_colsep(const char *re);
void src_literal(char **v, size_t n);
int src_next(struct sb *vals, size_t *n);
int src_ready(void);
unsigned long long src_total(void);
size_t src_width(void);
size_t src_count(void);

/* args.c: values per job, -N, -X, -m, and the command line's room. */
extern long nper;			/* -N; 0: not given */
extern int xmode;			/* 'X' or 'm'; 0: neither */
int args_next(struct job *);
int args_ready(void);
void args_setup(void);

/* pipe.c: --pipe and --pipe-part. */
extern int pipemode;			/* 1 --pipe, 2 --pipe-part */
extern size_t blocksize;
extern const char *recstart, *recend;
int pipe_next(struct job *);
int pipe_ready(void);
void pipe_setup(void);
int pipe_stdin(struct job *, int *in);
void pipe_feed(struct job *);
void pipe_close(struct job *);

/* results.c: --results dir. */
extern const char *resultsdir;
void results_write(struct job *);

/* popts.c: the options of those parts. */
enum { O_PIPE = 512, O_PIPEPART, O_BLOCK, O_RECSTART, O_RECEND, O_RESULTS,
    O_HEADER, O_COLSEP, O_DELAY, O_SHUF, O_RETRYF };
extern long long delay_ms, next_start;
extern int retry_failed;
int feature_option(int c, const char *arg);
void feature_check(int nsources);
extern unsigned long long *retry_seqs;
void retry_setup(void);

/* jobs.c: starting and ending jobs. */
extern struct job **run;
extern struct job *retryq;		/* jobs to run again, first first */
struct job *retry_pop(void);
extern size_t nrun;
extern unsigned long long ndone;
extern int worst;			/* the exit status so far */
extern int had_error;			/* fanout's own: exit 1 at least */
int exit_status(void);
extern int stop_starting;		/* halt soon, not found, ... */
extern int stopping;			/* jobs are being killed */
extern int devnull, devnull_w;
void spawn_setup(void);
int spawn_wait(char **av, int in, int out, int err);
void run_remove(size_t i);
void kill_all(int sig);
int group_alive(const struct job *);
void job_end(struct job *);
void reap(void);
void read_job(struct job *, int s);
void start_jobs(int *need_input, int *need_token);
void flush_retries(void);

/* loop.c: signals, the poll loop, the end. */
extern volatile sig_atomic_t gotsig;
extern int exitsig;			/* raise this at the end */
extern int out_is_pipe;
long long now_ms(void);
double wall(void);
void block_signals(sigset_t *old);
void setup_signals(void);
void loop(void);
void finish(void);
void sigpipe_exit(void);

#endif
