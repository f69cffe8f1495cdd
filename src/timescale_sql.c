/*
 * src/timescale_sql.c
 *
 * The SQL area "timescales": functions on one timescale of the catalogue
 * (due_date, due_time, on_time and lateness, by code, with an optional
 * calendar last; dates for day units, timestamps for hours and, cast to
 * the session's dates, for day units too) and on chains of them
 * (chain_due, chain_on_time, chain_lateness).  The catalogue's triggers
 * are in timescale_triggers.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "sql_util.h"
#include "timescale_cache.h"

PG_FUNCTION_INFO_V1(sc_due_date);
PG_FUNCTION_INFO_V1(sc_due_time);
PG_FUNCTION_INFO_V1(sc_on_time);
PG_FUNCTION_INFO_V1(sc_on_time_ts);
PG_FUNCTION_INFO_V1(sc_lateness);
PG_FUNCTION_INFO_V1(sc_lateness_ts);

/* The code's timescale and the call's calendar (argument calarg if given). */
static const TimescaleDef *
resolve(FunctionCallInfo fcinfo, int calarg, const Calendar **cal)
{
	TimescaleCall *call = sc_timescale_call(fcinfo->flinfo);
	const TimescaleDef *t = sc_timescale_for_text(call, PG_GETARG_TEXT_PP(0));

	*cal = sc_calendar_for_text(call, calarg < PG_NARGS() ? PG_GETARG_TEXT_PP(calarg) : NULL);
	return t;
}

static void
needs_times(const TimescaleDef *t)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("timescale \"%s\" is in hours, so it needs times, not dates", shown_cstring(t->code)),
			 errhint("Pass timestamps: due_time(code, start), on_time(code, start, finish) and lateness(code, start, finish) take timestamptz.")));
}

/* The fix for a finish before its start (impossible_row). */
#define FINISH_HINT "Correct the dates, or leave rows whose finish is before their start out of the query."

/* The due date of a day-unit timescale from start, checked. */
static DateADT
due_day(const TimescaleDef *t, const Calendar *cal, sc_day start)
{
	int64		due = 0;
	sc_status	status = sc_ts_due(&t->ts, &cal->index, start, &due);

	if (status == SC_NEEDS_TIMES)
		needs_times(t);
	if (status != SC_OK || !IS_VALID_DATE(due))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("due date of timescale \"%s\" from %s is outside the range of calendar \"%s\"",
						shown_cstring(t->code), date_text(start), shown_cstring(cal->name)),
				 errhint("Calendars cover %d-01-01 to %d-12-31.", SC_FIRST_YEAR, SC_LAST_YEAR)));
	return (DateADT) due;
}

/*
 * Lateness of a day-unit timescale, in its counting unit (see timescale.c):
 * false when finish is before start and the call gives NULL
 * (impossible_row), func naming the function in its error.
 */
static bool
late_days(const char *func, const TimescaleDef *t, const Calendar *cal, DateADT start, DateADT finish,
		  int32 *late)
{
	sc_day		s = sc_calendar_day(cal, start);
	sc_day		f = sc_calendar_day(cal, finish);

	if (t->ts.unit == SC_UNIT_HOURS)
		needs_times(t);
	due_day(t, cal, s);			/* checks the due date exists */
	if (f < s && impossible_row(func, "finish", date_text(finish), "start", date_text(start), FINISH_HINT))
		return false;
	*late = (int32) sc_ts_lateness(&t->ts, &cal->index, s, f);
	return true;
}

static char *
ts_text(TimestampTz ts)
{
	return DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(ts)));
}

/*
 * ts's date in the session's time zone, checked against cal here so that
 * the error names the timestamp the caller passed, not the derived date.
 */
static DateADT
session_date(const Calendar *cal, TimestampTz ts)
{
	DateADT		day = DatumGetDateADT(DirectFunctionCall1(timestamptz_date, TimestampTzGetDatum(ts)));

	if (!sc_wd_covers(&cal->index, day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp %s is outside the range of calendar \"%s\"", ts_text(ts), shown_cstring(cal->name)),
				 errdetail("Calendars cover %d-01-01 to %d-12-31, the years their bank holiday rules are defined for.",
						   SC_FIRST_YEAR, SC_LAST_YEAR),
				 errhint("Check the timestamp for a typing error, or leave times outside that range out of the query.")));
	return day;
}

