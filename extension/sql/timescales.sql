-- socialcare, area timescales: due dates, lateness and chains.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

CREATE OR REPLACE FUNCTION socialcare.timescale_protect() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_timescale_protect' LANGUAGE C;
COMMENT ON FUNCTION socialcare.timescale_protect() IS
'Trigger on the timescale tables: shipped rows are read-only outside the extension''s scripts; checks local rows (internal)';

-- Chains are checked at commit, so that one role's chain can never break
-- another role's calls, nor keep it from deleting its own timescale.
CREATE OR REPLACE FUNCTION socialcare.chain_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_chain_check' LANGUAGE C;
COMMENT ON FUNCTION socialcare.chain_check() IS
'Constraint trigger on the timescale tables, at commit: a changed chain has one owner, steps numbered 1, 2, 3, ... and uses shipped timescales or its owner''s only (internal)';

CREATE OR REPLACE FUNCTION socialcare.due_date(code text, start date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_due_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_date(text, date) IS
'Last day within the timescale from start: the amount-th working day after start, start + days or weeks, or the corresponding date amount months later (31 May + 3 months = 31 August). Not for hours';

CREATE OR REPLACE FUNCTION socialcare.due_date(code text, start date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_due_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_date(text, date, text) IS
'Last day within the timescale from start, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.due_time(code text, start timestamptz) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'sc_due_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_time(text, timestamptz) IS
'start + amount hours (elapsed time), for a timescale in hours';

CREATE OR REPLACE FUNCTION socialcare.on_time(code text, start date, finish date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, date, date) IS
'True when finish is within the timescale from start: working_days(start, finish) <= amount for working days, finish <= due_date(code, start) otherwise. A finish before its start is never on time: an error naming both, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.on_time(code text, start date, finish date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, date, date, text) IS
'True when finish is within the timescale from start, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.on_time(code text, start timestamptz, finish timestamptz) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, timestamptz, timestamptz) IS
'True when finish is within the timescale from start: finish <= start + amount hours for hours, otherwise as on the two dates (session time zone). A finish before its start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.on_time(code text, start timestamptz, finish timestamptz, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, timestamptz, timestamptz, text) IS
'True when finish is within the timescale from start, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.lateness(code text, start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lateness'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, date, date) IS
'How late finish is: working days beyond the amount (working-day timescales), else calendar days after the due date. 0 or negative: on time, by that margin. A finish before its start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.lateness(code text, start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lateness'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, date, date, text) IS
'How late finish is, working days in the calendar; 0 or negative: on time';

CREATE OR REPLACE FUNCTION socialcare.lateness(code text, start timestamptz, finish timestamptz) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_lateness_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, timestamptz, timestamptz) IS
'How late finish is: hours after start + amount hours for hours timescales, otherwise as lateness on the two dates; 0 or negative: on time. A finish before its start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.lateness(code text, start timestamptz, finish timestamptz, calendar text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_lateness_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, timestamptz, timestamptz, text) IS
'How late finish is, working days in the calendar; 0 or negative: on time';

CREATE OR REPLACE FUNCTION socialcare.chain_due(chain text, event_date date, episode_start date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): the due date of this event, from the previous event of the episode (the first: from episode_start) by the chain''s step. A second event on the same day is the same event. NULL date gives NULL. An event before episode_start: an error, or with socialcare.impossible_rows = ''null'' NULL and no event of the episode';

CREATE OR REPLACE FUNCTION socialcare.chain_due(chain text, event_date date, episode_start date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, date, date, text) IS
'Window function: the due date of this event of the chain, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.chain_on_time(chain text, event_date date, episode_start date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): was this event within its step''s timescale of the previous event (the first: of episode_start)? An event before episode_start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.chain_on_time(chain text, event_date date, episode_start date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, date, date, text) IS
'Window function: was this event of the chain on time, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.chain_lateness(chain text, event_date date, episode_start date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): lateness of this event against its step, as lateness() counts it (0 or negative: on time). An event before episode_start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.chain_lateness(chain text, event_date date, episode_start date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, date, date, text) IS
'Window function: lateness of this event of the chain, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.chain_next_due(chain text, episode_start date, events_held bigint, last_event date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_next_due'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_next_due(text, date, bigint, date) IS
'Due date of the next event of the chain after events_held events, the last on last_event (ignored, may be NULL, when events_held is 0: the first is due from episode_start). A last_event before episode_start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.chain_next_due(chain text, episode_start date, events_held bigint, last_event date,
		calendar text)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_next_due'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_next_due(text, date, bigint, date, text) IS
'Due date of the next event of the chain, working days in the calendar';

