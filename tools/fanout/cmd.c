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

/* Word w with its replacement strings filled in, quoted if quote: {}
 * and the like are value k, or (k < 0) all values, one word each. */
static void
expand_k(const struct job *j, const char *w, int quote, long k,
    struct sb *b)
{
	char num[32];
	const char *v;
	size_t n, vn, i, nv = j->narg ? j->narg : 1;
	struct repl r;

	while (*w) {
		if (!(n = repl_parse(w, &r))) {
			for (n = 1; w[n] && !repl_len(w + n); n++)
				;
			sb_add(b, w, n);
			w += n;
			continue;
		}
		for (i = k < 0 ? 0 : (size_t)k; i < nv; i++) {
			if (i > (k < 0 ? 0 : (size_t)k))
				sb_add(b, quote ? " " : "", 1);
			repl_one(j, &r, i, num, &v, &vn);
			if (quote)
				sb_addq(b, v, vn);
			else
				sb_add(b, v, vn);
			if (k >= 0 || r.kind != R_ALL)
				break;
		}
		w += n;
	}
}

void
expand(const struct job *j, const char *w, int quote, struct sb *b)
{
	expand_k(j, w, quote, -1, b);
}

/* Does w hold {} or the like: -X and -N repeat it for each value. */
static int
has_all(const char *w)
{
	struct repl r;
	size_t n;

	for (; *w; w++)
		if ((n = repl_parse(w, &r)) && r.kind == R_ALL)
			return 1;
	return 0;
}

/* Word w once a value, blank-separated in a shell command (quote). */
static void
repeat_word(const struct job *j, const char *w, int quote, struct sb *b)
{
	size_t k;

	for (k = 0; k < j->narg; k++) {
		if (k)
			sb_add(b, quote ? " " : "", 1);
		expand_k(j, w, quote, (long)k, b);
	}
}

/* Word w of the command into b; in context (-X, -N) the word with {}
 * once a value; in a one-string shell command (!words) a word is what
 * blanks separate. */
static void
expand_word(const struct job *j, const char *w, int quote, int words,
    struct sb *b)
{
	size_t n;

	if (!(xmode == 'X' || nper > 0) || j->narg < 2 || !has_all(w)) {
		expand_k(j, w, quote, -1, b);
		return;
	}
	if (words) {
		repeat_word(j, w, quote, b);
		return;
	}
	while (*w) {
		char *t;

		n = strcspn(w, " \t\n");
		t = xmalloc(n + 1);
		memcpy(t, w, n);
		t[n] = '\0';
		if (has_all(t))
			repeat_word(j, t, quote, b);
		else
			expand_k(j, t, quote, -1, b);
		free(t);
		w += n;
		n = strspn(w, " \t\n");
		sb_add(b, w, n);
		w += n;
	}
}

/* No replacement string: the values go at the end. */
static void
append_values(const struct job *j, int quote, struct sb *b)
{
	size_t k, nv = j->narg ? j->narg : 1;
	const char *v;
	size_t vn;

	for (k = 0; k < nv; k++) {
		arg_at(j, k, &v, &vn);
		if (quote) {
			sb_add(b, " ", 1);
			sb_addq(b, v, vn);
		} else {
			sb_add(b, v, vn);
			sb_add(b, "", 1);
		}
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
	char **av, *p;
	int i, n = 0;
	int append = !hasrepl && countjobs < 0 && !pipemode;

	if (use_header && !hasrepl)
		for (i = 0; i < ntmpl; i++)
			hasrepl |= has_repl(tmpl[i]);
	append = !hasrepl && countjobs < 0 && !pipemode;
	if (useshell) {
		av = xcalloc(4, sizeof *av);
		if (retry_failed)
			sb_add(&b, j->item, j->itemlen);	/* as logged */
		else
			expand_word(j, tmpl[0], 1, 0, &b);
		if (append)
			append_values(j, 1, &b);
		sb_add(&b, "", 0);
		av[0] = "/bin/sh";
		av[1] = "-c";
		av[2] = b.p;
		*store = b.p;
		if (shown)
			*shown = xstrdup(b.p);
		return av;
	}
	/* The words one after the other, each ending in its NUL; a value
	 * list in argv mode is one word a value. */
	for (i = 0; i < ntmpl; i++) {
		expand_word(j, tmpl[i], i == script, i != script, &b);
		sb_add(&b, "", 1);
	}
	if (append)
		append_values(j, 0, &b);
	for (p = b.p; p < b.p + b.len; p++)
		n += *p == '\0';
	av = xcalloc((size_t)n + 4, sizeof *av);
	for (i = 0, p = b.p; i < n; i++, p += strlen(p) + 1)
		av[i] = p;
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

/* --retry-failed: each job's command is its one value, for sh -c. */
void
cmd_retry(void)
{
	static char *w[] = { "{}", NULL };

	tmpl = w;
	ntmpl = 1;
	useshell = hasrepl = 1;
	cmd_fixed = 0;
}

int
cmd_script(void)
{
	return script;
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