static void
check_finite(TimestampTz ts)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp %s is not a real time", ts_text(ts)),
				 errhint("Replace infinite timestamps with NULL.")));
}

/* start + amount hours, checked. */
static TimestampTz
due_ts(const TimescaleDef *t, TimestampTz start)
{
	TimestampTz due;

	check_finite(start);
	due = start + (int64) t->ts.amount * USECS_PER_HOUR;
	if (!IS_VALID_TIMESTAMP(due))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("due time of timescale \"%s\" from %s is out of range", shown_cstring(t->code), ts_text(start)),
				 errhint("The due time, %d hours later, is past the last time PostgreSQL can store; check the start for a typing error.",
						 t->ts.amount)));
	return due;
}

/*
 * late_days on the session dates of two finite timestamps: a finish time
 * before its start time is impossible even on the same day.
 */
static bool
late_days_ts(const char *func, const TimescaleDef *t, const Calendar *cal, TimestampTz start,
			 TimestampTz finish, int32 *late)
{
	DateADT		s = session_date(cal, start);
	DateADT		f = session_date(cal, finish);

	if (t->ts.unit == SC_UNIT_HOURS)
		needs_times(t);
	if (finish < start && impossible_row(func, "finish", ts_text(finish), "start", ts_text(start), FINISH_HINT))
		return false;
	return late_days(func, t, cal, s, f, late);
}

/* due_date(code, start [, calendar]): the last day within the timescale. */
Datum
sc_due_date(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 2, &cal);

	PG_RETURN_DATEADT(due_day(t, cal, sc_calendar_day(cal, PG_GETARG_DATEADT(1))));
}

/* due_time(code, start): start + amount hours, for an hours timescale. */
Datum
sc_due_time(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 2, &cal);

	if (t->ts.unit != SC_UNIT_HOURS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("timescale \"%s\" is in %s, so its due date is a day, not a time",
						shown_cstring(t->code), sc_unit_names[t->ts.unit]),
				 errhint("Use due_date(code, start::date).")));
	PG_RETURN_TIMESTAMPTZ(due_ts(t, PG_GETARG_TIMESTAMPTZ(1)));
}

/* on_time(code, start, finish [, calendar]) on dates. */
Datum
sc_on_time(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);
	int32		late;

	if (!late_days("on_time()", t, cal, PG_GETARG_DATEADT(1), PG_GETARG_DATEADT(2), &late))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(late <= 0);
}

/* on_time(code, start, finish [, calendar]) on timestamps: hours exact, days on the dates. */
Datum
sc_on_time_ts(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz finish = PG_GETARG_TIMESTAMPTZ(2);
	int32		late;

	if (t->ts.unit == SC_UNIT_HOURS)
	{
		TimestampTz due;

		check_finite(finish);
		due = due_ts(t, start);
		if (finish < start && impossible_row("on_time()", "finish", ts_text(finish), "start", ts_text(start),
											 FINISH_HINT))
			PG_RETURN_NULL();
		PG_RETURN_BOOL(finish <= due);
	}
	check_finite(start);
	check_finite(finish);
	if (!late_days_ts("on_time()", t, cal, start, finish, &late))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(late <= 0);
}

/* lateness(code, start, finish [, calendar]) on dates: working days or days. */
Datum
sc_lateness(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);
	int32		late;

	if (!late_days("lateness()", t, cal, PG_GETARG_DATEADT(1), PG_GETARG_DATEADT(2), &late))
		PG_RETURN_NULL();
	PG_RETURN_INT32(late);
}

