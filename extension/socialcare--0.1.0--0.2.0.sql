/* socialcare 0.1.0 to 0.2.0: the objects added or changed since 0.1.0,
   in the order extension/socialcare.sql creates them.  test/upgrade.sh
   checks that an updated database equals a fresh install. */

\echo Use "ALTER EXTENSION socialcare UPDATE TO '0.2.0'" to load this file. \quit

--------------------------------------------------------------------------
-- Statutory timescales and review chains.  The catalogue is data: rows
-- shipped with the extension (shipped = true: statute and statutory
-- guidance, read-only outside the extension's scripts) and councils' own
-- rows, which pg_dump keeps.  Functions are STABLE: they read the
-- catalogue and the calendars.
--------------------------------------------------------------------------

CREATE TABLE socialcare.timescale (
	code		text PRIMARY KEY
		CONSTRAINT timescale_code_trimmed CHECK (code <> '' AND code = btrim(code)),
	description text NOT NULL,
	amount		integer NOT NULL
		CONSTRAINT timescale_amount_valid CHECK (amount BETWEEN 0 AND 100000),
	unit		text NOT NULL
		CONSTRAINT timescale_unit_valid
			CHECK (unit IN ('working days', 'calendar days', 'weeks', 'months', 'hours')),
	from_event	text NOT NULL,
	to_event	text NOT NULL,
	source		text NOT NULL DEFAULT 'local'
		CONSTRAINT timescale_source_valid CHECK (source IN ('statute', 'guidance', 'local')),
	reference	text,
	shipped		boolean NOT NULL DEFAULT false,
	owner		name DEFAULT current_user,
	CONSTRAINT timescale_owner_set CHECK (shipped OR owner IS NOT NULL)
);

COMMENT ON TABLE socialcare.timescale IS
'Timescales: "to_event within amount units of from_event". Shipped rows (statute, statutory guidance) are read-only; add local standards as rows of your own (kept by pg_dump and extension updates). Readable by everyone; a local row can be changed by members of its owner role.';
COMMENT ON COLUMN socialcare.timescale.code IS 'Name passed to due_date, on_time, lateness and used by chains';
COMMENT ON COLUMN socialcare.timescale.amount IS 'Number of units, 0 to 100000 (0 working days: the same day)';
COMMENT ON COLUMN socialcare.timescale.unit IS 'working days (the start is day 0; calendar as in working_days), calendar days, weeks (7 days), months (the corresponding date, clamped to the month''s end) or hours (elapsed, from a timestamp)';
COMMENT ON COLUMN socialcare.timescale.from_event IS 'The event the timescale runs from';
COMMENT ON COLUMN socialcare.timescale.to_event IS 'The event that must happen within it';
COMMENT ON COLUMN socialcare.timescale.source IS 'statute, guidance (statutory guidance such as Working Together) or local';
COMMENT ON COLUMN socialcare.timescale.reference IS 'Where the timescale is set out (regulation, guidance paragraph, local procedure)';
COMMENT ON COLUMN socialcare.timescale.shipped IS 'true for rows shipped with socialcare (read-only; maintained by extension updates)';
COMMENT ON COLUMN socialcare.timescale.owner IS 'Role whose members may change this local row (NULL for shipped rows)';

CREATE TABLE socialcare.timescale_chain (
	chain		text NOT NULL
		CONSTRAINT timescale_chain_name_trimmed CHECK (chain <> '' AND chain = btrim(chain)),
	step		integer NOT NULL
		CONSTRAINT timescale_chain_step_positive CHECK (step >= 1),
	timescale	text NOT NULL REFERENCES socialcare.timescale (code) ON UPDATE CASCADE,
	after_months integer
		CONSTRAINT timescale_chain_after_positive CHECK (after_months > 0),
	description text,
	shipped		boolean NOT NULL DEFAULT false,
	owner		name DEFAULT current_user,
	PRIMARY KEY (chain, step),
	CONSTRAINT timescale_chain_owner_set CHECK (shipped OR owner IS NOT NULL)
);

COMMENT ON TABLE socialcare.timescale_chain IS
'Chains of reviews or visits: event 1 is due within step 1''s timescale of the episode start, event k within step k''s of event k - 1, the last step repeating. A step with after_months replaces the repeating step once the previous event is that many months after the episode start (visits after the first year of a placement).';
COMMENT ON COLUMN socialcare.timescale_chain.step IS 'Steps without after_months are numbered 1, 2, 3, ...; a step with after_months is numbered after them';
COMMENT ON COLUMN socialcare.timescale_chain.timescale IS 'The timescale code of the step (not in hours)';
COMMENT ON COLUMN socialcare.timescale_chain.after_months IS 'NULL for an ordinary step; M: the step applies from the second event on once the previous event is M months or more after the episode start';
COMMENT ON COLUMN socialcare.timescale_chain.shipped IS 'true for rows shipped with socialcare (read-only)';
COMMENT ON COLUMN socialcare.timescale_chain.owner IS 'Role whose members may change this local row (NULL for shipped rows)';

SELECT pg_catalog.pg_extension_config_dump('socialcare.timescale', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('socialcare.timescale_chain', 'WHERE NOT shipped');

ALTER TABLE socialcare.timescale ENABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.timescale_chain ENABLE ROW LEVEL SECURITY;

CREATE POLICY timescale_read ON socialcare.timescale FOR SELECT USING (true);
CREATE POLICY timescale_write ON socialcare.timescale FOR ALL
	USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) owner
				   AND pg_catalog.pg_has_role(r.oid, 'MEMBER')))
	WITH CHECK (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
						WHERE r.rolname OPERATOR(pg_catalog.=) owner
						AND pg_catalog.pg_has_role(r.oid, 'MEMBER')));

