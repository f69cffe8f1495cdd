-- socialcare, area spc: XmR statistical process control as NHS England's
-- Making Data Count reads it (doc/spc.md).  Re-runnable: CREATE OR
-- REPLACE, COMMENT and GRANT only.  C in src/spc_sql.c, arithmetic in
-- src/spc.c.

CREATE OR REPLACE FUNCTION socialcare.spc_points(month date[], value double precision[],
		improvement text DEFAULT 'neutral', target double precision DEFAULT NULL,
		baseline integer DEFAULT NULL, rebase date[] DEFAULT NULL,
		shift_run integer DEFAULT 7, trend_run integer DEFAULT 7,
		screen_outliers boolean DEFAULT true)
	RETURNS SETOF socialcare.spc_point
	AS 'MODULE_PATHNAME', 'sc_spc_points'
	LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 36
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION socialcare.spc_points(date[], double precision[], text, double precision, integer, date[], integer, integer, boolean) IS
'XmR chart of a series given as two arrays (month[i] and value[i], any order; a NULL value is a gap that breaks moving ranges and runs), one socialcare.spc_point per month in month order: centre line, process limits (mean -+ 2.66 x mean moving range), 2-sigma lines, moving range, the special-cause rules (beyond a limit, trend of trend_run, two of three beyond 2 sigma, shift of shift_run points) and the point''s special cause against improvement (''high'', ''low'' or ''neutral''). baseline: limits from the first baseline points of each segment (NULL: all); rebase: dates from which new limits start; screen_outliers: leave moving ranges of 3.267 times their mean or more out of the limits (NHSRplotthedots'' default; false as the MDC Excel tool). NULL arrays give no rows; a month given twice, arrays of different lengths, NULL months and bad options are errors';

CREATE OR REPLACE FUNCTION socialcare.spc_summary(month date[], value double precision[],
		improvement text DEFAULT 'neutral', target double precision DEFAULT NULL,
		baseline integer DEFAULT NULL, rebase date[] DEFAULT NULL,
		shift_run integer DEFAULT 7, trend_run integer DEFAULT 7,
		screen_outliers boolean DEFAULT true)
	RETURNS socialcare.spc_summary
	AS 'MODULE_PATHNAME', 'sc_spc_summary_fn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION socialcare.spc_summary(date[], double precision[], text, double precision, integer, date[], integer, integer, boolean) IS
'Making Data Count''s summary of the series spc_points charts (same arguments): the last segment''s centre and limits, the variation icon of the latest value (common cause, or special cause improving, concerning or neutral, high or low) and the assurance icon against target (consistently hit, consistently missed, hit and miss; NULL with no target or a neutral improvement). NULL arrays give NULL';

CREATE OR REPLACE FUNCTION socialcare.spc_accum(double precision[], date, double precision)
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_accum(double precision[], date, double precision) IS
'Transition function of spc (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_accum(double precision[], date, double precision, text, double precision)
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_accum(double precision[], date, double precision, text, double precision) IS
'Transition function of spc with an improvement direction and target (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_accum(double precision[], timestamp, double precision)
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_accum_ts'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_accum(double precision[], timestamp, double precision) IS
'Transition function of spc over timestamp months: a timestamp counts as its date (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_accum(double precision[], timestamp, double precision, text, double precision)
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_accum_ts'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_accum(double precision[], timestamp, double precision, text, double precision) IS
'Transition function of spc over timestamp months with an improvement direction and target: a timestamp counts as its date (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_accum(double precision[], timestamptz, double precision)
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_accum_tstz'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_accum(double precision[], timestamptz, double precision) IS
'Transition function of spc over timestamptz months: a timestamptz counts as its day in the session''s TimeZone (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_accum(double precision[], timestamptz, double precision, text, double precision)
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_accum_tstz'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_accum(double precision[], timestamptz, double precision, text, double precision) IS
'Transition function of spc over timestamptz months with an improvement direction and target: a timestamptz counts as its day in the session''s TimeZone (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_combine(double precision[], double precision[])
	RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'sc_spc_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_combine(double precision[], double precision[]) IS
