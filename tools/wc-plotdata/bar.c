/* The bar chart: a .dat table's most common words, as the lesson draws
 * them. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

#include "plotdata.h"

void
bar_chart(struct chart *ch, const struct bar *bars, size_t n,
    const char *title)
{
	double fs = font_size(ch->w, ch->h), u = unit(fs), slot, maxext = 0;
	struct axis ya;
	struct area ar;
	struct text *lab;
	uint64_t max = 0;
	int l, t, r, b;
	size_t i;

	for (i = 0; i < n; i++)
		if (bars[i].count > max)
			max = bars[i].count;
	axis_make(&ya, 0, max ? max * 1.05 : 1, 1);
	t = (int)lround(fs * 1.2 * 2.1);
	l = (int)lround(axis_width(&ya, fs) + 16);
	r = ch->w - (int)lround(ch->w * 0.015 + 1);
	slot = (r - l) / (n + 0.4);

	/* Labels hang down-left from their bar's tick at 45 degrees: cut each
	 * to the room below the plot and to the left of its tick. */
	lab = xcalloc(n ? n : 1, sizeof *lab);
	for (i = 0; i < n; i++) {
		double cx = l + slot * (0.7 + i), room;

		lab[i] = text_from(bars[i].word, bars[i].wlen);
		if (slot < fs * 0.8) {
			lab[i].n = 0;
			continue;
		}
		room = fmin((ch->h * 0.3 - 16) / COS45,
		    (cx - 4) / COS45 - 6 * u);
		text_fit(&lab[i], room > 0 ? room : 0, fs);
		room = (text_width(lab[i].cp, lab[i].n, fs) + 12 * u) * COS45;
		if (room > maxext)
			maxext = room;
	}
	b = ch->h - (int)lround(fmax(maxext + 16, fs * 2));
	ar.l = l, ar.t = t, ar.r = r, ar.b = b, ar.fs = fs;
	frame(ch, &ar, &ya, title);
	for (i = 0; i < n; i++) {
		double cx = l + slot * (0.7 + i);
		int x0 = (int)lround(l + slot * (0.3 + i));
		int x1 = (int)lround(l + slot * (1.1 + i));
		int hgt = (int)lround(bars[i].count / ya.hi * (b - t));

		if (x1 <= x0)
			x1 = x0 + 1;
		add_rect(ch, x0, b - hgt, x1, b, BAR_COLOR);
		add_rect(ch, (int)floor(cx), b + 1, (int)floor(cx) + 1, b + 6,
		    INK);
		if (!lab[i].n) {
			free(lab[i].cp);
			continue;
		}
		/* the baseline point that puts the label's middle (6 units
		 * above the baseline) on a line through the tick */
		add_text(ch, lab[i], cx + 2 + 6 * u * COS45,
		    b + 10 + 6 * u * COS45, fs, 45, 1);
	}
	free(lab);
}