CREATE POLICY timescale_chain_read ON socialcare.timescale_chain FOR SELECT USING (true);
CREATE POLICY timescale_chain_write ON socialcare.timescale_chain FOR ALL
	USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) owner
				   AND pg_catalog.pg_has_role(r.oid, 'MEMBER')))
	WITH CHECK (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
						WHERE r.rolname OPERATOR(pg_catalog.=) owner
						AND pg_catalog.pg_has_role(r.oid, 'MEMBER')));

GRANT SELECT, INSERT, UPDATE, DELETE ON socialcare.timescale, socialcare.timescale_chain TO PUBLIC;

CREATE FUNCTION socialcare.timescale_protect() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_timescale_protect' LANGUAGE C;
COMMENT ON FUNCTION socialcare.timescale_protect() IS
'Trigger on the timescale tables: shipped rows are read-only outside the extension''s scripts; checks local rows (internal)';

CREATE FUNCTION socialcare.timescales_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_timescales_changed' LANGUAGE C;
COMMENT ON FUNCTION socialcare.timescales_changed() IS
'Trigger on the timescale tables: tells every session to re-read them (internal)';

CREATE TRIGGER timescale_protect
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale
	FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescale_protect_truncate
	BEFORE TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescales_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescales_changed();
CREATE TRIGGER timescale_protect
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescale_protect_truncate
	BEFORE TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescales_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescales_changed();

INSERT INTO socialcare.timescale
	(code, description, amount, unit, from_event, to_event, source, reference, shipped, owner)
