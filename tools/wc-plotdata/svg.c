/* SVG: the display list as SVG elements, text as text. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotdata.h"

static void
put_utf8(FILE *f, uint32_t c)
{
	if (c < 0x80)
		putc((int)c, f);
	else if (c < 0x800) {
		putc((int)(0xC0 | c >> 6), f);
		putc((int)(0x80 | (c & 0x3F)), f);
	} else if (c < 0x10000) {
		putc((int)(0xE0 | c >> 12), f);
		putc((int)(0x80 | (c >> 6 & 0x3F)), f);
		putc((int)(0x80 | (c & 0x3F)), f);
	} else {
		putc((int)(0xF0 | c >> 18), f);
		putc((int)(0x80 | (c >> 12 & 0x3F)), f);
		putc((int)(0x80 | (c >> 6 & 0x3F)), f);
		putc((int)(0x80 | (c & 0x3F)), f);
	}
}

/* text_from has already replaced what XML cannot hold */
static void
put_xml(FILE *f, const struct text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		switch (t->cp[i]) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			put_utf8(f, t->cp[i]);
		}
	}
}

void
write_svg(FILE *f, const struct chart *ch, const char *title)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	struct text tt = text_from(title, strlen(title));
	size_t i, k;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, "
	    "Arial, Helvetica, sans-serif\">\n"
	    "<title>", ch->w, ch->h, ch->w, ch->h);
	put_xml(f, &tt);
	free(tt.cp);
	fprintf(f, "</title>\n<rect width=\"%d\" height=\"%d\" "
	    "fill=\"#ffffff\"/>\n", ch->w, ch->h);
	for (i = 0; i < ch->n; i++) {
		const struct item *it = &ch->it[i];

		switch (it->kind) {
		case IT_RECT:
			fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" "
			    "height=\"%g\" fill=\"#%06x\"/>\n", it->x0, it->y0,
			    it->x1 - it->x0, it->y1 - it->y0,
			    (unsigned)it->color);
			break;
		case IT_LINE:
			fputs("<polyline fill=\"none\" points=\"", f);
			for (k = 0; k < it->npts; k++)
				fprintf(f, "%s%.2f,%.2f", k ? " " : "",
				    it->pts[2 * k], it->pts[2 * k + 1]);
			fprintf(f, "\" stroke=\"#%06x\" stroke-width=\"%g\" "
			    "stroke-linejoin=\"round\"/>\n",
			    (unsigned)it->color, it->width);
			break;
		case IT_TEXT:
			fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" "
			    "font-size=\"%.2f\" text-anchor=\"%s\"", it->x0,
			    it->y0, it->fs,
			    anchors[(int)lround(it->anchor * 2)]);
			if (it->angle != 0)
				fprintf(f, " transform=\"rotate(%g %.2f %.2f)\"",
				    -it->angle, it->x0, it->y0);
			putc('>', f);
			put_xml(f, &it->text);
			fputs("</text>\n", f);
			break;
		}
	}
	fputs("</svg>\n", f);
}

