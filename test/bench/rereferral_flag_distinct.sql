-- Plain SQL, same-day duplicates skipped: lag() over the child's distinct
-- dates, joined back to the referrals (test/differential/rereferral_diff.py's oracle).
SELECT count(*) FILTER (WHERE d.prev_day >= r.referral_date - interval '12 months'), count(r.referral_date)
FROM :tbl r
LEFT JOIN (SELECT child, referral_date,
				  lag(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS prev_day
		   FROM (SELECT DISTINCT child, referral_date FROM :tbl WHERE referral_date IS NOT NULL) x) d
	   ON d.child = r.child AND d.referral_date = r.referral_date;