VALUES
	('referral_decision', 'Decision on the response to a referral', 1, 'working days',
	 'referral received', 'decision on the type of response', 'guidance', 'Working Together, chapter 1', true, NULL),
	('assessment', 'Assessment completed', 45, 'working days',
	 'referral', 'assessment authorised', 'guidance', 'Working Together 2023 (45 working days from the point of referral)', true, NULL),
	('icpc', 'Initial child protection conference', 15, 'working days',
	 'strategy discussion at which the section 47 enquiry was initiated', 'initial child protection conference', 'guidance', 'Working Together 2018 and 2023', true, NULL),
	('core_group_1', 'First core group meeting', 10, 'working days',
	 'initial child protection conference', 'first core group meeting', 'guidance', 'Working Together 2018', true, NULL),
	('cp_review_1', 'First child protection review conference', 3, 'months',
	 'initial child protection conference', 'first review conference', 'guidance', 'Working Together: within three months of the initial conference', true, NULL),
	('cp_review_next', 'Next child protection review conference', 6, 'months',
	 'review conference', 'next review conference', 'guidance', 'Working Together: thereafter at intervals of not more than six months', true, NULL),
	('lac_review_1', 'First looked-after review', 20, 'working days',
	 'child becomes looked after', 'first review', 'statute', 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1)', true, NULL),
	('lac_review_2', 'Second looked-after review', 3, 'months',
	 'first review', 'second review', 'statute', 'CPPCR (England) Regulations 2010, reg 33(2)(a)', true, NULL),
	('lac_review_next', 'Subsequent looked-after review', 6, 'months',
	 'previous review', 'next review', 'statute', 'CPPCR (England) Regulations 2010, reg 33(2)(b)', true, NULL),
	('lac_visit_1', 'First visit to a looked-after child in a placement', 1, 'weeks',
	 'start of the placement', 'first visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(a)', true, NULL),
	('lac_visit_next', 'Next visit to a looked-after child', 6, 'weeks',
	 'previous visit', 'next visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(b) and (c)(ii)', true, NULL),
	('lac_visit_long_term', 'Next visit after the first year of a placement intended to last until 18', 3, 'months',
	 'previous visit', 'next visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(c)(i)', true, NULL),
	('return_interview', 'Return home interview after a missing episode', 72, 'hours',
	 'return from missing', 'return home interview', 'guidance', 'Statutory guidance on children who run away or go missing from home or care (2014)', true, NULL);

INSERT INTO socialcare.timescale_chain
	(chain, step, timescale, after_months, description, shipped, owner)
VALUES
	('lac_review', 1, 'lac_review_1', NULL, 'Looked-after reviews (reg 33): first within 20 working days of becoming looked after', true, NULL),
	('lac_review', 2, 'lac_review_2', NULL, 'second not more than 3 months after the first', true, NULL),
	('lac_review', 3, 'lac_review_next', NULL, 'then not more than 6 months after the previous', true, NULL),
	('cp_review', 1, 'cp_review_1', NULL, 'Child protection reviews: first within 3 months of the initial conference', true, NULL),
	('cp_review', 2, 'cp_review_next', NULL, 'then at intervals of not more than 6 months', true, NULL),
	('lac_visit', 1, 'lac_visit_1', NULL, 'Visits (reg 28(2)): within 1 week of the start of the placement', true, NULL),
	('lac_visit', 2, 'lac_visit_next', NULL, 'then at intervals of not more than 6 weeks', true, NULL),
	('lac_visit_long_term', 1, 'lac_visit_1', NULL, 'Visits, placement intended to last until 18 (reg 28(2)): within 1 week of the start', true, NULL),
	('lac_visit_long_term', 2, 'lac_visit_next', NULL, 'then not more than 6 weeks in the first year', true, NULL),
	('lac_visit_long_term', 3, 'lac_visit_long_term', 12, 'after the first year, not more than 3 months', true, NULL);

