/*
 * test/unit/rag_test.c
 *
 * Unit tests of the pure-C scorecard core (rag.c), without PostgreSQL.
 * Prints TAP lines, one per group; exits 1 if any group failed.
 * Expected values are worked out by hand from the rules stated in rag.c
 * and the README (green at or beyond the green threshold, red strictly
 * beyond the red one; eight equal bins for the sparkline).
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rag.h"

#include "tap.h"

static void
test_polarity(void)
{
	sc_polarity p = SC_POLARITY_LOW;

	check(sc_parse_polarity("high", &p) == SC_OK && p == SC_POLARITY_HIGH, "'high' parses");
	check(sc_parse_polarity("low", &p) == SC_OK && p == SC_POLARITY_LOW, "'low' parses");
	check(sc_parse_polarity("High", &p) == SC_UNKNOWN_NAME, "'High' is refused (lower case, as compare_to_benchmark)");
	check(sc_parse_polarity("", &p) == SC_UNKNOWN_NAME, "'' is refused");
	check(sc_parse_polarity("higher", &p) == SC_UNKNOWN_NAME, "'higher' is refused");
	check(sc_polarity_from_thresholds(1, &p) == SC_OK && p == SC_POLARITY_HIGH, "green above red: high");
	check(sc_polarity_from_thresholds(-1, &p) == SC_OK && p == SC_POLARITY_LOW, "green below red: low");
	check(sc_polarity_from_thresholds(0, &p) == SC_UNDECIDED, "equal thresholds imply no polarity");
	check(sc_thresholds_fit_polarity(1, SC_POLARITY_HIGH) && sc_thresholds_fit_polarity(0, SC_POLARITY_HIGH)
		  && !sc_thresholds_fit_polarity(-1, SC_POLARITY_HIGH), "high: green at or above red");
	check(sc_thresholds_fit_polarity(-1, SC_POLARITY_LOW) && sc_thresholds_fit_polarity(0, SC_POLARITY_LOW)
		  && !sc_thresholds_fit_polarity(1, SC_POLARITY_LOW), "low: green at or below red");
	end_group("polarity: parsing, implied by thresholds, and threshold order");
}

static void
test_rag(void)
{
	/*
	 * High, green at 90, red beyond 80: value 95 (+,+) green; 90 (0,+)
	 * green; 85 (-,+) amber; 80 (-,0) amber; 79 (-,-) red.
	 */
	check(sc_rag_from_thresholds(1, 1, SC_POLARITY_HIGH) == SC_RAG_GREEN, "high above green");
	check(sc_rag_from_thresholds(0, 1, SC_POLARITY_HIGH) == SC_RAG_GREEN, "high exactly on green");
	check(sc_rag_from_thresholds(-1, 1, SC_POLARITY_HIGH) == SC_RAG_AMBER, "high between");
	check(sc_rag_from_thresholds(-1, 0, SC_POLARITY_HIGH) == SC_RAG_AMBER, "high exactly on red");
	check(sc_rag_from_thresholds(-1, -1, SC_POLARITY_HIGH) == SC_RAG_RED, "high beyond red");
	/* Low, green at 18, red beyond 20: 17 green, 18 green, 19 amber, 20 amber, 21 red. */
	check(sc_rag_from_thresholds(-1, -1, SC_POLARITY_LOW) == SC_RAG_GREEN, "low below green");
	check(sc_rag_from_thresholds(0, -1, SC_POLARITY_LOW) == SC_RAG_GREEN, "low exactly on green");
	check(sc_rag_from_thresholds(1, -1, SC_POLARITY_LOW) == SC_RAG_AMBER, "low between");
	check(sc_rag_from_thresholds(1, 0, SC_POLARITY_LOW) == SC_RAG_AMBER, "low exactly on red");
	check(sc_rag_from_thresholds(1, 1, SC_POLARITY_LOW) == SC_RAG_RED, "low beyond red");
	/* Equal thresholds (tolerance 0): on the target green, either side of it green or red. */
	check(sc_rag_from_thresholds(0, 0, SC_POLARITY_HIGH) == SC_RAG_GREEN, "no band, on target");
	check(sc_rag_from_thresholds(-1, -1, SC_POLARITY_HIGH) == SC_RAG_RED, "no band, below target");
	check(strcmp(sc_rag_names[SC_RAG_RED], "red") == 0 && strcmp(sc_rag_names[SC_RAG_AMBER], "amber") == 0
		  && strcmp(sc_rag_names[SC_RAG_GREEN], "green") == 0, "names in the enum's order");
	end_group("RAG at every boundary, both polarities");
}

