/*
 * Replacement strings: {} {.} {/} {//} {/.} {#} {%}, the n-th value's
 * {n} {n.} ..., a --header column's {name} ...; what each is for a job.
 */
#include <stdio.h>
#include <string.h>

#include "fanout.h"

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
size_t
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
		/* Past a million: no such value, empty. */
		for (r->idx = 0; *p >= '0' && *p <= '9'; p++)
			if (r->idx < 1000000)
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

/* Value k of job j (the item when it has no list of them); 0 and the
 * empty string if it has none such. */
int
arg_at(const struct job *j, size_t k, const char **v, size_t *vn)
{
	size_t n = j->narg ? j->narg : 1;

	*v = "";
	*vn = 0;
	if (k >= n)
		return 0;
	*v = j->narg ? j->arg[k] : j->item;
	*vn = j->narg ? j->arglen[k] : j->itemlen;
	return 1;
}

/* One value of r for job j: value k for {} and the like. */
void
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
	/* A value that is not there is empty, {3//} too. */
	if (arg_at(j, r->kind == R_ARG ? r->idx : k, v, vn))
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

