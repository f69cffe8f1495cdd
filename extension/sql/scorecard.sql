-- socialcare, area scorecard: RAG, direction of travel, sparklines,
-- previous values and the scorecard.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- Targets and the monthly scorecard: RAG status, direction of travel,
-- sparklines, the KPI catalogue and the scorecard in long and wide form
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.rag(value numeric, green_at numeric, red_beyond numeric,
		polarity text DEFAULT NULL)
	RETURNS socialcare.rag
	AS 'MODULE_PATHNAME', 'sc_rag'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rag(numeric, numeric, numeric, text) IS
'RAG status against thresholds: green at or beyond green_at, red strictly beyond red_beyond, amber between. Which way is better is implied by their order (green_at above red_beyond: high is better) or given as polarity ''high''/''low'' (then checked against the order; equal thresholds need it). NULL value or threshold gives NULL';

CREATE OR REPLACE FUNCTION socialcare.rag_target(value numeric, target numeric, tolerance numeric, polarity text)
	RETURNS socialcare.rag
	AS 'MODULE_PATHNAME', 'sc_rag_target'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rag_target(numeric, numeric, numeric, text) IS
'RAG status against a target: green at or beyond the target (at or above for polarity ''high'', at or below for ''low''), amber up to tolerance short of it (the boundary included; tolerance in the value''s unit, 0 for none), red beyond. NULL value, target or tolerance gives NULL; polarity is required';