static void
test_direction(void)
{
	check(sc_trend_of(1, 1) == SC_UP, "up beyond the tolerance");
	check(sc_trend_of(-1, 1) == SC_DOWN, "down beyond the tolerance");
	check(sc_trend_of(0, -1) == SC_SAME, "equal");
	check(sc_trend_of(1, 0) == SC_SAME, "exactly on the tolerance is no change");
	check(sc_trend_of(-1, -1) == SC_SAME, "within the tolerance");
	check(strcmp(sc_trend_word(SC_UP), "up") == 0 && strcmp(sc_trend_word(SC_DOWN), "down") == 0
		  && strcmp(sc_trend_word(SC_SAME), "no change") == 0, "words");
	check(strcmp(sc_trend_arrow(SC_UP), "\u25b2") == 0 && strcmp(sc_trend_arrow(SC_DOWN), "\u25bc") == 0
		  && strcmp(sc_trend_arrow(SC_SAME), "\u25c4") == 0, "the seed's arrows");
	check(strcmp(sc_travel_word(SC_UP, SC_POLARITY_HIGH), "improving") == 0, "up, high is better");
	check(strcmp(sc_travel_word(SC_UP, SC_POLARITY_LOW), "worsening") == 0, "up, low is better");
	check(strcmp(sc_travel_word(SC_DOWN, SC_POLARITY_HIGH), "worsening") == 0, "down, high is better");
	check(strcmp(sc_travel_word(SC_DOWN, SC_POLARITY_LOW), "improving") == 0, "down, low is better");
	check(strcmp(sc_travel_word(SC_SAME, SC_POLARITY_LOW), "no change") == 0, "no change either way");
	end_group("direction of travel: raw, arrows and by polarity");
}

/* Fingertips' method 1: interval 10..20 against benchmarks 15, 25 and 5. */
static void
test_benchmark(void)
{
	sc_polarity high = SC_POLARITY_HIGH;
	sc_polarity low = SC_POLARITY_LOW;

	/* benchmark 15 in [10, 20] */
	check(strcmp(sc_benchmark_word(-1, -1, 0, &high), "similar") == 0, "inside");
	/* benchmark 20 = upper: ends included */
	check(strcmp(sc_benchmark_word(-1, 0, -1, NULL), "similar") == 0, "on the upper end");
	/* benchmark 25, value 15 below it */
	check(strcmp(sc_benchmark_word(-1, 1, -1, NULL), "lower") == 0, "lower, no polarity");
	check(strcmp(sc_benchmark_word(-1, 1, -1, &high), "worse") == 0, "lower, high is better");
	check(strcmp(sc_benchmark_word(-1, 1, -1, &low), "better") == 0, "lower, low is better");
	/* benchmark 5, value 15 above it */
	check(strcmp(sc_benchmark_word(1, -1, 1, &high), "better") == 0, "higher, high is better");
	check(strcmp(sc_benchmark_word(1, -1, 1, NULL), "higher") == 0, "higher, no polarity");
	/* value equal to a benchmark outside its interval counts as higher */
	check(strcmp(sc_benchmark_word(1, -1, 0, &low), "worse") == 0, "equal counts as higher");
	end_group("comparison with a benchmark");
}

