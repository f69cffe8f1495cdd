-- is_rereferral() and is_repeat_plan() with look-back periods reaching
-- before any date (issue 12 item 6), against the plain SQL definition:
-- EXISTS an earlier referral of the child on or after referral_date -
-- within.  PostgreSQL's own date - interval fails ("timestamp out of
-- range") when the result falls before 4714-11-24 BC; every date there is
-- lies after such a bound, so the oracle takes -infinity for it (the
-- referral dates stay inside the timestamp range, so the failure can only
-- be the bound's).  0.2.0 answered wrongly on thousands of rows here.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

CREATE FUNCTION pg_temp.lower_bound(d date, w interval) RETURNS timestamp
	LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
	RETURN d - w;
EXCEPTION WHEN datetime_field_overflow THEN
	RETURN '-infinity';
END $$;

-- 4000 referrals of 400 children: mostly 2019-2026, every 13th anywhere
-- from 4714-11-24 BC to 294276 AD, every 17th in 2000-2100, every 97th NULL.
CREATE TEMP TABLE rx AS
SELECT g AS id, g % 400 AS child,
       CASE WHEN g % 97 = 0 THEN NULL
            WHEN g % 13 = 0 THEN date '4714-11-24 BC' + (g::bigint * 7919 * 104729 % 109203000)::int
            WHEN g % 17 = 0 THEN date '2000-01-01' + (g * 7919 % 36525)
            ELSE date '2019-01-01' + (g * 7919 % 2922) END AS d
FROM generate_series(1, 4000) g;
-- and pairs exactly a period apart, where the boundary decides
INSERT INTO rx
SELECT 4000 + row_number() OVER (), 1000 + (row_number() OVER () + 1) / 2, d
FROM (VALUES (date '2024-02-29'), ('2025-03-31'), ('1500-01-31'), ('290000-06-30')) b(base),
     unnest(ARRAY['12 months', '5000 years', '6000 years 20000 days', '1000000 days']::interval[]) w,
     LATERAL (VALUES (base, 1), ((base - w)::date, 2)) v(d, k)
ORDER BY base, w, k;
CREATE INDEX ON rx (child, d);
ANALYZE rx;
SELECT count(*) AS referrals, count(DISTINCT child) AS children, count(d) AS dated,
       min(d) AS first, max(d) AS last
FROM rx;

CREATE TEMP TABLE periods (within interval, boundary boolean);
INSERT INTO periods
SELECT w::interval, b
FROM unnest(ARRAY['12 months', '365 days', '10000000 years', '2147483647 days', '178000000 years',
                  '2147483647 months', '178000000 years 2147483647 days', '100000 years',
                  '5000 years', '6000 years 20000 days', '1000000 days', '50000000 days',
                  '1 month 2147483647 days', '2147483647 months 1 day']) w,
     (VALUES (true), (false)) b(b);

-- For each period and boundary: the rows, the re-referrals by the plain
-- definition, and the rows where is_rereferral() disagrees (must be 0).
SELECT p.within, p.boundary, count(*) AS rows,
       count(*) FILTER (WHERE x.plain) AS plain_true,
       count(*) FILTER (WHERE x.flag IS DISTINCT FROM x.plain) AS disagree
FROM periods p
CROSS JOIN LATERAL (
	SELECT is_rereferral(r.d, p.within, false, p.boundary) OVER (PARTITION BY r.child ORDER BY r.d) AS flag,
	       CASE WHEN r.d IS NOT NULL THEN
	           EXISTS (SELECT 1 FROM rx r2
	                   WHERE r2.child = r.child AND r2.d < r.d
	                     AND CASE WHEN p.boundary THEN r2.d >= b.lb ELSE r2.d > b.lb END)
	       END AS plain
	FROM rx r CROSS JOIN LATERAL (SELECT pg_temp.lower_bound(r.d, p.within) AS lb) b) x
GROUP BY p.within, p.boundary
ORDER BY p.within, p.boundary;

-- A period reaching before every date: every earlier referral counts, as
-- lag() over the child's distinct dates sees it.
SELECT count(*) FILTER (WHERE flag IS DISTINCT FROM (CASE WHEN d IS NOT NULL THEN prev IS NOT NULL END)) AS disagree,
       count(*) FILTER (WHERE flag) AS true_flags
FROM (SELECT d, is_rereferral(d, '178956970 years 7 months 2147483647 days') OVER w AS flag,
             lag(d) OVER w AS prev
      FROM (SELECT DISTINCT child, d FROM rx) u
      WINDOW w AS (PARTITION BY child ORDER BY d)) x;

-- By hand: 2025-06-15 - 6737 years is 15 June 4713 BC (astronomical year
-- -4712), after 1 January 4713 BC; - 6738 years is 15 June 4714 BC, before
-- it (and before PostgreSQL's first timestamp, where date - interval fails).
SELECT d, is_rereferral(d, '10000000 years') OVER w AS ten_million_years,
       is_rereferral(d, '2147483647 days') OVER w AS max_days,
       is_rereferral(d, '6737 years') OVER w AS back_to_4713_bc_june,
       is_rereferral(d, '6738 years') OVER w AS back_to_4714_bc_june
FROM (VALUES (date '4713-01-01 BC'), ('2025-06-15'), ('2025-06-16')) v(d)
WINDOW w AS (ORDER BY d);

-- is_repeat_plan and ended_within take the same huge periods: every
-- earlier plan that ended after the start's bound counts.
SELECT s, is_repeat_plan(s, e, '10000000 years') OVER (ORDER BY s) AS repeat_10m_years,
       is_repeat_plan(s, e, '2147483647 months 2147483647 days') OVER (ORDER BY s) AS repeat_max
FROM (VALUES (date '0001-01-01', date '0001-02-01'), ('9999-12-31', '9999-12-31')) v(s, e);
SELECT ended_within('2024-01-01', '9999-12-31', '178000000 years') AS within_178m_years,
       ended_within('2024-01-01', '9999-12-31', '7975 years') AS within_7975_years,
       ended_within('2024-01-01', '9999-12-31', '7976 years') AS within_7976_years;

-- Still errors: negative, zero and sub-day periods.
SELECT is_rereferral(d, '-1 day') OVER (ORDER BY d) FROM (VALUES (date '2024-01-01')) v(d);
SELECT is_rereferral(d, '10000000 years -1 day') OVER (ORDER BY d) FROM (VALUES (date '2024-01-01')) v(d);
SELECT is_rereferral(d, '-178000000 years') OVER (ORDER BY d) FROM (VALUES (date '2024-01-01')) v(d);
