-- socialcare: the chain's window function
SELECT count(*) FILTER (WHERE on_time), count(*)
FROM (SELECT socialcare.chain_on_time('lac_review', review_date, start_date) OVER w AS on_time
	  FROM bench_ts.review
	  WINDOW w AS (PARTITION BY episode ORDER BY review_date)) x;