CREATE FUNCTION socialcare.due_date(code text, start date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_due_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_date(text, date) IS
'Last day within the timescale from start: the amount-th working day after start, start + days or weeks, or the corresponding date amount months later (31 May + 3 months = 31 August). Not for hours';

CREATE FUNCTION socialcare.due_date(code text, start date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_due_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_date(text, date, text) IS
'Last day within the timescale from start, working days in the calendar';

CREATE FUNCTION socialcare.due_time(code text, start timestamptz) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'sc_due_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_time(text, timestamptz) IS
'start + amount hours (elapsed time), for a timescale in hours';

CREATE FUNCTION socialcare.on_time(code text, start date, finish date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, date, date) IS
'True when finish is within the timescale from start: working_days(start, finish) <= amount for working days, finish <= due_date(code, start) otherwise. A finish before the start is on time';

CREATE FUNCTION socialcare.on_time(code text, start date, finish date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, date, date, text) IS
'True when finish is within the timescale from start, working days in the calendar';

CREATE FUNCTION socialcare.on_time(code text, start timestamptz, finish timestamptz) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, timestamptz, timestamptz) IS
'True when finish is within the timescale from start: finish <= start + amount hours for hours, otherwise as on the two dates (session time zone)';

CREATE FUNCTION socialcare.on_time(code text, start timestamptz, finish timestamptz, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, timestamptz, timestamptz, text) IS
'True when finish is within the timescale from start, working days in the calendar';

CREATE FUNCTION socialcare.lateness(code text, start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lateness'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, date, date) IS
'How late finish is: working days beyond the amount (working-day timescales), else calendar days after the due date. 0 or negative: on time, by that margin';

CREATE FUNCTION socialcare.lateness(code text, start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lateness'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, date, date, text) IS
'How late finish is, working days in the calendar; 0 or negative: on time';

CREATE FUNCTION socialcare.lateness(code text, start timestamptz, finish timestamptz) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_lateness_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, timestamptz, timestamptz) IS
'How late finish is: hours after start + amount hours for hours timescales, otherwise as lateness on the two dates; 0 or negative: on time';

CREATE FUNCTION socialcare.lateness(code text, start timestamptz, finish timestamptz, calendar text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_lateness_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, timestamptz, timestamptz, text) IS
'How late finish is, working days in the calendar; 0 or negative: on time';

CREATE FUNCTION socialcare.chain_due(chain text, event_date date, episode_start date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): the due date of this event, from the previous event of the episode (the first: from episode_start) by the chain''s step. A second event on the same day is the same event. NULL date gives NULL';

CREATE FUNCTION socialcare.chain_due(chain text, event_date date, episode_start date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, date, date, text) IS
'Window function: the due date of this event of the chain, working days in the calendar';

CREATE FUNCTION socialcare.chain_on_time(chain text, event_date date, episode_start date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): was this event within its step''s timescale of the previous event (the first: of episode_start)?';

CREATE FUNCTION socialcare.chain_on_time(chain text, event_date date, episode_start date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, date, date, text) IS
'Window function: was this event of the chain on time, working days in the calendar';

CREATE FUNCTION socialcare.chain_lateness(chain text, event_date date, episode_start date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): lateness of this event against its step, as lateness() counts it (0 or negative: on time)';

CREATE FUNCTION socialcare.chain_lateness(chain text, event_date date, episode_start date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, date, date, text) IS
'Window function: lateness of this event of the chain, working days in the calendar';

CREATE FUNCTION socialcare.chain_next_due(chain text, episode_start date, events_held bigint, last_event date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_next_due'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_next_due(text, date, bigint, date) IS
'Due date of the next event of the chain after events_held events, the last on last_event (ignored, may be NULL, when events_held is 0: the first is due from episode_start)';

CREATE FUNCTION socialcare.chain_next_due(chain text, episode_start date, events_held bigint, last_event date,
		calendar text)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_next_due'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_next_due(text, date, bigint, date, text) IS
'Due date of the next event of the chain, working days in the calendar';

CREATE FUNCTION socialcare.chain_overdue(chain text, episode_start date, events_held bigint, last_event date,
		as_at date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_overdue'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_overdue(text, date, bigint, date, date) IS
'As at a date, is the next event of the chain overdue (past its step''s timescale from the last event, or from episode_start when none was held)? False on the due date itself';

CREATE FUNCTION socialcare.chain_overdue(chain text, episode_start date, events_held bigint, last_event date,
		as_at date, calendar text)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_overdue'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_overdue(text, date, bigint, date, date, text) IS
'As at a date, is the next event of the chain overdue, working days in the calendar';
