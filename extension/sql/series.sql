-- socialcare, area series: rolling series, repeat plans, durations and
-- "as at" snapshots.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- Rolling monthly series, repeat plans, durations and "as at" snapshots
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.rolling_months(month_end date, months integer DEFAULT 12)
	RETURNS daterange
	AS 'MODULE_PATHNAME', 'sc_rolling_months'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_months(date, integer) IS
'The rolling period ending on month_end, both included: at a month end the whole calendar months ending with its month ([first day of the month 11 months earlier, month_end] for 12 months: the DfE year at 31 March); on another day the 12 months to date, [month_end - 12 months + 1 day, month_end] (15 Feb 2025: from 16 Feb 2024). rolling_months(m) @> referral_date';

-- rolling_pct_series: each row counted once in its month, the windows slid
-- over the month counts at the end; a plain bigint[] state
-- {from_date, to_date, months, (true, counted) per month} for parallel query.
CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date) IS
'Transition function of rolling_pct_series (internal)';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date, integer)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date, integer) IS
'Transition function of rolling_pct_series with a window length (internal)';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_combine(bigint[], bigint[])
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_combine(bigint[], bigint[]) IS
'Combine function of rolling_pct_series for partial aggregation (internal)';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_final(bigint[])
	RETURNS socialcare.rolling_month[]
	AS 'MODULE_PATHNAME', 'sc_rolling_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_final(bigint[]) IS
'Final function of rolling_pct_series (internal)';

CREATE OR REPLACE AGGREGATE socialcare.rolling_pct_series(day date, condition boolean, from_date date, to_date date) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(date, boolean, date, date) IS
'Rolling 12-month percentage at each month end in [from_date, to_date], as socialcare.rolling_month[] (unnest it): of the rows dated in the 12 whole months ending there, the percentage whose condition is true. Earlier rows are not counted; NULL pct where a window has no rows. from_date after to_date is an error';

CREATE OR REPLACE AGGREGATE socialcare.rolling_pct_series(day date, condition boolean, from_date date, to_date date,
		months integer) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(date, boolean, date, date, integer) IS
'Rolling percentage over windows of months whole calendar months (1 to 1200), at each month end in [from_date, to_date], as socialcare.rolling_month[]; from_date after to_date is an error';

CREATE OR REPLACE FUNCTION socialcare.is_repeat_plan(start_date date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(date) IS
'Window function, OVER (PARTITION BY child ORDER BY start_date): true when the child had a plan starting on an earlier date, however long ago (DfE: second or subsequent child protection plan). A plan on the same start date is not a repeat; NULL start gives NULL';

CREATE OR REPLACE FUNCTION socialcare.is_repeat_plan(start_date date, end_date date, within interval)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(date, date, interval) IS
'Window function, OVER (PARTITION BY child ORDER BY start_date): true when a plan of the child starting on an earlier date ended on or after start_date - within (''24 months'': the local "within 2 years of the previous plan ending"), or is still open (NULL end). An end before its start: an error, or with socialcare.impossible_rows = ''null'' NULL and the plan is no history for later rows';

CREATE OR REPLACE FUNCTION socialcare.lasted_days(start_date date, end_date date)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lasted_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lasted_days(date, date) IS
'Calendar days from start_date to end_date, both counted (DfE: "including days of cessation"); the same day is 1. An end before its start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.lasted_two_years_or_more(start_date date, end_date date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_lasted_two_years_or_more'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lasted_two_years_or_more(date, date) IS
'DfE: a plan that lasted "more than 729 calendar days including days of cessation" (lasted_days > 729, i.e. end_date - start_date >= 729). For a plan open at 31 March, pass 31 March as end_date. An end before its start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.ended_within(start_date date, end_date date, within interval DEFAULT '3 months')
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_ended_within'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.ended_within(date, date, interval) IS
'True when end_date is on or before start_date + within (calendar months, the day clamped: 30 Nov + 3 months = 28/29 Feb): DfE''s "3 months or less" band of plans ending. NULL end (still open) gives NULL. An end before its start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.open_at(start_date date, end_date date, day date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN start_date OPERATOR(pg_catalog.<=) day AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>) day);
COMMENT ON FUNCTION socialcare.open_at(date, date, date) IS
'"As at" day: the episode started on or before day and has not ended by then (end_date NULL or after day; an episode ending on day is closed at day''s end). NULL day or an unknown start gives NULL unless the end settles it';

CREATE OR REPLACE FUNCTION socialcare.open_during(start_date date, end_date date, from_date date, to_date date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- checked_to_date first, so that a reversed period is an error whatever the row
	RETURN start_date OPERATOR(pg_catalog.<=) socialcare.checked_to_date(from_date, to_date, 'open_during()')
		AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>=) from_date);
