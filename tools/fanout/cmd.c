/*
 * The command: its words, the replacement strings in them, and the argv
 * (or the sh -c line) each job runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "fanout.h"

char **tmpl;
int ntmpl;
int useshell;
int cmd_fixed;			/* argv[0] holds no replacement string */
static int hasrepl;			/* some word holds a replacement string */
static int script = -1;			/* the word sh -c runs as a script */

/* The length of the replacement string at s, or 0. */
size_t
repl_len(const char *s)
{
	static const char *const r[] = {
		"{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}"
	};
	size_t i, n;

	if (*s != '{')
		return 0;
	for (i = 0; i < sizeof r / sizeof r[0]; i++) {
		n = strlen(r[i]);
		if (strncmp(s, r[i], n) == 0)
			return n;
	}
	return 0;
}

int
has_repl(const char *s)
{
	for (; *s; s++)
		if (repl_len(s))
			return 1;
	return 0;
}

/* A single word that the shell must read: redirections, pipes, ... */
static int
shell_syntax(const char *s)
{
	size_t n;

	while (*s) {
		if ((n = repl_len(s))) {
			s += n;
			continue;
		}
		if (strchr(" \t\n;&|<>()$`\\\"'*?[~#", *s))
			return 1;
		s++;
	}
	return 0;
}

/* The value of replacement string r (length rn) for job j. */
void
repl_value(const struct job *j, const char *r, size_t rn, char *num,
    const char **v, size_t *vn)
{
	const char *it = j->item, *slash, *dot, *base;
	size_t n = j->itemlen, bn;

	slash = NULL;
	for (base = it; base < it + n; base++)
		if (*base == '/')
			slash = base;
	base = slash ? slash + 1 : it;
	bn = it + n - base;
	dot = NULL;
	for (const char *q = base; q < it + n; q++)
		if (*q == '.')
			dot = q;
	if (rn == 2) {				/* {} */
		*v = it;
		*vn = n;
	} else if (r[1] == '.') {		/* {.} */
		*v = it;
		*vn = dot ? (size_t)(dot - it) : n;
	} else if (r[1] == '#' || r[1] == '%') {
		snprintf(num, 32, "%llu", r[1] == '#' ? j->seq :
		    (unsigned long long)j->slot->id);
		*v = num;
		*vn = strlen(num);
	} else if (rn == 3) {			/* {/} */
		*v = base;
		*vn = bn;
	} else if (r[2] == '.') {		/* {/.} */
		*v = base;
		*vn = dot ? (size_t)(dot - base) : bn;
	} else {				/* {//}, as dirname(3) */
		size_t e = n;

		while (e > 1 && it[e - 1] == '/')
			e--;
		while (e > 0 && it[e - 1] != '/')
			e--;
		while (e > 1 && it[e - 1] == '/')
			e--;
		if (e == 0) {
			*v = n > 0 && it[0] == '/' ? "/" : ".";
			*vn = 1;
		} else {
			*v = it;
			*vn = e;
		}
	}
}

/* Word w with its replacement strings filled in, quoted if quote. */
void
expand(const struct job *j, const char *w, int quote, struct sb *b)
{
	char num[32];
	const char *v;
	size_t n, vn;

	while (*w) {
		if ((n = repl_len(w))) {
			repl_value(j, w, n, num, &v, &vn);
			if (quote)
				sb_addq(b, v, vn);
			else
				sb_add(b, v, vn);
			w += n;
			continue;
		}
		for (n = 1; w[n] && !repl_len(w + n); n++)
			;
		sb_add(b, w, n);
		w += n;
	}
}

/*
 * The job's argv, in *store (freed by the caller); with shell set, the one
 * line that runs it, quoted for pasting.
 */
char **
build_argv(const struct job *j, char **store, char **shown)
{
	struct sb b = { NULL, 0, 0 };
	size_t *off;
	char **av;
	int i, n = 0, append = !hasrepl && countjobs < 0;

	av = xcalloc((size_t)ntmpl + 4, sizeof *av);
	if (useshell) {
		expand(j, tmpl[0], 1, &b);
		if (append) {
			sb_add(&b, " ", 1);
			sb_addq(&b, j->item, j->itemlen);
		}
		av[0] = "/bin/sh";
		av[1] = "-c";
		av[2] = b.p;
		*store = b.p;
		if (shown)
			*shown = xstrdup(b.p);
		return av;
	}
	/* The words one after the other, each ending in its NUL. */
	off = xcalloc((size_t)ntmpl + 2, sizeof *off);
	for (i = 0; i < ntmpl; i++) {
		off[n++] = b.len;
		expand(j, tmpl[i], i == script, &b);
		sb_add(&b, "", 1);
	}
	if (append) {
		off[n++] = b.len;
		sb_add(&b, j->item, j->itemlen);
		sb_add(&b, "", 1);
	}
	for (i = 0; i < n; i++)
		av[i] = b.p + off[i];
	free(off);
	if (shown) {
		struct sb s = { NULL, 0, 0 };

		for (i = 0; i < n; i++) {
			if (i)
				sb_add(&s, " ", 1);
			sb_addq(&s, av[i], strlen(av[i]));
		}
		*shown = s.p;
	}
	*store = b.p;
	return av;
}

void
print_cmd(const struct job *j, FILE *f)
{
	char *store, *shown;
	char **av = build_argv(j, &store, &shown);

	fprintf(f, "%s\n", shown);
	free(shown);
	free(store);
	free(av);
}
/*
 * sh -c SCRIPT, bash -xc SCRIPT, ...: the shell reads SCRIPT as code, so
 * values go into it quoted, as into a shell-mode command (GNU parallel
 * quotes them too).  The script is the first operand after options of
 * which one holds a c; -o takes an argument.
 */
static int
script_word(char **w, int n)
{
	static const char *const shells[] = {
		"sh", "bash", "dash", "ksh", "mksh", "zsh", "ash", "posh", "yash"
	};
	const char *base = strrchr(w[0], '/') ? strrchr(w[0], '/') + 1 : w[0];
	size_t k;
	int i, c = 0;

	for (k = 0; k < sizeof shells / sizeof shells[0]; k++)
		if (strcmp(base, shells[k]) == 0)
			break;
	if (k == sizeof shells / sizeof shells[0])
		return -1;
	for (i = 1; i < n && (w[i][0] == '-' || w[i][0] == '+') && w[i][1];
	    i++) {
		if (strcmp(w[i], "--") == 0) {
			i++;
			break;
		}
		if (w[i][1] == '-')
			continue;	/* bash's --norc and the like */
		if (strchr(w[i] + 1, 'c'))
			c = 1;
		if (strchr(w[i] + 1, 'o') || strchr(w[i] + 1, 'O'))
			i++;		/* -o pipefail */
	}
	return c && i < n ? i : -1;
}

/* The command is words[0..n-1]; how it runs follows from them. */
void
cmd_setup(char **words, int n)
{
	int i;

	tmpl = words;
	ntmpl = n;
	useshell = n == 1 && shell_syntax(words[0]);
	cmd_fixed = !has_repl(words[0]);
	script = script_word(words, n);
	for (i = 0; i < n; i++)
		if (has_repl(words[i]))
			hasrepl = 1;
}
