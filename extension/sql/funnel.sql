-- socialcare, area funnel: funnel-plot limits, each unit's position, and
-- the aggregate funnel_baseline (doc/funnel.md).
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- Values are on the indicator's own scale: a proportion from 0 to 1, a rate
-- per unit of denominator, a ratio observed / expected.  kind: 'proportion'
-- (method 'wilson', the default, or 'exact' binomial), 'rate' or 'ratio'
-- (method 'exact' Poisson, the default, or 'byars').  phi and tau2:
-- Spiegelhalter's overdispersion (funnel_baseline); 1 and 0 for none.
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.funnel_limits(centre float8, denominator float8,
		kind text DEFAULT 'proportion', method text DEFAULT NULL,
		phi float8 DEFAULT 1, tau2 float8 DEFAULT 0,
		OUT lower_998 float8, OUT lower_95 float8, OUT upper_95 float8, OUT upper_998 float8)
	AS 'MODULE_PATHNAME', 'sc_funnel_limits_sql'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_limits(float8, float8, text, text, float8, float8) IS
'Funnel-plot control limits around centre for a unit of denominator, at 99.8% and 95% (PHEindicatormethods calculate_funnel_limits: lower_3s, lower_2s, upper_2s, upper_3s), on the indicator''s scale: kind ''proportion'' (method ''wilson'' or ''exact''), ''rate'' or ''ratio'' (''exact'' or ''byars''); with phi or tau2, Spiegelhalter''s overdispersed limits. NULL centre or denominator gives NULLs';

CREATE OR REPLACE FUNCTION socialcare.funnel_limit(centre float8, denominator float8,
		confidence float8 DEFAULT 0.95, kind text DEFAULT 'proportion', method text DEFAULT NULL,
		phi float8 DEFAULT 1, tau2 float8 DEFAULT 0,
		OUT lower float8, OUT upper float8)
	AS 'MODULE_PATHNAME', 'sc_funnel_limit'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_limit(float8, float8, float8, text, text, float8, float8) IS
'Funnel-plot limits around centre for a unit of denominator at one confidence level (0.95, or 95; any level between 0 and 1), as funnel_limits';

CREATE OR REPLACE FUNCTION socialcare.funnel_curve(centre float8, from_denominator float8, to_denominator float8,
		points integer DEFAULT 100, kind text DEFAULT 'proportion', method text DEFAULT NULL,
		phi float8 DEFAULT 1, tau2 float8 DEFAULT 0)
	RETURNS TABLE (denominator float8, lower_998 float8, lower_95 float8, upper_95 float8, upper_998 float8)
	AS 'MODULE_PATHNAME', 'sc_funnel_curve'
	LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION socialcare.funnel_curve(float8, float8, float8, integer, text, text, float8, float8) IS
'The funnel to draw: funnel_limits at points denominators (100 by default, as PHEindicatormethods) spaced evenly on a log scale from from_denominator to to_denominator';

CREATE OR REPLACE FUNCTION socialcare.funnel_side(numerator float8, denominator float8, centre float8,
		confidence float8 DEFAULT 0.95, kind text DEFAULT 'proportion', method text DEFAULT NULL,
		phi float8 DEFAULT 1, tau2 float8 DEFAULT 0)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_funnel_side_sql'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_side(float8, float8, float8, float8, text, text, float8, float8) IS
'Where a unit (numerator of denominator) lies on the funnel around centre at one confidence level: 1 above the upper limit, -1 below the lower, 0 within; for rates and ratios, as PHEindicatormethods, whether the count''s own interval excludes centre * denominator';

