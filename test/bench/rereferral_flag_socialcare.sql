-- socialcare.is_rereferral(): same-day duplicates skipped (the default).
SELECT count(*) FILTER (WHERE f), count(f)
FROM (SELECT socialcare.is_rereferral(referral_date) OVER w AS f
	  FROM :tbl
	  WINDOW w AS (PARTITION BY child ORDER BY referral_date)) x;
