/*
 * test/fuzz/fuzz_pack.c
 *
 * libFuzzer target for src/pack.c.  Text escaped from any bytes holds no
 * < > " ', every & starts one of the five entities, and it is valid
 * UTF-8.  A whole board pack built from the input (1 to 4 KPIs, 1 to 24
 * months, titles, codes, areas and labels of any bytes, values, targets,
 * tolerances and comparators of any double, NaN and infinities included,
 * gaps, suppressed months, any RAG and direction, pages by area or not,
 * SPC words known or of any bytes or none, any centre line and limits,
 * any special cause)
 * renders as SC_OK and passes test/unit/html_check.h: well formed, no
 * text outside its escaping, every geometry attribute finite numbers and
 * every path starting with M.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "pack.h"
#include "../unit/html_check.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STR 24
#define NSTR 160
static char strings[NSTR][MAX_STR + 1];
static int	nstrings;

/* A NUL-terminated string of up to MAX_STR bytes from the input, or NULL. */
static const char *
fuzz_str(fuzz_input *in)
{
	int			len = (int) fuzz_range(in, -1, MAX_STR);
	char	   *s;

	if (len < 0 || nstrings == NSTR)
		return NULL;
	s = strings[nstrings++];
	for (int i = 0; i < len; i++)
	{
		s[i] = (char) fuzz_u8(in);
		if (s[i] == '\0')
			s[i] = '<';
	}
	s[len] = '\0';
	return s;
}

static double
fuzz_value(fuzz_input *in)
{
	switch (fuzz_u8(in) % 4)
	{
		case 0:
			return fuzz_double(in);
		case 1:
			return (double) fuzz_range(in, -1000, 1000) / 10;
		default:
			return (double) fuzz_range(in, 0, 1000) / 10;
	}
}

static void
fail(const char *what, const char *doc, size_t at)
{
	fprintf(stderr, "fuzz_pack: %s at byte %zu: %.80s\n", what, at, doc + (at > 40 ? at - 40 : 0));
	abort();
}

