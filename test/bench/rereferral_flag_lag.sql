-- Plain SQL, the issue's baseline: the previous row's date by lag().  A
-- same-day duplicate's previous row is its twin, so duplicates count as
-- re-referrals (what is_rereferral(referral_date, same_day_counts => true)
-- gives).  Re-referrals | referrals with a date.
SELECT count(*) FILTER (WHERE f), count(referral_date)
FROM (SELECT referral_date,
			 lag(referral_date) OVER w >= referral_date - interval '12 months' AS f
	  FROM :tbl
	  WINDOW w AS (PARTITION BY child ORDER BY referral_date)) x;