CREATE OR REPLACE FUNCTION socialcare.chain_overdue(chain text, episode_start date, events_held bigint, last_event date,
		as_at date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_overdue'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_overdue(text, date, bigint, date, date) IS
'As at a date, is the next event of the chain overdue (past its step''s timescale from the last event, or from episode_start when none was held)? False on the due date itself. A last_event before episode_start: an error, or NULL with socialcare.impossible_rows = ''null''';

CREATE OR REPLACE FUNCTION socialcare.chain_overdue(chain text, episode_start date, events_held bigint, last_event date,
		as_at date, calendar text)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_overdue'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_overdue(text, date, bigint, date, date, text) IS
'As at a date, is the next event of the chain overdue, working days in the calendar';

--------------------------------------------------------------------------
-- Timestamp forms (issue 14): each function above that takes a date also
-- takes timestamp and timestamptz, by the day rule of README, Settings: a
-- timestamp counts as its calendar date (IMMUTABLE where the date form is),
-- a timestamptz as its calendar day in the session's TimeZone (STABLE).
-- Plain functions are SQL wrappers over the date form (qualified names
-- only, no SET: the scalar ones are inlined); window functions and
-- aggregates are C entry points of their own (sc_day_of, src/sql_util.c).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.due_date(code text, start timestamp)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.due_date(code, CAST(start AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.due_date(text, timestamp) IS
'The timestamp form of due_date(text, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.due_date(code text, start timestamptz)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.due_date(code, CAST(start AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.due_date(text, timestamptz) IS
'The timestamptz form of due_date(text, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.due_date(code text, start timestamp, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.due_date(code, CAST(start AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.due_date(text, timestamp, text) IS
'The timestamp form of due_date(text, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.due_date(code text, start timestamptz, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.due_date(code, CAST(start AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.due_date(text, timestamptz, text) IS
'The timestamptz form of due_date(text, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_due(chain text, event_date timestamp, episode_start timestamp)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, timestamp, timestamp) IS
'The timestamp form of chain_due(text, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_due(chain text, event_date timestamptz, episode_start timestamptz)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, timestamptz, timestamptz) IS
'The timestamptz form of chain_due(text, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_due(chain text, event_date timestamp, episode_start timestamp, calendar text)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, timestamp, timestamp, text) IS
'The timestamp form of chain_due(text, date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_due(chain text, event_date timestamptz, episode_start timestamptz, calendar text)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, timestamptz, timestamptz, text) IS
'The timestamptz form of chain_due(text, date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_on_time(chain text, event_date timestamp, episode_start timestamp)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, timestamp, timestamp) IS
'The timestamp form of chain_on_time(text, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_on_time(chain text, event_date timestamptz, episode_start timestamptz)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, timestamptz, timestamptz) IS
'The timestamptz form of chain_on_time(text, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_on_time(chain text, event_date timestamp, episode_start timestamp, calendar text)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, timestamp, timestamp, text) IS
'The timestamp form of chain_on_time(text, date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_on_time(chain text, event_date timestamptz, episode_start timestamptz, calendar text)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, timestamptz, timestamptz, text) IS
'The timestamptz form of chain_on_time(text, date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_lateness(chain text, event_date timestamp, episode_start timestamp)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, timestamp, timestamp) IS
'The timestamp form of chain_lateness(text, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_lateness(chain text, event_date timestamptz, episode_start timestamptz)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, timestamptz, timestamptz) IS
'The timestamptz form of chain_lateness(text, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_lateness(chain text, event_date timestamp, episode_start timestamp, calendar text)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness_ts'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, timestamp, timestamp, text) IS
'The timestamp form of chain_lateness(text, date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_lateness(chain text, event_date timestamptz, episode_start timestamptz, calendar text)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, timestamptz, timestamptz, text) IS
'The timestamptz form of chain_lateness(text, date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_next_due(chain text, episode_start timestamp, events_held bigint, last_event timestamp)
	RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_next_due(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.chain_next_due(text, timestamp, bigint, timestamp) IS
'The timestamp form of chain_next_due(text, date, bigint, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_next_due(chain text, episode_start timestamptz, events_held bigint, last_event timestamptz)
	RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_next_due(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.chain_next_due(text, timestamptz, bigint, timestamptz) IS
'The timestamptz form of chain_next_due(text, date, bigint, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_next_due(chain text, episode_start timestamp, events_held bigint, last_event timestamp, calendar text)
	RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_next_due(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.chain_next_due(text, timestamp, bigint, timestamp, text) IS
'The timestamp form of chain_next_due(text, date, bigint, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_next_due(chain text, episode_start timestamptz, events_held bigint, last_event timestamptz, calendar text)
	RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_next_due(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.chain_next_due(text, timestamptz, bigint, timestamptz, text) IS
'The timestamptz form of chain_next_due(text, date, bigint, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_overdue(chain text, episode_start timestamp, events_held bigint, last_event timestamp, as_at timestamp)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_overdue(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date), CAST(as_at AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.chain_overdue(text, timestamp, bigint, timestamp, timestamp) IS
'The timestamp form of chain_overdue(text, date, bigint, date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_overdue(chain text, episode_start timestamptz, events_held bigint, last_event timestamptz, as_at timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_overdue(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date), CAST(as_at AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.chain_overdue(text, timestamptz, bigint, timestamptz, timestamptz) IS
'The timestamptz form of chain_overdue(text, date, bigint, date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.chain_overdue(chain text, episode_start timestamp, events_held bigint, last_event timestamp, as_at timestamp, calendar text)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_overdue(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date), CAST(as_at AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.chain_overdue(text, timestamp, bigint, timestamp, timestamp, text) IS
'The timestamp form of chain_overdue(text, date, bigint, date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.chain_overdue(chain text, episode_start timestamptz, events_held bigint, last_event timestamptz, as_at timestamptz, calendar text)
	RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN socialcare.chain_overdue(chain, CAST(episode_start AS pg_catalog.date), events_held, CAST(last_event AS pg_catalog.date), CAST(as_at AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.chain_overdue(text, timestamptz, bigint, timestamptz, timestamptz, text) IS
'The timestamptz form of chain_overdue(text, date, bigint, date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';
