/*
 * test/unit/pack_test.c
 *
 * The board pack's renderer (src/pack.c): HTML escaping (every special
 * character, controls, invalid UTF-8), SVG numbers, WCAG contrast of the
 * RAG colours against published ratios, the chart's y range, and whole
 * documents checked by html_check.h (well formed, titles escaped, every
 * KPI, value and RAG word present, gaps and suppressed months, the empty
 * catalogue, months out of range refused).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "html_check.h"
#include "pack.h"
#include "rag.h"

static const char *
escaped(const char *s, size_t n)
{
	static buf	b;
	sc_out		out = {buf_write, &b};

	b.len = 0;
	buf_write(&b, "", 0);
	sc_html_escape(&out, s, n);
	return b.data;
}

static size_t
count_of(const char *hay, const char *needle)
{
	size_t		c = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		c++;
	return c;
}

static void
test_escape(void)
{
	const char *e;

	e = escaped("<script>alert(\"x\" & 'y')</script>", strlen("<script>alert(\"x\" & 'y')</script>"));
	check(strcmp(e, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;") == 0, "script: %s", e);
	e = escaped("West Midlands", 13);
	check(strcmp(e, "West Midlands") == 0, "plain: %s", e);
	/* UTF-8 kept: é, €, 𝄞, ▲ */
	e = escaped("\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e\xe2\x96\xb2", 12);
	check(strcmp(e, "\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e\xe2\x96\xb2") == 0, "utf-8 kept: %s", e);
	/* invalid: a lone continuation, an overlong '<' (C0 BC), a surrogate, a cut sequence */
	e = escaped("a\x80" "b\xc0\xbc" "c\xed\xa0\x80" "d\xe2\x82", 12);
	check(strcmp(e, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd") == 0,
		  "invalid UTF-8 replaced byte by byte: %s", e);
	/* controls: NUL, ESC, DEL replaced; tab and newline kept */
	e = escaped("x\0y\x1bz\x7f\t\n", 8);
	check(strcmp(e, "x\xef\xbf\xbdy\xef\xbf\xbdz\xef\xbf\xbd\t\n") == 0, "controls: %s", e);
	e = escaped("", 0);
	check(strcmp(e, "") == 0, "empty");
	end_group("HTML escaping: & < > \" ' as entities, controls and invalid UTF-8 as U+FFFD, UTF-8 kept");
}

static void
test_numbers(void)
{
	char		b[SC_NUM_BYTES];

	check(strcmp(sc_svg_num(b, 12.34), "12.3") == 0, "12.34: %s", b);
	check(strcmp(sc_svg_num(b, -0.04), "0.0") == 0, "-0.04: %s", b);
	check(strcmp(sc_svg_num(b, NAN), "0.0") == 0, "NaN: %s", b);
	check(strcmp(sc_svg_num(b, INFINITY), "1000000.0") == 0, "inf: %s", b);
	check(strcmp(sc_svg_num(b, -1e300), "-1000000.0") == 0, "-1e300: %s", b);
	check(strcmp(sc_axis_label(b, 69.25, 1), "69.2") == 0 || strcmp(b, "69.3") == 0, "69.25: %s", b);
	check(strcmp(sc_axis_label(b, 57.94, 1), "57.9") == 0, "57.94: %s", b);
	check(strcmp(sc_axis_label(b, -0.01, 1), "0.0") == 0, "-0.01: %s", b);
	check(strcmp(sc_axis_label(b, 17, 0), "17") == 0, "17: %s", b);
	check(strcmp(sc_axis_label(b, NAN, 1), "") == 0, "NaN label: %s", b);
	check(strcmp(sc_axis_label(b, 3.14159, 9), "3.141590") == 0, "decimals capped at 6: %s", b);
	end_group("SVG numbers: one decimal, finite, no -0.0; axis labels at the KPI's decimals");
}

