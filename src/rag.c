/*
 * src/rag.c
 *
 * RAG status, direction of travel and sparklines (pure C).  Every input
 * here is the sign of an exact comparison made by the caller, so these
 * functions are the whole decision table and nothing else.
 */
#include "rag.h"

#include <math.h>
#include <string.h>

const char *const sc_rag_names[3] = {SC_RAG_NAMES};
static const char *const polarity_names[2] = {SC_POLARITY_NAMES};

static const char *const kpi_units[] = {SC_KPI_UNIT_NAMES, NULL};
static const char *const kpi_frequencies[] = {SC_KPI_FREQUENCY_NAMES, NULL};
static const char *const kpi_polarities[] = {SC_POLARITY_NAMES, NULL};
static const char *const kpi_comparators[] = {SC_KPI_COMPARATOR_NAMES, NULL};

/* Other wordings, once folded, and the stored word each stands for. */
typedef struct sc_kpi_synonym
{
	sc_kpi_column column;
	const char *said;
	const char *stored;
} sc_kpi_synonym;

static const sc_kpi_synonym kpi_synonyms[] = {
	{SC_KPI_UNIT, "percentage", "percent"},
	{SC_KPI_UNIT, "per cent", "percent"},
	{SC_KPI_UNIT, "%", "percent"},
	{SC_KPI_FREQUENCY, "rolling twelve months", "rolling 12 months"},
	{SC_KPI_FREQUENCY, "rolling 12 month", "rolling 12 months"},
	{SC_KPI_POLARITY, "higher", "high"},
	{SC_KPI_POLARITY, "lower", "low"},
	{SC_KPI_COMPARATOR, "sn", "statistical neighbours"},
	{SC_KPI_COMPARATOR, "statistical neighbour", "statistical neighbours"},
};

/* The stored words of a catalogue column, NULL-terminated. */
const char *const *
sc_kpi_words(sc_kpi_column column)
{
	switch (column)
	{
		case SC_KPI_UNIT:
			return kpi_units;
		case SC_KPI_FREQUENCY:
			return kpi_frequencies;
		case SC_KPI_POLARITY:
			return kpi_polarities;
		case SC_KPI_COMPARATOR:
			break;
	}
	return kpi_comparators;
}

/*
 * The stored word text (len bytes, not NUL-terminated) stands for, or NULL:
 * compared with ASCII letters in lower case, '-' and '_' as spaces, runs of
 * spaces and tabs as one and none at either end ('High', 'As at Month End',
 * 'as at month-end'), then the stored words and a few other wordings
 * ('percentage', 'SN').  Bytes beyond ASCII are compared as they are.
 */