/* lateness on timestamps: hours (numeric) for hours timescales, else as on dates. */
Datum
sc_lateness_ts(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz finish = PG_GETARG_TIMESTAMPTZ(2);
	sc_usec_split late;
	Numeric		usec;
	int32		late_d;

	check_finite(start);
	check_finite(finish);
	if (t->ts.unit != SC_UNIT_HOURS)
	{
		if (!late_days_ts("lateness()", t, cal, start, finish, &late_d))
			PG_RETURN_NULL();
		PG_RETURN_NUMERIC(int64_to_numeric(late_d));
	}
	due_ts(t, start);			/* checks the due time exists */
	if (finish < start && impossible_row("lateness()", "finish", ts_text(finish), "start", ts_text(start),
										 FINISH_HINT))
		PG_RETURN_NULL();
	/* the core's hours and microseconds: finish - due can exceed int64 */
	late = sc_ts_lateness_usec(&t->ts, start, finish);
	usec = num_add(num_mul(int64_to_numeric(late.hours), int64_to_numeric(SC_USECS_PER_HOUR)),
				   int64_to_numeric(late.usec));
	PG_RETURN_NUMERIC(num_div_trimmed(usec, int64_to_numeric(SC_USECS_PER_HOUR)));
}


/*
 * Chains of reviews and visits (was src/chain_sql.c)
 *
 * Review and visit chains: each event of an episode is due within a step's
 * timescale of the event before it (the first, of the episode start).
 *
 * Window functions, OVER (PARTITION BY episode ORDER BY event_date):
 * chain_due, chain_on_time and chain_lateness.  They read only the current
 * row and remember the previous distinct date in partition-local memory,
 * so a row costs O(1) (a second event on the same day is the same event).
 * Scalar functions for "as at a date": chain_next_due and chain_overdue,
 * from the number of events held and the last one.
 */

PG_FUNCTION_INFO_V1(sc_chain_due);
PG_FUNCTION_INFO_V1(sc_chain_on_time);
PG_FUNCTION_INFO_V1(sc_chain_lateness);
PG_FUNCTION_INFO_V1(sc_chain_due_ts);
PG_FUNCTION_INFO_V1(sc_chain_on_time_ts);
PG_FUNCTION_INFO_V1(sc_chain_lateness_ts);
PG_FUNCTION_INFO_V1(sc_chain_due_tstz);
PG_FUNCTION_INFO_V1(sc_chain_on_time_tstz);
PG_FUNCTION_INFO_V1(sc_chain_lateness_tstz);
PG_FUNCTION_INFO_V1(sc_chain_next_due);
PG_FUNCTION_INFO_V1(sc_chain_overdue);

/* Where the partition's walk has got to (zeroed memory: nothing walked). */
typedef struct ChainWalk
{
	int64		next;			/* position of the next row to walk */
	bool		dated;			/* has a dated row been walked? */
	DateADT		current;		/* the last distinct event date */
	DateADT		previous;		/* the one before it, or the episode start */
	int64		k;				/* current is the k-th event */
} ChainWalk;

/* An event measured against its step. */
typedef struct ChainEvent
{
	const TimescaleDef *step_def;	/* for messages: the step's code */
	const sc_chain_step *step;
	const Calendar *cal;
	sc_day		from;			/* the previous event, or the episode start */
	sc_day		event;
} ChainEvent;

static char *
chain_name(text *name)
{
	return shown_text(name);
}

/*
 * An event before its episode's start: impossible_row (false: the row
 * gives NULL and is no event of the episode).  The function is named by
 * its catalogue name, and the chain with it.
 */
static bool
event_possible(FunctionCallInfo fcinfo, text *name, const char *what, DateADT event, DateADT start)
{
	if (event >= start)
		return true;
	return !impossible_row(psprintf("%s() of chain \"%s\"", get_func_name(fcinfo->flinfo->fn_oid), chain_name(name)),
						   what, date_text(event), "episode_start", date_text(start),
						   "Keep an episode's events to dates on or after its start: WHERE event_date >= episode_start.");
}

static void
check_order(text *name, DateADT event, DateADT previous)
{
	if (event < previous)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chain \"%s\" found the events out of date order", chain_name(name)),
				 errhint("Call it as chain_due(chain, event_date, episode_start) OVER (PARTITION BY episode ORDER BY event_date).")));
}

/* The step of event k from `from`, resolved against the chain and calendar. */
static void
measure(ChainEvent *ev, TimescaleCall *call, text *name, int64 k,
		DateADT start, DateADT from, DateADT event)
{
	const ChainDef *ch = sc_chain_for_text(call, name);
	sc_day		s = sc_calendar_day(ev->cal, start);

	ev->from = sc_calendar_day(ev->cal, from);
	ev->event = sc_calendar_day(ev->cal, event);
	ev->step = sc_chain_step_for(&ch->chain, k, s, ev->from);
	if (ev->step->ts.unit == SC_UNIT_HOURS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chain \"%s\" has a step in hours (timescale \"%s\")",
						shown_cstring(ch->name), shown_cstring(ch->codes[ev->step - ch->chain.steps])),
				 errhint("Chains run on dates: use working days, calendar days, weeks or months.")));
}

