/*
 * src/bankholidays.h
 *
 * UK bank holidays computed from the rules in force each year: the
 * Banking and Financial Dealings Act 1971, the St Andrew's Day Bank
 * Holiday (Scotland) Act 2007, and the royal proclamations that add,
 * move and substitute days.  Pure C, no PostgreSQL header.
 */
#ifndef SOCIALCARE_BANKHOLIDAYS_H
#define SOCIALCARE_BANKHOLIDAYS_H

#include "civil.h"
#include "status.h"

/* The years the rules cover; outside them the calendars refuse to answer. */
#define SC_FIRST_YEAR 1971
#define SC_LAST_YEAR 2199

/* No division has more than this many bank holidays in one year. */
#define SC_MAX_HOLIDAYS_PER_YEAR 16

/* GOV.UK's divisions, in the order of sc_division_names. */
enum sc_division
{
	SC_ENGLAND_AND_WALES = 0,
	SC_SCOTLAND,
	SC_NORTHERN_IRELAND,
	SC_NUM_DIVISIONS
};

typedef struct sc_holiday
{
	sc_day		day;			/* the day observed (after any substitution) */
	const char *name;			/* GOV.UK's title, UTF-8 */
	const char *source;			/* where the day comes from: statute, proclamation, ... (ASCII) */
} sc_holiday;

/*
 * The divisions' names, as socialcare.calendar's CHECKs list them (the
 * home of the list: test/unit/constants_check.py checks the SQL).
 */
#define SC_DIVISION_NAMES "england-and-wales", "scotland", "northern-ireland"

extern const char *const sc_division_names[SC_NUM_DIVISIONS];

/* SC_OK and *division, or SC_UNKNOWN_NAME. */
extern sc_status sc_division_from_name(const char *name, int *division);
extern int	sc_bank_holidays_in_year(int division, int year,
									 sc_holiday out[SC_MAX_HOLIDAYS_PER_YEAR]);

#endif
