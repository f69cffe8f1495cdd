/*
 * src/status.h
 *
 * The pure-C core's one failure convention.  Pure C, no PostgreSQL header.
 *
 *  - A core function that cannot fail returns its result (a day number, a
 *    count, a level, a word).
 *  - A core function that can fail returns an sc_status: SC_OK, and its
 *    results in its out-parameters; any other value, and its
 *    out-parameters untouched.  The glue turns each status into an
 *    ereport naming the value; the core itself never reports.
 *  - A yes/no question (is the day covered, do the thresholds fit the
 *    polarity) is a bool answer, not a failure.
 */
#ifndef SOCIALCARE_STATUS_H
#define SOCIALCARE_STATUS_H

typedef enum sc_status
{
	SC_OK = 0,
	SC_OUT_OF_RANGE,			/* the result lies outside what the data
								 * cover (a working day off the index) */
	SC_NEEDS_TIMES,				/* an hours timescale asked for a day */
	SC_UNKNOWN_NAME,			/* a name not in the list (polarity) */
	SC_UNDECIDED,				/* the inputs decide nothing (equal
								 * thresholds imply no polarity) */
	SC_EMPTY,					/* nothing to compute from (a sparkline of
								 * NULLs only) */
	SC_MALFORMED				/* the text is not in the form it must
								 * take (not a JSON object) */
} sc_status;

#endif
