/* wc-plotdata's parts: text and glyphs (text.c), the display list and axes
 * (chart.c), the charts (bar.c, line.c, zipf.c), the readers (input.c,
 * lines.c), the writers (png.c, svg.c) and main.c.  A chart is a display
 * list of rectangles, polylines and texts that both writers draw. */
#ifndef WC_PLOTDATA_H
#define WC_PLOTDATA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define BAR_COLOR	0x1f77b4
#define INK		0x000000
#define GREY		0xc4c4c4
#define MIN_W		160
#define MIN_H		120
#define MAX_SIDE	10000
#define MAX_PIXELS	25000000L
#define MAX_COUNT	1000
#define MAX_LEGEND	12
#define COS45		0.70710678118654752
/* The grid is narrower than it is tall: x units are wider. */
#define XSCALE		1.25

/* ---- text.c ---- */

struct text {
	uint32_t *cp;
	size_t n;
};

struct glyph {
	const char *base, *accent;
	double ax, ay;
};

struct text text_from(const char *s, size_t len);
struct glyph glyph_of(uint32_t c);
double glyph_advance(uint32_t c);
double unit(double fs);
double text_width(const uint32_t *cp, size_t n, double fs);
void text_fit(struct text *t, double maxw, double fs);

/* ---- chart.c ---- */

enum { IT_RECT, IT_LINE, IT_TEXT };

struct item {
	int kind;
	uint32_t color;
	double x0, y0, x1, y1;	/* rect: corners; text: baseline origin */
	double width;		/* line */
	double *pts;		/* line: x,y pairs */
	size_t npts;
	struct text text;
	double fs, angle;	/* text: size in px, degrees counterclockwise */
	double anchor;		/* text: 0 start, 0.5 middle, 1 end */
};

struct chart {
	int w, h;
	struct item *it;
	size_t n, cap;
};

struct axis {
	double lo, hi, step;
	int decimals;
	int log10;		/* values are log10 of what the labels say */
};

/* The plot area and what frames it. */
struct area {
	int l, t, r, b;
	double fs;
};

struct item *add(struct chart *ch, int kind, uint32_t color);
void add_rect(struct chart *ch, int x0, int y0, int x1, int y1,
    uint32_t color);
void add_text(struct chart *ch, struct text t, double x, double y, double fs,
    double angle, double anchor);
void add_ascii(struct chart *ch, const char *s, double x, double y,
    double fs, double anchor);
struct item *add_line(struct chart *ch, uint32_t color, double width,
    size_t npts);
void axis_make(struct axis *a, double lo, double hi, int integral);
void axis_make_log(struct axis *a, double lo, double hi);
double axis_width(const struct axis *a, double fs);
void frame(struct chart *ch, const struct area *ar, const struct axis *ya,
    const char *title);
void x_ticks(struct chart *ch, const struct area *ar, const struct axis *xa);
void axis_labels(struct chart *ch, const struct area *ar, const char *xl,
    const char *yl);
void area_for_xy(struct area *ar, const struct chart *ch,
    const struct axis *ya, int labels);
double font_size(int w, int h);
void chart_free(struct chart *ch);

/* ---- the data ---- */

struct bar {
	char *word;
	size_t wlen;
	uint64_t count;
	char *pct;
};

/* Min, max, first and last y of the points that fell in one x bucket. */
struct bucket {
	double first, last, min, max;
	int used;
	int minfirst;		/* the lowest came before the highest */
};

/* One curve.  Up to EXACT_POINTS points are kept as they are; beyond, the
 * points go into buckets of x (a few per pixel column) and the curve is
 * drawn through each bucket's first, min, max and last y: memory stays
 * bounded and every peak stays visible. */
#define EXACT_POINTS	8192
struct line {
	char *name;		/* NULL: none */
	double *x, *y;
	size_t n, cap;
	struct bucket *bk;	/* NULL until there are too many points */
	size_t nb;
	double b0, bw;		/* bucket k covers [b0 + k bw, b0 + (k+1) bw) */
	double sum;		/* of y, for ranking the curves */
	uint64_t total;
};

struct lines {
	struct line *l;
	size_t n;
	size_t nb;		/* buckets per curve once decimated */
	double xlo, xhi, ylo, yhi;
	int named;		/* the names came from a header or files */
};

enum { MODE_BARS, MODE_LINES, MODE_ZIPF };

struct opts {
	int mode;
	int acf;		/* -A: x is t (lag + 1); lag 0 left out */
	size_t count;
	int nset;
	const char *title;
	const char *xlabel, *ylabel;
	size_t nb;		/* buckets per curve, from the width */
	FILE *tsv;		/* line data streamed here, or NULL */
};

/* ---- input.c, lines.c ---- */

size_t read_dat(const char *path, size_t count, struct bar **out);
void read_csv(const char *path, const struct opts *o, struct lines *ls);
void read_csv_list(const char *list, const struct opts *o, struct lines *ls);
void lines_init(struct lines *ls, size_t ncurves, size_t nb);
void line_add(struct lines *ls, struct line *l, double x, double y);
size_t line_points(const struct line *l, double **pts);
void lines_free(struct lines *ls);
int parse_double(const char *s, double *v);

