-- plain SQL, as an analyst writes the long scorecard today: a month grid,
-- lag() and a 3-row avg() for the baselines, CASE on round() for the
-- directions, the comparators in force each month by DISTINCT ON, a
-- windowed string_agg of bars for the sparkline.  No socialcare function.
WITH win AS (
	SELECT (date_trunc('month', date :'as_at') + make_interval(months => k + 1) - interval '1 day')::date AS month, k
	FROM generate_series(1 - :months - 3, 0) AS k
), series AS (
	SELECT c.code, w.month, w.k, v.value
	FROM socialcare.kpi c CROSS JOIN win w
	LEFT JOIN socialcare.kpi_value v ON v.kpi = c.code AND v.month = w.month
), trend AS (
	SELECT s.*, lag(s.value) OVER w1 AS prev,
	       CASE WHEN count(s.value) OVER w3 = 3 THEN avg(s.value) OVER w3 END AS avg3
	FROM series s
	WINDOW w1 AS (PARTITION BY s.code ORDER BY s.month), w3 AS (w1 ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING)
), shown AS (
	SELECT t.*, min(t.value) OVER p AS lo, max(t.value) OVER p AS hi
	FROM trend t WHERE t.k > -:months
	WINDOW p AS (PARTITION BY t.code)
), cmp AS (
	SELECT s.code, s.month,
	       max(l.value) FILTER (WHERE l.comparator = 'statistical neighbours') AS sn,
	       max(l.value) FILTER (WHERE l.comparator = 'england') AS eng,
	       max(l.value) FILTER (WHERE l.comparator = 'region') AS reg
	FROM shown s
	LEFT JOIN LATERAL (SELECT DISTINCT ON (cp.comparator) cp.comparator, cp.value
	                   FROM socialcare.kpi_comparator cp
	                   WHERE cp.kpi = s.code AND cp.valid_from <= s.month
	                   ORDER BY cp.comparator, cp.valid_from DESC) l ON true
	GROUP BY 1, 2
)
SELECT count(*), md5(string_agg(concat_ws('|', code, month, d1, d3, dsn, deng, dreg, rag, spark), ',' ORDER BY code, month))
FROM (
	SELECT s.code, s.month,
	       CASE WHEN s.value IS NULL OR s.prev IS NULL THEN NULL
	            WHEN round(s.value) > round(s.prev) THEN 'up' WHEN round(s.value) < round(s.prev) THEN 'down' ELSE 'no change' END AS d1,
	       CASE WHEN s.value IS NULL OR s.avg3 IS NULL THEN NULL
	            WHEN round(s.value) > round(s.avg3) THEN 'up' WHEN round(s.value) < round(s.avg3) THEN 'down' ELSE 'no change' END AS d3,
	       CASE WHEN s.value IS NULL OR c.sn IS NULL THEN NULL
	            WHEN round(s.value) > round(c.sn) THEN 'up' WHEN round(s.value) < round(c.sn) THEN 'down' ELSE 'no change' END AS dsn,
	       CASE WHEN s.value IS NULL OR c.eng IS NULL THEN NULL
	            WHEN round(s.value) > round(c.eng) THEN 'up' WHEN round(s.value) < round(c.eng) THEN 'down' ELSE 'no change' END AS deng,
	       CASE WHEN s.value IS NULL OR c.reg IS NULL THEN NULL
	            WHEN round(s.value) > round(c.reg) THEN 'up' WHEN round(s.value) < round(c.reg) THEN 'down' ELSE 'no change' END AS dreg,
	       CASE WHEN s.value IS NULL OR k.target IS NULL THEN NULL
	            WHEN k.polarity = 'high' AND s.value >= k.target THEN 'green'
	            WHEN k.polarity = 'low' AND s.value <= k.target THEN 'green'
	            WHEN k.polarity = 'high' AND s.value >= k.target - k.tolerance THEN 'amber'
	            WHEN k.polarity = 'low' AND s.value <= k.target + k.tolerance THEN 'amber'
	            ELSE 'red' END AS rag,
	       string_agg(CASE WHEN s.value IS NULL THEN ' '
	                       WHEN s.hi = s.lo THEN '▄'
	                       ELSE substr('▁▂▃▄▅▆▇█', 1 + least(7, floor((s.value - s.lo) / (s.hi - s.lo) * 8)::int), 1) END, '')
	           OVER (PARTITION BY s.code ORDER BY s.month ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS spark
	FROM shown s JOIN cmp c ON c.code = s.code AND c.month = s.month
	JOIN socialcare.kpi k ON k.code = s.code
) AS r;
