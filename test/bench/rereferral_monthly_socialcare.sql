-- The extension's monthly series: is_rereferral() flags once over all
-- history, socialcare.month_ends(), the same join, pct(flag); 24 month
-- ends, overall and by team.  Same output as the plain queries.
WITH flagged AS (
	SELECT team, referral_date,
		   socialcare.is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS flag
	FROM :tbl
),
figure AS (
	SELECT m.month_end AS m, coalesce(f.team::text, 'all') AS team, round(socialcare.pct(f.flag), 10) AS pct
	FROM socialcare.month_ends(date '2024-04-01', date '2026-03-31') AS m (month_end)
	JOIN flagged f ON f.referral_date >= m.month_end + 1 - interval '12 months' AND f.referral_date <= m.month_end
	GROUP BY GROUPING SETS ((m.month_end), (m.month_end, f.team))
)
SELECT count(*), md5(string_agg(m || ' ' || team || ' ' || pct, ',' ORDER BY m, team)) FROM figure;
