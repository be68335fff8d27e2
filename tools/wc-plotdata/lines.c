/* Curves with bounded memory: the first EXACT_POINTS points of a curve are
 * kept; then they and every later point go into ls->nb buckets of x, two
 * or more per pixel column, that double their width (merging pairs) when a
 * point falls outside them.  A bucket keeps its first, lowest, highest and
 * last y, so the curve drawn through them shows every peak a full drawing
 * would.  A chart of a million rows then costs what one of a few thousand
 * does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "plotdata.h"

void
lines_init(struct lines *ls, size_t n, size_t nb)
{
	memset(ls, 0, sizeof *ls);
	ls->l = xcalloc(n ? n : 1, sizeof *ls->l);
	ls->n = n;
	ls->nb = nb < 4 ? 4 : nb + (nb & 1);	/* even: pairs merge */
	ls->xlo = ls->ylo = INFINITY;
	ls->xhi = ls->yhi = -INFINITY;
}

static struct bucket
merge(struct bucket a, struct bucket b)
{
	if (!a.used)
		return b;
	if (!b.used)
		return a;
	/* which side each extreme comes from says their order */
	if (b.min < a.min && b.max > a.max)
		a.minfirst = b.minfirst;
	else if (b.min < a.min)
		a.minfirst = 0;
	else if (b.max > a.max)
		a.minfirst = 1;
	a.last = b.last;
	a.min = fmin(a.min, b.min);
	a.max = fmax(a.max, b.max);
	return a;
}

/* Double the width; the buckets keep their left edge, or, when growing
 * leftwards, their right edge. */
static void
grow(struct line *l, int left)
{
	size_t h = l->nb / 2, i;

	if (left) {
		l->b0 -= l->nb * l->bw;
		for (i = h; i-- > 0;)
			l->bk[h + i] = merge(l->bk[2 * i], l->bk[2 * i + 1]);
		memset(l->bk, 0, h * sizeof *l->bk);
	} else {
		for (i = 0; i < h; i++)
			l->bk[i] = merge(l->bk[2 * i], l->bk[2 * i + 1]);
		memset(l->bk + h, 0, h * sizeof *l->bk);
	}
	l->bw *= 2;
}

static void
bucket_put(struct line *l, double x, double y)
{
	struct bucket *b;
	size_t k;

	while (x < l->b0)
		grow(l, 1);
	while (x >= l->b0 + l->nb * l->bw)
		grow(l, 0);
	k = (size_t)((x - l->b0) / l->bw);
	b = &l->bk[k < l->nb ? k : l->nb - 1];
	if (!b->used) {
		b->used = 1;
		b->first = b->min = b->max = y;
	}
	if (y < b->min)
		b->min = y, b->minfirst = 0;
	if (y > b->max)
		b->max = y, b->minfirst = 1;
	b->last = y;
}

/* From exact points to buckets that span the points seen so far. */
static void
decimate(struct line *l, size_t nb)
{
	double lo = INFINITY, hi = -INFINITY;
	size_t i;

	for (i = 0; i < l->n; i++)
		lo = fmin(lo, l->x[i]), hi = fmax(hi, l->x[i]);
	l->nb = nb;
	l->bk = xcalloc(nb, sizeof *l->bk);
	l->b0 = lo;
	l->bw = hi > lo ? (hi - lo) / (nb - 1) : fmax(fabs(lo), 1) * 1e-6;
	for (i = 0; i < l->n; i++)
		bucket_put(l, l->x[i], l->y[i]);
	free(l->x);
	free(l->y);
	l->x = l->y = NULL;
	l->n = l->cap = 0;
}

void
line_add(struct lines *ls, struct line *l, double x, double y)
{
	ls->xlo = fmin(ls->xlo, x), ls->xhi = fmax(ls->xhi, x);
	ls->ylo = fmin(ls->ylo, y), ls->yhi = fmax(ls->yhi, y);
	l->sum += y;
	l->total++;
	if (!l->bk && l->n == EXACT_POINTS)
		decimate(l, ls->nb);
	if (l->bk) {
		bucket_put(l, x, y);
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->x = xreallocarray(l->x, l->cap, sizeof *l->x);
		l->y = xreallocarray(l->y, l->cap, sizeof *l->y);
	}
	l->x[l->n] = x;
	l->y[l->n++] = y;
}

/* The points to draw, as x,y pairs in data units: the exact points in
 * their order, or each bucket's first, min and max (in the order they
 * came) and last y at its middle. */
size_t
line_points(const struct line *l, double **pts)
{
	size_t n = 0, k;
	double *p;

	if (!l->bk) {
		p = xreallocarray(NULL, l->n + 1, 2 * sizeof *p);
		for (k = 0; k < l->n; k++)
			p[2 * k] = l->x[k], p[2 * k + 1] = l->y[k];
		*pts = p;
		return l->n;
	}
	p = xreallocarray(NULL, l->nb, 8 * sizeof *p);
	for (k = 0; k < l->nb; k++) {
		const struct bucket *b = &l->bk[k];
		double x = l->b0 + (k + 0.5) * l->bw, v[4];
		int j;

		if (!b->used)
			continue;
		v[0] = b->first, v[3] = b->last;
		v[1] = b->minfirst ? b->min : b->max;
		v[2] = b->minfirst ? b->max : b->min;
		for (j = 0; j < 4; j++, n++)
			p[2 * n] = x, p[2 * n + 1] = v[j];
	}
	*pts = p;
	return n;
}

void
lines_free(struct lines *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		free(ls->l[i].name);
		free(ls->l[i].x);
		free(ls->l[i].y);
		free(ls->l[i].bk);
	}
	free(ls->l);
	memset(ls, 0, sizeof *ls);
}
