-- the floor: the sort and the window alone
SELECT count(*) FILTER (WHERE n > 0), count(*)
FROM (SELECT row_number() OVER w AS n
	  FROM bench_ts.review
	  WINDOW w AS (PARTITION BY episode ORDER BY review_date)) x;