static void
test_contrast(void)
{
	/* published ratios: black on white 21, #777777 on white 4.48, #767676 4.54 (WebAIM) */
	check(fabs(sc_contrast_ratio(0x000000, 0xFFFFFF) - 21) < 1e-9, "black/white %g", sc_contrast_ratio(0, 0xFFFFFF));
	check(fabs(sc_contrast_ratio(0x777777, 0xFFFFFF) - 4.48) < 0.005, "#777 %g", sc_contrast_ratio(0x777777, 0xFFFFFF));
	check(fabs(sc_contrast_ratio(0xFFFFFF, 0x767676) - 4.54) < 0.005, "#767676 %g", sc_contrast_ratio(0xFFFFFF, 0x767676));
	check(fabs(sc_contrast_ratio(0x123456, 0x123456) - 1) < 1e-12, "same colour 1");
	/* the RAG cells: AA for normal text, 4.5 */
	check(sc_contrast_ratio(SC_PACK_RED_BG, SC_PACK_RED_FG) >= 4.5, "red %g", sc_contrast_ratio(SC_PACK_RED_BG, SC_PACK_RED_FG));
	check(sc_contrast_ratio(SC_PACK_AMBER_BG, SC_PACK_AMBER_FG) >= 4.5, "amber %g", sc_contrast_ratio(SC_PACK_AMBER_BG, SC_PACK_AMBER_FG));
	check(sc_contrast_ratio(SC_PACK_GREEN_BG, SC_PACK_GREEN_FG) >= 4.5, "green %g", sc_contrast_ratio(SC_PACK_GREEN_BG, SC_PACK_GREEN_FG));
	printf("# contrast: red %.2f, amber %.2f, green %.2f\n", sc_contrast_ratio(SC_PACK_RED_BG, SC_PACK_RED_FG),
		   sc_contrast_ratio(SC_PACK_AMBER_BG, SC_PACK_AMBER_FG), sc_contrast_ratio(SC_PACK_GREEN_BG, SC_PACK_GREEN_FG));
	end_group("WCAG contrast ratios: published values, the RAG cells at least 4.5 (AA)");
}

static void
test_range(void)
{
	double		v[3] = {10, 20, 15},
				lo,
				hi;
	bool		has[3] = {true, true, false};
	sc_chart	ch = {0};

	ch.nmonths = 3;
	ch.nlayers = 1;
	ch.layers[0] = (sc_chart_layer) {SC_LAYER_LINE, "value", NULL, v, NULL, has};
	sc_chart_range(&ch, &lo, &hi);
	check(fabs(lo - 9.2) < 1e-9 && fabs(hi - 20.8) < 1e-9, "10..20 padded 8%%: %g %g", lo, hi);
	has[0] = false;
	sc_chart_range(&ch, &lo, &hi);
	check(fabs(lo - 18) < 1e-9 && fabs(hi - 22) < 1e-9, "flat 20: %g %g", lo, hi);
	has[1] = false;
	sc_chart_range(&ch, &lo, &hi);
	check(lo == 0 && hi == 1, "nothing: %g %g", lo, hi);
	v[0] = 0.5;
	v[1] = 90;
	has[0] = has[1] = true;
	sc_chart_range(&ch, &lo, &hi);
	check(lo == 0 && fabs(hi - (90 + 89.5 * 0.08)) < 1e-9, "0.5..90: floor at 0: %g %g", lo, hi);
	end_group("chart y range: padded 8%, a flat series +-10%, nothing 0 to 1, not below 0 for values of 0 or more");
}

/* A pack of three KPIs, four months: gaps, a suppressed month, every RAG. */
static sc_pack_month months[3][4];
static sc_pack_kpi kpis[3];
static const char *const labels[4] = {"Sep-18", "Oct-18", "Nov-18", "Dec-18"};

