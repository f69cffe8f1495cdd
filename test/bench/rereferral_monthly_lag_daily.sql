-- Plain SQL monthly series, lag() flags counted by team and day first,
-- then the days joined to the month ends (24 x 20 teams x ~2,900 days
-- instead of 24 x every referral).  Same figures as rereferral_monthly_lag.sql.
WITH flagged AS (
	SELECT team, referral_date,
		   coalesce(lag(referral_date) OVER w >= referral_date - interval '12 months', false) AS f
	FROM :tbl
	WINDOW w AS (PARTITION BY child ORDER BY referral_date)
),
daily AS (
	SELECT team, referral_date, count(*) AS referrals, count(*) FILTER (WHERE f) AS rereferrals
	FROM flagged
	WHERE referral_date IS NOT NULL
	GROUP BY team, referral_date
),
month_end AS MATERIALIZED (
	SELECT m, (m + 1 - interval '12 months')::date AS first_day
	FROM (SELECT (g + interval '1 month' - interval '1 day')::date AS m
		  FROM generate_series(timestamp '2024-04-01', timestamp '2026-03-01', interval '1 month') g) x
),
figure AS (
	SELECT me.m, coalesce(d.team::text, 'all') AS team,
		   round(100.0 * sum(d.rereferrals) / sum(d.referrals), 10) AS pct
	FROM month_end me
	JOIN daily d ON d.referral_date >= me.first_day AND d.referral_date <= me.m
	GROUP BY GROUPING SETS ((me.m), (me.m, d.team))
)
SELECT count(*), md5(string_agg(m || ' ' || team || ' ' || pct, ',' ORDER BY m, team)) FROM figure;
