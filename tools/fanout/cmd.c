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

enum { R_ALL, R_ARG, R_SEQ, R_SLOT };
enum { M_NONE, M_DOT, M_BASE, M_DIR, M_BASEDOT };

struct repl {
	int kind, mod;
	size_t idx;			/* R_ARG: which value, from 0 */
};

/* The modifier at s, ending in }: its length, or 0. */
static size_t
mod_len(const char *s, int *mod)
{
	static const char *const m[] = { "}", ".}", "/}", "//}", "/.}" };
	int i;

	for (i = 0; i < 5; i++)
		if (strncmp(s, m[i], strlen(m[i])) == 0) {
			*mod = i;
			return strlen(m[i]);
		}
	return 0;
}

/* The replacement string at s: its length, or 0; what it is in *r.
 * {n...} is the n-th value, {name...} a --header column's. */
static size_t
repl_parse(const char *s, struct repl *r)
{
	const char *p = s + 1;
	size_t i, n, best = 0;

	if (*s != '{')
		return 0;
	r->kind = R_ALL;
	r->mod = M_NONE;
	if ((*p == '#' || *p == '%') && p[1] == '}') {
		r->kind = *p == '#' ? R_SEQ : R_SLOT;
		return 3;
	}
	if (*p >= '1' && *p <= '9') {
		for (r->idx = 0; *p >= '0' && *p <= '9' && r->idx < 1000000;
		    p++)
			r->idx = r->idx * 10 + (size_t)(*p - '0');
		r->idx--;
		r->kind = R_ARG;
	} else
		for (i = 0; i < nnames; i++) {
			n = strlen(names[i]);
			if (n > best && strncmp(p, names[i], n) == 0 &&
			    mod_len(p + n, &r->mod)) {
				best = n;
				r->kind = R_ARG;
				r->idx = i;
			}
		}
	p += best;
	n = mod_len(p, &r->mod);
	return n ? (size_t)(p - s) + n : 0;
}

/* The length of the replacement string at s, or 0. */
size_t
repl_len(const char *s)
{
	struct repl r;

	return repl_parse(s, &r);
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

/* Value it (n bytes) as modifier mod makes it. */
static void
modify(const char *it, size_t n, int mod, const char **v, size_t *vn)
{
	const char *slash = NULL, *dot = NULL, *base, *q;
	size_t bn, e = n;

	for (q = it; q < it + n; q++)
		if (*q == '/')
			slash = q;
	base = slash ? slash + 1 : it;
	bn = (size_t)(it + n - base);
	for (q = base; q < it + n; q++)
		if (*q == '.')
			dot = q;
	*v = it;
	*vn = n;
	if (mod == M_DOT)
		*vn = dot ? (size_t)(dot - it) : n;
	else if (mod == M_BASE || mod == M_BASEDOT) {
		*v = base;
		*vn = mod == M_BASEDOT && dot ? (size_t)(dot - base) : bn;
	} else if (mod == M_DIR) {		/* as dirname(3) */
		while (e > 1 && it[e - 1] == '/')
			e--;
		while (e > 0 && it[e - 1] != '/')
			e--;
		while (e > 1 && it[e - 1] == '/')
			e--;
		if (e == 0) {
			*v = n > 0 && it[0] == '/' ? "/" : ".";
			*vn = 1;
		} else
			*vn = e;
	}
}

/* Value k of job j (the item when it has no list of them). */
static void
arg_at(const struct job *j, size_t k, const char **v, size_t *vn)
{
	if (j->narg == 0) {
		*v = k == 0 ? j->item : "";
		*vn = k == 0 ? j->itemlen : 0;
	} else {
		*v = k < j->narg ? j->arg[k] : "";
		*vn = k < j->narg ? j->arglen[k] : 0;
	}
}

/* One value of r for job j: value k for {} and the like. */
static void
repl_one(const struct job *j, const struct repl *r, size_t k, char *num,
    const char **v, size_t *vn)
{
	if (r->kind == R_SEQ || r->kind == R_SLOT) {
		snprintf(num, 32, "%llu", r->kind == R_SEQ ? j->seq :
		    (unsigned long long)j->slot->id);
		*v = num;
		*vn = strlen(num);
		return;
	}
	arg_at(j, r->kind == R_ARG ? r->idx : k, v, vn);
	modify(*v, *vn, r->mod, v, vn);
}

/* The value of replacement string r (length rn) for job j, its first
 * value for {} and the like. */
void
repl_value(const struct job *j, const char *r, size_t rn, char *num,
    const char **v, size_t *vn)
{
	struct repl rp;

	(void)rn;
	repl_parse(r, &rp);
	repl_one(j, &rp, 0, num, v, vn);
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