static void
make_pack(sc_pack *p)
{
	const char *shown[3][4] = {{"73.5%", "73.8%", NULL, "66.6%"},
	{"77.8", "71.8", "68.0", "69.2"},
	{"12", NULL, "9", "7"}};
	double		vals[3][4] = {{73.5, 73.8, 0, 66.6}, {77.8, 71.8, 68, 69.2}, {12, 0, 9, 7}};

	memset(months, 0, sizeof months);
	memset(kpis, 0, sizeof kpis);
	for (int k = 0; k < 3; k++)
	{
		for (int m = 0; m < 4; m++)
		{
			months[k][m].label = labels[m];
			months[k][m].shown = shown[k][m];
			months[k][m].has_value = shown[k][m] != NULL;
			months[k][m].value = vals[k][m];
			months[k][m].has_target = true;
			months[k][m].target = k == 0 ? 85 : k == 1 ? 70 : 10;
			months[k][m].tolerance = 5;
			months[k][m].rag = m == 3 ? (k == 0 ? SC_RAG_RED : k == 1 ? SC_RAG_GREEN : SC_RAG_AMBER) : SC_PACK_NONE;
			months[k][m].has_comparator[0] = k == 1;
			months[k][m].comparator[0] = 57.9;
		}
		kpis[k].nmonths = 4;
		kpis[k].months = months[k];
		kpis[k].frequency = "monthly";
		kpis[k].decimals = 1;
		kpis[k].change = SC_DOWN;
		kpis[k].average = SC_UP;
		kpis[k].vs[0] = kpis[k].vs[1] = kpis[k].vs[2] = SC_PACK_NONE;
	}
	kpis[0].code = "PI1";
	kpis[0].title = "Contacts <b>to</b> MASH & \"referral\"";
	kpis[0].service_area = "Front Door";
	kpis[0].description = "On <time>";
	kpis[1].code = "PI2";
	kpis[1].title = "CP plans per 10,000";
	kpis[1].low_is_better = true;
	kpis[1].service_area = "Front Door";
	kpis[1].vs[0] = SC_UP;
	kpis[1].comparator_shown[0] = "57.9";
	kpis[1].region_name = "West <Midlands>";
	kpis[2].code = "PI'5";
	kpis[2].title = "Unallocated";
	kpis[2].service_area = NULL;
	kpis[2].low_is_better = true;
	months[2][2].suppressed = true;
	memset(p, 0, sizeof *p);
	p->title = "Board <script>alert(1)</script>";
	p->as_at = "31 December 2018";
	p->generated = "2 December 2026, 17:30 UTC";
	p->arrows_note = "Arrows compare values as shown.";
	p->average_months = 3;
	p->nmonths = 4;
	p->month_labels = labels;
	p->nkpis = 3;
	p->kpis = kpis;
}

static char *
render(const sc_pack *p, sc_status *st)
{
	buf			b = {0};
	sc_out		out = {buf_write, &b};

	buf_write(&b, "", 0);
	*st = sc_pack_render(p, &out);
	return b.data;
}

