-- previous_value / previous_average (issue 12 item 7: cost independent of
-- the look-back) against plain SQL written without the extension: a
-- self-join on the month for the value; for the average, the rows of the
-- n months before, counted (all n present, every value not NULL) and
-- summed in SQL, trim_scale(sum / n).  Data: 24 series of up to 180
-- months with missing months, NULL values, NaN and infinite values, one
-- with every month and value (for long windows), values of 23 scales (so
-- the average's scale is checked too), a NULL month, and look-backs from 1
-- to 1200, also varying by row.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
-- PostgreSQL 13's numeric has no infinities: NaN stands in for them there
-- (expected/previous_windows_1.out).
SELECT CASE WHEN current_setting('server_version_num')::int >= 140000 THEN 'Infinity' ELSE 'NaN' END AS pinf,
       CASE WHEN current_setting('server_version_num')::int >= 140000 THEN '-Infinity' ELSE 'NaN' END AS ninf \gset

CREATE TEMP TABLE pv AS
SELECT k AS kpi, (date '2000-01-31' + make_interval(months => i))::date AS month,
       CASE WHEN (k * 31 + i) % 29 = 0 THEN NULL
            WHEN k = 7 AND i = 100 THEN 'NaN'::numeric
            WHEN k = 8 AND i = 120 THEN :'pinf'::numeric
            WHEN k = 8 AND i = 121 THEN :'ninf'::numeric
            WHEN k = 9 AND i = 50 THEN :'pinf'::numeric
            ELSE round(((k * 7919 + i * 104729) % 100003)::numeric / 7, (k + i) % 23) END AS value
FROM generate_series(1, 24) k, generate_series(0, 179) i
WHERE (k * 13 + i * 7) % 17 <> 0 AND NOT (k > 18 AND i > 40 AND i < 60);
INSERT INTO pv VALUES (25, NULL, 5), (25, '2000-01-31', 1), (25, '2000-02-29', 2);
-- and a series with every month and every value, of 23 scales, for long windows
INSERT INTO pv SELECT 26, (date '2000-01-31' + make_interval(months => i))::date,
                      round((i * 104729 % 100003)::numeric / 7, i % 23)
FROM generate_series(0, 179) i;
-- the oracle's month number, indexed
ALTER TABLE pv ADD COLUMN mi int;
UPDATE pv SET mi = extract(year FROM month)::int * 12 + extract(month FROM month)::int;
CREATE INDEX ON pv (kpi, mi);
ANALYZE pv;
SELECT count(*) AS rows, count(DISTINCT kpi) AS series, count(*) FILTER (WHERE value IS NULL) AS null_values,
       count(DISTINCT scale(value)) AS scales
FROM pv;

CREATE TEMP TABLE lookbacks AS SELECT unnest(ARRAY[1, 2, 3, 5, 12, 24, 100, 179, 180, 1200]) AS n;

-- previous_value: rows, non-NULL answers, disagreements with the self-join
SELECT l.n, count(*) AS rows, count(x.v) AS answered,
       count(*) FILTER (WHERE x.v IS DISTINCT FROM x.plain) AS disagree
FROM lookbacks l
CROSS JOIN LATERAL (
	SELECT previous_value(p.value, p.month, l.n) OVER (PARTITION BY p.kpi ORDER BY p.month) AS v,
	       (SELECT q.value FROM pv q WHERE q.kpi = p.kpi AND q.mi = p.mi - l.n) AS plain
	FROM pv p) x
GROUP BY l.n ORDER BY l.n;

-- previous_average: the same, and the answers equal as text (the scale too)
SELECT l.n, count(*) AS rows, count(x.v) AS answered,
       count(*) FILTER (WHERE x.v::text IS DISTINCT FROM x.plain::text) AS disagree
FROM lookbacks l
CROSS JOIN LATERAL (
	SELECT previous_average(p.value, p.month, l.n) OVER (PARTITION BY p.kpi ORDER BY p.month) AS v,
	       (SELECT CASE WHEN count(q.value) = l.n THEN trim_scale(sum(q.value) / l.n) END
	        FROM pv q WHERE q.kpi = p.kpi AND q.mi >= p.mi - l.n AND q.mi < p.mi) AS plain
	FROM pv p) x
GROUP BY l.n ORDER BY l.n;

-- look-backs varying by row (1 + month % 13; 1 for the NULL month)
SELECT count(*) FILTER (WHERE v IS DISTINCT FROM plain) AS value_disagree,
       count(*) FILTER (WHERE a::text IS DISTINCT FROM plain_avg::text) AS average_disagree,
       count(v) AS values_answered, count(a) AS averages_answered
FROM (SELECT p.n, previous_value(p.value, p.month, p.n) OVER w AS v,
             previous_average(p.value, p.month, p.n) OVER w AS a,
             (SELECT q.value FROM pv q WHERE q.kpi = p.kpi AND q.mi = p.mi - p.n) AS plain,
             (SELECT CASE WHEN count(q.value) = p.n THEN trim_scale(sum(q.value) / p.n) END
              FROM pv q WHERE q.kpi = p.kpi AND q.mi >= p.mi - p.n AND q.mi < p.mi) AS plain_avg
      FROM (SELECT *, coalesce(1 + mi % 13, 1) AS n FROM pv) p
      WINDOW w AS (PARTITION BY p.kpi ORDER BY p.month)) x;

-- By hand (no row for March 2024): April's previous month is missing
-- (NULL), 3 back is January (1); June's average of 2 is (4 + 8) / 2 = 6;
-- August's (0.1 + 0.25) / 2 = 0.175; September's (0.25 + 0.3333333333333333333333)
-- / 2 and October's (0.3333333333333333333333 + 0) / 2 at the 22 decimals
-- of the sum, as SQL's sum / 2 gives them (0.1666666666666666666667, not
-- 20 decimals); a NULL value in the window: NULL; Infinity and -Infinity:
-- NaN; -Infinity and 1: -Infinity.
SELECT month, value,
       previous_value(value, month) OVER w AS prev1,
       previous_value(value, month, 3) OVER w AS prev3,
       previous_average(value, month, 2) OVER w AS avg2
