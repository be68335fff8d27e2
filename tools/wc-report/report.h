/* wc-report's parts: main.c (options, the Zipf table, the file list),
 * book.c (a book's title and author, its top words), page.c (the HTML). */
#ifndef WC_REPORT_H
#define WC_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct word {
	char *w;
	size_t len;
	uint64_t count;
};

struct book {
	char *name;		/* the table's first column */
	size_t nlen;
	char **cells;		/* the table's other fields, as written */
	char *s, *r2;		/* the fit, or NULL */
	double sv, r2v;		/* as numbers; NAN when absent */
	int fitrank;		/* 1 = best r2; 0 = no fit */
	const char *text, *dat;	/* paths from the file list, or NULL */
	char *title, *author;	/* from the text's header, or NULL */
	struct word *top;
	size_t ntop;
};

struct report {
	const char *fmt;	/* png or svg */
	const char *dir;	/* the page's directory: charts are there */
	char *dirabs;		/* the same, absolute, for relative links */
	char **head;		/* the table's header fields */
	size_t ncols, nwords;	/* fields a row; word columns */
	int scol, rcol;		/* columns of s and r2, or -1 */
	struct book *b;
	size_t n;
	size_t *slot;		/* book index + 1 by name (0: free), made when
				 * the list is read; hcap a power of 2 */
	size_t hcap;
};

/* book.c */
void book_header(struct book *b);
void book_top(struct book *b, size_t n);
char *rel_link(const struct report *r, const char *path);

/* page.c */
void write_page(FILE *f, const struct report *r);

#endif