/* ---- the charts ---- */

void bar_chart(struct chart *ch, const struct bar *bars, size_t n,
    const char *title);
void line_chart(struct chart *ch, const struct lines *ls,
    const struct opts *o);

/* A legend entry: a swatch of the curve's colour and width, a label. */
struct key {
	const char *label;
	uint32_t color;
	double width;
};
void legend(struct chart *ch, const struct area *ar, const struct key *k,
    size_t n);
void draw_curve(struct chart *ch, const struct line *l, const struct area *ar,
    const struct axis *xa, const struct axis *ya, uint32_t color,
    double width);

struct zipf {
	struct lines ls;	/* log10 rank, log10 count */
	uint64_t *top;		/* the fitted counts */
	size_t ntop;
	double s, r2, c;	/* log(count) = c - s log(rank) */
	int fitted, has_r2;
};
void read_zipf(const char *path, size_t count, size_t nb, struct zipf *z,
    FILE *tsv);
void zipf_chart(struct chart *ch, const struct zipf *z, const char *title);

/* ---- writers ---- */

int write_png(FILE *f, const struct chart *ch);

/* The PNG canvas (png.c), drawn in strips of rows (pngstrip.c).  Pixels
 * are indices into the colours met so far, a byte each (px8), or four
 * (px32, written as RGB) when a chart has more than 256 colours. */
struct canvas {
	int w, h;
	int sy0, sy1;		/* the strip drawn: rows [sy0, sy1) */
	int rgb;		/* px32, not px8 */
	int overflow;		/* a 257th colour came while drawing px8 */
	unsigned char *px8;	/* the strip's pixels */
	uint32_t *px32;
	uint32_t *pal;		/* 0xRRGGBB, in the order met */
	uint64_t *first;	/* per colour: the first pixel painted it */
	size_t npal, palcap;
	uint32_t *hkey;		/* colour + 1 (0: free) -> hval: its index */
	uint32_t *hval;
	size_t hcap;
	uint64_t when;		/* the item drawn, as first[] counts */
	unsigned char *cov;	/* the strip's coverage of the shape drawn,
				 * 0 to COV_LEVELS */
	int *rx0, *rx1;		/* per strip row, where cov is not 0 */
	int by0, by1;		/* rows (of the image) where cov is not 0 */
	int measure;		/* no drawing: the rows a shape covers */
	int my0, my1;		/* are found here */
	double mlo, mhi;	/* a text's strokes' lowest and highest y */
};

/* A pixel's place in the order of drawing: item, row, column. */
#define WHEN_ITEM(i)	((uint64_t)(i) << 28)
#define WHEN(cv, x, y)	((cv)->when | (uint64_t)(y) << 14 | (uint64_t)(x))

uint32_t pal_index(struct canvas *cv, uint32_t color, int x, int y);
void cov_segment(struct canvas *cv, double ax, double ay, double bx,
    double by, double hw);
void cov_hchain(struct canvas *cv, const double *pts, size_t k0, size_t k1,
    double hw);
void cov_begin(void);
void cov_paint(struct canvas *cv, uint32_t color);
void png_text(struct canvas *cv, const struct item *it, int *gy);
void fill_rect(struct canvas *cv, const struct item *it);

/* The deflate stream as tokens (pngenc.c), so that the palette indices,
 * known only once every strip is drawn, can be renumbered when it is
 * written: a literal byte, or a match of len bytes as the row above or
 * as the pixel before.  The Adler-32 of the renumbered bytes is a sum
 * over the indices of what each adds (how many bytes have it, at which
 * offsets), kept as the rows change. */
struct enc {
	uint16_t *tok;
	size_t ntok, cap;
	size_t n;		/* bytes a row */
	int bpp;		/* bytes a pixel; 1: palette indices */
	size_t bound;		/* bits the stream takes, at most */
	uint64_t h, y;		/* rows: all, and encoded so far */
	uint64_t rows, offs;	/* for the Adler-32 (pngenc.c) */
	uint64_t cnt[256];	/* per index: how many bytes have it */
	uint64_t sum[256];	/* and the sum of their offsets */
	unsigned long adler;	/* RGB: the bytes' Adler-32 */
};

struct image {
	int w, h;
	int rgb;
	const uint32_t *pal;	/* 0xRRGGBB; for rgb, not written */
	size_t npal;
	const unsigned char *map;	/* token literal -> palette index */
	const struct enc *enc;
};
void enc_init(struct enc *e, size_t n, int bpp, int h);
void enc_row(struct enc *e, const unsigned char *row,
    const unsigned char *prev);
void enc_free(struct enc *e);
int png_write_image(FILE *f, const struct image *im);
void write_svg(FILE *f, const struct chart *ch, const char *title);

#endif