static DateADT
event_due(const ChainEvent *ev)
{
	int64		due = 0;

	if (sc_ts_due(&ev->step->ts, &ev->cal->index, ev->from, &due) != SC_OK || !IS_VALID_DATE(due))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("due date after %s is outside the range of calendar \"%s\"",
						date_text(ev->from), shown_cstring(ev->cal->name)),
				 errhint("Calendars cover %d-01-01 to %d-12-31.", SC_FIRST_YEAR, SC_LAST_YEAR)));
	return (DateADT) due;
}

static int32
event_lateness(const ChainEvent *ev)
{
	event_due(ev);				/* checks the due date exists */
	return (int32) sc_ts_lateness(&ev->step->ts, &ev->cal->index, ev->from, ev->event);
}

/*
 * One more row of the partition, in order; false when it is no event (a
 * NULL date, or an impossible row given NULL).
 */
static bool
walk_row(FunctionCallInfo fcinfo, ChainWalk *w, text *name, bool isnull, DateADT event, DateADT start)
{
	w->next++;
	if (isnull || !event_possible(fcinfo, name, "event_date", event, start))
		return false;
	if (w->dated)
		check_order(name, event, w->current);
	if (!w->dated)
	{
		w->dated = true;
		w->k = 1;
		w->previous = start;
	}
	else if (event != w->current)
	{
		w->k++;
		w->previous = w->current;
	}
	w->current = event;
	return true;
}

/*
 * The current row as an event of its chain; false when it gives NULL.
 * Rows are walked in order; should a row be skipped (a NULL argument) or
 * the executor rewind, the walk catches up from where it can.  type: the
 * dates' SQL type (a timestamp counts as its day, sc_day_of).
 */
static bool
window_event(FunctionCallInfo fcinfo, ScDayType type, ChainEvent *ev)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ChainWalk  *w = WinGetPartitionLocalMemory(winobj, sizeof(ChainWalk));
	int64		pos = WinGetCurrentPosition(winobj);
	bool		isnull[4] = {false, false, false, false};
	Datum		args[4];
	DateADT		episode_start;
	text	   *name;

	for (int i = 0; i < PG_NARGS(); i++)
		args[i] = WinGetFuncArgCurrent(winobj, i, &isnull[i]);
	if (isnull[0] || isnull[2] || isnull[3])
		return false;
	episode_start = sc_day_of(args[2], type);
	name = DatumGetTextPP(args[0]);
	if (w->next > pos)
		memset(w, 0, sizeof(ChainWalk));
	while (w->next < pos)
	{
		bool		null;
		bool		out;
		Datum		d = WinGetFuncArgInPartition(winobj, 1, w->next, WINDOW_SEEK_HEAD, false, &null, &out);

		walk_row(fcinfo, w, name, null || out, null || out ? 0 : sc_day_of(d, type), episode_start);
	}
	if (!walk_row(fcinfo, w, name, isnull[1], isnull[1] ? 0 : sc_day_of(args[1], type), episode_start))
		return false;
	ev->cal = sc_calendar_for_text(sc_timescale_call(fcinfo->flinfo),
								   PG_NARGS() > 3 ? DatumGetTextPP(args[3]) : NULL);
	measure(ev, sc_timescale_call(fcinfo->flinfo), name, w->k,
			episode_start, w->previous, w->current);
	return true;
}

/* chain_due(chain, event_date, episode_start [, calendar]): this event's due date. */
static Datum
chain_due(FunctionCallInfo fcinfo, ScDayType type)
{
	ChainEvent	ev;

	if (!window_event(fcinfo, type, &ev))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(event_due(&ev));
}

/* chain_on_time(...): was this event within its step's timescale? */
static Datum
chain_on_time(FunctionCallInfo fcinfo, ScDayType type)
{
	ChainEvent	ev;

	if (!window_event(fcinfo, type, &ev))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(event_lateness(&ev) <= 0);
}