CREATE OR REPLACE FUNCTION socialcare.direction(value numeric, baseline numeric, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_direction'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.direction(numeric, numeric, integer, numeric) IS
'Raw direction from baseline to value: ''up'', ''down'' or ''no change'', whatever is better. Both are first rounded to places decimals (half away from zero; default 0, whole numbers, which reproduces the seed''s arrows; NULL compares exactly), then a difference of at most equal_within (default 0) is no change. NULL value or baseline gives NULL';

CREATE OR REPLACE FUNCTION socialcare.direction_arrow(value numeric, baseline numeric, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_direction_arrow'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.direction_arrow(numeric, numeric, integer, numeric) IS
'direction() drawn as the seed''s arrows: ▲ up, ▼ down, ◄ no change';

CREATE OR REPLACE FUNCTION socialcare.direction_of_travel(value numeric, baseline numeric, polarity text,
		places integer DEFAULT 0, equal_within numeric DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_direction_of_travel'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.direction_of_travel(numeric, numeric, text, integer, numeric) IS
'Direction read with polarity: ''improving'', ''worsening'' or ''no change'' (up is improving when polarity is ''high''); rounding and equal_within as in direction(). NULL value or baseline gives NULL';

CREATE OR REPLACE FUNCTION socialcare.change_pp(value numeric, baseline numeric)
	RETURNS numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN value OPERATOR(pg_catalog.-) baseline;
COMMENT ON FUNCTION socialcare.change_pp(numeric, numeric) IS
'Change from baseline to value in the value''s own unit: percentage points for percentages (75.4% to 66.6% is -8.8). Compare change_relative';

CREATE OR REPLACE FUNCTION socialcare.change_relative(value numeric, baseline numeric)
	RETURNS numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.trim_scale(100::numeric OPERATOR(pg_catalog.*) (value OPERATOR(pg_catalog.-) baseline)
		OPERATOR(pg_catalog./) CASE WHEN baseline OPERATOR(pg_catalog.<>) 0::numeric THEN baseline END);
COMMENT ON FUNCTION socialcare.change_relative(numeric, numeric) IS
'Relative change from baseline to value, in percent of the baseline (75.4 to 66.6 is -11.67...%); NULL when the baseline is 0. Round it for display';

-- sparkline(value ORDER BY month): a plain numeric[] state (sparkline_accum,
-- array_append without its need of the calling expression, so that Citus's
-- wrappers can call it), combined by sparkline_combine (array_cat over the
-- plain state type); with ORDER BY PostgreSQL never runs it in parallel.
CREATE OR REPLACE FUNCTION socialcare.sparkline_final(numeric[]) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_sparkline_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_final(numeric[]) IS 'Final function of sparkline (internal)';

CREATE OR REPLACE FUNCTION socialcare.sparkline_retract(state numeric[], value numeric) RETURNS numeric[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN state[2:];
COMMENT ON FUNCTION socialcare.sparkline_retract(numeric[], numeric) IS
'Inverse transition function of sparkline for moving windows: drops the oldest value (internal)';

CREATE OR REPLACE FUNCTION socialcare.sparkline_accum(state numeric[], value numeric) RETURNS numeric[]
	AS 'MODULE_PATHNAME', 'sc_sparkline_accum_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_accum(numeric[], numeric) IS
'Transition function of sparkline: appends the value, NULL as a gap (internal)';

CREATE OR REPLACE FUNCTION socialcare.sparkline_combine(state numeric[], other numeric[]) RETURNS numeric[]
	AS 'MODULE_PATHNAME', 'sc_sparkline_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_combine(numeric[], numeric[]) IS
'Combine function of sparkline for partial aggregation: the values of state, then those of other (internal)';

CREATE OR REPLACE AGGREGATE socialcare.sparkline(value numeric) (
	SFUNC = socialcare.sparkline_accum,
	STYPE = numeric[],
	COMBINEFUNC = socialcare.sparkline_combine,
	FINALFUNC = socialcare.sparkline_final,
	MSFUNC = socialcare.sparkline_accum,
	MINVFUNC = socialcare.sparkline_retract,
	MSTYPE = numeric[],
	MFINALFUNC = socialcare.sparkline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.sparkline(numeric) IS
'Sparkline of a series for terminals and tooltips: sparkline(value ORDER BY month) gives one bar ▁ to █ a value, scaled from the smallest to the largest, a space for NULL (a gap); a flat series is ▄▄▄; NULL when no value is non-NULL. Works as a moving window; with ORDER BY it is never run in parallel';

CREATE OR REPLACE FUNCTION socialcare.sparkline_final(float8[]) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_sparkline_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_final(float8[]) IS 'Final function of sparkline(double precision) (internal)';

CREATE OR REPLACE FUNCTION socialcare.sparkline_retract(state float8[], value float8) RETURNS float8[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN state[2:];
COMMENT ON FUNCTION socialcare.sparkline_retract(float8[], float8) IS
'Inverse transition function of sparkline(double precision) for moving windows (internal)';

CREATE OR REPLACE FUNCTION socialcare.sparkline_accum(state float8[], value float8) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sc_sparkline_accum_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_accum(float8[], float8) IS
'Transition function of sparkline(double precision): appends the value, NULL as a gap (internal)';

CREATE OR REPLACE FUNCTION socialcare.sparkline_combine(state float8[], other float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sc_sparkline_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_combine(float8[], float8[]) IS
'Combine function of sparkline(double precision) for partial aggregation: the values of state, then those of other (internal)';

CREATE OR REPLACE AGGREGATE socialcare.sparkline(value float8) (
	SFUNC = socialcare.sparkline_accum,
	STYPE = float8[],
	COMBINEFUNC = socialcare.sparkline_combine,
	FINALFUNC = socialcare.sparkline_final,
	MSFUNC = socialcare.sparkline_accum,
	MINVFUNC = socialcare.sparkline_retract,
	MSTYPE = float8[],
	MFINALFUNC = socialcare.sparkline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.sparkline(float8) IS
'Sparkline of a double precision series: as sparkline(numeric); integers use this one';

-- previous_value / previous_average: lag() and a ROWS frame by calendar
-- month, for series in users' own tables (a missing month gives NULL).
CREATE OR REPLACE FUNCTION socialcare.previous_value(value numeric, month date, months_back integer DEFAULT 1)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_value'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_value(numeric, date, integer) IS
'Window function, OVER (PARTITION BY kpi ORDER BY month), one row a month: the value of the calendar month months_back (1) before this row''s; NULL when that month has no row or no value (where lag() would silently take an older month)';

CREATE OR REPLACE FUNCTION socialcare.previous_average(value numeric, month date, months integer DEFAULT 3)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_average'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_average(numeric, date, integer) IS
'Window function, OVER (PARTITION BY kpi ORDER BY month), one row a month: the mean of the values of the months (3) calendar months before this row''s, the seed''s "previous three month average"; NULL unless every one of them has a value';

-- The precision the scorecard's arrows compare at.
CREATE OR REPLACE FUNCTION socialcare.compared_at(compare_at text, places integer, decimals integer)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_compared_at'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.compared_at(text, integer, integer) IS
'The decimals the scorecard''s arrows compare a KPI''s values at: places when not NULL; else by compare_at, ''display'' the KPI''s decimals, ''whole'' 0 (the seed''s rule), ''exact'' NULL (not rounded). An unknown or NULL compare_at is an error';

-- The KPI catalogue's checks (socialcare.kpi_validate(), a trigger).
CREATE OR REPLACE FUNCTION socialcare.kpi_value_problem(unit text, decimals integer, value numeric,
		numerator numeric, denominator numeric)
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE
		-- NaN and infinities: the tables' CHECK constraints name them
		WHEN NOT (COALESCE(value, 0::numeric) OPERATOR(pg_catalog.>) '-Infinity'::numeric
				  AND COALESCE(value, 0::numeric) OPERATOR(pg_catalog.<) 'Infinity'::numeric
				  AND COALESCE(numerator, 0::numeric) OPERATOR(pg_catalog.>) '-Infinity'::numeric
				  AND COALESCE(numerator, 0::numeric) OPERATOR(pg_catalog.<) 'Infinity'::numeric
				  AND COALESCE(denominator, 0::numeric) OPERATOR(pg_catalog.>) '-Infinity'::numeric
				  AND COALESCE(denominator, 0::numeric) OPERATOR(pg_catalog.<) 'Infinity'::numeric) THEN NULL
		WHEN unit OPERATOR(pg_catalog.=) 'percent' AND value OPERATOR(pg_catalog.>) 100::numeric THEN 'above 100'
		WHEN unit OPERATOR(pg_catalog.=) ANY ('{percent,rate,count}'::text[]) AND value OPERATOR(pg_catalog.<) 0::numeric THEN 'below 0'
		WHEN unit OPERATOR(pg_catalog.=) 'count' AND value OPERATOR(pg_catalog.<>) pg_catalog.trunc(value) THEN 'not whole'
		WHEN unit OPERATOR(pg_catalog.=) 'percent' AND numerator OPERATOR(pg_catalog.>) denominator THEN 'numerator above denominator'
		WHEN unit OPERATOR(pg_catalog.=) 'percent' AND value IS NOT NULL AND denominator OPERATOR(pg_catalog.=) 0::numeric THEN 'denominator 0'
		-- |value - 100 n / d| <= half a unit of the last decimal shown, times d
		WHEN unit OPERATOR(pg_catalog.=) 'percent'
			 AND pg_catalog.abs((value OPERATOR(pg_catalog.*) denominator)
								OPERATOR(pg_catalog.-) (100::numeric OPERATOR(pg_catalog.*) numerator))
				 OPERATOR(pg_catalog.>) ((0.5::numeric OPERATOR(pg_catalog.*) denominator)
					 OPERATOR(pg_catalog./) pg_catalog.power(10::numeric, LEAST(decimals, pg_catalog.scale(value))::numeric))
			THEN 'inconsistent'
	END;
COMMENT ON FUNCTION socialcare.kpi_value_problem(text, integer, numeric, numeric, numeric) IS
'Why a value of a KPI of this unit and decimals cannot be stored, or NULL when it can (what the trigger on socialcare.kpi_value checks): ''above 100'' or ''below 0'' for a percentage, ''below 0'' for a rate or count, ''not whole'' for a count, ''numerator above denominator'' and ''denominator 0'' (a value given) for a percentage, and ''inconsistent'' for a percentage further from 100 * numerator / denominator than half a unit of its last decimal shown (the KPI''s decimals, or the value''s own if fewer). Unit ''number'' takes any finite value; NaN and infinities are left to the tables'' constraints';

CREATE OR REPLACE FUNCTION socialcare.kpi_validate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_kpi_validate'
	LANGUAGE C;
COMMENT ON FUNCTION socialcare.kpi_validate() IS
'Trigger validate on socialcare.kpi, kpi_comparator and kpi_value (internal): stores unit, frequency, polarity and comparator in their one form (any case: ''High'' is ''high''), checks a value written against its KPI''s unit (kpi_value_problem), and refuses a KPI''s new unit or decimals while one of its values does not fit them';

-- The scorecard, long form: one row per KPI and month, for BI tools.  The
-- months before the window are read too, for the first months' baselines.
CREATE OR REPLACE FUNCTION socialcare.scorecard(as_at date, months integer DEFAULT 12, places integer DEFAULT NULL,
		equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, compare_at text DEFAULT 'display')
	RETURNS TABLE (kpi text, title text, service_area text, frequency text, unit text,
		polarity text, sort_order integer, month date, month_label text, is_latest boolean,
		value numeric, numerator numeric, denominator numeric,
		target numeric, tolerance numeric, rag socialcare.rag,
		previous_value numeric, change numeric, change_direction text, change_travel text,
		previous_average numeric, average_direction text, average_travel text,
		statistical_neighbours numeric, england numeric, region numeric, region_name text,
		vs_statistical_neighbours text, vs_england text, vs_region text,
		sparkline text, compared_at integer)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		WITH span AS (
			SELECT n.n, pg_catalog.date_trunc('month', socialcare.checked_as_at(as_at, n.n)) AS first_day
			FROM (SELECT socialcare.checked_months(months, 'months')
						 OPERATOR(pg_catalog.+) socialcare.checked_months(average_months, 'average_months') AS n) AS n
		), win AS (
			-- month_ends, not generate_series: its row estimate (24) keeps
			-- the plan small, and JIT off, when as_at is not a constant
			SELECT w.month, (w.ord OPERATOR(pg_catalog.-) span.n)::integer AS k
			FROM span, socialcare.month_ends(
					(span.first_day OPERATOR(pg_catalog.-) pg_catalog.make_interval(months => span.n OPERATOR(pg_catalog.-) 1))::date,
					(span.first_day OPERATOR(pg_catalog.+) interval '1 month - 1 day')::date)
				WITH ORDINALITY AS w (month, ord)
		), series AS (
			SELECT c.code, w.month, w.k, v.value, v.numerator, v.denominator
			FROM socialcare.kpi c CROSS JOIN win w
			LEFT JOIN socialcare.kpi_value v
				ON v.kpi OPERATOR(pg_catalog.=) c.code AND v.month OPERATOR(pg_catalog.=) w.month
		), trend AS (
			SELECT s.code, s.month, s.k, s.value, s.numerator, s.denominator,
				   pg_catalog.lag(s.value) OVER byk AS previous_value,
				   CASE WHEN pg_catalog.count(s.value) OVER before OPERATOR(pg_catalog.=) average_months
						THEN pg_catalog.trim_scale(pg_catalog.avg(s.value) OVER before) END AS previous_average
			FROM series s
			WINDOW byk AS (PARTITION BY s.code ORDER BY s.month),
				   -- checked here too: the executor reads the offset even with no rows
				   before AS (byk ROWS BETWEEN socialcare.checked_months(average_months, 'average_months')
							  PRECEDING AND 1 PRECEDING)
		), shown AS (
			SELECT t.*, socialcare.sparkline(t.value) OVER (PARTITION BY t.code ORDER BY t.month
					ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS sparkline
			FROM trend t
			WHERE t.k OPERATOR(pg_catalog.>) OPERATOR(pg_catalog.-) socialcare.checked_months(months, 'months')
		)
		SELECT c.code, c.title, c.service_area, c.frequency, c.unit, c.polarity, c.sort_order,
			   s.month, pg_catalog.to_char(s.month, 'Mon-YY'), s.k OPERATOR(pg_catalog.=) 0,
			   s.value, s.numerator, s.denominator, tg.target, tg.tolerance,
			   socialcare.rag_target(s.value, tg.target, tg.tolerance, c.polarity),
			   s.previous_value, socialcare.change_pp(s.value, s.previous_value),
			   socialcare.direction(s.value, s.previous_value, cp.places, equal_within),
			   socialcare.direction_of_travel(s.value, s.previous_value, c.polarity, cp.places, equal_within),
			   s.previous_average,
			   socialcare.direction(s.value, s.previous_average, cp.places, equal_within),
			   socialcare.direction_of_travel(s.value, s.previous_average, c.polarity, cp.places, equal_within),
			   cmp.sn, cmp.england, cmp.region, cmp.region_name,
			   socialcare.direction(s.value, cmp.sn, cp.places, equal_within),
			   socialcare.direction(s.value, cmp.england, cp.places, equal_within),
			   socialcare.direction(s.value, cmp.region, cp.places, equal_within),
			   s.sparkline, cp.places
		FROM shown s
		JOIN socialcare.kpi c ON c.code OPERATOR(pg_catalog.=) s.code
		-- the precision the arrows compare at: compare_at, or places when given
		CROSS JOIN LATERAL (SELECT socialcare.compared_at(compare_at, places, c.decimals) AS places) AS cp
		LEFT JOIN LATERAL (
			SELECT pg_catalog.max(l.value) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'statistical neighbours') AS sn,
				   pg_catalog.max(l.value) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'england') AS england,
				   pg_catalog.max(l.value) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'region') AS region,
				   pg_catalog.max(l.label) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'region') AS region_name
			FROM (SELECT DISTINCT ON (cp.comparator) cp.comparator, cp.value, cp.label
				  FROM socialcare.kpi_comparator cp
				  WHERE cp.kpi OPERATOR(pg_catalog.=) s.code AND cp.valid_from OPERATOR(pg_catalog.<=) s.month
				  ORDER BY cp.comparator, cp.valid_from DESC) AS l
		) AS cmp ON true
		-- the target in force that month, or the KPI's own
		CROSS JOIN LATERAL (
			SELECT COALESCE(p.target, c.target) AS target,
				   COALESCE(p.tolerance, c.tolerance) AS tolerance
			FROM (SELECT NULL::integer) AS one
			LEFT JOIN (SELECT t.target, t.tolerance FROM socialcare.kpi_target t
					   WHERE t.kpi OPERATOR(pg_catalog.=) s.code AND t.valid_from OPERATOR(pg_catalog.<=) s.month
					   ORDER BY t.valid_from DESC LIMIT 1) AS p ON true
		) AS tg
		ORDER BY c.sort_order NULLS LAST, c.code, s.month;
	END;
COMMENT ON FUNCTION socialcare.scorecard(date, integer, integer, numeric, integer, text) IS
'The monthly scorecard in long form, one row per KPI and month for the months months up to the month of as_at (is_latest marks that month): value, RAG against the KPI''s target, change from the previous month and direction against it and against the average of the average_months before (3), the comparators in force that month and the direction against each, and the KPI''s sparkline. Directions compare values rounded as compare_at says: ''display'' (the default) to the KPI''s decimals shown, ''whole'' to whole numbers (the seed''s rule), ''exact'' not rounded; places, when not NULL, to that many decimals for every KPI; compared_at gives the decimals used (NULL: exact); no change within equal_within. A NULL as_at gives no rows (kpi_scorecard on an empty catalogue); NULL or out-of-range months or average_months, an unknown compare_at, and an as_at too early or late for the months it needs, are errors naming them';

-- The scorecard as the seed lays it out: one row per KPI, the months as arrays.
CREATE OR REPLACE FUNCTION socialcare.scorecard_wide(as_at date, months integer DEFAULT 12, places integer DEFAULT NULL,
		equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, compare_at text DEFAULT 'display')
	RETURNS TABLE (kpi text, title text, frequency text, service_area text, better_performance text,
		statistical_neighbours numeric, england numeric, region numeric, region_name text,
		month_labels text[], "values" numeric[], shown text[],
		change_arrow text, average_arrow text,
		vs_statistical_neighbours_arrow text, vs_england_arrow text, vs_region_arrow text,
		rag socialcare.rag, sparkline text, compared_at integer)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT s.kpi, pg_catalog.min(s.title), pg_catalog.min(s.frequency), pg_catalog.min(s.service_area),
			   pg_catalog.initcap(pg_catalog.min(s.polarity)),
			   pg_catalog.max(s.statistical_neighbours) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.england) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.region) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.region_name) FILTER (WHERE s.is_latest),
			   pg_catalog.array_agg(s.month_label ORDER BY s.month),
			   pg_catalog.array_agg(s.value ORDER BY s.month),
			   pg_catalog.array_agg(pg_catalog.round(s.value, k.decimals)::text
									OPERATOR(pg_catalog.||) CASE WHEN k.unit OPERATOR(pg_catalog.=) 'percent' THEN '%' ELSE '' END
									ORDER BY s.month),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.previous_value, s.compared_at, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.previous_average, s.compared_at, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.statistical_neighbours, s.compared_at, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.england, s.compared_at, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.region, s.compared_at, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.rag) FILTER (WHERE s.is_latest),
			   pg_catalog.min(s.sparkline), pg_catalog.min(s.compared_at)
		FROM socialcare.scorecard(as_at, months, places, equal_within, average_months, compare_at) AS s
		JOIN socialcare.kpi k ON k.code OPERATOR(pg_catalog.=) s.kpi
		GROUP BY s.kpi, s.sort_order
		ORDER BY s.sort_order NULLS LAST, s.kpi;
	END;
COMMENT ON FUNCTION socialcare.scorecard_wide(date, integer, integer, numeric, integer, text) IS
'The monthly scorecard in the seed''s layout, one row per KPI: title, frequency, service area, better performance, the comparators, the months'' labels, values and values as shown (KPI decimals, % for percentages), arrows for the latest month (▲ ▼ ◄ against the previous month, the previous average_months'' average and each comparator; NULL where there is nothing to compare), its RAG status, the sparkline and the decimals the arrows compared at (compared_at; NULL: exact). Arguments as scorecard(): by default the arrows compare values as shown, at the KPI''s decimals; compare_at => ''whole'' is the seed''s rule';

-- The scorecard as text for people: the seed's table, aligned, one line a KPI.
CREATE OR REPLACE FUNCTION socialcare.scorecard_text(as_at date, months integer DEFAULT 12, places integer DEFAULT NULL,
		equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, title_width integer DEFAULT 40,
		compare_at text DEFAULT 'display')
	RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		WITH w AS (
			SELECT pg_catalog.row_number() OVER (ORDER BY k.sort_order NULLS LAST, x.kpi) AS r, x.*
			FROM socialcare.scorecard_wide(as_at, months, places, equal_within, average_months, compare_at) AS x
			JOIN socialcare.kpi k ON k.code OPERATOR(pg_catalog.=) x.kpi
		), cell AS (
			-- (row, column, text, right-aligned); row 0 is the header
			SELECT 0::bigint AS r, c.col, c.txt, c.num
			FROM (SELECT pg_catalog.max(w.region_name) AS region, pg_catalog.min(w.month_labels) AS labels FROM w) AS h,
				 LATERAL (VALUES (1, 'KPI', false), (2, 'Description', false), (3, 'Frequency', false),
								 (4, 'Service area', false), (5, 'Better', false), (6, 'SN', true),
								 (7, 'England', true), (8, COALESCE(h.region, 'Region'), true),
								 (1001, 'Chg', false), (1002, pg_catalog.concat(average_months, 'm avg'), false),
								 (1003, 'vs SN', false), (1004, 'vs Eng', false), (1005, 'vs Reg', false),
								 (1006, 'RAG', false), (1007, 'Trend', false)) AS c (col, txt, num)
			UNION ALL
			SELECT 0, 8 OPERATOR(pg_catalog.+) l.i::integer, l.label, true
			FROM (SELECT pg_catalog.min(w.month_labels) AS labels FROM w) AS h,
				 pg_catalog.unnest(h.labels) WITH ORDINALITY AS l (label, i)
			UNION ALL
			SELECT w.r, c.col, COALESCE(c.txt, 'N/A'), c.num
			FROM w, LATERAL (VALUES
				(1, w.kpi, false),
				(2, CASE WHEN title_width IS NULL
							   OR pg_catalog.char_length(w.title) OPERATOR(pg_catalog.<=) GREATEST(title_width, 10)
						 THEN w.title
						 ELSE pg_catalog.left(w.title, GREATEST(title_width, 10) OPERATOR(pg_catalog.-) 1)
							  OPERATOR(pg_catalog.||) '…' END, false),
				(3, w.frequency, false), (4, COALESCE(w.service_area, ''), false), (5, w.better_performance, false),
				(6, w.statistical_neighbours::text, true), (7, w.england::text, true), (8, w.region::text, true),
				(1001, w.change_arrow, false), (1002, w.average_arrow, false),
				(1003, w.vs_statistical_neighbours_arrow, false), (1004, w.vs_england_arrow, false),
				(1005, w.vs_region_arrow, false), (1006, COALESCE(w.rag::text, ''), false),
				(1007, COALESCE(w.sparkline, ''), false)) AS c (col, txt, num)
			UNION ALL
			SELECT w.r, 8 OPERATOR(pg_catalog.+) v.i::integer, COALESCE(v.shown, ''), true
			FROM w, pg_catalog.unnest(w.shown) WITH ORDINALITY AS v (shown, i)
		), sized AS (
			SELECT cell.*, pg_catalog.max(pg_catalog.char_length(cell.txt)) OVER (PARTITION BY cell.col) AS width
			FROM cell
		), line AS (
			SELECT s.r, pg_catalog.rtrim(pg_catalog.string_agg(
					CASE WHEN s.num THEN pg_catalog.lpad(s.txt, s.width::integer) ELSE pg_catalog.rpad(s.txt, s.width::integer) END,
					'  ' ORDER BY s.col)) AS txt,
				   pg_catalog.sum(s.width) OPERATOR(pg_catalog.+) (2 OPERATOR(pg_catalog.*) (pg_catalog.count(*) OPERATOR(pg_catalog.-) 1)) AS total
			FROM sized s GROUP BY s.r
		)
		SELECT l.txt FROM (
			SELECT line.r::numeric AS r, line.txt FROM line
			UNION ALL
			SELECT 0.5, pg_catalog.repeat('-', line.total::integer) FROM line WHERE line.r OPERATOR(pg_catalog.=) 0
			UNION ALL
			-- the legend: the precision the arrows compare at
			SELECT 'NaN'::numeric,  -- last: NaN sorts after every number
				   CASE WHEN places IS NOT NULL AND socialcare.compared_at(compare_at, places, 1) IS NOT NULL
						THEN pg_catalog.format('Arrows compare values rounded to %s decimals (places => %s).', places, places)
						ELSE CASE socialcare.compared_at(compare_at, NULL::integer, 1)
								 WHEN 1 THEN 'Arrows compare values as shown, rounded to each KPI''s decimals (compare_at => ''display'').'
								 WHEN 0 THEN 'Arrows compare values rounded to whole numbers, the seed''s rule (compare_at => ''whole'').'
								 ELSE 'Arrows compare values exactly (compare_at => ''exact'').' END END
			FROM line WHERE line.r OPERATOR(pg_catalog.=) 0
		) AS l
		ORDER BY l.r;
	END;
COMMENT ON FUNCTION socialcare.scorecard_text(date, integer, integer, numeric, integer, integer, text) IS
'The monthly scorecard as aligned text, one line a KPI under a header, as the seed lays it out (titles cut to title_width characters, at least 10; NULL: whole), and a last line saying the precision the arrows compare at: for terminals, e-mails and reports. N/A where there is nothing to compare. Other arguments as scorecard(): by default the arrows compare values as shown, at each KPI''s decimals; compare_at => ''whole'' is the seed''s rule';

CREATE OR REPLACE VIEW socialcare.kpi_scorecard AS
	SELECT s.*
	FROM socialcare.scorecard((SELECT pg_catalog.max(v.month) FROM socialcare.kpi_value v)) AS s;
COMMENT ON VIEW socialcare.kpi_scorecard IS
'scorecard() for the 12 months up to the latest month with a value, with its defaults: for reporting tools that read views';
GRANT SELECT ON socialcare.kpi_scorecard TO PUBLIC;

--------------------------------------------------------------------------
-- Timestamp forms (issue 14): each function above that takes a date also
-- takes timestamp and timestamptz, by the day rule of README, Settings: a
-- timestamp counts as its calendar date (IMMUTABLE where the date form is),
-- a timestamptz as its calendar day in the session's TimeZone (STABLE).
-- Plain functions are SQL wrappers over the date form (qualified names
-- only, no SET: the scalar ones are inlined); window functions and
-- aggregates are C entry points of their own (sc_day_of, src/sql_util.c).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.previous_value(value numeric, month timestamp, months_back integer DEFAULT 1)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_value_ts'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_value(numeric, timestamp, integer) IS
'The timestamp form of previous_value(numeric, date, integer): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.previous_value(value numeric, month timestamptz, months_back integer DEFAULT 1)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_value_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_value(numeric, timestamptz, integer) IS
'The timestamptz form of previous_value(numeric, date, integer): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.previous_average(value numeric, month timestamp, months integer DEFAULT 3)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_average_ts'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_average(numeric, timestamp, integer) IS
'The timestamp form of previous_average(numeric, date, integer): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.previous_average(value numeric, month timestamptz, months integer DEFAULT 3)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_average_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_average(numeric, timestamptz, integer) IS
'The timestamptz form of previous_average(numeric, date, integer): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.scorecard(as_at timestamp, months integer DEFAULT 12, places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, compare_at text DEFAULT 'display')
	RETURNS TABLE(kpi text, title text, service_area text, frequency text, unit text, polarity text, sort_order integer, month date, month_label text, is_latest boolean, value numeric, numerator numeric, denominator numeric, target numeric, tolerance numeric, rag socialcare.rag, previous_value numeric, change numeric, change_direction text, change_travel text, previous_average numeric, average_direction text, average_travel text, statistical_neighbours numeric, england numeric, region numeric, region_name text, vs_statistical_neighbours text, vs_england text, vs_region text, sparkline text, compared_at integer)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard(CAST(as_at AS pg_catalog.date), months, places, equal_within, average_months, compare_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard(timestamp, integer, integer, numeric, integer, text) IS
'The timestamp form of scorecard(date, integer, integer, numeric, integer, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.scorecard(as_at timestamptz, months integer DEFAULT 12, places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, compare_at text DEFAULT 'display')
	RETURNS TABLE(kpi text, title text, service_area text, frequency text, unit text, polarity text, sort_order integer, month date, month_label text, is_latest boolean, value numeric, numerator numeric, denominator numeric, target numeric, tolerance numeric, rag socialcare.rag, previous_value numeric, change numeric, change_direction text, change_travel text, previous_average numeric, average_direction text, average_travel text, statistical_neighbours numeric, england numeric, region numeric, region_name text, vs_statistical_neighbours text, vs_england text, vs_region text, sparkline text, compared_at integer)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard(CAST(as_at AS pg_catalog.date), months, places, equal_within, average_months, compare_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard(timestamptz, integer, integer, numeric, integer, text) IS
'The timestamptz form of scorecard(date, integer, integer, numeric, integer, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.scorecard_wide(as_at timestamp, months integer DEFAULT 12, places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, compare_at text DEFAULT 'display')
	RETURNS TABLE(kpi text, title text, frequency text, service_area text, better_performance text, statistical_neighbours numeric, england numeric, region numeric, region_name text, month_labels text[], "values" numeric[], shown text[], change_arrow text, average_arrow text, vs_statistical_neighbours_arrow text, vs_england_arrow text, vs_region_arrow text, rag socialcare.rag, sparkline text, compared_at integer)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard_wide(CAST(as_at AS pg_catalog.date), months, places, equal_within, average_months, compare_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard_wide(timestamp, integer, integer, numeric, integer, text) IS
'The timestamp form of scorecard_wide(date, integer, integer, numeric, integer, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.scorecard_wide(as_at timestamptz, months integer DEFAULT 12, places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, compare_at text DEFAULT 'display')
	RETURNS TABLE(kpi text, title text, frequency text, service_area text, better_performance text, statistical_neighbours numeric, england numeric, region numeric, region_name text, month_labels text[], "values" numeric[], shown text[], change_arrow text, average_arrow text, vs_statistical_neighbours_arrow text, vs_england_arrow text, vs_region_arrow text, rag socialcare.rag, sparkline text, compared_at integer)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard_wide(CAST(as_at AS pg_catalog.date), months, places, equal_within, average_months, compare_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard_wide(timestamptz, integer, integer, numeric, integer, text) IS
'The timestamptz form of scorecard_wide(date, integer, integer, numeric, integer, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.scorecard_text(as_at timestamp, months integer DEFAULT 12, places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, title_width integer DEFAULT 40, compare_at text DEFAULT 'display')
	RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard_text(CAST(as_at AS pg_catalog.date), months, places, equal_within, average_months, title_width, compare_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard_text(timestamp, integer, integer, numeric, integer, integer, text) IS
'The timestamp form of scorecard_text(date, integer, integer, numeric, integer, integer, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.scorecard_text(as_at timestamptz, months integer DEFAULT 12, places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, title_width integer DEFAULT 40, compare_at text DEFAULT 'display')
	RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard_text(CAST(as_at AS pg_catalog.date), months, places, equal_within, average_months, title_width, compare_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard_text(timestamptz, integer, integer, numeric, integer, integer, text) IS
'The timestamptz form of scorecard_text(date, integer, integer, numeric, integer, integer, text): a timestamptz counts as its calendar day in the session''s TimeZone';