static void
test_sparkline(void)
{
	double		v[8];
	bool		nulls[8] = {false};
	char		out[SC_SPARKLINE_BYTES(8)];

	/* 1, 2, 3, 4: (v - 1) / 3 * 8 = 0, 2.67, 5.33, 8 -> levels 0, 2, 5, 7 (top bin closed) */
	v[0] = 1; v[1] = 2; v[2] = 3; v[3] = 4;
	check(sc_sparkline(v, nulls, 4, out) == SC_OK && strcmp(out, "\u2581\u2583\u2586\u2588") == 0, "1..4 gives %s", out);
	/* a NULL in the middle is a space, and does not count for min or max */
	nulls[1] = true;
	v[1] = 1000;
	check(sc_sparkline(v, nulls, 4, out) == SC_OK && strcmp(out, "\u2581 \u2586\u2588") == 0, "gap gives %s", out);
	nulls[1] = false;
	/* flat: the middle bar */
	v[0] = v[1] = v[2] = 5;
	check(sc_sparkline(v, nulls, 3, out) == SC_OK && strcmp(out, "\u2584\u2584\u2584") == 0, "flat gives %s", out);
	/* all NULL: nothing to draw */
	nulls[0] = nulls[1] = true;
	check(sc_sparkline(v, nulls, 2, out) == SC_EMPTY && out[0] == '\0', "all NULL draws nothing");
	check(sc_sparkline(v, nulls, 0, out) == SC_EMPTY, "empty draws nothing");
	/* levels: bins of width 1/8 of the range, edges go up */
	check(sc_sparkline_level(0.0, 0.0, 8.0) == 0 && sc_sparkline_level(0.999, 0.0, 8.0) == 0
		  && sc_sparkline_level(1.0, 0.0, 8.0) == 1 && sc_sparkline_level(7.0, 0.0, 8.0) == 7
		  && sc_sparkline_level(8.0, 0.0, 8.0) == 7, "bin edges");
	{
		char		bar[4] = {0};

		check(sc_sparkline_bar(bar, 0) == 3 && strcmp(bar, "\u2581") == 0, "level 0 is %s", bar);
		check(sc_sparkline_bar(bar, 7) == 3 && strcmp(bar, "\u2588") == 0, "level 7 is %s", bar);
		memset(bar, 0, sizeof(bar));
		check(sc_sparkline_bar(bar, -1) == 1 && strcmp(bar, " ") == 0, "a gap is a space");
	}
	/* 1.3 in 0.3..8.3 is exactly on the edge of bin 1 in decimal, not in binary */
	check(sc_sparkline_level(1.3, 0.3, 8.3) == 1 && sc_sparkline_level(7.3, 0.3, 8.3) == 7
		  && sc_sparkline_level(2.9, 0.1, 22.5) == 1, "decimal bin edges");
	/* extreme ranges neither overflow nor give NaN */
	check(sc_sparkline_level(1e308, -1e308, 1e308) == 7 && sc_sparkline_level(-1e308, -1e308, 1e308) == 0
		  && sc_sparkline_level(0.0, -1e308, 1e308) == 4, "extreme range");
	end_group("sparkline: scaling, gaps, flat and empty series");
}

/* Found by test/fuzz/fuzz_rag.c: subnormal ranges and INT_MIN signs. */
static void
test_extremes(void)
{
	/*
	 * min 3 and max 4 times the smallest subnormal (2^-1074): halving
	 * rounded both to 2 x 2^-1074, an empty span, and put the maximum at
	 * level 0.  Exactly, the minimum is level 0 and the maximum level 7.
	 */
	double		u = ldexp(1.0, -1074);

	check(sc_sparkline_level(4 * u, 3 * u, 4 * u) == 7 && sc_sparkline_level(3 * u, 3 * u, 4 * u) == 0,
		  "subnormal range: levels %d and %d", sc_sparkline_level(4 * u, 3 * u, 4 * u),
		  sc_sparkline_level(3 * u, 3 * u, 4 * u));
	/* only the sign counts: INT_MIN is below (no overflow negating it for 'low') */
	check(sc_rag_from_thresholds(INT_MIN, INT_MIN, SC_POLARITY_LOW) == SC_RAG_GREEN
		  && sc_rag_from_thresholds(INT_MIN, INT_MIN, SC_POLARITY_HIGH) == SC_RAG_RED, "INT_MIN signs");
	end_group("sparkline levels of subnormal ranges; RAG of any int signs");
}

/* sc_kpi_word: the stored form of what a user writes in the catalogue. */
static bool
word_is(sc_kpi_column column, const char *text, const char *want)
{
	const char *got = sc_kpi_word(column, text, strlen(text));

	return want ? got != NULL && strcmp(got, want) == 0 : got == NULL;
}