/* chain_lateness(...): working days or days beyond the due date (<= 0: on time). */
static Datum
chain_lateness(FunctionCallInfo fcinfo, ScDayType type)
{
	ChainEvent	ev;

	if (!window_event(fcinfo, type, &ev))
		PG_RETURN_NULL();
	PG_RETURN_INT32(event_lateness(&ev));
}

/* The entry points: the date forms, the timestamp forms, the timestamptz forms. */
Datum
sc_chain_due(PG_FUNCTION_ARGS)
{
	return chain_due(fcinfo, SC_DAY_DATE);
}

Datum
sc_chain_on_time(PG_FUNCTION_ARGS)
{
	return chain_on_time(fcinfo, SC_DAY_DATE);
}

Datum
sc_chain_lateness(PG_FUNCTION_ARGS)
{
	return chain_lateness(fcinfo, SC_DAY_DATE);
}

Datum
sc_chain_due_ts(PG_FUNCTION_ARGS)
{
	return chain_due(fcinfo, SC_DAY_TIMESTAMP);
}

Datum
sc_chain_on_time_ts(PG_FUNCTION_ARGS)
{
	return chain_on_time(fcinfo, SC_DAY_TIMESTAMP);
}

Datum
sc_chain_lateness_ts(PG_FUNCTION_ARGS)
{
	return chain_lateness(fcinfo, SC_DAY_TIMESTAMP);
}

Datum
sc_chain_due_tstz(PG_FUNCTION_ARGS)
{
	return chain_due(fcinfo, SC_DAY_TIMESTAMPTZ);
}

Datum
sc_chain_on_time_tstz(PG_FUNCTION_ARGS)
{
	return chain_on_time(fcinfo, SC_DAY_TIMESTAMPTZ);
}

Datum
sc_chain_lateness_tstz(PG_FUNCTION_ARGS)
{
	return chain_lateness(fcinfo, SC_DAY_TIMESTAMPTZ);
}

/*
 * The next event after events_held of them, the last on last_event (NULL
 * when none was held); false when an argument that matters is NULL.
 */
static bool
next_event(FunctionCallInfo fcinfo, int calarg, ChainEvent *ev)
{
	TimescaleCall *call = sc_timescale_call(fcinfo->flinfo);
	text	   *name;
	DateADT		start;
	int64		held;
	DateADT		last;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2)
		|| (calarg < PG_NARGS() && PG_ARGISNULL(calarg)))
		return false;
	name = PG_GETARG_TEXT_PP(0);
	start = PG_GETARG_DATEADT(1);
	held = PG_GETARG_INT64(2);
	if (held < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("events_held is %lld, a negative number of events", (long long) held),
				 errhint("Pass the number of events held so far, e.g. count(review_date).")));
	if (held > 0 && PG_ARGISNULL(3))
		return false;
	last = held > 0 ? PG_GETARG_DATEADT(3) : start;
	if (!event_possible(fcinfo, name, "last_event", last, start))
		return false;
	ev->cal = sc_calendar_for_text(call, calarg < PG_NARGS() ? PG_GETARG_TEXT_PP(calarg) : NULL);
	/* saturating: held + 1 overflowed for INT64_MAX (and steps beyond the ordinary ones are alike) */
	measure(ev, call, name, held < PG_INT64_MAX ? held + 1 : held, start, last, last);
	return true;
}

/* chain_next_due(chain, episode_start, events_held, last_event [, calendar]). */
Datum
sc_chain_next_due(PG_FUNCTION_ARGS)
{
	ChainEvent	ev;

	if (!next_event(fcinfo, 4, &ev))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(event_due(&ev));
}

/* chain_overdue(chain, episode_start, events_held, last_event, as_at [, calendar]). */
Datum
sc_chain_overdue(PG_FUNCTION_ARGS)
{
	ChainEvent	ev;

	if (PG_ARGISNULL(4) || !next_event(fcinfo, 5, &ev))
		PG_RETURN_NULL();
	ev.event = sc_calendar_day(ev.cal, PG_GETARG_DATEADT(4));
	PG_RETURN_BOOL(event_lateness(&ev) > 0);
}
