-- socialcare, area series: the rolling series' row type.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

CREATE TYPE socialcare.rolling_month AS (
	month_end	date,
	part		bigint,
	whole		bigint,
	pct			numeric
);
COMMENT ON TYPE socialcare.rolling_month IS
'One month end of a rolling series (rolling_pct_series): part of whole rows dated in the window, and the percentage';
COMMENT ON COLUMN socialcare.rolling_month.month_end IS 'The month end the window ends at';
COMMENT ON COLUMN socialcare.rolling_month.part IS 'Rows in the window whose condition is true (re-referrals)';
COMMENT ON COLUMN socialcare.rolling_month.whole IS 'Rows in the window with a non-NULL condition (referrals)';
COMMENT ON COLUMN socialcare.rolling_month.pct IS '100 * part / whole as pct() gives it; NULL when whole is 0';
