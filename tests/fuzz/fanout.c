/* Fuzz fanout's two parsers, linked from fanout's own objects
 * (tools/fanout/, its main renamed): replacement strings (repl_len,
 * has_repl, repl_value, expand, quoted and not) and -S / --sshloginfile
 * host specs (add_host, add_hosts, read_sshloginfile).
 *
 * Expansion checks: expand() is the template's text with each replacement
 * string's value in its place; the values agree with their definitions
 * ({} the item, {/} its last component, {.} and {/.} without the last
 * extension, {//} as dirname(3), {#} and {%} the numbers); quoted, each
 * value is a POSIX single-quoted word ('...' pieces and \' only, or a
 * plain word of safe characters) that reads back as the value, so
 * /bin/sh gives the item back as one word.
 * Host checks: the hosts and slots made are exactly those a reference
 * parse of the spec says ([N/][user@]host[:port], N/: for this machine,
 * counted once), the reference being written apart, with POSIX regular
 * expressions, from the manual's grammar; specs fanout refuses (it exits
 * 2) are passed over, as it would end the fuzzer.
 *
 * Input: byte 0 & 3 chooses the mode: 0 expansion: the template word up
 * to the first NUL, the item after it; {#} is the input's size, {%} is
 * 1 + byte 0 / 4.  1 add_hosts on the rest up to a NUL; 2 the rest as an
 * sshloginfile; 3 add_host on the rest, NULs and all. */
#include <libgen.h>
#include <regex.h>
#include <string.h>

#include "fanout.h"
#include "fuzz.h"

#define MAXSLOTS	20000	/* more is slow, not more interesting */

/* The harness's own appends (sb_add is fanout's, under test). */
static void
str_add(struct sb *s, const char *p, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = 2 * (s->len + n + 1);
		s->p = realloc(s->p, s->cap);
	}
	memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = '\0';
}

/* An item with a NUL byte never reaches expand(): fanout refuses it when
 * it reads it (items.c), as no argument can hold it; its quoted form is
 * not checked. */
static int
nul_item(const char *it, size_t n)
{
	return memchr(it, '\0', n) != NULL;
}

/* q (qn bytes) is a word sh reads back as v (vn bytes). */
static int
sh_word(const char *q, size_t qn, const char *v, size_t vn)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+:,./-";
	struct sb d = { NULL, 0, 0 };
	size_t i = 0, e;
	int ok = 1;

	if (qn == 0 || memchr(q, '\0', qn))
		return 0;
	if (q[0] != '\'' && q[0] != '\\') {
		for (i = 0; i < qn; i++)
			if (!strchr(safe, q[i]))
				return 0;
		return qn == vn && memcmp(q, v, vn) == 0;
	}
	str_add(&d, "", 0);
	while (ok && i < qn) {
		if (q[i] == '\'') {
			const char *c = memchr(q + i + 1, '\'', qn - i - 1);

			if (!c) {
				ok = 0;
				break;
			}
			e = (size_t)(c - q);
			str_add(&d, q + i + 1, e - i - 1);
			i = e + 1;
		} else if (q[i] == '\\' && i + 1 < qn && q[i + 1] == '\'') {
			str_add(&d, "'", 1);
			i += 2;
		} else
			ok = 0;
	}
	ok = ok && d.len == vn && memcmp(d.p, v, vn) == 0;
	free(d.p);
	return ok;
}

static const char *const repls[] = {
	"{}", "{.}", "{/}", "{//}", "{/.}", "{#}", "{%}"
};

/* The replacement string at s, by the table in fanout's manual; 0 if none.
 * {n}, {n.} ... (n from 1) are the n-th value's: the item's for 1. */
static size_t
ref_repl(const char *s)
{
	size_t i, d = 0;

	if (s[0] != '{')
		return 0;
	if (s[1] >= '1' && s[1] <= '9')
		d = strspn(s + 1, "0123456789");
	for (i = 0; i < sizeof repls / sizeof repls[0]; i++) {
		const char *r = repls[i] + 1;	/* after the { */

		if (d && (*r == '#' || *r == '%'))
			continue;
		if (strncmp(s + 1 + d, r, strlen(r)) == 0)
			return 1 + d + strlen(r);
	}
	return 0;
}

