-- floor: the window's sort (or index scan) and scan alone: row_number().
SELECT count(*), count(n)
FROM (SELECT referral_date, row_number() OVER w AS n
	  FROM :tbl
	  WINDOW w AS (PARTITION BY child ORDER BY referral_date)) x;