const char *
sc_kpi_word(sc_kpi_column column, const char *text, size_t len)
{
	char		folded[SC_KPI_WORD_MAX + 1];
	size_t		n = 0;
	bool		space = false;
	const char *const *words = sc_kpi_words(column);

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_')
		{
			space = n > 0;
			continue;
		}
		if (space)
		{
			if (n >= SC_KPI_WORD_MAX)
				return NULL;
			folded[n++] = ' ';
			space = false;
		}
		if (n >= SC_KPI_WORD_MAX)
			return NULL;
		folded[n++] = (char) (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	folded[n] = '\0';
	for (int i = 0; words[i]; i++)
		if (strcmp(folded, words[i]) == 0)
			return words[i];
	for (size_t i = 0; i < sizeof(kpi_synonyms) / sizeof(kpi_synonyms[0]); i++)
		if (kpi_synonyms[i].column == column && strcmp(folded, kpi_synonyms[i].said) == 0)
			for (int j = 0; words[j]; j++)
				if (strcmp(kpi_synonyms[i].stored, words[j]) == 0)
					return words[j];
	return NULL;
}

/* 'high' or 'low', exactly as compare_to_benchmark accepts them; else SC_UNKNOWN_NAME. */
sc_status
sc_parse_polarity(const char *text, sc_polarity *polarity)
{
	for (int p = SC_POLARITY_HIGH; p <= SC_POLARITY_LOW; p++)
		if (strcmp(text, polarity_names[p]) == 0)
		{
			*polarity = (sc_polarity) p;
			return SC_OK;
		}
	return SC_UNKNOWN_NAME;
}

/*
 * The polarity two thresholds imply: green above red means high is
 * better.  Equal thresholds imply nothing (SC_UNDECIDED).
 */
sc_status
sc_polarity_from_thresholds(int green_vs_red, sc_polarity *polarity)
{
	if (green_vs_red == 0)
		return SC_UNDECIDED;
	*polarity = green_vs_red > 0 ? SC_POLARITY_HIGH : SC_POLARITY_LOW;
	return SC_OK;
}

/* Green must not lie on the worse side of red; equal leaves no amber band. */
bool
sc_thresholds_fit_polarity(int green_vs_red, sc_polarity polarity)
{
	return polarity == SC_POLARITY_HIGH ? green_vs_red >= 0 : green_vs_red <= 0;
}

/*
 * Green at or beyond the green threshold, red strictly beyond the red one
 * (on the worse side), amber between.  Arguments: signs of value - green
 * and value - red.
 */
sc_rag_status
sc_rag_from_thresholds(int value_vs_green, int value_vs_red, sc_polarity polarity)
{
	bool		high = polarity == SC_POLARITY_HIGH;

	/* compared, not multiplied by -1: INT_MIN * -1 overflows */
	if (high ? value_vs_green >= 0 : value_vs_green <= 0)
		return SC_RAG_GREEN;
	if (high ? value_vs_red < 0 : value_vs_red > 0)
		return SC_RAG_RED;
	return SC_RAG_AMBER;
}

/*
 * Direction from the sign of (value - baseline), both already rounded, and
 * the sign of |difference| - tolerance: within the tolerance is no change.
 */
sc_trend
sc_trend_of(int difference_sign, int distance_vs_tolerance)
{
	if (difference_sign == 0 || distance_vs_tolerance <= 0)
		return SC_SAME;
	return difference_sign > 0 ? SC_UP : SC_DOWN;
}

const char *
sc_trend_word(sc_trend direction)
{
	return direction == SC_UP ? "up" : direction == SC_DOWN ? "down" : "no change";
}

/* The seed's arrows: U+25B2, U+25BC and U+25C4 (no change). */
const char *
sc_trend_arrow(sc_trend direction)
{
	return direction == SC_UP ? "\xe2\x96\xb2" : direction == SC_DOWN ? "\xe2\x96\xbc" : "\xe2\x97\x84";
}

/* Is a move up (or, !up, down) for the better? */
static bool
up_is_better(bool up, sc_polarity polarity)
{
	return up == (polarity == SC_POLARITY_HIGH);
}

const char *
sc_travel_word(sc_trend direction, sc_polarity polarity)
{
	if (direction == SC_SAME)
		return "no change";
	return up_is_better(direction == SC_UP, polarity) ? "improving" : "worsening";
}

/*
 * Fingertips' comparison of a value and its interval with a benchmark
 * (method 1), from the signs of lower - benchmark, benchmark - upper and
 * value - benchmark: "similar" when the benchmark lies inside the interval
 * (ends included), otherwise "better" or "worse" by the polarity, or
 * "higher" or "lower" without one (polarity NULL).  As Fingertips, a value
 * equal to the benchmark (outside its own interval) counts as higher.
 */
const char *
sc_benchmark_word(int lower_vs_benchmark, int benchmark_vs_upper, int value_vs_benchmark,
				  const sc_polarity *polarity)
{
	bool		higher = value_vs_benchmark >= 0;

	if (lower_vs_benchmark <= 0 && benchmark_vs_upper <= 0)
		return "similar";
	if (polarity == NULL)
		return higher ? "higher" : "lower";
	return up_is_better(higher, *polarity) ? "better" : "worse";
}

/*
 * Level 0 to 7 of a value: eight bins of equal width from min to max, the
 * top one closed.  A flat series (max == min) sits in the middle, level 3,
 * so that it reads as neither high nor low.
 */
int
sc_sparkline_level(double value, double min, double max)
{
	double		level;
	double		span = max - min;

	if (!(max > min))
		return 3;
	/*
	 * Halves only when max - min overflows to infinity: halving rounds
	 * subnormals (even to an empty span, which put the maximum at level
	 * 0).  The 1e-9 puts a value on a bin edge (exact in decimal,
	 * 2.9999999999 in binary) in the upper bin, as exact arithmetic would.
	 */
	if (isinf(span))
		level = floor((value * 0.5 - min * 0.5) / (max * 0.5 - min * 0.5) * 8.0 + 1e-9);
	else
		level = floor((value - min) / span * 8.0 + 1e-9);
	if (!(level >= 0.0))
		return 0;
	return level > 7.0 ? 7 : (int) level;
}

/*
 * Write the sparkline of n values into out (SC_SPARKLINE_BYTES(n) bytes):
 * a bar per value, U+2581 to U+2588, scaled from the smallest to the
 * largest non-NULL value, and a space for a NULL.  SC_EMPTY, with out
 * empty, when no value is non-NULL.  Values must be finite.
 */
sc_status
sc_sparkline(const double *values, const bool *isnull, int n, char *out)
{
	double		min = 0.0,
				max = 0.0;
	bool		any = false;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (isnull[i])
			continue;
		if (!any || values[i] < min)
			min = values[i];
		if (!any || values[i] > max)
			max = values[i];
		any = true;
	}
	*out = '\0';
	if (!any)
		return SC_EMPTY;
	out[sc_sparkline_scaled(values, isnull, n, min, max, out)] = '\0';
	return SC_OK;
}

/*
 * The bars of n values scaled from min to max (a part of a longer series
 * whose smallest and largest values they are: the glue draws a long
 * state part by part), a space for a NULL, written at out without a NUL;
 * the number of bytes written (at most SC_SPARKLINE_BYTES(n) - 1).
 */
size_t
sc_sparkline_scaled(const double *values, const bool *isnull, int n, double min, double max,
					char *out)
{
	char	   *p = out;

	for (int i = 0; i < n; i++)
		p += sc_sparkline_bar(p, isnull[i] ? -1 : sc_sparkline_level(values[i], min, max));
	return (size_t) (p - out);
}

/*
 * Write the bar of a level (0 to 7) at p, or a space for a gap (a negative
 * level), without a NUL; the number of bytes written (3 or 1).
 */
int
sc_sparkline_bar(char *p, int level)
{
	if (level < 0)
	{
		*p = ' ';
		return 1;
	}
	/* U+2581 + level is E2 96 81 + level in UTF-8 */
	p[0] = (char) 0xe2;
	p[1] = (char) 0x96;
	p[2] = (char) (0x81 + (level > 7 ? 7 : level));
	return 3;
}
