-- As rereferral_monthly_socialcare.sql, with each month end's bound
-- (the first day of its 12 whole months) computed once, in a materialized CTE, rather
-- than for every (month end, referral) pair the join compares.
WITH flagged AS (
	SELECT team, referral_date,
		   socialcare.is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS flag
	FROM :tbl
),
period AS MATERIALIZED (
	SELECT month_end, (month_end + 1 - interval '12 months')::date AS first_day
	FROM socialcare.month_ends(date '2024-04-01', date '2026-03-31') AS m (month_end)
),
figure AS (
	SELECT p.month_end AS m, coalesce(f.team::text, 'all') AS team, round(socialcare.pct(f.flag), 10) AS pct
	FROM period p
	JOIN flagged f ON f.referral_date >= p.first_day AND f.referral_date <= p.month_end
	GROUP BY GROUPING SETS ((p.month_end), (p.month_end, f.team))
)
SELECT count(*), md5(string_agg(m || ' ' || team || ' ' || pct, ',' ORDER BY m, team)) FROM figure;
