-- As rereferral_monthly_lag.sql, with the referrals trimmed to the history
-- the flags need (12 months before the first window): lag() flags, month ends
-- from generate_series (with the first day of their 12 whole months, computed once),
-- joined on [that day, month end];
-- 24 month ends (April 2024 - March 2026), overall and by team.  One row:
-- the number of figures and an md5 of them (10 decimals).
WITH flagged AS (
	SELECT team, referral_date,
		   coalesce(lag(referral_date) OVER w >= referral_date - interval '12 months', false) AS f
	FROM :tbl
	WHERE referral_date >= date '2024-04-30' + 1 - interval '24 months'   -- the history the flags need
	WINDOW w AS (PARTITION BY child ORDER BY referral_date)
),
month_end AS MATERIALIZED (   -- each month end and the first day of its 12 whole months
	SELECT m, (m + 1 - interval '12 months')::date AS first_day
	FROM (SELECT (g + interval '1 month' - interval '1 day')::date AS m
		  FROM generate_series(timestamp '2024-04-01', timestamp '2026-03-01', interval '1 month') g) x
),
figure AS (
	SELECT me.m, coalesce(f.team::text, 'all') AS team,
		   round(100.0 * count(*) FILTER (WHERE f.f) / count(*), 10) AS pct
	FROM month_end me
	JOIN flagged f ON f.referral_date >= me.first_day AND f.referral_date <= me.m
	GROUP BY GROUPING SETS ((me.m), (me.m, f.team))
)
SELECT count(*), md5(string_agg(m || ' ' || team || ' ' || pct, ',' ORDER BY m, team)) FROM figure;