CREATE OR REPLACE FUNCTION socialcare.funnel_significance(numerator float8, denominator float8, centre float8,
		kind text DEFAULT 'proportion', method text DEFAULT NULL,
		phi float8 DEFAULT 1, tau2 float8 DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_funnel_significance'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_significance(float8, float8, float8, text, text, float8, float8) IS
'PHEindicatormethods assign_funnel_significance''s label of a unit: High (0.001) or Low (0.001) beyond the 99.8% limits, High (0.025) or Low (0.025) beyond the 95% ones, else Not significant (its method for rates and ratios is ''byars'')';

CREATE OR REPLACE FUNCTION socialcare.funnel_z(numerator float8, denominator float8, centre float8,
		kind text DEFAULT 'proportion')
	RETURNS float8
	AS 'MODULE_PATHNAME', 'sc_funnel_z_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_z(float8, float8, float8, text) IS
'Spiegelhalter''s z-score of a unit: (numerator / denominator - centre) / sqrt(V(centre) / denominator), V(c) = c (1 - c) for proportions, c for rates and ratios; an error naming the unit when the centre has no variance and the unit differs from it (no finite z-score; funnel_side places it)';

CREATE OR REPLACE FUNCTION socialcare.funnel_baseline_accum(state float8[], numerator float8, denominator float8)
	RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sc_funnel_baseline_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_baseline_accum(float8[], float8, float8) IS
'Transition function of funnel_baseline (internal)';

CREATE OR REPLACE FUNCTION socialcare.funnel_baseline_accum(state float8[], numerator float8, denominator float8, kind text)
	RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sc_funnel_baseline_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_baseline_accum(float8[], float8, float8, text) IS
'Transition function of funnel_baseline (internal)';

CREATE OR REPLACE FUNCTION socialcare.funnel_baseline_accum(state float8[], numerator float8, denominator float8, kind text, centre float8)
	RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sc_funnel_baseline_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_baseline_accum(float8[], float8, float8, text, float8) IS
'Transition function of funnel_baseline (internal)';

CREATE OR REPLACE FUNCTION socialcare.funnel_baseline_combine(float8[], float8[])
	RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sc_funnel_baseline_combine'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_baseline_combine(float8[], float8[]) IS
'Combine function of funnel_baseline (internal)';

CREATE OR REPLACE FUNCTION socialcare.funnel_baseline_final(float8[])
	RETURNS socialcare.funnel_baseline
	AS 'MODULE_PATHNAME', 'sc_funnel_baseline_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.funnel_baseline_final(float8[]) IS
'Final function of funnel_baseline (internal)';

CREATE OR REPLACE AGGREGATE socialcare.funnel_baseline(numerator float8, denominator float8) (
	SFUNC = socialcare.funnel_baseline_accum,
	STYPE = float8[],
	COMBINEFUNC = socialcare.funnel_baseline_combine,
	FINALFUNC = socialcare.funnel_baseline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.funnel_baseline(float8, float8) IS
'Centre and overdispersion of a proportion funnel over its units: centre = sum of numerators / sum of denominators, units, and Spiegelhalter''s phi and tau2 (z-scores winsorised at 10% each end); NULL with no units; rows with a NULL are skipped';

CREATE OR REPLACE AGGREGATE socialcare.funnel_baseline(numerator float8, denominator float8, kind text) (
	SFUNC = socialcare.funnel_baseline_accum,
	STYPE = float8[],
	COMBINEFUNC = socialcare.funnel_baseline_combine,
	FINALFUNC = socialcare.funnel_baseline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.funnel_baseline(float8, float8, text) IS
'funnel_baseline for kind ''proportion'', ''rate'' (centre sum / sum) or ''ratio'' (centre 1, observed over expected)';

CREATE OR REPLACE AGGREGATE socialcare.funnel_baseline(numerator float8, denominator float8, kind text, centre float8) (
	SFUNC = socialcare.funnel_baseline_accum,
	STYPE = float8[],
	COMBINEFUNC = socialcare.funnel_baseline_combine,
	FINALFUNC = socialcare.funnel_baseline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.funnel_baseline(float8, float8, text, float8) IS
'funnel_baseline against a centre given (a target, the national value) rather than the units'' own; NULL centre as the three-argument form';
