-- socialcare, area spc: the row types of statistical process control.
-- Run once, by CREATE EXTENSION and by the 0.2.0 -> 0.3.0 update (new in
-- 0.3.0).  A later change here is repeated in its hand-written delta,
-- extension/sql/updates/ (doc/releasing.md).

CREATE TYPE socialcare.spc_point AS (
	month				date,
	value				double precision,
	segment				integer,
	baseline			boolean,
	centre				double precision,
	mean_moving_range	double precision,
	lower_limit			double precision,
	upper_limit			double precision,
	lower_2sigma		double precision,
	upper_2sigma		double precision,
	moving_range		double precision,
	beyond_limit		boolean,
	trend				boolean,
	two_of_three		boolean,
	shift				boolean,
	direction			text,
	special_cause		text
);
COMMENT ON TYPE socialcare.spc_point IS
'One point of an XmR chart (spc_points): its segment''s centre line and limits, its moving range, the special-cause rules it is part of, and what it signals';
COMMENT ON COLUMN socialcare.spc_point.month IS 'The point''s date, as given';
COMMENT ON COLUMN socialcare.spc_point.value IS 'The value; NULL for a gap';
COMMENT ON COLUMN socialcare.spc_point.segment IS 'Number of rebase dates at or before the point (0 before the first): each segment has its own limits';
COMMENT ON COLUMN socialcare.spc_point.baseline IS 'True when the point is among the first baseline points of its segment, from which its limits are computed (all of them when baseline is NULL)';
COMMENT ON COLUMN socialcare.spc_point.centre IS 'Centre line: the mean of the segment''s baseline values';
COMMENT ON COLUMN socialcare.spc_point.mean_moving_range IS 'Mean moving range of the segment''s baseline, after screening (ranges of 3.267 times the mean or more left out); NULL when the baseline has no two neighbouring values';
COMMENT ON COLUMN socialcare.spc_point.lower_limit IS 'Lower process limit: centre - 2.66 x mean_moving_range (3 sigma)';
COMMENT ON COLUMN socialcare.spc_point.upper_limit IS 'Upper process limit: centre + 2.66 x mean_moving_range (3 sigma)';
COMMENT ON COLUMN socialcare.spc_point.lower_2sigma IS 'centre - (2/3) 2.66 x mean_moving_range (2 sigma)';
COMMENT ON COLUMN socialcare.spc_point.upper_2sigma IS 'centre + (2/3) 2.66 x mean_moving_range (2 sigma)';
COMMENT ON COLUMN socialcare.spc_point.moving_range IS '|value - previous value| within the segment; NULL for the first point of a segment and next to a gap';
COMMENT ON COLUMN socialcare.spc_point.beyond_limit IS 'Rule: the value is strictly above the upper or below the lower process limit';
COMMENT ON COLUMN socialcare.spc_point.trend IS 'Rule: part of trend_run (7) neighbouring values each strictly above, or each below, the one before';
COMMENT ON COLUMN socialcare.spc_point.two_of_three IS 'Rule: beyond 2 sigma (within the limits), in three neighbouring values on one side of the centre of which two or three are beyond 2 sigma';
COMMENT ON COLUMN socialcare.spc_point.shift IS 'Rule: part of shift_run (7) neighbouring values strictly on one side of the centre';
COMMENT ON COLUMN socialcare.spc_point.direction IS '''high'' or ''low'' (above or increasing, below or decreasing) for the first rule in MDC''s order (beyond_limit, trend, two_of_three, shift) that holds; NULL for common cause';
COMMENT ON COLUMN socialcare.spc_point.special_cause IS '''improvement'' or ''concern'' (direction against the improvement direction), ''neutral'' (improvement ''neutral''); NULL for common cause';

CREATE TYPE socialcare.spc_summary AS (
	points				integer,
	"values"			integer,
	segments			integer,
	improvement			text,
	centre				double precision,
	mean_moving_range	double precision,
	lower_limit			double precision,
	upper_limit			double precision,
	target				double precision,
	latest_month		date,
	latest_value		double precision,
	variation			text,
	assurance			text,
	improvement_points	integer,
	concern_points		integer,
	neutral_points		integer
);
COMMENT ON TYPE socialcare.spc_summary IS
'A series'' XmR chart in a row (spc, spc_summary): the last segment''s centre and limits, and Making Data Count''s variation and assurance';
COMMENT ON COLUMN socialcare.spc_summary.points IS 'Points (months) in the series, gaps included';
COMMENT ON COLUMN socialcare.spc_summary."values" IS 'Points with a value';
COMMENT ON COLUMN socialcare.spc_summary.segments IS 'Segments: 1 + the rebase dates that fall inside the series';
COMMENT ON COLUMN socialcare.spc_summary.improvement IS 'The improvement direction used: ''high'', ''low'' or ''neutral''';
COMMENT ON COLUMN socialcare.spc_summary.centre IS 'The last segment''s centre line';
COMMENT ON COLUMN socialcare.spc_summary.mean_moving_range IS 'The last segment''s mean moving range (after screening)';
COMMENT ON COLUMN socialcare.spc_summary.lower_limit IS 'The last segment''s lower process limit';
COMMENT ON COLUMN socialcare.spc_summary.upper_limit IS 'The last segment''s upper process limit';
COMMENT ON COLUMN socialcare.spc_summary.target IS 'The target assurance was judged against';
COMMENT ON COLUMN socialcare.spc_summary.latest_month IS 'Month of the latest value';
COMMENT ON COLUMN socialcare.spc_summary.latest_value IS 'The latest value';
COMMENT ON COLUMN socialcare.spc_summary.variation IS 'MDC variation icon of the latest value: ''common cause'', or special cause ''improving high'', ''improving low'', ''concerning high'', ''concerning low'', ''neutral high'', ''neutral low''; NULL when the series has no value';
COMMENT ON COLUMN socialcare.spc_summary.assurance IS 'MDC assurance icon: ''consistently hit'' (the target is beyond the limit on the worse side), ''consistently missed'' (beyond the limit on the better side), ''hit and miss'' (between the limits, inclusive); NULL with no target, improvement ''neutral'', or no limits';
COMMENT ON COLUMN socialcare.spc_summary.improvement_points IS 'Points of special cause improvement';
COMMENT ON COLUMN socialcare.spc_summary.concern_points IS 'Points of special cause concern';
COMMENT ON COLUMN socialcare.spc_summary.neutral_points IS 'Points of neutral special cause';