/* The value of replacement string r by its definition, in *out. */
static void
ref_value(const struct job *j, const char *r, struct sb *out)
{
	const char *it = j->item, *base = it, *dot = NULL, *p;
	size_t n = j->itemlen;
	char num[32], plain[8];

	if (r[1] >= '1' && r[1] <= '9') {
		/* {n...}: the item's for n = 1, else empty. */
		size_t d = strspn(r + 1, "0123456789");

		if (d != 1 || r[1] != '1')
			return;
		snprintf(plain, sizeof plain, "{%s", r + 2);
		r = plain;
	}
	for (p = it; p < it + n; p++)
		if (*p == '/')
			base = p + 1;
	for (p = base; p < it + n; p++)
		if (*p == '.')
			dot = p;
	if (strcmp(r, "{}") == 0)
		str_add(out, it, n);
	else if (strcmp(r, "{/}") == 0)
		str_add(out, base, (size_t)(it + n - base));
	else if (strcmp(r, "{.}") == 0)
		str_add(out, it, dot ? (size_t)(dot - it) : n);
	else if (strcmp(r, "{/.}") == 0)
		str_add(out, base, (size_t)((dot ? dot : it + n) - base));
	else if (strcmp(r, "{#}") == 0 || strcmp(r, "{%}") == 0) {
		snprintf(num, sizeof num, "%llu", r[1] == '#' ? j->seq :
		    (unsigned long long)j->slot->id);
		str_add(out, num, strlen(num));
	} else {				/* {//} */
		char *c = malloc(n + 1), *dn;

		memcpy(c, it, n);
		c[n] = '\0';
		dn = dirname(c);
		/* POSIX leaves a leading "//" to the system; glibc keeps it */
		if (strcmp(dn, "//") == 0)
			dn = "/";
		str_add(out, dn, strlen(dn));
		free(c);
	}
}

static void
fuzz_expand(const uint8_t *data, size_t size)
{
	struct sb raw = { NULL, 0, 0 }, quo = { NULL, 0, 0 };
	struct sb want_raw = { NULL, 0, 0 }, want_quo = { NULL, 0, 0 };
	const uint8_t *nul = memchr(data + 1, '\0', size - 1);
	struct slot sl = { 1 + data[0] / 4, NULL, 0 };
	struct job j;
	char *w, *tok, num[32];
	size_t wn, k, vn, i;
	const char *v;
	int any = 0, nulitem;

	wn = nul ? (size_t)(nul - (data + 1)) : size - 1;
	w = malloc(wn + 1);
	memcpy(w, data + 1, wn);
	w[wn] = '\0';
	memset(&j, 0, sizeof j);
	j.seq = size;
	j.slot = &sl;
	j.itemlen = nul ? size - 1 - wn - 1 : 0;
	j.item = malloc(j.itemlen + 1);
	memcpy(j.item, nul ? nul + 1 : data, j.itemlen);
	j.item[j.itemlen] = '\0';
	nulitem = nul_item(j.item, j.itemlen);

	str_add(&want_raw, "", 0);
	str_add(&want_quo, "", 0);
	for (i = 0; i < wn; ) {
		k = repl_len(w + i);
		fuzz_check(k == ref_repl(w + i), "repl_len finds the replacement strings");
		if (k == 0) {
			str_add(&want_raw, w + i, 1);
			str_add(&want_quo, w + i, 1);
			i++;
			continue;
		}
		any = 1;
		tok = strndup(w + i, k);
		{
			struct sb ref = { NULL, 0, 0 }, q = { NULL, 0, 0 };

			repl_value(&j, tok, k, num, &v, &vn);
			str_add(&ref, "", 0);
			/* dirname(3) stops at a NUL; so do paths */
			if (!(nulitem && strstr(tok, "//}"))) {
				ref_value(&j, tok, &ref);
				fuzz_check(ref.len == vn && memcmp(ref.p, v, vn) == 0,
				    "a replacement string's value is its definition");
			}
			str_add(&want_raw, v, vn);
			expand(&j, tok, 1, &q);
			if (!nulitem)
				fuzz_check(sh_word(q.p, q.len, v, vn),
				    "quoted, the value is one sh word that reads back as it");
			str_add(&want_quo, q.p, q.len);
			free(ref.p);
			free(q.p);
		}
		free(tok);
		i += k;
	}
	fuzz_check(has_repl(w) == any, "has_repl says whether there is one");
	expand(&j, w, 0, &raw);
	expand(&j, w, 1, &quo);
	if (wn == 0) {		/* nothing appended: no buffer at all */
		fuzz_check(raw.p == NULL && quo.p == NULL, "empty word, empty expansion");
	} else {
		fuzz_check(raw.len == want_raw.len &&
		    memcmp(raw.p, want_raw.p, raw.len) == 0 && raw.p[raw.len] == '\0',
		    "expand is the word with the values in place");
		fuzz_check(quo.len == want_quo.len &&
		    memcmp(quo.p, want_quo.p, quo.len) == 0 && quo.p[quo.len] == '\0',
		    "quoted, expand is the word with the quoted values in place");
	}
	free(raw.p);
	free(quo.p);
	free(want_raw.p);
	free(want_quo.p);
	free(j.item);
	free(w);
}

