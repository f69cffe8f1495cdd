/*
 * src/rag.h
 *
 * RAG status, direction of travel and sparklines: the decisions behind a
 * monthly scorecard.  Pure C, no PostgreSQL header: the glue (scorecard_sql.c, rates_sql.c)
 * compares the numbers exactly in numeric and passes the signs here.
 */
#ifndef SOCIALCARE_RAG_H
#define SOCIALCARE_RAG_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* In the order of the SQL enum socialcare.rag: red < amber < green. */
typedef enum sc_rag_status
{
	SC_RAG_RED = 0,
	SC_RAG_AMBER = 1,
	SC_RAG_GREEN = 2
} sc_rag_status;

/* Which way is better: the seed's "Better Performance: High/Low". */
typedef enum sc_polarity
{
	SC_POLARITY_HIGH,
	SC_POLARITY_LOW
} sc_polarity;

typedef enum sc_trend
{
	SC_DOWN = -1,
	SC_SAME = 0,
	SC_UP = 1
} sc_trend;

/*
 * The SQL names of the statuses (the labels of the enum socialcare.rag, in
 * its order) and of the polarities (socialcare.kpi.polarity's CHECK);
 * test/unit/constants_check.py checks the SQL against these.
 */
#define SC_RAG_NAMES "red", "amber", "green"
#define SC_POLARITY_NAMES "high", "low"

extern const char *const sc_rag_names[3];

/*
 * The words the KPI catalogue stores (socialcare.kpi.unit, frequency and
 * polarity, socialcare.kpi_comparator.comparator; their CHECKs list the
 * same): a BEFORE trigger maps what a user writes to one of them.
 */
#define SC_KPI_UNIT_NAMES "percent", "rate", "count", "number"
#define SC_KPI_FREQUENCY_NAMES "monthly", "as at month end", "cumulative", "rolling 12 months"
#define SC_KPI_COMPARATOR_NAMES "statistical neighbours", "england", "region"

typedef enum sc_kpi_column
{
	SC_KPI_UNIT,
	SC_KPI_FREQUENCY,
	SC_KPI_POLARITY,
	SC_KPI_COMPARATOR
} sc_kpi_column;

/* Longest text sc_kpi_word looks at (after trimming), bytes. */
#define SC_KPI_WORD_MAX 40

extern const char *sc_kpi_word(sc_kpi_column column, const char *text, size_t len);
extern const char *const *sc_kpi_words(sc_kpi_column column);

extern sc_status sc_parse_polarity(const char *text, sc_polarity *polarity);
extern sc_status sc_polarity_from_thresholds(int green_vs_red, sc_polarity *polarity);
extern bool sc_thresholds_fit_polarity(int green_vs_red, sc_polarity polarity);
extern sc_rag_status sc_rag_from_thresholds(int value_vs_green, int value_vs_red, sc_polarity polarity);

extern sc_trend sc_trend_of(int difference_sign, int distance_vs_tolerance);
extern const char *sc_trend_word(sc_trend direction);
extern const char *sc_trend_arrow(sc_trend direction);
extern const char *sc_travel_word(sc_trend direction, sc_polarity polarity);
extern const char *sc_benchmark_word(int lower_vs_benchmark, int benchmark_vs_upper,
									 int value_vs_benchmark, const sc_polarity *polarity);

/* Bytes a sparkline of n points may need: 3 UTF-8 bytes a bar, plus NUL. */
#define SC_SPARKLINE_BYTES(n) ((size_t) (n) * 3 + 1)

extern int	sc_sparkline_level(double value, double min, double max);
extern sc_status sc_sparkline(const double *values, const bool *isnull, int n, char *out);
extern size_t sc_sparkline_scaled(const double *values, const bool *isnull, int n,
								  double min, double max, char *out);
extern int	sc_sparkline_bar(char *p, int level);

#endif
