/* wc-plotdata's built-in stroke font, drawn for this project.
 *
 * A glyph is a list of strokes separated by spaces; a stroke is a polyline
 * of points, two base-36 characters each (x then y), '.' between points
 * only for the eye.  The grid: y 0 is the capital top, 4 the x-height,
 * 12 the baseline, 16 the descender; x grows to the right from 0.  Strokes
 * scale and rotate freely, which is why the font is made of lines rather
 * than bitmaps: the same glyph serves the title, the ticks and the labels
 * rotated 45 degrees, anti-aliased by the renderer. */
#ifndef WC_PLOTDATA_FONT_H
#define WC_PLOTDATA_FONT_H

/* U+0020 .. U+007E */
static const char *const font_ascii[95] = {
	"",					/* space */
	"10.18 1b.1c",				/* ! */
	"10.13 30.33",				/* " */
	"21.1b 51.4b 03.63 09.69",		/* # */
	"62.51.11.02.04.15.57.68.6a.5b.1b.0a 30.3c",	/* $ */
	"0c.60 00.20.22.02.00 4a.6a.6c.4c.4a",	/* % */
	"6c.03.01.10.30.41.43.07.0a.2c.4c.68",	/* & */
	"10.13",				/* ' */
	"20.02.0a.2c",				/* ( */
	"00.22.2a.0c",				/* ) */
	"31.37 03.65 05.63",			/* * */
	"34.3a 07.67",				/* + */
	"1b.1c.0e",				/* , */
	"07.57",				/* - */
	"1b.1c",				/* . */
	"50.0c",				/* / */
	"10.50.61.6b.5c.1c.0b.01.10",		/* 0 */
	"12.30.3c 1c.5c",			/* 1 */
	"02.10.50.61.65.0c.6c",			/* 2 */
	"01.10.50.61.65.56.26 56.67.6b.5c.1c.0b",	/* 3 */
	"5c.50.08.68",				/* 4 */
	"60.00.05.55.66.6b.5c.1c.0b",		/* 5 */
	"51.40.10.01.0b.1c.5c.6b.67.56.16.07",	/* 6 */
	"00.60.2c",				/* 7 */
	"10.50.61.65.56.16.05.01.10 16.07.0b.1c.5c.6b.67.56",	/* 8 */
	"66.16.05.01.10.50.61.6b.5c.2c.1b",	/* 9 */
	"14.15 1b.1c",				/* : */
	"14.15 1b.1c.0e",			/* ; */
	"63.07.6b",				/* < */
	"05.65 09.69",				/* = */
	"03.67.0b",				/* > */
	"01.10.50.61.64.37.38 3b.3c",		/* ? */
	"54.5a.6b.7a.71.60.10.01.0b.1c.6c 55.44.34.26.28.3a.4a.59",	/* @ */
	"0c.30.6c 18.58",			/* A */
	"00.0c.5c.6b.67.56.06 00.40.51.55.46",	/* B */
	"61.50.10.01.0b.1c.5c.6b",		/* C */
	"00.0c.4c.6a.62.40.00",			/* D */
	"60.00.0c.6c 06.46",			/* E */
	"60.00.0c 06.46",			/* F */
	"61.50.10.01.0b.1c.5c.6b.67.37",	/* G */
	"00.0c 60.6c 06.66",			/* H */
	"00.40 20.2c 0c.4c",			/* I */
	"20.60 50.5b.4c.1c.0b.09",		/* J */
	"00.0c 60.08 25.6c",			/* K */
	"00.0c.6c",				/* L */
	"0c.00.47.80.8c",			/* M */
	"0c.00.6c.60",				/* N */
	"20.50.72.7a.5c.2c.0a.02.20",		/* O */
	"0c.00.50.61.65.56.06",			/* P */
	"20.50.72.7a.5c.2c.0a.02.20 49.7d",	/* Q */
	"0c.00.50.61.65.56.06 36.6c",		/* R */
	"61.50.10.01.05.16.56.67.6b.5c.1c.0b",	/* S */
	"00.60 30.3c",				/* T */
	"00.0b.1c.5c.6b.60",			/* U */
	"00.3c.60",				/* V */
	"00.2c.46.6c.80",			/* W */
	"00.6c 60.0c",				/* X */
	"00.36.60 36.3c",			/* Y */
	"00.60.0c.6c",				/* Z */
	"20.00.0c.2c",				/* [ */
	"00.5c",				/* \ */
	"00.20.2c.0c",				/* ] */
	"04.30.64",				/* ^ */
	"0e.6e",				/* _ */
	"00.22",				/* ` */
	"14.44.55.5c 58.18.09.0b.1c.4c.5b",	/* a */
	"00.0c 05.14.44.55.5b.4c.1c.0b",	/* b */
	"55.44.14.05.0b.1c.4c.5b",		/* c */
	"50.5c 55.44.14.05.0b.1c.4c.5b",	/* d */
	"08.58.55.44.14.05.0b.1c.4c.5b",	/* e */
	"41.30.20.11.1c 04.34",			/* f */
	"54.5f.4g.1g.0f 55.44.14.05.0a.1b.4b.5a",	/* g */
	"00.0c 05.14.44.55.5c",			/* h */
	"04.0c 01.02",				/* i */
	"24.2f.1g.0g 21.22",			/* j */
	"00.0c 54.09 27.5c",			/* k */
	"00.0b.1c",				/* l */
	"0c.04 05.14.24.35.3c 35.44.54.65.6c",	/* m */
	"0c.04 05.14.44.55.5c",			/* n */
	"14.44.55.5b.4c.1c.0b.05.14",		/* o */
	"04.0g 05.14.44.55.5b.4c.1c.0b",	/* p */
	"54.5g 55.44.14.05.0b.1c.4c.5b",	/* q */
	"04.0c 06.24.44",			/* r */
	"55.44.14.05.07.18.48.59.5b.4c.1c.0b",	/* s */
	"10.1b.2c.3c 04.34",			/* t */
	"04.0b.1c.4c.5b 54.5c",			/* u */
	"04.3c.64",				/* v */
	"04.2c.46.6c.84",			/* w */
	"04.5c 54.0c",				/* x */
	"04.3c 64.1g",				/* y */
	"04.54.0c.5c",				/* z */
	"30.21.25.06.27.2b.3c",			/* { */
	"00.0g",				/* | */
	"00.11.15.36.17.1b.0c",			/* } */
	"07.16.26.47.57.66",			/* ~ */
};

