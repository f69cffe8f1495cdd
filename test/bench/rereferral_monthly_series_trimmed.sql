-- As rereferral_monthly_series.sql, with the history the flags need only:
-- 12 months before the first window; then rolling_pct_series() counts each referral once in its
-- month and slides the 12 whole months over the month counts; overall
-- and by team (GROUPING SETS), unnested to one row per month end.
WITH flagged AS (
	SELECT team, referral_date,
		   socialcare.is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS flag
	FROM :tbl
	-- only the 12 months before the first window can flag a counted referral
	WHERE referral_date >= lower(socialcare.rolling_months('2024-04-30')) - interval '12 months'
),
figure AS (
	SELECT s.month_end AS m, coalesce(g.team::text, 'all') AS team, round(s.pct, 10) AS pct
	FROM (SELECT team, socialcare.rolling_pct_series(referral_date, flag, date '2024-04-01', date '2026-03-31') AS series
		  FROM flagged
		  GROUP BY GROUPING SETS ((), (team))) g
	CROSS JOIN LATERAL unnest(g.series) AS s
)
SELECT count(*), md5(string_agg(m || ' ' || team || ' ' || pct, ',' ORDER BY m, team)) FROM figure;