COMMENT ON FUNCTION socialcare.open_during(date, date, date, date) IS
'The episode was open on some day from from_date to to_date, both included: it started by to_date and did not end before from_date (one ending on from_date counts: it was open that day). from_date after to_date is an error';

CREATE OR REPLACE FUNCTION socialcare.placement_in_year(start_date date, end_date date, year_end date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- reporting_date: an error naming an infinite or extreme year_end, not
	-- a bare "date out of range" from the arithmetic (checked as the end
	-- too, so open placements are not let through unchecked)
	RETURN socialcare.open_during(start_date, end_date,
								  (socialcare.reporting_date(year_end) OPERATOR(pg_catalog.+) 1
								   OPERATOR(pg_catalog.-) '1 year'::interval)::date,
								  socialcare.reporting_date(year_end))
		AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>) start_date);
COMMENT ON FUNCTION socialcare.placement_in_year(date, date, date) IS
'DfE placement stability: the placement counts among the child''s placements during the 12 months ending year_end (usually 31 March): open on some day of the year (open on 1 April or starting in the year) and lasting 24 hours or more (ending after the day it started, or open). count(*) FILTER (WHERE ...) >= 3';

CREATE OR REPLACE FUNCTION socialcare.age_at(date_of_birth date, day date)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_age_at'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.age_at(date, date) IS
'Age in whole years completed on day (birthdays reached by day; a 29 February birthday is reached on 1 March in a common year, as in England and Wales). A day before the birth: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.under_18_at(date_of_birth date, day date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_under_18_at'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.under_18_at(date, date) IS
'A child on day: true while age_at(date_of_birth, day) < 18 (on the 18th birthday itself, false). A day before the birth: an error, or NULL with socialcare.impossible_rows = ''null''';