static void
test_document(void)
{
	sc_pack		p;
	sc_status	st;
	char	   *doc;
	const char *problem;
	size_t		at = 0;

	make_pack(&p);
	doc = render(&p, &st);
	check(st == SC_OK, "status %d", st);
	problem = html_check(doc, strlen(doc), &at);
	check(problem == NULL, "not well formed: %s at byte %zu: %.60s", problem, at, doc + (at > 20 ? at - 20 : 0));
	check(strstr(doc, "<script") == NULL, "a raw <script");
	check(strstr(doc, "Board &lt;script&gt;alert(1)&lt;/script&gt;") != NULL, "title escaped");
	check(strstr(doc, "Contacts &lt;b&gt;to&lt;/b&gt; MASH &amp; &quot;referral&quot;") != NULL, "KPI title escaped");
	check(strstr(doc, "<div class=\"desc\">On &lt;time&gt;</div>") != NULL, "description escaped, on the chart");
	check(strstr(doc, "West &lt;Midlands&gt;") != NULL, "region escaped");
	check(strstr(doc, "data-kpi=\"PI&#39;5\"") != NULL, "code escaped in the attribute");
	check(count_of(doc, "<tr class=\"kpi\"") == 3, "3 rows: %zu", count_of(doc, "<tr class=\"kpi\""));
	check(count_of(doc, "<div class=\"card\"") == 3, "3 charts");
	check(count_of(doc, "<svg class=\"chart\"") == 3, "3 chart svgs");
	check(count_of(doc, "<svg class=\"spark\"") == 3, "3 sparklines");
	check(strstr(doc, "<td class=\"rag r\">Red</td>") && strstr(doc, "<td class=\"rag g\">Green</td>")
		  && strstr(doc, "<td class=\"rag a\">Amber</td>"), "the three RAG words in their cells");
	check(strstr(doc, "<td class=\"num m latest\">66.6%</td>") != NULL, "latest value");
	check(strstr(doc, "<td class=\"gap m\" title=\"no value\">&#8211;</td>") != NULL, "a gap");
	check(strstr(doc, "<td class=\"supp m\" title=\"suppressed: a small number\">c</td>") != NULL, "suppressed");
	check(strstr(doc, ">9<") == NULL, "the suppressed value is not shown");
	/* PI1 high: down is worse, up (vs average) better; PI2 low: down better, above SN worse */
	check(strstr(doc, "<td class=\"arr worse\" title=\"down against the previous month\"><span class=\"gl\" aria-hidden=\"true\">\xe2\x96\xbc</span>worse</td>") != NULL,
		  "PI1 down, worse");
	check(strstr(doc, "title=\"up against statistical neighbours\"><span class=\"gl\" aria-hidden=\"true\">\xe2\x96\xb2</span>worse</td>") != NULL,
		  "PI2 above SN: worse");
	check(strstr(doc, "<td class=\"arr better\" title=\"down against the previous month\"><span class=\"gl\" aria-hidden=\"true\">\xe2\x96\xbc</span>better</td>") != NULL,
		  "PI2 down, better");
	check(strstr(doc, "@page{size:A4 landscape") != NULL, "A4 landscape");
	check(count_of(doc, "<section class=\"page") == 2, "two pages: %zu", count_of(doc, "<section class=\"page"));
	check(strstr(doc, "As at 31 December 2018") && strstr(doc, "Generated on 2 December 2026"), "dates");
	/* PI1's chart: the gap breaks the line (two M), the band below target (high) */
	{
		const char *line = strstr(doc, "<path class=\"value\" d=\"");

		check(line && count_of(line, "M") >= 2 && strchr(line, 'M') < strstr(line, "/>"), "PI1's line broken at its gap");
	}
	free(doc);

	/* a service area per page: Front Door, then no area */
	make_pack(&p);
	p.page_per_area = true;
	doc = render(&p, &st);
	check(count_of(doc, "<section class=\"page scorecard\"") == 2, "pages by area: %zu", count_of(doc, "<section class=\"page scorecard\""));
	check(strstr(doc, "Performance scorecard: Front Door") && strstr(doc, "Performance scorecard: No service area"), "area headings");
	check(html_check(doc, strlen(doc), &at) == NULL, "by area well formed");
	free(doc);

	/* 24 months: the compact table */
	{
		static sc_pack_month m24[24];
		static const char *l24[24];
		sc_pack_kpi one;

		make_pack(&p);
		memset(m24, 0, sizeof m24);
		for (int i = 0; i < 24; i++)
		{
			l24[i] = "Jan-18";
			m24[i].label = l24[i];
			m24[i].rag = SC_PACK_NONE;
		}
		one = kpis[0];
		one.nmonths = 24;
		one.months = m24;
		p.nmonths = 24;
		p.month_labels = l24;
		p.nkpis = 1;
		p.kpis = &one;
		doc = render(&p, &st);
		check(st == SC_OK && strstr(doc, "<table class=\"sc m24\">"), "24 months compact");
		check(strstr(doc, "id=\"novalues\"") && strstr(doc, "No values in these months"), "no values said");
		check(html_check(doc, strlen(doc), &at) == NULL, "24 months well formed");
		free(doc);
	}

	/* the empty catalogue */
	make_pack(&p);
	p.nkpis = 0;
	doc = render(&p, &st);
	check(st == SC_OK && strstr(doc, "id=\"empty\"") && html_check(doc, strlen(doc), &at) == NULL, "empty catalogue page");
	free(doc);

	/* refused: months out of range, a KPI with other months */
	make_pack(&p);
	p.nmonths = 25;
	doc = render(&p, &st);
	check(st == SC_MALFORMED && doc[0] == '\0', "25 months refused, nothing written");
	free(doc);
	make_pack(&p);
	kpis[1].nmonths = 3;
	doc = render(&p, &st);
	check(st == SC_MALFORMED && doc[0] == '\0', "a KPI with 3 months of 4 refused");
	free(doc);
	end_group("documents: well formed, escaped, rows, RAG words, arrows by polarity, gaps, suppressed, pages, empty, refused");
}

/* The part of doc from KPI code's chart card to the next card (or the end). */
static char *
card_of(const char *doc, const char *code)
{
	char		head[64];
	const char *from,
			   *to;
	char	   *c;

	snprintf(head, sizeof head, "<div class=\"card\" data-kpi=\"%s\"", code);
	from = strstr(doc, head);
	if (!from)
		from = "";
	to = *from ? strstr(from + 1, "<div class=\"card\"") : from;
	if (!to)
		to = from + strlen(from);
	c = malloc(to - from + 1);
	if (!c)
		abort();
	memcpy(c, from, to - from);
	c[to - from] = '\0';
	return c;
}

/*
 * SPC: the variation and assurance words in the table and the cards, the
 * centre line and process limits drawn over the SPC months only and only
 * where given, special causes as rings (improvement) and squares (concern)
 * at the points with values, unknown words escaped.
 */