/* The hosts a spec should make. */
struct want {
	char *name, *dest, *port;	/* name NULL: this machine */
	unsigned nslots;
};
static struct want wants[MAXSLOTS];
static size_t nwants, wslots;
static int wlocal = -1;			/* this machine's index in wants */

static regex_t re_slots, re_port, re_nohost;

/* The manual's grammar as two expressions: an optional "N/" (digits,
 * perhaps after a +), the rest the host; a host ending in ":digits" has
 * a port.  .* is greedy, so the port's colon is the last one.  What is
 * left must name a host: not "" nor "user@". */
static void
ref_init(void)
{
	static int done;

	if (done++)
		return;
	if (regcomp(&re_slots, "^([+]?[0-9]+)/(.*)$", REG_EXTENDED) ||
	    regcomp(&re_port, "^(.*):([0-9]+)$", REG_EXTENDED) ||
	    regcomp(&re_nohost, "^(.*@)?$", REG_EXTENDED | REG_NOSUB))
		abort();
}

static char *
group(const char *s, const regmatch_t *m)
{
	return strndup(s + m->rm_so, (size_t)(m->rm_eo - m->rm_so));
}

/* N of "N/" by value: 1 to 100000, or 0 if out of that range. */
static unsigned long
ref_count(const char *d)
{
	if (*d == '+')
		d++;
	d += strspn(d, "0");
	if (strlen(d) > 6)
		return 0;
	return strtoul(d, NULL, 10) <= 100000 ? strtoul(d, NULL, 10) : 0;
}

/* One word of a spec (a C string): 0 if fanout would refuse it (exit 2)
 * or it would take too many slots. */
static int
ref_word(const char *word)
{
	regmatch_t m[3];
	unsigned long n = 1;
	char *host;
	struct want *h;

	if (regexec(&re_slots, word, 3, m, 0) == 0) {
		char *d = group(word, &m[1]);

		n = ref_count(d);
		free(d);
		host = group(word, &m[2]);
	} else if (strchr(word, '/'))
		return 0;		/* "x/": x is not a count */
	else
		host = strdup(word);
	if (n == 0 || host[0] == '\0' || host[0] == '-' ||
	    wslots + n > MAXSLOTS) {
		free(host);
		return 0;
	}
	wslots += n;
	if (strcmp(host, ":") == 0 && wlocal >= 0) {
		wants[wlocal].nslots += (unsigned)n;
		free(host);
		return 1;
	}
	h = &wants[nwants++];
	memset(h, 0, sizeof *h);
	h->nslots = (unsigned)n;
	if (strcmp(host, ":") == 0) {
		wlocal = (int)(h - wants);
		free(host);
		return 1;
	}
	h->name = host;
	if (regexec(&re_port, host, 3, m, 0) == 0) {
		h->dest = group(host, &m[1]);
		h->port = group(host, &m[2]);
	} else
		h->dest = strdup(host);
	if (regexec(&re_nohost, h->dest, 0, NULL, 0) == 0) {
		nwants--;		/* ":22", "u@": no host name */
		free(h->name);
		free(h->dest);
		free(h->port);
		return 0;
	}
	return 1;
}

/* A -S list: words between commas, blanks (space, tab) around them
 * dropped, empty words skipped. */
