-- socialcare, area funnel: the row type of the aggregate funnel_baseline.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

CREATE TYPE socialcare.funnel_baseline AS (
	centre		float8,
	units		bigint,
	phi			float8,
	tau2		float8
);
COMMENT ON TYPE socialcare.funnel_baseline IS
'The centre of a funnel plot and Spiegelhalter''s (2005) overdispersion estimates over its units (funnel_baseline)';
COMMENT ON COLUMN socialcare.funnel_baseline.centre IS 'The centre: the one given, else sum of numerators / sum of denominators (1 for ratios)';
COMMENT ON COLUMN socialcare.funnel_baseline.units IS 'Units with a non-NULL numerator and denominator';
COMMENT ON COLUMN socialcare.funnel_baseline.phi IS 'Overdispersion factor: the mean square of the z-scores winsorised at 10% each end; about 1 without overdispersion; NULL when the centre has no variance';
COMMENT ON COLUMN socialcare.funnel_baseline.tau2 IS 'Additive random-effects variance: (units * phi - (units - 1)) / (sum w - sum w^2 / sum w), w = 1 / s^2, or 0 when units * phi <= units - 1; NULL when the centre has no variance';