'Combine function of spc for partial aggregation (internal)';

CREATE OR REPLACE FUNCTION socialcare.spc_final(double precision[])
	RETURNS socialcare.spc_summary
	AS 'MODULE_PATHNAME', 'sc_spc_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.spc_final(double precision[]) IS
'Final function of spc (internal)';

CREATE OR REPLACE AGGREGATE socialcare.spc(month date, value double precision) (
	SFUNC = socialcare.spc_accum,
	STYPE = double precision[],
	SSPACE = 2048,
	COMBINEFUNC = socialcare.spc_combine,
	FINALFUNC = socialcare.spc_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.spc(date, double precision) IS
'Making Data Count summary (socialcare.spc_summary) of the series of a group, one row per month in any order (a NULL value is a gap), improvement neutral and no target: centre, limits and variation. Defaults of spc_summary; a month given twice or a NULL month is an error';

CREATE OR REPLACE AGGREGATE socialcare.spc(month date, value double precision, improvement text, target double precision) (
	SFUNC = socialcare.spc_accum,
	STYPE = double precision[],
	SSPACE = 2048,
	COMBINEFUNC = socialcare.spc_combine,
	FINALFUNC = socialcare.spc_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.spc(date, double precision, text, double precision) IS
'Making Data Count summary (socialcare.spc_summary) of the series of a group, one row per month in any order (a NULL value is a gap): centre, limits, the variation icon against improvement (''high'', ''low'' or ''neutral'', as socialcare.kpi.polarity) and the assurance icon against target (NULL: none). improvement and target must be the same on every row of a group';

CREATE OR REPLACE AGGREGATE socialcare.spc(month timestamp, value double precision) (
	SFUNC = socialcare.spc_accum,
	STYPE = double precision[],
	SSPACE = 2048,
	COMBINEFUNC = socialcare.spc_combine,
	FINALFUNC = socialcare.spc_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.spc(timestamp, double precision) IS
'The timestamp form of spc(date, double precision): a timestamp counts as its calendar date';

CREATE OR REPLACE AGGREGATE socialcare.spc(month timestamp, value double precision, improvement text, target double precision) (
	SFUNC = socialcare.spc_accum,
	STYPE = double precision[],
	SSPACE = 2048,
	COMBINEFUNC = socialcare.spc_combine,
	FINALFUNC = socialcare.spc_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.spc(timestamp, double precision, text, double precision) IS
'The timestamp form of spc(date, double precision, text, double precision): a timestamp counts as its calendar date';

CREATE OR REPLACE AGGREGATE socialcare.spc(month timestamptz, value double precision) (
	SFUNC = socialcare.spc_accum,
	STYPE = double precision[],
	SSPACE = 2048,
	COMBINEFUNC = socialcare.spc_combine,
	FINALFUNC = socialcare.spc_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.spc(timestamptz, double precision) IS
'The timestamptz form of spc(date, double precision): a timestamptz counts as its day in the session''s TimeZone';

CREATE OR REPLACE AGGREGATE socialcare.spc(month timestamptz, value double precision, improvement text, target double precision) (
	SFUNC = socialcare.spc_accum,
	STYPE = double precision[],
	SSPACE = 2048,
	COMBINEFUNC = socialcare.spc_combine,
	FINALFUNC = socialcare.spc_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.spc(timestamptz, double precision, text, double precision) IS
'The timestamptz form of spc(date, double precision, text, double precision): a timestamptz counts as its day in the session''s TimeZone';

-- Variation and assurance of each KPI of the catalogue, for the scorecard.
CREATE OR REPLACE FUNCTION socialcare.scorecard_spc(as_at date, months integer DEFAULT NULL)
	RETURNS TABLE (kpi text, polarity text, target numeric, points integer, "values" integer,
		first_month date, latest_month date, latest_value double precision,
		centre double precision, lower_limit double precision, upper_limit double precision,
		variation text, assurance text)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT c.code, c.polarity, tg.target, (s.summary).points, (s.summary)."values",
			   s.first_month, (s.summary).latest_month, (s.summary).latest_value,
			   (s.summary).centre, (s.summary).lower_limit, (s.summary).upper_limit,
			   (s.summary).variation, (s.summary).assurance
		FROM (SELECT (pg_catalog.date_trunc('month', socialcare.checked_as_at(as_at,
						 CASE WHEN months IS NULL THEN 1 ELSE socialcare.checked_months(months, 'months') END))
					  OPERATOR(pg_catalog.+) interval '1 month - 1 day')::date AS last_month) AS span
		CROSS JOIN socialcare.kpi c
		-- the target in force in as_at's month, or the KPI's own
		CROSS JOIN LATERAL (
			SELECT COALESCE(p.target, c.target) AS target
			FROM (SELECT NULL::integer) AS one
			LEFT JOIN (SELECT t.target FROM socialcare.kpi_target t
					   WHERE t.kpi OPERATOR(pg_catalog.=) c.code AND t.valid_from OPERATOR(pg_catalog.<=) span.last_month
					   ORDER BY t.valid_from DESC LIMIT 1) AS p ON true
		) AS tg
		-- the months from the KPI's first value (or months before as_at) to
		-- as_at's month; a month without a row is a gap
		CROSS JOIN LATERAL (
			SELECT pg_catalog.min(m.m) AS first_month,
				   socialcare.spc(m.m, v.value::double precision, c.polarity, tg.target::double precision) AS summary
			FROM socialcare.month_ends(
					(SELECT CASE WHEN months IS NULL OR pg_catalog.min(v0.month) IS NULL THEN pg_catalog.min(v0.month)
								 ELSE GREATEST(pg_catalog.min(v0.month),
											   (pg_catalog.date_trunc('month', span.last_month)
												OPERATOR(pg_catalog.-) pg_catalog.make_interval(months => months OPERATOR(pg_catalog.-) 1))::date)
							END
					 FROM socialcare.kpi_value v0
					 WHERE v0.kpi OPERATOR(pg_catalog.=) c.code AND v0.month OPERATOR(pg_catalog.<=) span.last_month
						   AND v0.value IS NOT NULL),
					span.last_month) AS m (m)
			LEFT JOIN socialcare.kpi_value v
				ON v.kpi OPERATOR(pg_catalog.=) c.code AND v.month OPERATOR(pg_catalog.=) m.m
		) AS s
		WHERE span.last_month IS NOT NULL
		ORDER BY c.sort_order NULLS LAST, c.code;
	END;
COMMENT ON FUNCTION socialcare.scorecard_spc(date, integer) IS
'Making Data Count''s variation and assurance icons of each KPI of the catalogue, one row per KPI, for joining to scorecard() or scorecard_wide() by kpi: the XmR chart of its monthly values from its first value (or, with months, the months months up to as_at''s month) to as_at''s month (a month without a value is a gap), against its polarity and the target in force in as_at''s month. A KPI without a value in that span has NULL figures. NULL as_at gives no rows; months below 1 or an as_at out of range are errors naming them';

CREATE OR REPLACE FUNCTION socialcare.scorecard_spc(as_at timestamp, months integer DEFAULT NULL)
	RETURNS TABLE (kpi text, polarity text, target numeric, points integer, "values" integer,
		first_month date, latest_month date, latest_value double precision,
		centre double precision, lower_limit double precision, upper_limit double precision,
		variation text, assurance text)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard_spc(CAST(as_at AS pg_catalog.date), months);
	END;
COMMENT ON FUNCTION socialcare.scorecard_spc(timestamp, integer) IS
'The timestamp form of scorecard_spc(date, integer): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.scorecard_spc(as_at timestamptz, months integer DEFAULT NULL)
	RETURNS TABLE (kpi text, polarity text, target numeric, points integer, "values" integer,
		first_month date, latest_month date, latest_value double precision,
		centre double precision, lower_limit double precision, upper_limit double precision,
		variation text, assurance text)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT * FROM socialcare.scorecard_spc(CAST(as_at AS pg_catalog.date), months);
	END;
COMMENT ON FUNCTION socialcare.scorecard_spc(timestamptz, integer) IS
'The timestamptz form of scorecard_spc(date, integer): a timestamptz counts as its day in the session''s TimeZone';