FROM (VALUES (date '2024-01-31', 1::numeric), ('2024-02-29', 2), ('2024-04-30', 4), ('2024-05-31', 8),
             ('2024-06-30', 0.1), ('2024-07-31', 0.25), ('2024-08-31', 0.3333333333333333333333), ('2024-09-30', 0),
             ('2024-10-31', NULL), ('2024-11-30', :'pinf'), ('2024-12-31', :'ninf'), ('2025-01-31', 1),
             ('2025-02-28', 2)) v(month, value)
WINDOW w AS (ORDER BY month);

-- Cost independent of the look-back: the month argument is evaluated each
-- time the function reads a row, so counting its evaluations counts row
-- reads.  1,000 months in one series, look-backs 1 and 1200: at most 30
-- reads a row (0.2.0 walked back row by row: about 500 a row at 1200).
CREATE FUNCTION pg_temp.counted(d date) RETURNS date LANGUAGE plpgsql VOLATILE AS $$
BEGIN
	PERFORM set_config('pv.reads', (current_setting('pv.reads')::bigint + 1)::text, false);
	RETURN d;
END $$;
CREATE TEMP TABLE long_series AS
SELECT (date '1900-01-31' + make_interval(months => i))::date AS month, (i % 97)::numeric AS value
FROM generate_series(0, 999) i;
CREATE TEMP TABLE reads (fn text, n int, answered bigint, reads bigint);
SELECT set_config('pv.reads', '0', false) \gset
INSERT INTO reads SELECT 'previous_value', 1, count(v), current_setting('pv.reads')::bigint
FROM (SELECT previous_value(value, pg_temp.counted(month), 1) OVER (ORDER BY month) AS v FROM long_series) x;
SELECT set_config('pv.reads', '0', false) \gset
INSERT INTO reads SELECT 'previous_value', 1200, count(v), current_setting('pv.reads')::bigint
FROM (SELECT previous_value(value, pg_temp.counted(month), 1200) OVER (ORDER BY month) AS v FROM long_series) x;
SELECT set_config('pv.reads', '0', false) \gset
INSERT INTO reads SELECT 'previous_value', 999, count(v), current_setting('pv.reads')::bigint
FROM (SELECT previous_value(value, pg_temp.counted(month), 999) OVER (ORDER BY month) AS v FROM long_series) x;
SELECT set_config('pv.reads', '0', false) \gset
INSERT INTO reads SELECT 'previous_average', 1200, count(v), current_setting('pv.reads')::bigint
FROM (SELECT previous_average(value, pg_temp.counted(month), 1200) OVER (ORDER BY month) AS v FROM long_series) x;
SELECT set_config('pv.reads', '0', false) \gset
INSERT INTO reads SELECT 'previous_average', 500, count(v), current_setting('pv.reads')::bigint
FROM (SELECT previous_average(value, pg_temp.counted(month), 500) OVER (ORDER BY month) AS v FROM long_series) x;
SELECT fn, n, answered, reads / 1000 <= 30 AS at_most_30_reads_a_row FROM reads ORDER BY fn, n;

-- errors kept: out of order, and one row a month
SELECT previous_value(v, m) OVER (ORDER BY m DESC) FROM (VALUES (1, date '2024-01-31'), (2, '2024-02-29')) x(v, m);
SELECT previous_average(v, m) OVER (ORDER BY m) FROM (VALUES (1, date '2024-01-31'), (2, '2024-01-01')) x(v, m);
