-- socialcare.is_rereferral(same_day_counts => true): lag()'s semantics.
SELECT count(*) FILTER (WHERE f), count(f)
FROM (SELECT socialcare.is_rereferral(referral_date, same_day_counts => true) OVER w AS f
	  FROM :tbl
	  WINDOW w AS (PARTITION BY child ORDER BY referral_date)) x;
