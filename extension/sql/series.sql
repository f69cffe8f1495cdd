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