static void
test_kpi_words(void)
{
	check(word_is(SC_KPI_POLARITY, "High", "high") && word_is(SC_KPI_POLARITY, "LOW", "low")
		  && word_is(SC_KPI_POLARITY, " high ", "high"), "polarity: the scorecard's 'High', any case, spaces trimmed");
	check(word_is(SC_KPI_POLARITY, "higher", "high") && word_is(SC_KPI_POLARITY, "Lower", "low"),
		  "polarity: 'higher', 'Lower'");
	check(word_is(SC_KPI_POLARITY, "hi", NULL) && word_is(SC_KPI_POLARITY, "", NULL)
		  && word_is(SC_KPI_POLARITY, "h igh", NULL) && word_is(SC_KPI_POLARITY, "highest", NULL),
		  "polarity: 'hi', '', 'h igh', 'highest' are not words");
	check(word_is(SC_KPI_FREQUENCY, "As at Month End", "as at month end")
		  && word_is(SC_KPI_FREQUENCY, "as at  month-end", "as at month end")
		  && word_is(SC_KPI_FREQUENCY, "Cumulative", "cumulative")
		  && word_is(SC_KPI_FREQUENCY, "Monthly", "monthly"), "frequency: the seed's table wordings");
	check(word_is(SC_KPI_FREQUENCY, "rolling 12 months", "rolling 12 months")
		  && word_is(SC_KPI_FREQUENCY, "Rolling twelve months", "rolling 12 months")
		  && word_is(SC_KPI_FREQUENCY, "rolling 12 month", "rolling 12 months"),
		  "frequency: the seed's 'rolling 12 months'");
	check(word_is(SC_KPI_FREQUENCY, "yearly", NULL) && word_is(SC_KPI_FREQUENCY, "rolling 11 months", NULL),
		  "frequency: 'yearly', 'rolling 11 months' are not words");
	check(word_is(SC_KPI_UNIT, "Percent", "percent") && word_is(SC_KPI_UNIT, "percentage", "percent")
		  && word_is(SC_KPI_UNIT, "%", "percent") && word_is(SC_KPI_UNIT, "per cent", "percent")
		  && word_is(SC_KPI_UNIT, "RATE", "rate") && word_is(SC_KPI_UNIT, "count", "count")
		  && word_is(SC_KPI_UNIT, "Number", "number"), "unit: any case, 'percentage', '%%'");
	check(word_is(SC_KPI_UNIT, "ratio", NULL) && word_is(SC_KPI_UNIT, "percent\xc3\xa9", NULL),
		  "unit: 'ratio' and a non-ASCII tail are not words");
	check(word_is(SC_KPI_COMPARATOR, "England", "england") && word_is(SC_KPI_COMPARATOR, "SN", "statistical neighbours")
		  && word_is(SC_KPI_COMPARATOR, "Statistical Neighbour", "statistical neighbours")
		  && word_is(SC_KPI_COMPARATOR, "Region", "region"), "comparator: 'England', 'SN'");
	check(word_is(SC_KPI_COMPARATOR, "percentage", NULL) && word_is(SC_KPI_UNIT, "sn", NULL),
		  "a wording belongs to its column only");
	{
		char		longer[SC_KPI_WORD_MAX + 10];

		memset(longer, ' ', sizeof(longer));
		memcpy(longer + 20, "high", 4);
		check(sc_kpi_word(SC_KPI_POLARITY, longer, sizeof(longer)) != NULL
			  && strcmp(sc_kpi_word(SC_KPI_POLARITY, longer, sizeof(longer)), "high") == 0,
			  "spaces around a word do not count towards its length");
		memset(longer, 'a', sizeof(longer));
		check(sc_kpi_word(SC_KPI_POLARITY, longer, sizeof(longer)) == NULL
			  && sc_kpi_word(SC_KPI_POLARITY, longer, 0) == NULL, "a long text and an empty one are not words");
	}
	check(strcmp(sc_kpi_words(SC_KPI_UNIT)[3], "number") == 0 && sc_kpi_words(SC_KPI_UNIT)[4] == NULL
		  && strcmp(sc_kpi_words(SC_KPI_FREQUENCY)[3], "rolling 12 months") == 0
		  && sc_kpi_words(SC_KPI_COMPARATOR)[3] == NULL, "the word lists, NULL-terminated");
	end_group("catalogue words: stored forms of units, frequencies, polarities and comparators");
}

int
main(void)
{
	test_polarity();
	test_kpi_words();
	test_rag();
	test_direction();
	test_benchmark();
	test_sparkline();
	test_extremes();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