static void
test_spc(void)
{
	sc_pack		p;
	sc_status	st;
	char	   *doc,
			   *card;
	size_t		at = 0;

	make_pack(&p);
	/* PI1 (high, values 73.5 73.8 - 66.6, target 85 tolerance 5): SPC from Oct-18 */
	kpis[0].variation = "concerning low";
	kpis[0].assurance = "consistently missed";
	kpis[0].centre = 70;
	kpis[0].lower_limit = 60;
	kpis[0].upper_limit = 80;
	kpis[0].has_centre = kpis[0].has_lower = kpis[0].has_upper = true;
	for (int m = 1; m < 4; m++)
		months[0][m].spc = true;
	months[0][1].special = SC_PACK_SPC_IMPROVEMENT;
	months[0][2].special = SC_PACK_SPC_IMPROVEMENT; /* a gap: not drawn */
	months[0][3].special = SC_PACK_SPC_CONCERN;
	/* PI2: a centre line only (limits NULL) */
	kpis[1].variation = "common cause";
	kpis[1].centre = 71;
	kpis[1].has_centre = true;
	for (int m = 0; m < 4; m++)
		months[1][m].spc = true;
	/* PI'5: a word not known, escaped; no chart lines */
	kpis[2].variation = "<odd & new>";
	kpis[2].assurance = "hit and miss";
	doc = render(&p, &st);
	check(st == SC_OK, "status %d", st);
	check(html_check(doc, strlen(doc), &at) == NULL, "not well formed at byte %zu: %.60s", at, doc + (at > 20 ? at - 20 : 0));
	check(strstr(doc, "<th>Variation</th><th>Assurance</th>") != NULL, "the two columns' headings");
	check(strstr(doc, "<td class=\"spc var con\" data-spc=\"concerning low\">Special cause \xE2\x80\x93 concerning (low)</td>"
				 "<td class=\"spc asr fail\" data-spc=\"consistently missed\">Consistently failing target</td>") != NULL,
		  "PI1's words");
	check(strstr(doc, "<td class=\"spc var cc\" data-spc=\"common cause\">Common cause</td>"
				 "<td class=\"spc asr none\" title=\"no target, or no values to chart\">&#8211;</td>") != NULL,
		  "PI2's words, no assurance");
	check(strstr(doc, "<td class=\"spc var other\" data-spc=\"&lt;odd &amp; new&gt;\">&lt;odd &amp; new&gt;</td>"
				 "<td class=\"spc asr hm\" data-spc=\"hit and miss\">Hit and miss target</td>") != NULL,
		  "PI'5's unknown word escaped, hit and miss");
	check(strstr(doc, "<odd") == NULL, "no raw <odd");
	check(strcmp(sc_pack_variation_words("improving high"), "Special cause \xE2\x80\x93 improving (high)") == 0
		  && strcmp(sc_pack_variation_words("neutral low"), "Special cause \xE2\x80\x93 neither improving nor concerning (low)") == 0
		  && strcmp(sc_pack_assurance_words("consistently hit"), "Consistently passing target") == 0
		  && sc_pack_assurance_words(NULL) == NULL, "the words");

	/*
	 * PI1's chart: y from 58 to 87 (60..85 padded 8%), plot 8..98 high,
	 * months 50 wide from x 36: UPL 80 at y 8 + 90 * 7/29 = 29.7, LPL 60 at
	 * 91.8, mean 70 at 60.8, from Oct-18 (x 86) to Dec-18 (x 236).
	 */
	card = card_of(doc, "PI1");
	check(strstr(card, "<div class=\"sub spc\">Variation: Special cause \xE2\x80\x93 concerning (low) &#183; Assurance: Consistently failing target</div>") != NULL,
		  "PI1's card words");
	check(strstr(card, "<path class=\"spc-lim\" d=\"M86.0 29.7L136.0 29.7L136.0 29.7L186.0 29.7L186.0 29.7L236.0 29.7\"/>") != NULL,
		  "PI1's UPL from Oct-18: %.300s", strstr(card, "spc-lim") ? strstr(card, "spc-lim") : "none");
	check(strstr(card, "<path class=\"spc-lim\" d=\"M86.0 91.8L136.0 91.8L136.0 91.8L186.0 91.8L186.0 91.8L236.0 91.8\"/>") != NULL,
		  "PI1's LPL");
	check(strstr(card, "<path class=\"spc-cl\" d=\"M86.0 60.8L136.0 60.8L136.0 60.8L186.0 60.8L186.0 60.8L236.0 60.8\"/>") != NULL,
		  "PI1's mean");
	check(strstr(card, ">UPL</text>") && strstr(card, ">LPL</text>") && strstr(card, ">Mean</text>"), "labelled at their ends");
	/* Oct-18 73.8 at x 111, y 8 + 90 * (1 - 15.8/29) = 49.0; Dec-18 66.6 at x 211, y 71.3 */
	check(count_of(card, "class=\"spc-imp\"") == 1
		  && strstr(card, "<circle class=\"spc-imp\" cx=\"111.0\" cy=\"49.0\" r=\"4.2\"><title>special cause: improvement</title></circle>") != NULL,
		  "one improvement ring, not at the gap");
	check(count_of(card, "class=\"spc-con\"") == 1
		  && strstr(card, "<rect class=\"spc-con\" x=\"207.0\" y=\"67.3\" width=\"8.0\" height=\"8.0\"><title>special cause: concern</title></rect>") != NULL,
		  "one concern square");
	free(card);
	card = card_of(doc, "PI2");
	check(count_of(card, "class=\"spc-cl\"") == 1 && count_of(card, "class=\"spc-lim\" d=\"M") == 0
		  && strstr(card, ">UPL<") == NULL, "PI2: the mean, no limits (NULL)");
	check(count_of(card, "class=\"spc-imp\"") == 0 && count_of(card, "class=\"spc-con\"") == 0, "PI2: no special causes");
	free(card);
	card = card_of(doc, "PI&#39;5");
	check(strstr(card, "d=\"M") && count_of(card, "class=\"spc-cl\" d=\"M") == 0 && count_of(card, "class=\"spc-lim\" d=\"M") == 0,
		  "PI'5: no SPC lines");
	check(strstr(card, "Variation: &lt;odd &amp; new&gt; &#183; Assurance: Hit and miss target") != NULL, "PI'5's card words");
	free(card);
	check(strstr(doc, "SPC process limits (UPL, LPL)") && strstr(doc, "special cause: improvement (circle)")
		  && strstr(doc, "special cause: concern (square)"), "the legend");
	free(doc);

	/* the latest month suppressed: its variation not shown (assurance is) */
	make_pack(&p);
	kpis[2].variation = "concerning high";
	kpis[2].assurance = "hit and miss";
	months[2][3].suppressed = true;
	doc = render(&p, &st);
	check(strstr(doc, "<td class=\"spc var none\" title=\"the latest month is suppressed\">&#8211;</td>"
				 "<td class=\"spc asr hm\" data-spc=\"hit and miss\">Hit and miss target</td>") != NULL
		  && strstr(doc, "data-spc=\"concerning") == NULL
		  && strstr(doc, "Special cause \xE2\x80\x93 concerning") == NULL && strstr(doc, "Variation: &#8211; &#183; Assurance: Hit and miss target") != NULL,
		  "suppressed latest month: no variation");
	free(doc);

	/* without SPC (the fields zero): dashes, no lines */
	make_pack(&p);
	doc = render(&p, &st);
	check(count_of(doc, "<td class=\"spc var none\"") == 3 && count_of(doc, "class=\"spc-lim\" d=\"M") == 0
		  && count_of(doc, "class=\"spc-cl\" d=\"M") == 0, "no SPC: dashes, no lines");
	free(doc);
	end_group("SPC: variation and assurance words, mean and process limits where given, special causes by shape, escaping");
}

