/* A growing string, and shell quoting into one. */
#include <string.h>

#include "xalloc.h"
#include "fanout.h"

static void
sb_room(struct sb *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = 2 * (b->len + n + 1);
		b->p = xrealloc(b->p, b->cap);
	}
}

void
sb_add(struct sb *b, const char *s, size_t n)
{
	sb_room(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
sb_adds(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* A word the shell reads back as it is: plain if every byte is safe,
 * else in single quotes, each ' as '\''.  '=' is not safe: a first word
 * "a=b" would be an assignment, not a command. */
void
sb_addq(struct sb *b, const char *s, size_t n)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+:,./-";
	size_t i;
	int plain = n > 0;

	for (i = 0; i < n && plain; i++)
		plain = s[i] != '\0' && strchr(safe, s[i]) != NULL;
	if (plain) {
		sb_add(b, s, n);
		return;
	}
	sb_room(b, 4 * n + 2);		/* each ' as 4 bytes, and the quotes */
	b->p[b->len++] = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '\'') {
			memcpy(b->p + b->len, "'\\''", 4);
			b->len += 4;
		} else
			b->p[b->len++] = s[i];
	}
	b->p[b->len++] = '\'';
	b->p[b->len] = '\0';
}