--------------------------------------------------------------------------
-- Timestamp forms (issue 14): each function above that takes a date also
-- takes timestamp and timestamptz, by the day rule of README, Settings: a
-- timestamp counts as its calendar date (IMMUTABLE where the date form is),
-- a timestamptz as its calendar day in the session's TimeZone (STABLE).
-- Plain functions are SQL wrappers over the date form (qualified names
-- only, no SET: the scalar ones are inlined); window functions and
-- aggregates are C entry points of their own (sc_day_of, src/sql_util.c).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.rolling_months(month_end timestamp, months integer DEFAULT 12)
	RETURNS daterange
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN socialcare.rolling_months(CAST(month_end AS pg_catalog.date), months);
COMMENT ON FUNCTION socialcare.rolling_months(timestamp, integer) IS
'The timestamp form of rolling_months(date, integer): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.rolling_months(month_end timestamptz, months integer DEFAULT 12)
	RETURNS daterange
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.rolling_months(CAST(month_end AS pg_catalog.date), months);
COMMENT ON FUNCTION socialcare.rolling_months(timestamptz, integer) IS
'The timestamptz form of rolling_months(date, integer): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.is_repeat_plan(start_date timestamp)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan_ts'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(timestamp) IS
'The timestamp form of is_repeat_plan(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.is_repeat_plan(start_date timestamptz)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(timestamptz) IS
'The timestamptz form of is_repeat_plan(date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.is_repeat_plan(start_date timestamp, end_date timestamp, within interval)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(timestamp, timestamp, interval) IS
'The timestamp form of is_repeat_plan(date, date, interval): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.is_repeat_plan(start_date timestamptz, end_date timestamptz, within interval)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(timestamptz, timestamptz, interval) IS
'The timestamptz form of is_repeat_plan(date, date, interval): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.lasted_days(start_date timestamp, end_date timestamp)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.lasted_days(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.lasted_days(timestamp, timestamp) IS
'The timestamp form of lasted_days(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.lasted_days(start_date timestamptz, end_date timestamptz)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.lasted_days(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.lasted_days(timestamptz, timestamptz) IS
'The timestamptz form of lasted_days(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.lasted_two_years_or_more(start_date timestamp, end_date timestamp)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.lasted_two_years_or_more(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.lasted_two_years_or_more(timestamp, timestamp) IS
'The timestamp form of lasted_two_years_or_more(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.lasted_two_years_or_more(start_date timestamptz, end_date timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.lasted_two_years_or_more(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.lasted_two_years_or_more(timestamptz, timestamptz) IS
'The timestamptz form of lasted_two_years_or_more(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.ended_within(start_date timestamp, end_date timestamp, within interval DEFAULT '3 months')
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.ended_within(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), within);
COMMENT ON FUNCTION socialcare.ended_within(timestamp, timestamp, interval) IS
'The timestamp form of ended_within(date, date, interval): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.ended_within(start_date timestamptz, end_date timestamptz, within interval DEFAULT '3 months')
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.ended_within(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), within);
COMMENT ON FUNCTION socialcare.ended_within(timestamptz, timestamptz, interval) IS
'The timestamptz form of ended_within(date, date, interval): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.open_at(start_date timestamp, end_date timestamp, day timestamp)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN socialcare.open_at(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.open_at(timestamp, timestamp, timestamp) IS
'The timestamp form of open_at(date, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.open_at(start_date timestamptz, end_date timestamptz, day timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.open_at(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.open_at(timestamptz, timestamptz, timestamptz) IS
'The timestamptz form of open_at(date, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.open_during(start_date timestamp, end_date timestamp, from_date timestamp, to_date timestamp)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN socialcare.open_during(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.open_during(timestamp, timestamp, timestamp, timestamp) IS
'The timestamp form of open_during(date, date, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.open_during(start_date timestamptz, end_date timestamptz, from_date timestamptz, to_date timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.open_during(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.open_during(timestamptz, timestamptz, timestamptz, timestamptz) IS
'The timestamptz form of open_during(date, date, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.placement_in_year(start_date timestamp, end_date timestamp, year_end timestamp)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN socialcare.placement_in_year(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), CAST(year_end AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.placement_in_year(timestamp, timestamp, timestamp) IS
'The timestamp form of placement_in_year(date, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.placement_in_year(start_date timestamptz, end_date timestamptz, year_end timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.placement_in_year(CAST(start_date AS pg_catalog.date), CAST(end_date AS pg_catalog.date), CAST(year_end AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.placement_in_year(timestamptz, timestamptz, timestamptz) IS
'The timestamptz form of placement_in_year(date, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.age_at(date_of_birth timestamp, day timestamp)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.age_at(CAST(date_of_birth AS pg_catalog.date), CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.age_at(timestamp, timestamp) IS
'The timestamp form of age_at(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.age_at(date_of_birth timestamptz, day timestamptz)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.age_at(CAST(date_of_birth AS pg_catalog.date), CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.age_at(timestamptz, timestamptz) IS
'The timestamptz form of age_at(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.under_18_at(date_of_birth timestamp, day timestamp)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.under_18_at(CAST(date_of_birth AS pg_catalog.date), CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.under_18_at(timestamp, timestamp) IS
'The timestamp form of under_18_at(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.under_18_at(date_of_birth timestamptz, day timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.under_18_at(CAST(date_of_birth AS pg_catalog.date), CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.under_18_at(timestamptz, timestamptz) IS
'The timestamptz form of under_18_at(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamp, boolean, timestamp, timestamp)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum_ts'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamp, boolean, timestamp, timestamp) IS
'Transition function of rolling_pct_series on timestamps (internal)';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamp, boolean, timestamp, timestamp, integer)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum_ts'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamp, boolean, timestamp, timestamp, integer) IS
'Transition function of rolling_pct_series on timestamps with a window length (internal)';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamptz, boolean, timestamptz, timestamptz)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum_tstz'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamptz, boolean, timestamptz, timestamptz) IS
'Transition function of rolling_pct_series on timestamptz (internal)';

CREATE OR REPLACE FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamptz, boolean, timestamptz, timestamptz, integer)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum_tstz'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], timestamptz, boolean, timestamptz, timestamptz, integer) IS
'Transition function of rolling_pct_series on timestamptz with a window length (internal)';

CREATE OR REPLACE AGGREGATE socialcare.rolling_pct_series(day timestamp, condition boolean, from_date timestamp,
		to_date timestamp) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(timestamp, boolean, timestamp, timestamp) IS
'The timestamp form of rolling_pct_series(date, boolean, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE AGGREGATE socialcare.rolling_pct_series(day timestamp, condition boolean, from_date timestamp,
		to_date timestamp, months integer) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(timestamp, boolean, timestamp, timestamp, integer) IS
'The timestamp form of rolling_pct_series(date, boolean, date, date, integer): a timestamp counts as its calendar date';

CREATE OR REPLACE AGGREGATE socialcare.rolling_pct_series(day timestamptz, condition boolean, from_date timestamptz,
		to_date timestamptz) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(timestamptz, boolean, timestamptz, timestamptz) IS
'The timestamptz form of rolling_pct_series(date, boolean, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE AGGREGATE socialcare.rolling_pct_series(day timestamptz, condition boolean, from_date timestamptz,
		to_date timestamptz, months integer) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(timestamptz, boolean, timestamptz, timestamptz, integer) IS
'The timestamptz form of rolling_pct_series(date, boolean, date, date, integer): a timestamptz counts as its calendar day in the session''s TimeZone';