static void
check_escape(fuzz_input *in)
{
	char		raw[64];
	int			n = (int) fuzz_range(in, 0, 64);
	buf			b = {0};
	sc_out		out = {buf_write, &b};

	for (int i = 0; i < n; i++)
		raw[i] = (char) fuzz_u8(in);
	buf_write(&b, "", 0);
	sc_html_escape(&out, raw, (size_t) n);
	for (size_t i = 0; i < b.len; i++)
	{
		const unsigned char *p = (const unsigned char *) b.data + i;

		if (strchr("<>\"'", *p) || *p == '\0')
			fail("a special character through the escaping", b.data, i);
		if (*p == '&' && strncmp((const char *) p, "&amp;", 5) && strncmp((const char *) p, "&lt;", 4)
			&& strncmp((const char *) p, "&gt;", 4) && strncmp((const char *) p, "&quot;", 6)
			&& strncmp((const char *) p, "&#39;", 5))
			fail("& not an entity", b.data, i);
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
			fail("a control character through the escaping", b.data, i);
		if (*p >= 0x80)
		{
			/* valid UTF-8: a lead byte and its continuations */
			int			len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;

			if (len == 0 || i + len > b.len)
				fail("invalid UTF-8 out", b.data, i);
			for (int k = 1; k < len; k++)
				if ((p[k] & 0xC0) != 0x80)
					fail("invalid UTF-8 out", b.data, i);
			i += len - 1;
		}
	}
	free(b.data);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	static sc_pack_month months[4][SC_PACK_MAX_MONTHS];
	static sc_pack_kpi kpis[4];
	static const char *labels[SC_PACK_MAX_MONTHS];
	sc_pack		p;
	buf			b = {0};
	sc_out		out = {buf_write, &b};
	sc_status	st;
	const char *problem;
	size_t		at = 0;

	nstrings = 0;
	check_escape(&in);

	memset(&p, 0, sizeof p);
	memset(months, 0, sizeof months);
	memset(kpis, 0, sizeof kpis);
	p.nmonths = (int) fuzz_range(&in, 1, SC_PACK_MAX_MONTHS);
	p.nkpis = (int) fuzz_range(&in, 0, 4);
	p.title = fuzz_str(&in);
	p.as_at = fuzz_str(&in);
	p.generated = fuzz_str(&in);
	p.arrows_note = fuzz_str(&in);
	p.average_months = (int) fuzz_range(&in, 1, 1200);
	p.page_per_area = fuzz_u8(&in) & 1;
	for (int m = 0; m < p.nmonths; m++)
		labels[m] = fuzz_str(&in);
	p.month_labels = labels;
	for (int k = 0; k < p.nkpis; k++)
	{
		sc_pack_kpi *kp = &kpis[k];

		kp->code = fuzz_str(&in);
		kp->title = fuzz_str(&in);
		kp->description = fuzz_str(&in);
		kp->frequency = fuzz_str(&in);
		kp->service_area = fuzz_str(&in);
		kp->region_name = fuzz_str(&in);
		kp->target_shown = fuzz_str(&in);
		for (int c = 0; c < 3; c++)
		{
			kp->comparator_shown[c] = fuzz_str(&in);
			kp->vs[c] = (int) fuzz_range(&in, -2, 1);
		}
		kp->low_is_better = fuzz_u8(&in) & 1;
		kp->decimals = (int) fuzz_range(&in, -2, 9);
		kp->change = (int) fuzz_range(&in, -2, 1);
		kp->average = (int) fuzz_range(&in, -2, 1);
		kp->nmonths = p.nmonths;
		kp->months = months[k];
		for (int m = 0; m < p.nmonths; m++)
		{
			sc_pack_month *c = &months[k][m];
			uint8_t		flags = fuzz_u8(&in);

			c->label = labels[m];
			c->has_value = flags & 1;
			c->suppressed = flags & 2;
			c->has_target = flags & 4;
			c->has_comparator[0] = flags & 8;
			c->has_comparator[1] = flags & 16;
			c->has_comparator[2] = flags & 32;
			c->value = fuzz_value(&in);
			c->shown = c->has_value ? fuzz_str(&in) : NULL;
			c->target = fuzz_value(&in);
			c->tolerance = fuzz_value(&in);
			for (int j = 0; j < 3; j++)
				c->comparator[j] = fuzz_value(&in);
			c->rag = (int) fuzz_range(&in, -3, 3);
		}
		/* SPC: words known, unknown or none; any limits; any special cause */
		{
			static const char *const words[] = {"common cause", "improving high", "concerning low",
			"neutral high", "consistently hit", "consistently missed", "hit and miss"};
			uint8_t		w = fuzz_u8(&in);

			kp->variation = w % 9 < 7 ? words[w % 9] : w % 9 == 7 ? fuzz_str(&in) : NULL;
			w = fuzz_u8(&in);
			kp->assurance = w % 9 < 7 ? words[w % 9] : w % 9 == 7 ? fuzz_str(&in) : NULL;
			w = fuzz_u8(&in);
			kp->has_centre = w & 1;
			kp->has_lower = w & 2;
			kp->has_upper = w & 4;
			kp->centre = fuzz_value(&in);
			kp->lower_limit = fuzz_value(&in);
			kp->upper_limit = fuzz_value(&in);
			for (int m = 0; m < p.nmonths; m++)
			{
				months[k][m].spc = fuzz_u8(&in) & 1;
				months[k][m].special = (int) fuzz_range(&in, -1, 4);
			}
		}
	}
	p.kpis = kpis;
	buf_write(&b, "", 0);
	st = sc_pack_render(&p, &out);
	if (st != SC_OK)
		fail("not rendered", b.data, 0);
	problem = html_check(b.data, b.len, &at);
	if (problem)
		fail(problem, b.data, at);
	free(b.data);
	return 0;
}
