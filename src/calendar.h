/*
 * src/calendar.h
 *
 * Calendars as the SQL functions see them: a name resolved to a
 * working-day index, built by each backend and reused while the snapshot
 * it reads with sees the same calendar rows (see calendar.c and
 * table_cache.c).
 */
#ifndef SOCIALCARE_CALENDAR_H
#define SOCIALCARE_CALENDAR_H

#include "postgres.h"

#include "fmgr.h"
#include "storage/lock.h"
#include "utils/timestamp.h"
#include "utils/date.h"
#include "utils/snapmgr.h"
#include "utils/snapshot.h"

#include "bankholidays.h"
#include "table_cache.h"
#include "wdindex.h"

typedef struct Calendar
{
	char	   *name;
	int			division;		/* the built-in division it is based on */
	bool		builtin;
	/* a user calendar: what it was built from (its cache entry keeps the snapshot) */
	uint8_t		weekmask[7];
	int			nclosed;		/* own closure days, ascending */
	int			nopen;			/* own working days, ascending */
	sc_day	   *closed;
	sc_day	   *open;
	sc_wdindex	index;
} Calendar;

/* The GUCs socialcare.calendar and socialcare.calendar_cache_size. */
extern char *sc_default_calendar;
extern int	sc_calendar_cache_size;

extern void sc_calendar_init(void);
extern const Calendar *sc_calendar_lookup(const char *name);
extern const Calendar *sc_calendar_for_call(FunctionCallInfo fcinfo, int argno);
extern sc_day sc_calendar_day(const Calendar *cal, DateADT date);
extern const sc_holiday *sc_division_holidays(int division, int *count);
extern char *sc_date_string(sc_day day);

#endif
