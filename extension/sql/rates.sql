-- socialcare, area rates: rates, percentages, intervals, benchmarks and pct.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- Rates, percentages and their confidence intervals.  Results are numeric,
-- so round(x, 1) rounds half away from zero, as DfE publishes.  Confidence
-- levels: 0.95 (the default) or 0.998, also accepted as 95 or 99.8.
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.rate(count numeric, population numeric, per numeric DEFAULT 10000)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_rate'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate(numeric, numeric, numeric) IS
'count / population * per (per 10,000 children by default); NULL when population is 0; negative, NaN or infinite input is an error';

CREATE OR REPLACE FUNCTION socialcare.percent(part numeric, whole numeric)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_percent'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.percent(numeric, numeric) IS
'100 * part / whole, from 0 to 100; NULL when whole is 0 (no cases, no rate); negative input or part > whole is an error';

CREATE OR REPLACE FUNCTION socialcare.percent_lower(part bigint, whole bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_percent_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.percent_lower(bigint, bigint, float8) IS
'Lower limit of the Wilson score interval of percent(part, whole), in percent (PHEindicatormethods phe_proportion); NULL when whole is 0';

CREATE OR REPLACE FUNCTION socialcare.percent_upper(part bigint, whole bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_percent_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.percent_upper(bigint, bigint, float8) IS
'Upper limit of the Wilson score interval of percent(part, whole), in percent; NULL when whole is 0';

CREATE OR REPLACE FUNCTION socialcare.rate_lower(count bigint, population numeric, per numeric DEFAULT 10000,
		confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_rate_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate_lower(bigint, numeric, numeric, float8) IS
'Lower limit of the interval of rate(count, population, per): exact Poisson below 10, Byar''s method from 10 (PHEindicatormethods phe_rate); NULL when population is 0';

CREATE OR REPLACE FUNCTION socialcare.rate_upper(count bigint, population numeric, per numeric DEFAULT 10000,
		confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_rate_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate_upper(bigint, numeric, numeric, float8) IS
'Upper limit of the interval of rate(count, population, per): exact Poisson below 10, Byar''s method from 10; NULL when population is 0';

CREATE OR REPLACE FUNCTION socialcare.count_lower(count bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_count_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.count_lower(bigint, float8) IS
'Lower limit of the Poisson interval of a count: exact below 10, Byar''s method from 10';

CREATE OR REPLACE FUNCTION socialcare.count_upper(count bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_count_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.count_upper(bigint, float8) IS
'Upper limit of the Poisson interval of a count: exact below 10, Byar''s method from 10';

CREATE OR REPLACE FUNCTION socialcare.rate_method(count bigint)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_rate_method'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate_method(bigint) IS
'The interval method rate_lower/rate_upper use for a count: ''exact'' below 10, ''byars'' from 10';

CREATE OR REPLACE FUNCTION socialcare.percent_ci(part bigint, whole bigint, confidence float8 DEFAULT 0.95,
		OUT value numeric, OUT lower numeric, OUT upper numeric)
	RETURNS record
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (socialcare.percent(part, whole),
			socialcare.percent_lower(part, whole, confidence),
			socialcare.percent_upper(part, whole, confidence));
COMMENT ON FUNCTION socialcare.percent_ci(bigint, bigint, float8) IS
'percent(part, whole) with its Wilson interval as columns (value, lower, upper): use in FROM or LATERAL';

CREATE OR REPLACE FUNCTION socialcare.rate_ci(count bigint, population numeric, per numeric DEFAULT 10000,
		confidence float8 DEFAULT 0.95,
		OUT value numeric, OUT lower numeric, OUT upper numeric, OUT method text)
	RETURNS record
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (socialcare.rate(count, population, per),
			socialcare.rate_lower(count, population, per, confidence),
			socialcare.rate_upper(count, population, per, confidence),
			socialcare.rate_method(count));
COMMENT ON FUNCTION socialcare.rate_ci(bigint, numeric, numeric, float8) IS
'rate(count, population, per) with its interval as columns (value, lower, upper, method): use in FROM or LATERAL';

CREATE OR REPLACE FUNCTION socialcare.compare_to_benchmark(value numeric, lower numeric, upper numeric,
		benchmark numeric, polarity text DEFAULT NULL)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_compare_to_benchmark'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.compare_to_benchmark(numeric, numeric, numeric, numeric, text) IS
'Fingertips comparison: ''similar'' when benchmark lies within [lower, upper]; otherwise ''better''/''worse'' for polarity ''high'' or ''low'' (which is better), ''higher''/''lower'' when polarity is NULL; NULL when any number is NULL';

CREATE OR REPLACE FUNCTION socialcare.suppress(count bigint, threshold integer DEFAULT 5)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_suppress'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.suppress(bigint, integer) IS
'A count for publication: ''c'' for 1 to threshold (DfE: 5), otherwise the count as text (0 stays 0)';

CREATE OR REPLACE FUNCTION socialcare.suppress_value(value numeric, count bigint, threshold integer DEFAULT 5)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_suppress_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.suppress_value(numeric, bigint, integer) IS
'A rate or percentage for publication: ''c'' when the count behind it is 1 to threshold, otherwise the value as text (round it first)';

-- pct(condition): a plain bigint[2] state {true, counted}, so partial
-- aggregation needs no serialisation; the inverse makes moving windows O(n).
CREATE OR REPLACE FUNCTION socialcare.pct_accum(bigint[], boolean) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_pct_accum'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_accum(bigint[], boolean) IS 'Transition function of pct (internal)';

CREATE OR REPLACE FUNCTION socialcare.pct_retract(bigint[], boolean) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_pct_retract'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_retract(bigint[], boolean) IS 'Inverse transition function of pct for moving windows (internal)';

CREATE OR REPLACE FUNCTION socialcare.pct_combine(bigint[], bigint[]) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_pct_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_combine(bigint[], bigint[]) IS 'Combine function of pct for partial aggregation (internal)';

CREATE OR REPLACE FUNCTION socialcare.pct_final(bigint[]) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_pct_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_final(bigint[]) IS 'Final function of pct (internal)';

CREATE OR REPLACE AGGREGATE socialcare.pct(condition boolean) (
	SFUNC = socialcare.pct_accum,
	STYPE = bigint[],
	INITCOND = '{0,0}',
	COMBINEFUNC = socialcare.pct_combine,
	FINALFUNC = socialcare.pct_final,
	MSFUNC = socialcare.pct_accum,
	MINVFUNC = socialcare.pct_retract,
	MSTYPE = bigint[],
	MINITCOND = '{0,0}',
	MFINALFUNC = socialcare.pct_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.pct(boolean) IS
'Percentage of TRUE among the non-NULL inputs (0 to 100, numeric); NULL when there are none. Works with FILTER, GROUP BY, parallel query and moving windows';