/* U+00A0 .. U+00FF that are not a letter plus an accent (NULL: composed,
 * see font_composed). */
static const char *const font_latin1[96] = {
	"",					/* A0 no-break space */
	"14.15 18.1g",				/* A1 inverted ! */
	"55.44.14.05.0b.1c.4c.5b 32.3e",	/* A2 cent */
	"51.40.30.21.2b.1c 0c.6c 07.47",	/* A3 pound */
	"13.53.59.19.13 02.13 62.53 0a.19 6a.59",	/* A4 currency */
	"00.35.60 35.3c 17.57 19.59",		/* A5 yen */
	"00.05 07.0c",				/* A6 broken bar */
	"51.40.10.01.03.14.54.65.67.56.16.07.09.1a.4a.5b.5d.4e.1e.0d",	/* A7 section */
	"10.11 40.41",				/* A8 diaeresis */
	"20.60.82.8a.6c.2c.0a.02.20 63.43.34.38.49.69",	/* A9 copyright */
	"11.31.42.46 44.14.05.16.46 08.48",	/* AA ordinal a */
	"32.05.38 62.35.68",			/* AB << */
	"05.65.68",				/* AC not */
	"07.47",				/* AD soft hyphen */
	"20.60.82.8a.6c.2c.0a.02.20 39.33.53.64.55.35 55.69",	/* AE registered */
	"00.50",				/* AF macron */
	"10.20.31.32.23.13.02.01.10",		/* B0 degree */
	"32.38 05.65 0a.6a",			/* B1 plus-minus */
	"01.10.30.41.42.05.45",			/* B2 superscript 2 */
	"00.40.22.32.43.44.35.05",		/* B3 superscript 3 */
	"22.40",				/* B4 acute */
	"04.0g 0b.1c.4c.5b 54.5c",		/* B5 micro */
	"60.20.01.03.24.44 40.4c 60.6c",	/* B6 pilcrow */
	"17.18",				/* B7 middle dot */
	"2c.2d.1e",				/* B8 cedilla */
	"11.20.25 15.35",			/* B9 superscript 1 */
	"10.30.41.43.34.14.03.01.10 06.46",	/* BA ordinal o */
	"02.35.08 32.65.38",			/* BB >> */
	"11.20.25 07.70 6c.66.4a.7a",		/* BC 1/4 */
	"11.20.25 07.70 47.58.68.79.7a.4c.7c",	/* BD 1/2 */
	"00.20.22.12.22.24.04 07.70 6c.66.4a.7a",	/* BE 3/4 */
	"34.35 37.39.0c.0e.1f.5f.6e",		/* BF inverted ? */
	NULL, NULL, NULL, NULL, NULL, NULL,	/* C0-C5 A with accents */
	"0c.40.80 40.4c.8c 18.48 46.76",	/* C6 AE */
	NULL, NULL, NULL, NULL, NULL,		/* C7 C cedilla, C8-CB E */
	NULL, NULL, NULL, NULL,			/* CC-CF I */
	"10.1c.5c.7a.72.50.10 06.36",		/* D0 Eth */
	NULL, NULL, NULL, NULL, NULL, NULL,	/* D1 N, D2-D6 O */
	"15.59 55.19",				/* D7 multiplication */
	"20.50.72.7a.5c.2c.0a.02.20 0c.70",	/* D8 O slash */
	NULL, NULL, NULL, NULL, NULL,		/* D9-DC U, DD Y */
	"00.0c 03.53.64.67.58.08",		/* DE Thorn */
	"0c.01.10.30.41.43.25.46.4b.3c.1c",	/* DF sharp s */
	NULL, NULL, NULL, NULL, NULL, NULL,	/* E0-E5 a */
	"14.34.45.4b 48.18.09.0b.1c.3c.4b 48.88.85.74.54.45 4b.5c.7c.8b",	/* E6 ae */
	NULL, NULL, NULL, NULL, NULL,		/* E7 c cedilla, E8-EB e */
	NULL, NULL, NULL, NULL,			/* EC-EF i */
	"30.55.5b.4c.1c.0b.06.15.45.56 21.42",	/* F0 eth */
	NULL, NULL, NULL, NULL, NULL, NULL,	/* F1 n, F2-F6 o */
	"07.67 34.35 39.3a",			/* F7 division */
	"14.44.55.5b.4c.1c.0b.05.14 0d.63",	/* F8 o slash */
	NULL, NULL, NULL, NULL, NULL,		/* F9-FC u, FD y */
	"00.0g 05.14.44.55.5b.4c.1c.0b",	/* FE thorn */
	NULL,					/* FF y diaeresis */
};

