/*
 * src/pack.c
 *
 * The board pack as HTML: escaping, numbers, colours, the scorecard table
 * and the SVG charts (pack.h).  Pure C, no PostgreSQL header, no
 * allocation: everything goes through the caller's sc_out.
 */
#include "pack.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rag.h"

void
sc_out_str(sc_out *out, const char *s)
{
	out->write(out->ctx, s, strlen(s));
}

static void
put(sc_out *out, const char *s)
{
	out->write(out->ctx, s, strlen(s));
}

/* The length of the valid UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t		len;
	unsigned	cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* overlong, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		(cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void
sc_html_escape(sc_out *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		run = 0;		/* bytes copied as they are, pending */
	size_t		i = 0;

	while (i < n)
	{
		unsigned char c = p[i];
		const char *entity = NULL;
		size_t		len = 1;

		switch (c)
		{
			case '&':
				entity = "&amp;";
				break;
			case '<':
				entity = "&lt;";
				break;
			case '>':
				entity = "&gt;";
				break;
			case '"':
				entity = "&quot;";
				break;
			case '\'':
				entity = "&#39;";
				break;
			default:
				if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
					entity = "\xEF\xBF\xBD";
				else if (c >= 0x80)
				{
					len = utf8_len(p + i, n - i);
					if (len == 0)
					{
						entity = "\xEF\xBF\xBD";
						len = 1;
					}
				}
				break;
		}
		if (entity)
		{
			if (run)
				out->write(out->ctx, (const char *) p + i - run, run);
			run = 0;
			put(out, entity);
		}
		else
			run += len;
		i += len;
	}
	if (run)
		out->write(out->ctx, (const char *) p + n - run, run);
}

void
sc_html_escape_str(sc_out *out, const char *s)
{
	if (s)
		sc_html_escape(out, s, strlen(s));
}

const char *
sc_svg_num(char *buf, double v)
{
	if (isnan(v))
		v = 0;
	if (v > 1e6)
		v = 1e6;
	if (v < -1e6)
		v = -1e6;
	snprintf(buf, SC_NUM_BYTES, "%.1f", v);
	if (strcmp(buf, "-0.0") == 0)
		strcpy(buf, "0.0");
	return buf;
}

