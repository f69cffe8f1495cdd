/*
 * src/calendar.h
 *
 * Calendars as the SQL functions see them: a name resolved to a
 * working-day index, built once per backend and kept until the calendar
 * tables change.
 */
#ifndef SOCIALCARE_CALENDAR_H
#define SOCIALCARE_CALENDAR_H

#include "postgres.h"

#include "fmgr.h"
#include "storage/lock.h"
#include "utils/timestamp.h"
#include "utils/date.h"

#include "bankholidays.h"
#include "wdindex.h"

/* Identifies a statement: its transaction and start time. */
typedef struct StatementStamp
{
	LocalTransactionId lxid;
	TimestampTz start;
} StatementStamp;

typedef struct Calendar
{
	char	   *name;
	int			division;		/* the built-in division it is based on */
	bool		builtin;
	bool		snapshot_bound; /* read under the statement's snapshot (in
								 * parallel mode): valid for that statement */
	StatementStamp read_in;		/* the statement it was read in */
	sc_wdindex	index;
	struct Calendar *next;
} Calendar;

/* The GUC socialcare.calendar. */
extern char *sc_default_calendar;

extern void sc_calendar_init(void);
extern const Calendar *sc_calendar_lookup(const char *name);
extern const Calendar *sc_calendar_for_call(FunctionCallInfo fcinfo, int argno);
extern sc_day sc_calendar_day(const Calendar *cal, DateADT date);
extern const sc_holiday *sc_division_holidays(int division, int *count);
extern char *sc_date_string(sc_day day);

#endif
