-- Plain SQL, same-day duplicates skipped: the last earlier date is the
-- max() over a RANGE frame ending the day before.
SELECT count(*) FILTER (WHERE f), count(referral_date)
FROM (SELECT referral_date,
			 max(referral_date) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND '1 day' PRECEDING)
				>= referral_date - interval '12 months' AS f
	  FROM :tbl
	  WINDOW w AS (PARTITION BY child ORDER BY referral_date)) x;
