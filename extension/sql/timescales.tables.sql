-- socialcare, area timescales: the catalogue tables.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

--------------------------------------------------------------------------
-- Statutory timescales and review chains.  The catalogue is data: rows
-- shipped with the extension (shipped = true: statute and statutory
-- guidance, read-only outside the extension's scripts) and councils' own
-- rows, which pg_dump keeps.  Functions are STABLE: they read the
-- catalogue and the calendars.
--------------------------------------------------------------------------

CREATE TABLE socialcare.timescale (
	code		text PRIMARY KEY
		CONSTRAINT timescale_code_trimmed CHECK (code OPERATOR(pg_catalog.<>) ''::text AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	description text NOT NULL,
	amount		integer NOT NULL
		CONSTRAINT timescale_amount_valid CHECK (amount OPERATOR(pg_catalog.>=) 0 AND amount OPERATOR(pg_catalog.<=) 100000),
	unit		text NOT NULL
		CONSTRAINT timescale_unit_valid
			CHECK (unit OPERATOR(pg_catalog.=) ANY ('{working days,calendar days,weeks,months,hours}'::text[])),
	from_event	text NOT NULL,
	to_event	text NOT NULL,
	source		text NOT NULL DEFAULT 'local'
		CONSTRAINT timescale_source_valid CHECK (source OPERATOR(pg_catalog.=) ANY ('{statute,guidance,local}'::text[])),
	reference	text,
	shipped		boolean NOT NULL DEFAULT false,
	owner		pg_catalog.regrole DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole,
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
COMMENT ON COLUMN socialcare.timescale.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows';

CREATE TABLE socialcare.timescale_chain (
	chain		text NOT NULL
		CONSTRAINT timescale_chain_name_trimmed CHECK (chain OPERATOR(pg_catalog.<>) ''::text AND chain OPERATOR(pg_catalog.=) pg_catalog.btrim(chain)),
	step		integer NOT NULL
		CONSTRAINT timescale_chain_step_positive CHECK (step OPERATOR(pg_catalog.>=) 1),
	timescale	text NOT NULL REFERENCES socialcare.timescale (code) ON UPDATE CASCADE,
	after_months integer
		CONSTRAINT timescale_chain_after_positive CHECK (after_months OPERATOR(pg_catalog.>) 0),
	description text,
	shipped		boolean NOT NULL DEFAULT false,
	owner		pg_catalog.regrole DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole,
	PRIMARY KEY (chain, step),
	CONSTRAINT timescale_chain_owner_set CHECK (shipped OR owner IS NOT NULL)
);

COMMENT ON TABLE socialcare.timescale_chain IS
'Chains of reviews or visits: event 1 is due within step 1''s timescale of the episode start, event k within step k''s of event k - 1, the last step repeating. A step with after_months replaces the repeating step once the previous event is that many months after the episode start (visits after the first year of a placement).';
COMMENT ON COLUMN socialcare.timescale_chain.step IS 'Steps without after_months are numbered 1, 2, 3, ...; a step with after_months is numbered after them';
COMMENT ON COLUMN socialcare.timescale_chain.timescale IS 'The timescale code of the step (not in hours)';
COMMENT ON COLUMN socialcare.timescale_chain.after_months IS 'NULL for an ordinary step; M: the step applies from the second event on once the previous event is M months or more after the episode start';
COMMENT ON COLUMN socialcare.timescale_chain.shipped IS 'true for rows shipped with socialcare (read-only)';
COMMENT ON COLUMN socialcare.timescale_chain.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows. All steps of a chain have one owner, and use shipped timescales or that owner''s';

SELECT pg_catalog.pg_extension_config_dump('socialcare.timescale', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('socialcare.timescale_chain', 'WHERE NOT shipped');

GRANT SELECT, INSERT, UPDATE, DELETE ON socialcare.timescale, socialcare.timescale_chain TO PUBLIC;
