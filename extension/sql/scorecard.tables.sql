-- socialcare, area scorecard: the RAG type and the KPI catalogue tables.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

CREATE TYPE socialcare.rag AS ENUM ('red', 'amber', 'green');
COMMENT ON TYPE socialcare.rag IS
'RAG status, ordered red < amber < green: min(rag) is the worst status of a group, max(rag) the best';

-- The KPI catalogue: user data, kept by pg_dump.  Readable by everyone;
-- a KPI, its comparators, targets and values can be changed only by members of
-- the KPI's owner role (as socialcare.calendar).
CREATE TABLE socialcare.kpi (
	code		text PRIMARY KEY
		CONSTRAINT kpi_code_trimmed CHECK (code OPERATOR(pg_catalog.<>) ''::text AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	title		text NOT NULL,
	service_area text,
	unit		text NOT NULL DEFAULT 'percent'
		CONSTRAINT kpi_unit_known CHECK (unit OPERATOR(pg_catalog.=) ANY ('{percent,rate,count,number}'::text[])),
	decimals	integer NOT NULL DEFAULT 1
		CONSTRAINT kpi_decimals_range CHECK (decimals OPERATOR(pg_catalog.>=) 0 AND decimals OPERATOR(pg_catalog.<=) 6),
	frequency	text NOT NULL DEFAULT 'monthly'
		CONSTRAINT kpi_frequency_known CHECK (frequency OPERATOR(pg_catalog.=) ANY ('{monthly,as at month end,cumulative,rolling 12 months}'::text[])),
	polarity	text NOT NULL
		CONSTRAINT kpi_polarity_known CHECK (polarity OPERATOR(pg_catalog.=) ANY ('{high,low}'::text[])),
	target		numeric
		CONSTRAINT kpi_target_finite CHECK (target OPERATOR(pg_catalog.>) '-Infinity'::numeric AND target OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	tolerance	numeric NOT NULL DEFAULT 0
		CONSTRAINT kpi_tolerance_not_negative CHECK (tolerance OPERATOR(pg_catalog.>=) 0::numeric AND tolerance OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	sort_order	integer,
	description text,
	owner		pg_catalog.regrole NOT NULL DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole
);
COMMENT ON TABLE socialcare.kpi IS
'KPI catalogue: one row per indicator, with its polarity, target and tolerance; its comparators are in socialcare.kpi_comparator, targets by period in socialcare.kpi_target and monthly values in socialcare.kpi_value. Readable by everyone; a KPI and its rows can be changed only by members of its owner role';
COMMENT ON COLUMN socialcare.kpi.code IS 'Short code, such as ''PI3'': the key kpi_value and kpi_comparator refer to';
COMMENT ON COLUMN socialcare.kpi.title IS 'Description shown on the scorecard';
COMMENT ON COLUMN socialcare.kpi.service_area IS 'Service area, such as ''Front Door'' or ''Child Protection''';
COMMENT ON COLUMN socialcare.kpi.unit IS '''percent'' (shown with %; values 0 to 100), ''rate'' (per 10,000; 0 or more), ''count'' (whole, 0 or more) or ''number'' (an average, a ratio): any case, and ''percentage'', are stored as these';
COMMENT ON COLUMN socialcare.kpi.decimals IS 'Decimals shown on the wide scorecard (values are kept exact); the scorecard''s arrows compare values at this precision by default';
COMMENT ON COLUMN socialcare.kpi.frequency IS '''monthly'' (in-month flow), ''as at month end'' (snapshot), ''cumulative'' (financial year to date) or ''rolling 12 months'': any case (the seed''s ''As at Month End'') is stored as these';
COMMENT ON COLUMN socialcare.kpi.polarity IS 'Which way is better: ''high'' or ''low'' (the seed''s "Better Performance"; ''High'', any case, is stored as ''high'')';
COMMENT ON COLUMN socialcare.kpi.target IS 'Target: green at or beyond it; NULL for no RAG status. socialcare.kpi_target overrides it by period';
COMMENT ON COLUMN socialcare.kpi.tolerance IS 'Width of the amber band short of the target, in the value''s unit (0: no amber)';
COMMENT ON COLUMN socialcare.kpi.sort_order IS 'Order on the scorecard (then code)';
COMMENT ON COLUMN socialcare.kpi.owner IS 'Role whose members may change this KPI, its comparators, targets and values (and the extension''s owner); by default the role that added it';

CREATE TABLE socialcare.kpi_comparator (
	kpi			text NOT NULL REFERENCES socialcare.kpi (code) ON UPDATE CASCADE ON DELETE CASCADE,
	comparator	text NOT NULL
		CONSTRAINT kpi_comparator_known CHECK (comparator OPERATOR(pg_catalog.=) ANY ('{statistical neighbours,england,region}'::text[])),
	valid_from	date NOT NULL,
	value		numeric NOT NULL
		CONSTRAINT kpi_comparator_value_finite CHECK (value OPERATOR(pg_catalog.>) '-Infinity'::numeric AND value OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	label		text,
	source		text,
	PRIMARY KEY (kpi, comparator, valid_from)
);
COMMENT ON TABLE socialcare.kpi_comparator IS
'Comparator averages of a KPI by period: a value applies to the months from valid_from until a later valid_from of the same comparator';
COMMENT ON COLUMN socialcare.kpi_comparator.comparator IS '''statistical neighbours'', ''england'' or ''region'' (any case; ''SN'' is stored as ''statistical neighbours'')';
COMMENT ON COLUMN socialcare.kpi_comparator.valid_from IS 'First day the value applies to (usually when it was published)';
COMMENT ON COLUMN socialcare.kpi_comparator.label IS 'Name shown, such as ''West Midlands'' for a region';
COMMENT ON COLUMN socialcare.kpi_comparator.source IS 'Where the value comes from, such as ''CIN census 2017-18''';

CREATE TABLE socialcare.kpi_value (
	kpi			text NOT NULL REFERENCES socialcare.kpi (code) ON UPDATE CASCADE ON DELETE CASCADE,
	month		date NOT NULL
		CONSTRAINT kpi_value_month_is_month_end
			CHECK (pg_catalog.isfinite(month)
				   AND month OPERATOR(pg_catalog.=)
					   (pg_catalog.date_trunc('month'::text, month::timestamp without time zone)
						OPERATOR(pg_catalog.+) '1 mon -1 days'::interval)::date),
	value		numeric
		CONSTRAINT kpi_value_finite CHECK (value OPERATOR(pg_catalog.>) '-Infinity'::numeric AND value OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	numerator	numeric
		CONSTRAINT kpi_value_numerator_valid CHECK (numerator OPERATOR(pg_catalog.>=) 0::numeric AND numerator OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	denominator numeric
		CONSTRAINT kpi_value_denominator_valid CHECK (denominator OPERATOR(pg_catalog.>=) 0::numeric AND denominator OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	PRIMARY KEY (kpi, month)
);
COMMENT ON TABLE socialcare.kpi_value IS
'Monthly values of a KPI, one row per KPI and month end: fill from a query with INSERT ... SELECT ... ON CONFLICT (kpi, month) DO UPDATE';
COMMENT ON COLUMN socialcare.kpi_value.month IS 'Last day of the month the value is for (socialcare.month_ends gives them)';
COMMENT ON COLUMN socialcare.kpi_value.value IS 'The value as reported, checked against the KPI''s unit when written (a percentage as 0 to 100, 100 * numerator / denominator when both are given; a rate 0 or more; a count whole and 0 or more); NULL for a missing month, shown as a gap';
COMMENT ON COLUMN socialcare.kpi_value.numerator IS 'Count behind the value, for the record and for suppression (optional)';
COMMENT ON COLUMN socialcare.kpi_value.denominator IS 'Count or population the value is out of (optional)';

CREATE TABLE socialcare.kpi_target (
	kpi			text NOT NULL REFERENCES socialcare.kpi (code) ON UPDATE CASCADE ON DELETE CASCADE,
	valid_from	date NOT NULL,
	target		numeric NOT NULL
		CONSTRAINT kpi_target_finite CHECK (target OPERATOR(pg_catalog.>) '-Infinity'::numeric AND target OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	tolerance	numeric NOT NULL DEFAULT 0
		CONSTRAINT kpi_target_tolerance_not_negative CHECK (tolerance OPERATOR(pg_catalog.>=) 0::numeric AND tolerance OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	PRIMARY KEY (kpi, valid_from)
);
COMMENT ON TABLE socialcare.kpi_target IS
'Targets of a KPI by period, such as one per financial year: a target and tolerance apply to the months from valid_from until a later valid_from; before the first, socialcare.kpi.target and tolerance apply';
COMMENT ON COLUMN socialcare.kpi_target.valid_from IS 'First day the target applies to, such as 1 April';
COMMENT ON COLUMN socialcare.kpi_target.tolerance IS 'Width of the amber band short of the target, in the value''s unit (0: no amber)';

SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi_target', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi_comparator', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi_value', '');

GRANT SELECT, INSERT, UPDATE, DELETE
	ON socialcare.kpi, socialcare.kpi_comparator, socialcare.kpi_value, socialcare.kpi_target TO PUBLIC;
