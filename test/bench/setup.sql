-- test/bench/setup.sql: the benchmark's data and the competing recipes.
-- Run by scripts/bench.sh with psql -v rows=N in a throwaway cluster.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS socialcare;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- N random (s, f) pairs, both ends in 2000..2030, spans 0..400 days,
-- about 2% reversed; n (0..60) for the offsets.  Reproducible (setseed).
SELECT setseed(0.20250401);
CREATE TABLE bench.pairs (s date NOT NULL, f date NOT NULL, n int NOT NULL);
INSERT INTO bench.pairs
SELECT CASE WHEN rev THEN lo + span ELSE lo END,
	   CASE WHEN rev THEN lo ELSE lo + span END,
	   n
FROM (SELECT span, n, rev,
			 date '2000-01-01' + floor(random() * (date '2030-12-31' - date '2000-01-01' - span + 1))::int AS lo
	  FROM (SELECT floor(random() * 401)::int AS span,
				   floor(random() * 61)::int AS n,
				   random() < 0.02 AS rev
			FROM generate_series(1, :rows)) r) x;

-- Samples for the slow recipes, timed and scaled (1% and 0.1%).
CREATE TABLE bench.pairs_1pct AS SELECT * FROM bench.pairs TABLESAMPLE BERNOULLI (1) REPEATABLE (1);
CREATE TABLE bench.pairs_01pct AS SELECT * FROM bench.pairs TABLESAMPLE BERNOULLI (0.1) REPEATABLE (2);
-- Parallel runs use 2 workers whatever the table's size.
ALTER TABLE bench.pairs SET (parallel_workers = 2);
ALTER TABLE bench.pairs_1pct SET (parallel_workers = 2);
ALTER TABLE bench.pairs_01pct SET (parallel_workers = 2);

-- The holidays every recipe uses: the same GOV.UK England & Wales list the
-- extension has (weekdays only, as numpy's busdaycalendar keeps them).
CREATE TABLE bench.holiday (day date PRIMARY KEY);
INSERT INTO bench.holiday
SELECT day FROM socialcare.bank_holidays('1999-01-01', '2032-12-31', 'england-and-wales')
WHERE extract(isodow FROM day) < 6;
-- Too small to scan in parallel; with parallel costs set to 0 the planner
-- would put a Gather inside the generate_series recipe's subquery.
ALTER TABLE bench.holiday SET (parallel_workers = 0);

-- The sorted holiday array as a constant: an IMMUTABLE SQL function
-- returning a literal, folded into the plan as a Const.
DO $$
BEGIN
	EXECUTE format('CREATE FUNCTION bench.holiday_array() RETURNS date[] '
				   'LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
				   format('SELECT %L::date[]',
						  (SELECT array_agg(day ORDER BY day) FROM bench.holiday)));
END $$;

-- Pure SQL: weekdays in (s, f] in closed form, as a difference of
-- "weekdays from Monday 1990-01-01 to d inclusive" = 5 * whole weeks +
-- least(remainder, 5), minus the holidays in (s, f] counted with
-- width_bucket on the sorted array (the number of elements <= d).
-- Reversed pairs come out negative, like socialcare.working_days.
-- Inlined by the planner (one SELECT of an expression, IMMUTABLE).
CREATE FUNCTION bench.wd_sql(s date, f date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT 5 * ((f - date '1990-01-01' + 1) / 7) + least((f - date '1990-01-01' + 1) % 7, 5)
		 - 5 * ((s - date '1990-01-01' + 1) / 7) - least((s - date '1990-01-01' + 1) % 7, 5)
		 - (width_bucket(f, bench.holiday_array()) - width_bucket(s, bench.holiday_array()))
$$;

-- A calendar dimension: wd_ordinal = working days from its first day to d
-- inclusive; working_days(s, f) = ordinal(f) - ordinal(s).
CREATE TABLE bench.dim_date (
	d date PRIMARY KEY,
	is_working boolean NOT NULL,
	wd_ordinal int NOT NULL
);
INSERT INTO bench.dim_date
SELECT d, w, sum(w::int) OVER (ORDER BY d)
FROM (SELECT g::date AS d,
			 extract(isodow FROM g) < 6 AND g::date NOT IN (SELECT day FROM bench.holiday) AS w
	  FROM generate_series(date '1999-01-01', date '2032-12-31', interval '1 day') g) x;
-- The n-th working day: its ordinal is unique among working days.
CREATE TABLE bench.dim_workday AS
SELECT wd_ordinal, d FROM bench.dim_date WHERE is_working;
ALTER TABLE bench.dim_workday ADD PRIMARY KEY (wd_ordinal);

-- PL/pgSQL, day by day.
CREATE FUNCTION bench.wd_plpgsql(s date, f date) RETURNS int
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
	hol date[] := bench.holiday_array();
	d date := least(s, f) + 1;
	hi date := greatest(s, f);
	c int := 0;
BEGIN
	WHILE d <= hi LOOP
		IF extract(isodow FROM d) < 6 AND NOT d = ANY (hol) THEN
			c := c + 1;
		END IF;
		d := d + 1;
	END LOOP;
	RETURN CASE WHEN f < s THEN -c ELSE c END;
END
$$;

VACUUM (FREEZE, ANALYZE) bench.pairs, bench.pairs_1pct, bench.pairs_01pct,
	bench.holiday, bench.dim_date, bench.dim_workday;
