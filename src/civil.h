/*
 * src/civil.h
 *
 * Proleptic Gregorian calendar arithmetic on day numbers.  Pure C: no
 * PostgreSQL header, so the calendar core can be unit-tested and fuzzed
 * on its own.
 */
#ifndef SOCIALCARE_CIVIL_H
#define SOCIALCARE_CIVIL_H

#include <stdint.h>

#include "status.h"

/*
 * A day number counts days from 2000-01-01 (day 0), the same epoch as
 * PostgreSQL's DateADT, so the glue passes dates through unchanged.
 */
typedef int32_t sc_day;

enum sc_weekday
{
	SC_MON = 0, SC_TUE, SC_WED, SC_THU, SC_FRI, SC_SAT, SC_SUN
};

extern sc_day sc_day_from_ymd(int year, int month, int mday);
extern int64_t sc_day64_from_ymd(int64_t year, int month, int mday);
extern void sc_ymd_from_day(sc_day day, int *year, int *month, int *mday);
extern int	sc_weekday(sc_day day);
extern sc_day sc_easter_sunday(int year);
extern sc_day sc_nth_weekday(int year, int month, int weekday, int n);
extern sc_day sc_last_weekday(int year, int month, int weekday);

/*
 * Whole years of age on day for a birth on birth (birthdays reached by day;
 * a 29 February birthday is reached on 1 March in a common year, as in
 * England and Wales); SC_OUT_OF_RANGE when day is before birth.
 */
extern sc_status sc_years_of_age(sc_day birth, sc_day day, int32_t *years);

/* The age below which a person is a child (Children Act 1989, s.105). */
#define SC_ADULT_AGE 18

#endif