static void
test_checker(void)
{
	size_t		at;

	/* the checker itself can fail */
	check(html_check("<p>a<b</p>", strlen("<p>a<b</p>"), &at) != NULL, "< in text");
	check(html_check("<p>a & b</p>", strlen("<p>a & b</p>"), &at) != NULL, "bare &");
	check(html_check("<p><i></p></i>", strlen("<p><i></p></i>"), &at) != NULL, "crossed");
	check(html_check("<p>", strlen("<p>"), &at) != NULL, "open");
	check(html_check("<path d=\"L1 2\"/>", strlen("<path d=\"L1 2\"/>"), &at) != NULL, "path from L");
	check(html_check("<rect x=\"nan\"/>", strlen("<rect x=\"nan\"/>"), &at) != NULL, "nan");
	check(html_check("<a title=\"x\"y\">", strlen("<a title=\"x\"y\">"), &at) != NULL, "quote in attribute");
	check(html_check("<p class=\"a\">x &amp; &#39;</p><meta charset=\"utf-8\">", strlen("<p class=\"a\">x &amp; &#39;</p><meta charset=\"utf-8\">"), &at) == NULL, "good");
	end_group("the well-formedness checker refuses what it must");
}

int
main(void)
{
	test_escape();
	test_numbers();
	test_contrast();
	test_range();
	test_document();
	test_spc();
	test_checker();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