/* Accents, drawn above a lower-case letter (y 0..3) and raised by 4 over a
 * capital; centred over the base letter. */
enum { ACC_GRAVE, ACC_ACUTE, ACC_CIRC, ACC_TILDE, ACC_DIAER, ACC_RING,
	ACC_CEDIL };
static const char *const font_accent[] = {
	"01.23", "03.21", "03.21.43", "03.11.33.41", "02.03 32.33",
	"10.20.31.32.23.13.02.01.10", "2c.2d.1e",
};

/* The composed letters of Latin-1: code point, base letter, accent.  An
 * 'i' under an accent is dotless. */
static const struct { unsigned char cp, base, acc; } font_composed[] = {
	{ 0xC0, 'A', ACC_GRAVE }, { 0xC1, 'A', ACC_ACUTE },
	{ 0xC2, 'A', ACC_CIRC }, { 0xC3, 'A', ACC_TILDE },
	{ 0xC4, 'A', ACC_DIAER }, { 0xC5, 'A', ACC_RING },
	{ 0xC7, 'C', ACC_CEDIL }, { 0xC8, 'E', ACC_GRAVE },
	{ 0xC9, 'E', ACC_ACUTE }, { 0xCA, 'E', ACC_CIRC },
	{ 0xCB, 'E', ACC_DIAER }, { 0xCC, 'I', ACC_GRAVE },
	{ 0xCD, 'I', ACC_ACUTE }, { 0xCE, 'I', ACC_CIRC },
	{ 0xCF, 'I', ACC_DIAER }, { 0xD1, 'N', ACC_TILDE },
	{ 0xD2, 'O', ACC_GRAVE }, { 0xD3, 'O', ACC_ACUTE },
	{ 0xD4, 'O', ACC_CIRC }, { 0xD5, 'O', ACC_TILDE },
	{ 0xD6, 'O', ACC_DIAER }, { 0xD9, 'U', ACC_GRAVE },
	{ 0xDA, 'U', ACC_ACUTE }, { 0xDB, 'U', ACC_CIRC },
	{ 0xDC, 'U', ACC_DIAER }, { 0xDD, 'Y', ACC_ACUTE },
	{ 0xE0, 'a', ACC_GRAVE }, { 0xE1, 'a', ACC_ACUTE },
	{ 0xE2, 'a', ACC_CIRC }, { 0xE3, 'a', ACC_TILDE },
	{ 0xE4, 'a', ACC_DIAER }, { 0xE5, 'a', ACC_RING },
	{ 0xE7, 'c', ACC_CEDIL }, { 0xE8, 'e', ACC_GRAVE },
	{ 0xE9, 'e', ACC_ACUTE }, { 0xEA, 'e', ACC_CIRC },
	{ 0xEB, 'e', ACC_DIAER }, { 0xEC, 'i', ACC_GRAVE },
	{ 0xED, 'i', ACC_ACUTE }, { 0xEE, 'i', ACC_CIRC },
	{ 0xEF, 'i', ACC_DIAER }, { 0xF1, 'n', ACC_TILDE },
	{ 0xF2, 'o', ACC_GRAVE }, { 0xF3, 'o', ACC_ACUTE },
	{ 0xF4, 'o', ACC_CIRC }, { 0xF5, 'o', ACC_TILDE },
	{ 0xF6, 'o', ACC_DIAER }, { 0xF9, 'u', ACC_GRAVE },
	{ 0xFA, 'u', ACC_ACUTE }, { 0xFB, 'u', ACC_CIRC },
	{ 0xFC, 'u', ACC_DIAER }, { 0xFD, 'y', ACC_ACUTE },
	{ 0xFF, 'y', ACC_DIAER },
};

static const char font_dotless_i[] = "04.0c";
static const char font_ellipsis[] = "0b.0c 3b.3c 6b.6c";		/* U+2026 */
static const char font_replacement[] = "30.66.3c.06.30 23.32.42.44.37 39.3a";	/* U+FFFD */
/* What a character the font lacks looks like: an empty box, never nothing. */
static const char font_missing[] = "00.60.6c.0c.00";

#endif
