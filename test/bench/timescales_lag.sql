-- plain SQL as an analyst writes it: row_number() picks the step, lag() the previous review
SELECT count(*) FILTER (WHERE on_time), count(*)
FROM (SELECT CASE row_number() OVER w
				 WHEN 1 THEN socialcare.working_days(start_date, review_date) <= 20
				 WHEN 2 THEN review_date <= lag(review_date) OVER w + interval '3 months'
				 ELSE review_date <= lag(review_date) OVER w + interval '6 months'
			 END AS on_time
	  FROM bench_ts.review
	  WINDOW w AS (PARTITION BY episode ORDER BY review_date)) x;
