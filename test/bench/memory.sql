-- test/bench/memory.sql: what the built-in calendars cost a backend.
-- Run in a fresh session.  Prints one row per step: calendar, bytes of the
-- 'socialcare calendars' memory context after loading it, and the first
-- (cold) and a second (warm) call's time in ms.
\set ON_ERROR_STOP on
LOAD 'socialcare';
CREATE TEMP TABLE mem (step int, calendar text, total_bytes bigint, used_bytes bigint,
					   cold_ms float8, warm_ms float8);
CREATE FUNCTION pg_temp.ctx() RETURNS TABLE (total bigint, used bigint) LANGUAGE sql AS $$
	SELECT coalesce(sum(total_bytes), 0)::bigint, coalesce(sum(used_bytes), 0)::bigint
	FROM pg_backend_memory_contexts WHERE name = 'socialcare calendars'
$$;
INSERT INTO mem SELECT 0, '(library loaded)', total, used, NULL, NULL FROM pg_temp.ctx();

DO $$
DECLARE
	cal text;
	i int := 0;
	t0 timestamptz;
	cold float8;
	warm float8;
	r int;
BEGIN
	FOREACH cal IN ARRAY ARRAY['england-and-wales', 'scotland', 'northern-ireland'] LOOP
		i := i + 1;
		t0 := clock_timestamp();
		r := socialcare.working_days(date '2024-01-01', date '2024-12-31', cal);
		cold := extract(epoch FROM clock_timestamp() - t0) * 1000;
		t0 := clock_timestamp();
		r := socialcare.working_days(date '2024-01-01', date '2024-12-31', cal);
		warm := extract(epoch FROM clock_timestamp() - t0) * 1000;
		INSERT INTO mem SELECT i, cal, total, used, cold, warm FROM pg_temp.ctx();
	END LOOP;
END $$;

SELECT calendar, total_bytes, used_bytes,
	   total_bytes - lag(total_bytes) OVER (ORDER BY step) AS added_bytes,
	   round(cold_ms::numeric, 3) AS first_call_ms, round(warm_ms::numeric, 3) AS second_call_ms
FROM mem ORDER BY step;