const char *
sc_axis_label(char *buf, double v, int decimals)
{
	if (!isfinite(v) || fabs(v) >= 1e15)
	{
		buf[0] = '\0';
		return buf;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(buf, SC_NUM_BYTES, "%.*f", decimals, v);
	/* "-0.0" and "-0" as 0 */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

static double
linear(unsigned channel)
{
	double		c = channel / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double
luminance(unsigned rgb)
{
	return 0.2126 * linear((rgb >> 16) & 0xFF) + 0.7152 * linear((rgb >> 8) & 0xFF) +
		0.0722 * linear(rgb & 0xFF);
}

double
sc_contrast_ratio(unsigned rgb_a, unsigned rgb_b)
{
	double		a = luminance(rgb_a),
				b = luminance(rgb_b);

	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

/* ---------------------------------------------------------------- charts */

#define CH_W 300.0
#define CH_H 118.0
#define CH_LEFT 36.0
#define CH_RIGHT 64.0			/* room for the reference lines' labels */
#define CH_TOP 8.0
#define CH_BOTTOM 20.0

void
sc_chart_range(const sc_chart *chart, double *ymin, double *ymax)
{
	double		lo = INFINITY,
				hi = -INFINITY;

	for (int l = 0; l < chart->nlayers; l++)
	{
		const sc_chart_layer *layer = &chart->layers[l];

		if (layer->kind == SC_LAYER_MARK)
			continue;
		for (int i = 0; i < chart->nmonths; i++)
		{
			if (!layer->has[i])
				continue;
			for (int k = 0; k < (layer->kind == SC_LAYER_BAND ? 2 : 1); k++)
			{
				double		y = k ? layer->hi[i] : layer->lo[i];

				if (!isfinite(y))
					continue;
				if (y < lo)
					lo = y;
				if (y > hi)
					hi = y;
			}
		}
	}
	if (lo > hi)
	{
		lo = 0;
		hi = 1;
	}
	else
	{
		double		span = hi - lo;

		if (!(span > fabs(hi) * 1e-9) || !isfinite(span))
		{
			/* flat (or too wide for a double): a band around it */
			span = fabs(hi) > 0 && isfinite(hi) ? fabs(hi) * 0.1 : 1;
			lo -= span;
			hi += span;
		}
		else
		{
			lo -= span * 0.08;
			hi += span * 0.08;
		}
		/* percentages and counts of 0 or more: the axis need not go below 0 */
		if (lo < 0 && lo + span * 0.08 >= 0)
			lo = 0;
	}
	*ymin = lo;
	*ymax = hi;
}

typedef struct geom
{
	double		ymin,
				ymax;
	int			n;
} geom;

static double
gx(const geom *g, double i)
{
	double		w = CH_W - CH_LEFT - CH_RIGHT;

	return CH_LEFT + w * (i + 0.5) / g->n;
}

static double
gy(const geom *g, double y)
{
	double		h = CH_H - CH_TOP - CH_BOTTOM;
	double		t;

	if (!isfinite(y))
		y = y > 0 ? g->ymax : g->ymin;
	t = (y - g->ymin) / (g->ymax - g->ymin);
	if (!isfinite(t))
		t = 0;
	if (t < -0.05)
		t = -0.05;
	if (t > 1.05)
		t = 1.05;
	return CH_TOP + h * (1 - t);
}

/* "M x y" or "L x y" */
static void
path_point(sc_out *out, char cmd, double x, double y)
{
	char		a[SC_NUM_BYTES],
				b[SC_NUM_BYTES],
				c[2] = {cmd, '\0'};

	put(out, c);
	put(out, sc_svg_num(a, x));
	put(out, " ");
	put(out, sc_svg_num(b, y));
}

static void
attr_num(sc_out *out, const char *name, double v)
{
	char		buf[SC_NUM_BYTES];

	put(out, " ");
	put(out, name);
	put(out, "=\"");
	put(out, sc_svg_num(buf, v));
	put(out, "\"");
}

static const char *const rag_class[3] = {"r", "a", "g"};
static const char *const rag_word[3] = {"Red", "Amber", "Green"};

static void
draw_layer(const sc_chart *chart, const sc_chart_layer *layer, const geom *g, sc_out *out)
{
	double		half = (CH_W - CH_LEFT - CH_RIGHT) / g->n / 2;
	int			last = -1;

	switch (layer->kind)
	{
		case SC_LAYER_BAND:
		case SC_LAYER_STEP:
			put(out, "<path class=\"");
			put(out, layer->css_class);
			put(out, "\" d=\"");
			for (int i = 0; i < g->n; i++)
			{
				double		x0,
							x1;

				if (!layer->has[i])
					continue;
				x0 = gx(g, i) - half;
				x1 = gx(g, i) + half;
				if (layer->kind == SC_LAYER_BAND)
				{
					path_point(out, 'M', x0, gy(g, layer->lo[i]));
					path_point(out, 'L', x1, gy(g, layer->lo[i]));
					path_point(out, 'L', x1, gy(g, layer->hi[i]));
					path_point(out, 'L', x0, gy(g, layer->hi[i]));
					put(out, "Z");
				}
				else
				{
					/* joined to the previous month's step when adjacent */
					path_point(out, last >= 0 && last == i - 1 ? 'L' : 'M', x0, gy(g, layer->lo[i]));
					path_point(out, 'L', x1, gy(g, layer->lo[i]));
				}
				last = i;
			}
			put(out, "\"/>");
			break;
		case SC_LAYER_LINE:
			put(out, "<path class=\"");
			put(out, layer->css_class);
			put(out, "\" d=\"");
			for (int i = 0; i < g->n; i++)
			{
				if (!layer->has[i])
					continue;
				path_point(out, last >= 0 && last == i - 1 ? 'L' : 'M', gx(g, i), gy(g, layer->lo[i]));
				last = i;
			}
			put(out, "\"/>");
			for (int i = 0; i < g->n; i++)
			{
				if (!layer->has[i])
					continue;
				put(out, "<circle class=\"");
				if (i == g->n - 1 && chart->highlight_last >= 0 && chart->highlight_last <= 2)
				{
					put(out, "dot last ");
					put(out, rag_class[chart->highlight_last]);
				}
				else
					put(out, "dot");
				put(out, "\"");
				attr_num(out, "cx", gx(g, i));
				attr_num(out, "cy", gy(g, layer->lo[i]));
				attr_num(out, "r", i == g->n - 1 ? 2.8 : 1.8);
				put(out, "/>");
			}
			break;
		case SC_LAYER_RING:
		case SC_LAYER_SQUARE:
			for (int i = 0; i < g->n; i++)
			{
				double		x,
							y;

				if (!layer->has[i])
					continue;
				x = gx(g, i);
				y = gy(g, layer->lo[i]);
				if (layer->kind == SC_LAYER_RING)
				{
					put(out, "<circle class=\"");
					put(out, layer->css_class);
					put(out, "\"");
					attr_num(out, "cx", x);
					attr_num(out, "cy", y);
					attr_num(out, "r", 4.2);
				}
				else
				{
					put(out, "<rect class=\"");
					put(out, layer->css_class);
					put(out, "\"");
					attr_num(out, "x", x - 4);
					attr_num(out, "y", y - 4);
					attr_num(out, "width", 8);
					attr_num(out, "height", 8);
				}
				put(out, "><title>");
				sc_html_escape_str(out, layer->label);
				put(out, "</title>");
				put(out, layer->kind == SC_LAYER_RING ? "</circle>" : "</rect>");
			}
			break;
		case SC_LAYER_MARK:
			for (int i = 0; i < g->n; i++)
			{
				if (!layer->has[i])
					continue;
				put(out, "<rect class=\"");
				put(out, layer->css_class);
				put(out, "\"");
				attr_num(out, "x", gx(g, i) - half + 1);
				attr_num(out, "y", CH_TOP);
				attr_num(out, "width", 2 * half - 2);
				attr_num(out, "height", CH_H - CH_TOP - CH_BOTTOM);
				put(out, "/><text class=\"mk\"");
				attr_num(out, "x", gx(g, i));
				attr_num(out, "y", CH_H - CH_BOTTOM - 3);
				put(out, ">c</text>");
			}
			break;
	}
}

/*
 * The reference lines' labels at their right ends, at the line's last y,
 * moved apart so that no two overlap (at least LABEL_GAP apart, in order).
 */
#define LABEL_GAP 7.0
static void
end_labels(const sc_chart *chart, const geom *g, sc_out *out)
{
	double		y[SC_CHART_MAX_LAYERS];
	int			which[SC_CHART_MAX_LAYERS];
	int			n = 0;
	double		half = (CH_W - CH_LEFT - CH_RIGHT) / g->n / 2;

	for (int l = 0; l < chart->nlayers; l++)
	{
		const sc_chart_layer *layer = &chart->layers[l];
		int			last = -1;

		if (layer->kind != SC_LAYER_STEP || !layer->label)
			continue;
		for (int i = 0; i < g->n; i++)
			if (layer->has[i])
				last = i;
		if (last < 0)
			continue;
		/* insertion by y */
		{
			double		v = gy(g, layer->lo[last]);
			int			k = n++;

			while (k > 0 && y[k - 1] > v)
			{
				y[k] = y[k - 1];
				which[k] = which[k - 1];
				k--;
			}
			y[k] = v;
			which[k] = l;
		}
	}
	/* push down, then pull back up from the bottom */
	for (int k = 1; k < n; k++)
		if (y[k] < y[k - 1] + LABEL_GAP)
			y[k] = y[k - 1] + LABEL_GAP;
	if (n > 0 && y[n - 1] > CH_H - CH_BOTTOM + 2)
	{
		y[n - 1] = CH_H - CH_BOTTOM + 2;
		for (int k = n - 2; k >= 0; k--)
			if (y[k] > y[k + 1] - LABEL_GAP)
				y[k] = y[k + 1] - LABEL_GAP;
	}
	for (int k = 0; k < n; k++)
	{
		put(out, "<text class=\"rl\"");
		attr_num(out, "x", gx(g, g->n - 1) + half + 2);
		attr_num(out, "y", y[k] + 2.5);
		put(out, ">");
		sc_html_escape_str(out, chart->layers[which[k]].label);
		put(out, "</text>");
	}
}

void
sc_chart_svg(const sc_chart *chart, sc_out *out)
{
	geom		g;
	char		buf[SC_NUM_BYTES];
	bool		any = false;
	int			step;

	g.n = chart->nmonths < 1 ? 1 : chart->nmonths;
	sc_chart_range(chart, &g.ymin, &g.ymax);

	put(out, "<svg class=\"chart\" viewBox=\"0 0 300 118\" role=\"img\" aria-label=\"");
	sc_html_escape_str(out, chart->aria_label);
	put(out, "\" xmlns=\"http://www.w3.org/2000/svg\">");

	/* the axes: a gridline and label at the bottom, the middle and the top */
	for (int k = 0; k <= 2; k++)
	{
		double		y = g.ymin + (g.ymax - g.ymin) * k / 2;

		put(out, "<path class=\"grid\" d=\"");
		path_point(out, 'M', CH_LEFT, gy(&g, y));
		path_point(out, 'L', CH_W - CH_RIGHT, gy(&g, y));
		put(out, "\"/><text class=\"yl\"");
		attr_num(out, "x", CH_LEFT - 3);
		attr_num(out, "y", gy(&g, y) + 2.5);
		put(out, ">");
		put(out, sc_axis_label(buf, y, chart->decimals));
		put(out, "</text>");
	}
	/* month labels: every month up to 12, otherwise every step-th, the last always */
	step = g.n <= 12 ? 2 : 3;
	for (int i = 0; i < chart->nmonths; i++)
	{
		if ((chart->nmonths - 1 - i) % step != 0)
			continue;
		put(out, "<text class=\"xl\"");
		attr_num(out, "x", gx(&g, i));
		attr_num(out, "y", CH_H - CH_BOTTOM + 10);
		put(out, ">");
		sc_html_escape_str(out, chart->month_labels[i]);
		put(out, "</text>");
	}
	for (int l = 0; l < chart->nlayers; l++)
		draw_layer(chart, &chart->layers[l], &g, out);
	end_labels(chart, &g, out);
	for (int l = 0; l < chart->nlayers; l++)
		if (chart->layers[l].kind == SC_LAYER_LINE)
			for (int i = 0; i < chart->nmonths; i++)
				any |= chart->layers[l].has[i];
	if (!any)
		put(out, "<text class=\"none\" x=\"118.0\" y=\"55.0\">No values in these months</text>");
	put(out, "</svg>");
}

/* ------------------------------------------------------------ the table */

typedef struct spc_words
{
	const char *code;
	const char *words;
	const char *css;			/* a fixed class name */
} spc_words;

static const spc_words variation_words[] = {
	{"common cause", "Common cause", "cc"},
	{"improving high", "Special cause \xE2\x80\x93 improving (high)", "imp"},
	{"improving low", "Special cause \xE2\x80\x93 improving (low)", "imp"},
	{"concerning high", "Special cause \xE2\x80\x93 concerning (high)", "con"},
	{"concerning low", "Special cause \xE2\x80\x93 concerning (low)", "con"},
	{"neutral high", "Special cause \xE2\x80\x93 neither improving nor concerning (high)", "neu"},
	{"neutral low", "Special cause \xE2\x80\x93 neither improving nor concerning (low)", "neu"},
};

static const spc_words assurance_words[] = {
	{"consistently hit", "Consistently passing target", "pass"},
	{"consistently missed", "Consistently failing target", "fail"},
	{"hit and miss", "Hit and miss target", "hm"},
};

static const spc_words *
find_words(const spc_words *w, size_t n, const char *code)
{
	if (code)
		for (size_t i = 0; i < n; i++)
			if (strcmp(w[i].code, code) == 0)
				return &w[i];
	return NULL;
}

const char *
sc_pack_variation_words(const char *variation)
{
	const spc_words *w = find_words(variation_words, sizeof variation_words / sizeof *variation_words, variation);

	return w ? w->words : variation;
}

const char *
sc_pack_assurance_words(const char *assurance)
{
	const spc_words *w = find_words(assurance_words, sizeof assurance_words / sizeof *assurance_words, assurance);

	return w ? w->words : assurance;
}

/*
 * A variation or assurance cell: MDC's words, scorecard_spc's own in
 * data-spc; – for none (no values, or no target for assurance).
 */
static void
spc_cell(sc_out *out, const char *kind, const spc_words *table, size_t n, const char *code, const char *none)
{
	const spc_words *w = find_words(table, n, code);

	put(out, "<td class=\"spc ");
	put(out, kind);
	if (code == NULL)
	{
		put(out, " none\" title=\"");
		put(out, none);
		put(out, "\">&#8211;</td>");
		return;
	}
	put(out, " ");
	put(out, w ? w->css : "other");
	put(out, "\" data-spc=\"");
	sc_html_escape_str(out, code);
	put(out, "\">");
	sc_html_escape_str(out, w ? w->words : code);
	put(out, "</td>");
}

static const char *const comparator_short[3] = {"SN", "England", NULL};

static const char *
arrow_glyph(int trend)
{
	return sc_trend_arrow((sc_trend) trend);
}

/*
 * The word of a direction by the polarity: "better", "worse", or for no
 * change "same" (against a previous value) or "in line" (a comparator).
 */
static const char *
arrow_word(int trend, bool low_is_better, bool comparator)
{
	if (trend == SC_SAME)
		return comparator ? "in line" : "same";
	return (trend == SC_UP) != low_is_better ? "better" : "worse";
}

static void
arrow_cell(sc_out *out, int trend, bool low_is_better, bool comparator, const char *against)
{
	const char *word;

	if (trend != SC_UP && trend != SC_DOWN && trend != SC_SAME)
	{
		put(out, "<td class=\"arr na\">N/A</td>");
		return;
	}
	word = arrow_word(trend, low_is_better, comparator);
	put(out, "<td class=\"arr ");
	put(out, trend == SC_SAME ? "same" : strcmp(word, "better") == 0 ? "better" : "worse");
	put(out, "\" title=\"");
	put(out, trend == SC_UP ? "up" : trend == SC_DOWN ? "down" : "no change");
	put(out, " against ");
	put(out, against);
	put(out, "\"><span class=\"gl\" aria-hidden=\"true\">");
	put(out, arrow_glyph(trend));
	put(out, "</span>");
	put(out, word);
	put(out, "</td>");
}

static void
sparkline_svg(const sc_pack_kpi *k, sc_out *out)
{
	double		lo = INFINITY,
				hi = -INFINITY;
	int			n = k->nmonths,
				last = -1;
	const double w = 64,
				h = 16;

	for (int i = 0; i < n; i++)
		if (k->months[i].has_value && !k->months[i].suppressed && isfinite(k->months[i].value))
		{
			if (k->months[i].value < lo)
				lo = k->months[i].value;
			if (k->months[i].value > hi)
				hi = k->months[i].value;
		}
	put(out, "<svg class=\"spark\" viewBox=\"0 0 64 16\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\"><path d=\"");
	for (int i = 0; i < n; i++)
	{
		double		t,
					x,
					y;

		if (!(k->months[i].has_value && !k->months[i].suppressed && isfinite(k->months[i].value)))
			continue;
		t = hi > lo ? (k->months[i].value - lo) / (hi - lo) : 0.5;
		if (!isfinite(t))
			t = 0.5;
		x = n > 1 ? 2 + (w - 4) * i / (n - 1) : w / 2;
		y = h - 2 - (h - 4) * t;
		path_point(out, last >= 0 && last == i - 1 ? 'L' : 'M', x, y);
		if (!(last >= 0 && last == i - 1) && (i + 1 >= n || !k->months[i + 1].has_value || k->months[i + 1].suppressed))
		{
			/* an isolated value: a dot-length stroke so it shows */
			path_point(out, 'L', x + 0.6, y);
		}
		last = i;
	}
	put(out, "\"/></svg>");
}

static void
rag_cell(sc_out *out, int rag, const char *tag)
{
	if (rag < 0 || rag > 2)
	{
		put(out, "<");
		put(out, tag);
		put(out, " class=\"rag none\">&#8211;</");
		put(out, tag);
		put(out, ">");
		return;
	}
	put(out, "<");
	put(out, tag);
	put(out, " class=\"rag ");
	put(out, rag_class[rag]);
	put(out, "\">");
	put(out, rag_word[rag]);
	put(out, "</");
	put(out, tag);
	put(out, ">");
}

static const char CSS[] =
	"@page{size:A4 landscape;margin:10mm 9mm 12mm 9mm}"
	"*{box-sizing:border-box}"
	"html{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"body{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;color:#1a1a1a;margin:0;font-size:6.8pt;background:#fff}"
	".page{break-after:page;page-break-after:always;padding:0}"
	".page:last-child{break-after:auto;page-break-after:auto}"
	"header.mast{border-bottom:2.5pt solid #1d3557;margin-bottom:3mm;padding-bottom:1.5mm;display:flex;justify-content:space-between;align-items:flex-end}"
	"header.mast h1{font-size:15pt;margin:0;color:#1d3557}"
	"header.mast h2{font-size:10.5pt;margin:1mm 0 0 0;font-weight:normal;color:#333}"
	"header.mast .meta{text-align:right;font-size:8pt;color:#333}"
	"header.mast .asat{font-size:11pt;font-weight:bold;color:#1d3557}"
	"table.sc{border-collapse:collapse;width:100%;table-layout:auto}"
	"table.sc th,table.sc td{border:0.5pt solid #9aa5b1;padding:1pt 1.6pt;vertical-align:middle}"
	"table.sc thead th{background:#1d3557;color:#fff;font-weight:bold;text-align:center;font-size:6.2pt}"
	"table.sc thead tr.grp th{background:#2b4a75}"
	"table.sc tbody tr:nth-child(even) td{background:#f3f5f8}"
	"table.sc td.code{font-weight:bold;white-space:nowrap}"
	"table.sc td.desc{min-width:40mm;max-width:60mm}"
	"table.sc tr{break-inside:avoid;page-break-inside:avoid}"
	".card .desc{font-size:5.8pt;color:#555;line-height:1.25;height:2.5em;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}"
	"table.sc td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
	"table.sc td.latest{font-weight:bold;border-left:1pt solid #1d3557;border-right:1pt solid #1d3557}"
	"table.sc td.gap{color:#777;text-align:center}"
	"table.sc td.supp{color:#555;text-align:center;font-style:italic}"
	"table.sc td.arr{text-align:center;font-size:6pt;line-height:1.1}"
	"table.sc td.arr .gl{font-size:6.5pt;display:block}"
	"table.sc td.better{color:#0b5a1f}"
	"table.sc td.worse{color:#9b1c14}"
	"table.sc td.same,table.sc td.na{color:#444}"
	"table.sc td.na{text-align:center}"
	"table.sc td.spc{font-size:6pt;line-height:1.1;min-width:13mm;max-width:19mm}"
	"table.sc.m24 th,table.sc.m24 td{font-size:5.2pt;padding:0.8pt 1pt}table.sc.m24 td.desc{min-width:22mm}table.sc.m24 svg.spark{width:10mm}"
	"table.sc.m24 td.spc{font-size:5.2pt;min-width:11mm;max-width:15mm}"
	
	".rag{font-weight:bold;text-align:center;white-space:nowrap}"
	".rag.r{background:#b3261e !important;color:#fff}"
	".rag.a{background:#f2a900 !important;color:#000}"
	".rag.g{background:#1e7b34 !important;color:#fff}"
	".rag.none{color:#555}"
	"svg.spark{width:15mm;height:4.5mm;display:block}"
	"svg.spark path{fill:none;stroke:#1d3557;stroke-width:1.2;stroke-linejoin:round;stroke-linecap:round}"
	"tr.area th{background:#dde3ea !important;color:#1d3557 !important;text-align:left !important;font-size:7.4pt}"
	".notes{margin-top:2.5mm;font-size:6.6pt;color:#333;line-height:1.35}"
	".notes b{color:#1d3557}"
	".notice{border:1pt solid #9b1c14;background:#fdf1f0;padding:3mm;font-size:10pt;margin:4mm 0}"
	".legend{font-size:6.6pt;color:#333;margin:0 0 2mm 0}"
	".legend span{display:inline-block;margin-right:4mm}"
	".legend i{display:inline-block;width:6mm;height:2.6mm;vertical-align:middle;margin-right:1mm}"
	".grid3{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:2.5mm 4mm}"
	".card{border:0.5pt solid #9aa5b1;padding:1.5mm 2mm 1mm 2mm;break-inside:avoid;page-break-inside:avoid}"
	".card h3{font-size:7.6pt;margin:0 0 0.5mm 0;color:#1d3557;display:flex;justify-content:space-between;gap:2mm}"
	".card h3 .t{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}"
	".card h3 .rag{font-size:6.4pt;padding:0.3mm 1.2mm}"
	".card .sub{font-size:6.2pt;color:#444;margin-bottom:0.5mm}"
	"svg.chart{width:100%;height:auto;display:block}"
	"svg.chart text{font-family:Arial,'Liberation Sans',sans-serif;font-size:7px;fill:#333}"
	"svg.chart .yl{text-anchor:end}"
	"svg.chart .xl{text-anchor:middle}"
	"svg.chart .rl{font-size:6.5px}"
	"svg.chart .none{font-size:9px;fill:#9b1c14;text-anchor:middle}"
	"svg.chart .grid{stroke:#d5dbe2;stroke-width:0.6;fill:none}"
	"svg.chart .band{fill:#f2a900;fill-opacity:0.28;stroke:none}"
	"svg.chart .target{stroke:#1e7b34;stroke-width:1.3;stroke-dasharray:4 2;fill:none}"
	"svg.chart .cmp-sn{stroke:#6a3d9a;stroke-width:0.9;stroke-dasharray:1.5 1.5;fill:none}"
	"svg.chart .cmp-eng{stroke:#555;stroke-width:0.9;stroke-dasharray:5 2 1 2;fill:none}"
	"svg.chart .cmp-reg{stroke:#b15928;stroke-width:0.9;stroke-dasharray:3 1.5;fill:none}"
	"svg.chart .value{stroke:#1d3557;stroke-width:1.6;fill:none;stroke-linejoin:round}"
	"svg.chart .dot{fill:#1d3557}"
	"svg.chart .dot.last{stroke:#000;stroke-width:0.6}"
	"svg.chart .dot.r{fill:#b3261e}svg.chart .dot.a{fill:#f2a900}svg.chart .dot.g{fill:#1e7b34}"
	"svg.chart .spc-cl{stroke:#5f6b77;stroke-width:0.8;fill:none}"
	"svg.chart .spc-lim{stroke:#5f6b77;stroke-width:0.7;stroke-dasharray:0.7 1.4;stroke-linecap:round;fill:none}"
	"svg.chart .spc-imp{fill:none;stroke:#1f6fb5;stroke-width:1.2}"
	"svg.chart .spc-con{fill:none;stroke:#c15c00;stroke-width:1.2}"
	"svg.chart .spc-neu{fill:none;stroke:#6a3d9a;stroke-width:1.2;stroke-dasharray:1.5 1}"
	".spc.imp{color:#174f82;font-weight:bold}.spc.con{color:#9a4a00;font-weight:bold}"
	".spc.none{color:#555}"
	"svg.chart .supp{fill:#e4e4e4;stroke:#999;stroke-width:0.4;stroke-dasharray:1 1}"
	"svg.chart .mk{font-size:6.5px;font-style:italic;text-anchor:middle;fill:#444}"
	"footer{font-size:6.4pt;color:#555;margin-top:2mm}"
	"@media screen{body{max-width:297mm;margin:0 auto;padding:6mm}.page{margin-bottom:8mm}}";

static void
masthead(const sc_pack *p, sc_out *out, const char *section, const char *area)
{
	put(out, "<header class=\"mast\"><div><h1>");
	sc_html_escape_str(out, p->title);
	put(out, "</h1><h2>");
	put(out, section);
	if (area)
	{
		put(out, ": ");
		sc_html_escape_str(out, area);
	}
	put(out, "</h2></div><div class=\"meta\"><div class=\"asat\">As at ");
	sc_html_escape_str(out, p->as_at);
	put(out, "</div><div class=\"gen\">Generated on ");
	sc_html_escape_str(out, p->generated);
	put(out, "</div></div></header>");
}

static bool
same_area(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static void
table_head(const sc_pack *p, sc_out *out, const char *region)
{
	char		avg[48];

	put(out, "<thead><tr class=\"grp\"><th colspan=\"5\">Measure</th><th colspan=\"3\">Comparators</th><th colspan=\"");
	snprintf(avg, sizeof avg, "%d", p->nmonths);
	put(out, avg);
	put(out, "\">Monthly values</th><th colspan=\"5\">Latest month</th><th colspan=\"2\">Status</th>"
		"<th colspan=\"2\">SPC (Making Data Count)</th></tr><tr>"
		"<th>KPI</th><th>Description</th><th>Frequency</th><th>Service area</th><th>Better</th>"
		"<th>SN</th><th>England</th><th>");
	sc_html_escape_str(out, region ? region : "Region");
	put(out, "</th>");
	for (int i = 0; i < p->nmonths; i++)
	{
		put(out, "<th class=\"mon\">");
		sc_html_escape_str(out, p->month_labels[i]);
		put(out, "</th>");
	}
	snprintf(avg, sizeof avg, "vs %d-month avg", p->average_months);
	put(out, "<th>vs last month</th><th>");
	put(out, avg);
	put(out, "</th><th>vs SN</th><th>vs England</th><th>vs ");
	sc_html_escape_str(out, region ? region : "Region");
	put(out, "</th><th>RAG</th><th>Trend</th><th>Variation</th><th>Assurance</th></tr></thead>");
}

static void
table_row(const sc_pack *p, const sc_pack_kpi *k, sc_out *out)
{
	const sc_pack_month *latest = &k->months[k->nmonths - 1];
	bool		hide = latest->suppressed;
	const char *against[3] = {"statistical neighbours", "England", "the region"};
	char		avg[48];

	put(out, "<tr class=\"kpi\" data-kpi=\"");
	sc_html_escape_str(out, k->code);
	put(out, "\"><td class=\"code\">");
	sc_html_escape_str(out, k->code);
	put(out, "</td><td class=\"desc\"><span class=\"t\">");
	sc_html_escape_str(out, k->title);
	put(out, "</span></td><td>");
	sc_html_escape_str(out, k->frequency);
	put(out, "</td><td>");
	sc_html_escape_str(out, k->service_area);
	put(out, "</td><td>");
	put(out, k->low_is_better ? "Low" : "High");
	put(out, "</td>");
	for (int c = 0; c < 3; c++)
	{
		if (k->comparator_shown[c])
		{
			put(out, "<td class=\"num cmp\">");
			sc_html_escape_str(out, k->comparator_shown[c]);
			put(out, "</td>");
		}
		else
			put(out, "<td class=\"num cmp na\">N/A</td>");
	}
	for (int i = 0; i < k->nmonths; i++)
	{
		const sc_pack_month *m = &k->months[i];
		const char *latest_class = i == k->nmonths - 1 ? " latest" : "";

		put(out, "<td class=\"");
		if (m->suppressed)
		{
			put(out, "supp m");
			put(out, latest_class);
			put(out, "\" title=\"suppressed: a small number\">c</td>");
		}
		else if (m->shown)
		{
			put(out, "num m");
			put(out, latest_class);
			put(out, "\">");
			sc_html_escape_str(out, m->shown);
			put(out, "</td>");
		}
		else
		{
			put(out, "gap m");
			put(out, latest_class);
			put(out, "\" title=\"no value\">&#8211;</td>");
		}
	}
	snprintf(avg, sizeof avg, "the previous %d months' average", p->average_months);
	arrow_cell(out, hide ? SC_PACK_NONE : k->change, k->low_is_better, false, "the previous month");
	arrow_cell(out, hide ? SC_PACK_NONE : k->average, k->low_is_better, false, avg);
	for (int c = 0; c < 3; c++)
		arrow_cell(out, hide ? SC_PACK_NONE : k->vs[c], k->low_is_better, true, against[c]);
	rag_cell(out, hide ? SC_PACK_NONE : latest->rag, "td");
	put(out, "<td class=\"trend\">");
	sparkline_svg(k, out);
	put(out, "</td>");
	/* the latest month's variation would say where a suppressed value lies */
	spc_cell(out, "var", variation_words, sizeof variation_words / sizeof *variation_words,
			 hide ? NULL : k->variation, hide ? "the latest month is suppressed" : "no values to chart");
	spc_cell(out, "asr", assurance_words, sizeof assurance_words / sizeof *assurance_words,
			 k->assurance, "no target, or no values to chart");
	put(out, "</tr>");
}

static void
table_notes(const sc_pack *p, sc_out *out)
{
	char		buf[64];

	put(out, "<div class=\"notes\"><b>Reading the table.</b> RAG compares the latest month with its target: "
		"<span class=\"rag g\">&nbsp;Green&nbsp;</span> at or better than target, "
		"<span class=\"rag a\">&nbsp;Amber&nbsp;</span> within tolerance of it, "
		"<span class=\"rag r\">&nbsp;Red&nbsp;</span> further from it; &#8211; no target or no value. "
		"Arrows show the direction of the latest month's value (&#9650; up, &#9660; down, &#9668; no change) against the "
		"previous month, the average of the previous ");
	snprintf(buf, sizeof buf, "%d", p->average_months);
	put(out, buf);
	put(out, " months and each comparator; the word says whether that is <b>better</b> or <b>worse</b> for the "
		"KPI's polarity (Better: High or Low). N/A: nothing to compare. &#8211; in a month: no value; "
		"<i>c</i>: suppressed (a small number). SN: statistical neighbours. "
		"<b>SPC</b> (NHS England's Making Data Count, an XmR chart of the months shown): variation says whether the "
		"latest month is <b>common cause</b> (within the process limits, no run or trend) or a <b>special cause</b>, "
		"improving or concerning for the KPI's polarity; assurance says whether the process limits "
		"<b>consistently pass</b> or <b>fail</b> the target, or are <b>hit and miss</b>; &#8211;: no values, or "
		"no target. ");
	sc_html_escape_str(out, p->arrows_note);
	put(out, "</div>");
}

static void
chart_card(const sc_pack *p, const sc_pack_kpi *k, sc_out *out,
		   double *buf_values, bool *buf_flags)
{
	/* scratch: 10 arrays of n doubles, 13 of n flags */
	int			n = k->nmonths;
	double	   *val = buf_values,
			   *tgt = val + n,
			   *blo = tgt + n,
			   *bhi = blo + n,
			   *cmp0 = bhi + n,
			   *cl = cmp0 + 3 * n,
			   *lpl = cl + n,
			   *upl = lpl + n;
	bool	   *has_val = buf_flags,
			   *has_tgt = has_val + n,
			   *has_band = has_tgt + n,
			   *supp = has_band + n,
			   *has_cmp0 = supp + n,
			   *has_cl = has_cmp0 + 3 * n,
			   *has_lpl = has_cl + n,
			   *has_upl = has_lpl + n,
			   *imp = has_upl + n,
			   *con = imp + n,
			   *neu = con + n;
	sc_chart	ch;
	const char *cmp_class[3] = {"cmp-sn", "cmp-eng", "cmp-reg"};
	const char *cmp_label[3];
	const sc_pack_month *latest = &k->months[n - 1];

	memset(&ch, 0, sizeof ch);
	for (int i = 0; i < n; i++)
	{
		const sc_pack_month *m = &k->months[i];

		has_val[i] = m->has_value && !m->suppressed && isfinite(m->value);
		val[i] = has_val[i] ? m->value : 0;
		supp[i] = m->suppressed;
		has_tgt[i] = m->has_target && isfinite(m->target);
		tgt[i] = has_tgt[i] ? m->target : 0;
		has_band[i] = has_tgt[i] && isfinite(m->tolerance) && m->tolerance > 0;
		if (has_band[i])
		{
			blo[i] = k->low_is_better ? m->target : m->target - m->tolerance;
			bhi[i] = k->low_is_better ? m->target + m->tolerance : m->target;
		}
		else
			blo[i] = bhi[i] = 0;
		for (int c = 0; c < 3; c++)
		{
			has_cmp0[c * n + i] = m->has_comparator[c] && isfinite(m->comparator[c]);
			cmp0[c * n + i] = has_cmp0[c * n + i] ? m->comparator[c] : 0;
		}
		/* SPC: the centre line and limits over its months, its special causes */
		has_cl[i] = m->spc && k->has_centre && isfinite(k->centre);
		has_lpl[i] = m->spc && k->has_lower && isfinite(k->lower_limit);
		has_upl[i] = m->spc && k->has_upper && isfinite(k->upper_limit);
		cl[i] = has_cl[i] ? k->centre : 0;
		lpl[i] = has_lpl[i] ? k->lower_limit : 0;
		upl[i] = has_upl[i] ? k->upper_limit : 0;
		imp[i] = has_val[i] && m->special == SC_PACK_SPC_IMPROVEMENT;
		con[i] = has_val[i] && m->special == SC_PACK_SPC_CONCERN;
		neu[i] = has_val[i] && m->special == SC_PACK_SPC_NEUTRAL;
	}
	cmp_label[0] = comparator_short[0];
	cmp_label[1] = comparator_short[1];
	cmp_label[2] = k->region_name ? k->region_name : "Region";

	ch.aria_label = k->title;
	ch.nmonths = n;
	ch.month_labels = p->month_labels;
	ch.decimals = k->decimals;
	ch.highlight_last = latest->suppressed ? SC_PACK_NONE : latest->rag;
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_MARK, "supp", "suppressed", NULL, NULL, supp
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_BAND, "band", "tolerance", blo, bhi, has_band
	};
	for (int c = 0; c < 3; c++)
		ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_STEP, cmp_class[c], cmp_label[c], cmp0 + c * n, NULL, has_cmp0 + c * n
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_STEP, "target", "Target", tgt, NULL, has_tgt
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_STEP, "spc-lim", "LPL", lpl, NULL, has_lpl
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_STEP, "spc-lim", "UPL", upl, NULL, has_upl
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_STEP, "spc-cl", "Mean", cl, NULL, has_cl
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_LINE, "value", "Value", val, NULL, has_val
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_RING, "spc-imp", "special cause: improvement", val, NULL, imp
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_SQUARE, "spc-con", "special cause: concern", val, NULL, con
	};
	ch.layers[ch.nlayers++] = (sc_chart_layer)
	{
		SC_LAYER_RING, "spc-neu", "special cause: neither improvement nor concern", val, NULL, neu
	};

	put(out, "<div class=\"card\" data-kpi=\"");
	sc_html_escape_str(out, k->code);
	put(out, "\"><h3><span class=\"t\">");
	sc_html_escape_str(out, k->code);
	put(out, " &#183; ");
	sc_html_escape_str(out, k->title);
	put(out, "</span>");
	rag_cell(out, ch.highlight_last, "span");
	put(out, "</h3><div class=\"sub\">");
	put(out, k->low_is_better ? "Low is better" : "High is better");
	if (k->target_shown)
	{
		put(out, " &#183; target ");
		sc_html_escape_str(out, k->target_shown);
	}
	put(out, " &#183; latest ");
	if (latest->suppressed)
		put(out, "<i>c</i> (suppressed)");
	else if (latest->shown)
		sc_html_escape_str(out, latest->shown);
	else
		put(out, "no value");
	put(out, "</div><div class=\"sub spc\">Variation: ");
	if (k->variation && !latest->suppressed)
		sc_html_escape_str(out, sc_pack_variation_words(k->variation));
	else
		put(out, "&#8211;");
	put(out, " &#183; Assurance: ");
	if (k->assurance)
		sc_html_escape_str(out, sc_pack_assurance_words(k->assurance));
	else
		put(out, "&#8211;");
	put(out, "</div>");
	if (k->description && k->description[0])
	{
		put(out, "<div class=\"desc\">");
		sc_html_escape_str(out, k->description);
		put(out, "</div>");
	}
	sc_chart_svg(&ch, out);
	put(out, "</div>");
}

static void
chart_legend(sc_out *out)
{
	put(out, "<div class=\"legend\">"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#1d3557\" stroke-width=\"1.6\"/><circle cx=\"11\" cy=\"4\" r=\"1.8\" fill=\"#1d3557\"/></svg> value (a gap: no value)</span>"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#1e7b34\" stroke-width=\"1.3\" stroke-dasharray=\"4 2\"/></svg> target</span>"
		"<span><i style=\"background:rgba(242,169,0,0.28)\"></i>tolerance (amber)</span>"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#6a3d9a\" stroke-width=\"0.9\" stroke-dasharray=\"1.5 1.5\"/></svg> statistical neighbours</span>"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#555\" stroke-width=\"0.9\" stroke-dasharray=\"5 2 1 2\"/></svg> England</span>"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#b15928\" stroke-width=\"0.9\" stroke-dasharray=\"3 1.5\"/></svg> region</span>"
		"<span><i style=\"background:#e4e4e4;border:0.4pt dashed #999\"></i><em>c</em>: suppressed</span>"
		"<span>last point coloured by its RAG status</span>"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#5f6b77\" stroke-width=\"0.8\"/></svg> SPC mean (Mean)</span>"
		"<span><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><path d=\"M1 4L21 4\" stroke=\"#5f6b77\" stroke-width=\"0.7\" stroke-dasharray=\"0.7 1.4\" stroke-linecap=\"round\"/></svg> SPC process limits (UPL, LPL)</span>"
		"<span><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"none\" stroke=\"#1f6fb5\" stroke-width=\"1.2\"/></svg> special cause: improvement (circle)</span>"
		"<span><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"#c15c00\" stroke-width=\"1.2\"/></svg> special cause: concern (square)</span>"
		"</div>");
}

/* Scratch for chart_card without allocation: the largest chart's arrays. */
#define SCRATCH_DOUBLES (10 * SC_PACK_MAX_MONTHS)
#define SCRATCH_FLAGS (13 * SC_PACK_MAX_MONTHS)

sc_status
sc_pack_render(const sc_pack *p, sc_out *out)
{
	double		scratch_values[SCRATCH_DOUBLES];
	bool		scratch_flags[SCRATCH_FLAGS];
	bool		any_value = false;
	char		buf[64];

	if (p->nmonths < 1 || p->nmonths > SC_PACK_MAX_MONTHS || p->nkpis < 0)
		return SC_MALFORMED;
	for (int i = 0; i < p->nkpis; i++)
	{
		if (p->kpis[i].nmonths != p->nmonths)
			return SC_MALFORMED;
		for (int m = 0; m < p->nmonths; m++)
			any_value |= p->kpis[i].months[m].has_value || p->kpis[i].months[m].suppressed;
	}

	put(out, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>");
	sc_html_escape_str(out, p->title);
	put(out, " &#8211; as at ");
	sc_html_escape_str(out, p->as_at);
	put(out, "</title><style>");
	put(out, CSS);
	put(out, "</style></head><body>");

	if (p->nkpis == 0)
	{
		put(out, "<section class=\"page\" id=\"scorecard\">");
		masthead(p, out, "Performance scorecard", NULL);
		put(out, "<div class=\"notice\" id=\"empty\">There are no KPIs to show: the KPI catalogue "
			"(socialcare.kpi) is empty.</div></section></body></html>\n");
		return SC_OK;
	}

	/* Section 1: the table, one page or one page per service area */
	for (int start = 0; start < p->nkpis;)
	{
		int			end = start + 1;
		const char *area = p->kpis[start].service_area;

		if (p->page_per_area)
			while (end < p->nkpis && same_area(p->kpis[end].service_area, area))
				end++;
		else
			end = p->nkpis;
		put(out, "<section class=\"page scorecard\">");
		masthead(p, out, "Performance scorecard", p->page_per_area ? (area ? area : "No service area") : NULL);
		if (!any_value)
		{
			put(out, "<div class=\"notice\" id=\"novalues\">There are no values for the ");
			snprintf(buf, sizeof buf, "%d", p->nmonths);
			put(out, buf);
			put(out, " months to ");
			sc_html_escape_str(out, p->month_labels[p->nmonths - 1]);
			put(out, ": load them into socialcare.kpi_value.</div>");
		}
		put(out, "<table class=\"sc");
		if (p->nmonths > 12)
			put(out, " m24");
		put(out, "\">");
		{
			/* the region's name in the header: the first KPI's that has one */
			const char *region = NULL;

			for (int i = start; i < end && !region; i++)
				region = p->kpis[i].region_name;
			table_head(p, out, region);
		}
		put(out, "<tbody>");
		for (int i = start; i < end; i++)
			table_row(p, &p->kpis[i], out);
		put(out, "</tbody></table>");
		table_notes(p, out);
		put(out, "</section>");
		start = end;
	}

	/* Section 2: a chart per KPI, nine to a page */
	for (int start = 0; start < p->nkpis; start += 9)
	{
		int			end = start + 9 < p->nkpis ? start + 9 : p->nkpis;

		put(out, "<section class=\"page charts\">");
		masthead(p, out, "Trends against target and comparators", NULL);
		chart_legend(out);
		put(out, "<div class=\"grid3\">");
		for (int i = start; i < end; i++)
			chart_card(p, &p->kpis[i], out, scratch_values, scratch_flags);
		put(out, "</div></section>");
	}
	put(out, "</body></html>\n");
	return SC_OK;
}