static int
ref_hosts(const char *list)
{
	size_t i = 0, len = strlen(list);

	ref_init();
	while (i <= len) {
		size_t e = i, s;
		char *w;
		int ok;

		while (e < len && list[e] != ',')
			e++;
		for (s = i; s < e && (list[s] == ' ' || list[s] == '\t'); s++)
			;
		while (e > s && (list[e - 1] == ' ' || list[e - 1] == '\t'))
			e--;
		w = strndup(list + s, e - s);
		ok = *w == '\0' || ref_word(w);
		free(w);
		if (!ok)
			return 0;
		while (i < len && list[i] != ',')
			i++;
		i++;
	}
	return 1;
}

static int
streq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* fanout's host table is what the reference made. */
static void
check_hosts(void)
{
	size_t i, s = 0;
	unsigned k;

	fuzz_check(nhosts == nwants && nalive == nwants, "as many hosts as specs");
	fuzz_check(nslots == wslots, "as many slots as the specs ask");
	for (i = 0; i < nhosts; i++) {
		struct host *h = hosts[i];
		struct want *w = &wants[i];

		fuzz_check((h == &localhost) == (w->name == NULL),
		    "\":\" is this machine, anything else a host");
		fuzz_check(streq(h->name, w->name) && streq(h->dest, w->dest) &&
		    streq(h->port, w->port), "[user@]host[:port] split as specified");
		fuzz_check(h->nslots == w->nslots, "N/ slots a host");
		fuzz_check(!h->dest || (*h->dest && *h->dest != '-' &&
		    h->dest[strlen(h->dest) - 1] != '@'),
		    "a host's destination has a host name, and is no ssh option");
	}
	for (k = 0; k < nslots; k++) {
		fuzz_check(slots[k]->id == k + 1 && !slots[k]->busy,
		    "slots numbered from 1");
		for (i = 0; i < nhosts && hosts[i] != slots[k]->host; i++)
			;
		fuzz_check(i < nhosts, "every slot on a host of the table");
		s++;
	}
	fuzz_check(s == wslots, "slots counted");
}

/* Forget the hosts: fanout keeps them for the life of the process. */
static void
hosts_reset(void)
{
	size_t i;

	for (i = 0; i < nhosts; i++) {
		if (hosts[i] == &localhost)
			continue;
		free((char *)hosts[i]->name);
		free(hosts[i]->dest);
		free(hosts[i]->port);
		free(hosts[i]->ctl);
		free(hosts[i]);
	}
	free(hosts);
	hosts = NULL;
	nhosts = nalive = 0;
	for (i = 0; i < nslots; i++)
		free(slots[i]);
	free(slots);
	slots = NULL;
	nslots = 0;
	memset(&localhost, 0, sizeof localhost);
	fixed_slots = 0;
	for (i = 0; i < nwants; i++) {
		free(wants[i].name);
		free(wants[i].dest);
		free(wants[i].port);
	}
	nwants = wslots = 0;
	wlocal = -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p, *e, *nl;
	char *s;
	size_t n;
	int ok = 1;

	if (size < 1)
		return 0;
	switch (data[0] & 3) {
	case 0:
		fuzz_expand(data, size);
		return 0;
	case 1:
		s = strndup((const char *)data + 1, size - 1);
		if (ref_hosts(s))
			add_hosts(s);
		else
			ok = 0;
		free(s);
		break;
	case 2:
		/* getline's lines, each cut at a '#', CR, LF or NUL */
		for (p = data + 1, e = data + size; ok && p < e; p = nl) {
			nl = memchr(p, '\n', (size_t)(e - p));
			nl = nl ? nl + 1 : e;
			s = strndup((const char *)p, (size_t)(nl - p));
			s[strcspn(s, "#\r\n")] = '\0';
			ok = ref_hosts(s);
			free(s);
		}
		if (ok)
			read_sshloginfile(fuzz_file(data + 1, size - 1));
		break;
	case 3:
		n = size - 1;
		s = strndup((const char *)data + 1, n);
		/* add_host reads the word as a C string: its bytes to a NUL */
		ref_init();
		if (ref_word(s))
			add_host((const char *)data + 1, n);
		else
			ok = 0;
		free(s);
		break;
	}
	if (ok)
		check_hosts();
	hosts_reset();
	return 0;
}
