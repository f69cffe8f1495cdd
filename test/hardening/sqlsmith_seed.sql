-- Seed data for test/hardening/sqlsmith.sh: the database sqlsmith queries.
--
-- sqlsmith writes literals only for integers and booleans; every other
-- value it passes to a function is NULL, a column of a table it can see,
-- or another function's result.  So the values worth passing to socialcare
-- must be in tables: user calendars, local timescales and chains, KPI rows
-- (socialcare's own tables), and public.smith_value, a table of dates,
-- timestamps, intervals, numerics, floats, integers, texts and arrays with
-- ordinary values, the edges of each type (infinities, NaN, the first and
-- last dates PostgreSQL has, extreme intervals) and names that socialcare
-- takes as arguments (calendars, timescale codes, chains, polarities).
-- Rows of the extension's tables are owned by :role, the role sqlsmith
-- runs as, so that its INSERT/UPDATE/DELETE statements (each rolled back
-- by sqlsmith) get past the row security policies to the triggers.
SET client_min_messages = warning;
SET datestyle = ISO, YMD;

-- User calendars: each base, odd week patterns, closures and working
-- days on weekends and bank holidays, at the ends of the allowed range.
INSERT INTO socialcare.calendar (name, base, weekmask, description, owner) VALUES
	('council', 'england-and-wales', '1111100', 'closed 24 to 31 December', :'role'),
	('highland', 'scotland', '1111110', 'six-day week', :'role'),
	('belfast', 'northern-ireland', '0000001', 'Sundays only', :'role'),
	('every-day', 'england-and-wales', '1111111', 'no weekend', :'role'),
	('edges', 'england-and-wales', '1010101', 'days at the ends of the range', :'role');
INSERT INTO socialcare.calendar_day (calendar, day, working, name)
SELECT 'council', d, false, 'Christmas closure'
FROM generate_series(date '2015-12-24', '2030-12-24', interval '1 year') AS y (d0),
	 LATERAL generate_series(y.d0::date, (y.d0 + interval '7 days')::date, interval '1 day') AS g (d)
ON CONFLICT DO NOTHING;
INSERT INTO socialcare.calendar_day (calendar, day, working, name) VALUES
	('council', '2025-03-08', true, 'Saturday opening'),
	('council', '2025-12-23', true, 'working Tuesday'),
	('highland', '2025-01-02', true, NULL),
	('belfast', '2025-03-17', false, 'closed'),
	('edges', '1971-01-01', false, 'first day'),
	('edges', '1971-01-02', true, NULL),
	('edges', '2199-12-30', true, NULL),
	('edges', '2199-12-31', false, 'last day');

-- Local timescales: every unit, 0 and the largest amount, and chains
-- over them (one with an after_months step).
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event, owner) VALUES
	('local_zero', 'same day', 0, 'working days', 'a', 'b', :'role'),
	('local_max_wd', 'most working days', 100000, 'working days', 'a', 'b', :'role'),
	('local_max_cd', 'most calendar days', 100000, 'calendar days', 'a', 'b', :'role'),
	('local_weeks', 'weeks', 3, 'weeks', 'a', 'b', :'role'),
	('local_max_weeks', 'most weeks', 100000, 'weeks', 'a', 'b', :'role'),
	('local_months', 'months', 1, 'months', 'a', 'b', :'role'),
	('local_max_months', 'most months', 100000, 'months', 'a', 'b', :'role'),
	('local_hours', 'hours', 24, 'hours', 'a', 'b', :'role'),
	('local_max_hours', 'most hours', 100000, 'hours', 'a', 'b', :'role');
INSERT INTO socialcare.timescale_chain (chain, step, timescale, after_months, description, owner) VALUES
	('local_chain', 1, 'local_zero', NULL, 'first', :'role'),
	('local_chain', 2, 'local_months', NULL, 'then monthly', :'role'),
	('local_chain', 3, 'local_max_wd', 1, 'after a month', :'role'),
	('local_long', 1, 'local_max_months', NULL, 'long', :'role'),
	('local_long', 2, 'local_max_cd', NULL, 'longer', :'role');

-- KPIs with values, targets and comparators.
INSERT INTO socialcare.kpi (code, title, unit, decimals, frequency, polarity, target, tolerance, sort_order, owner) VALUES
	('K1', 'percent, high', 'percent', 1, 'monthly', 'high', 80, 5, 1, :'role'),
	('K2', 'rate, low', 'rate', 0, 'as at month end', 'low', 50, 0, 2, :'role'),
	('K3', 'count, no target', 'count', 0, 'cumulative', 'high', NULL, 0, 3, :'role'),
	('K4', 'number, huge', 'number', 6, 'monthly', 'low', 1e30, 1e29, NULL, :'role');
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator)
SELECT k, (date_trunc('month', m) + interval '1 month - 1 day')::date,
	   -- each value fits its KPI's unit (kpi_validate): K1's the percentage
	   -- of its numerator and denominator, K3's a whole count
	   CASE WHEN i % 7 = 3 THEN NULL
			WHEN k = 'K1' THEN round(100.0 * (i * 37 % 100) / (100 + i), 1)
			WHEN k = 'K3' THEN i * 37 % 100
			ELSE round((i * 37 % 100)::numeric + i / 10.0, 1) END,
	   CASE WHEN k = 'K1' THEN i * 37 % 100 ELSE i END, 100 + i
FROM unnest(ARRAY['K1', 'K2', 'K3', 'K4']) AS k,
	 generate_series(date '2017-01-01', '2019-12-01', interval '1 month') WITH ORDINALITY AS g (m, i);
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES
	('K4', '0001-01-31', 0), ('K4', '9999-12-31', 1e-20);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target, tolerance) VALUES
	('K1', '2018-04-01', 85, 2.5), ('K2', '2018-04-01', 45, 1), ('K3', '2019-04-01', 100, 10);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label) VALUES
	('K1', 'england', '2017-01-01', 77.5, 'England'),
	('K1', 'region', '2018-01-01', 79, 'West Midlands'),
	('K2', 'statistical neighbours', '2017-06-01', 43.3, NULL);

-- Values of every type socialcare takes, ordinary and extreme.
CREATE TABLE public.smith_value (
	id			integer PRIMARY KEY,
	d			date,
	d2			date,
	ts			timestamptz,
	ts2			timestamptz,
	iv			interval,
	n			numeric,
	n2			numeric,
	f			float8,
	i			integer,
	b			bigint,
	ok			boolean,
	t			text,
	nm			name,
	ba			bigint[],
	na			numeric[],
	fa			float8[],
	dr			daterange,
	r			socialcare.rag
);
INSERT INTO public.smith_value VALUES
	(1, '2025-03-07', '2025-03-10', '2025-03-07 09:00+00', '2025-03-10 17:00+00', '12 months',
	 75.5, 80, 0.95, 5, 10, true, 'council', 'council', '{1,2,3}', '{1,2,3.5}', '{1,2,3}', '[2025-01-01,2025-12-31]', 'green'),
	(2, '2018-12-31', '2018-01-31', '2018-12-31 23:59:59+00', '2019-01-01 00:00+00', '3 months',
	 -1, 0, 0.5, 0, 0, false, 'england-and-wales', 'england-and-wales', '{}', '{}', '{}', 'empty', 'red'),
	(3, 'infinity', '-infinity', 'infinity', '-infinity', '178000000 years',
	 'NaN', 'Infinity', 'NaN', 2147483647, 9223372036854775807, NULL, 'scotland', 'scotland',
	 '{9223372036854775807,-9223372036854775808}', '{NaN,Infinity,-Infinity}', '{NaN,Infinity,-Infinity}', '(,)', 'amber'),
	(4, '4713-01-01 BC', '5874897-12-31', '4713-01-01 00:00+00 BC', '294276-12-31 23:59:59+00', '-178000000 years',
	 '-Infinity', 1e-1000, '-Infinity', -2147483648, -9223372036854775808, true, 'northern-ireland', 'northern-ireland',
	 '{-1,-1,-1}', '{-1e100,1e100}', '{-1e308,1e308}', '[0001-01-01,9999-12-31)', NULL),
	(5, '1971-01-01', '2199-12-31', '1971-01-01 00:00+00', '2199-12-31 00:00+00', '2147483647 days',
	 1e100, -1e100, 1e308, 1, 1, false, 'icpc', 'icpc', '{0,0,0,0,0,0,0,0}', '{0.5}', '{0.5}', '[1971-01-01,2200-01-01)', 'green'),
	(6, '1970-12-31', '2200-01-01', '2000-02-29 12:00+00', '2000-03-01 12:00+00', '-2147483648 days',
	 0, 100, -0.0, -1, -1, true, 'lac_review', 'lac_review', '{1,NULL,3}', '{1,NULL,3}', '{1,NULL,3}', NULL, 'red'),
	(7, '2024-02-29', '2025-02-28', NULL, NULL, '-1 days',
	 99.95, 99.949999, 1e-308, 1200, 2147483648, NULL, 'local_chain', 'local_chain', '{{1,2},{3,4}}', '{{1,2},{3,4}}', '{{1,2},{3,4}}', NULL, NULL),
	(8, '2025-12-25', '2025-12-24', '2025-12-25 00:00+00', '2025-12-24 00:00+00', '0 days',
	 50, 50, 50, 12, 12, true, 'lac_visit_long_term', 'lac_visit_long_term', '{2018,2019,12,1,1}', '{5,4,3,2,1}', '{5,4,3,2,1}', NULL, 'amber'),
	(9, NULL, NULL, NULL, NULL, '1 mon -1 day',
	 NULL, NULL, NULL, NULL, NULL, NULL, 'high', 'high', NULL, NULL, NULL, NULL, NULL),
	(10, '2020-01-01', NULL, '2020-01-01 00:00+00', NULL, '2 years',
	 12345678901234567890.123456789, 0.000000001, 1e-5, 100000, -2147483649, false, 'low', 'low',
	 '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}', '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}', '{1,2}', NULL, 'green'),
	(11, '2000-01-01', '2000-01-01', '2000-01-01 00:00+00', '2000-01-01 00:00+00', '1 day',
	 1, 1, 1, 3, 3, true, '', '', '{5}', '{5}', '{5}', NULL, NULL),
	(12, '2025-04-01', '2026-03-31', '2025-04-01 00:00+00', '2026-03-31 00:00+00', '1 week',
	 -0.5, 0.5, -1, -5, -5, false, 'no such calendar', 'x', '{-9223372036854775807}', '{-1}', '{-1}', NULL, 'red'),
	(13, '2019-06-15', '2019-06-15', '2019-06-15 12:00+00', '2019-06-15 11:00+00', '72 hours',
	 33.333333333333333333, 66.666666666666666667, 0.999999, 24, 72, true, 'local_max_wd', 'local_max_wd',
	 '{1,0,1,0}', '{33.3,33.3,33.4}', '{0.1,0.2}', NULL, 'amber'),
	(14, '2010-05-31', '2030-05-31', NULL, NULL, '-12 months',
	 1000000, 10000, 1e10, 10000, 10000, NULL, 'cp_review', 'cp_review', NULL, NULL, NULL, NULL, NULL),
	(15, '2025-06-30', '2025-06-30', '2025-06-30 00:00+00', '2025-06-30 00:00+00', '3 mons',
	 80, 85, 0.9, 7, 7, true, 'socialcare.calendar', 'socialcare.calendar', '{3,1}', '{3,1}', '{3,1}', NULL, NULL),
	(16, '2025-01-01', '2025-12-31', NULL, NULL, NULL,
	 NULL, 5, NULL, 36, 5, false, 'local_hours', 'local_hours', '{1,2,3}', NULL, NULL, NULL, NULL),
	(17, '2001-02-03', '2001-02-03', NULL, NULL, '999999 years',
	 NULL, NULL, NULL, 240, 240, true, repeat('calendar name that is far too long ', 300), 'long', NULL, NULL, NULL, NULL, NULL),
	(18, '1999-12-31', '2000-01-31', NULL, NULL, '00:00:01',
	 NULL, NULL, NULL, 2, 2, true, 'edges', 'edges', NULL, NULL, NULL, NULL, NULL),
	(19, '2025-03-31', '2025-04-30', NULL, NULL, '1 month',
	 NULL, NULL, NULL, 13, 13, NULL, 'every-day', 'every-day', NULL, NULL, NULL, NULL, NULL),
	(20, '2025-11-30', '2025-12-31', NULL, NULL, '6 weeks',
	 NULL, NULL, NULL, 60, 60, NULL, 'belfast', 'belfast', NULL, NULL, NULL, NULL, NULL),
	(21, '2026-06-01', '2026-06-30', NULL, NULL, '1 year',
	 NULL, NULL, NULL, 45, 45, NULL, 'highland', 'highland', NULL, NULL, NULL, NULL, NULL),
	(22, '2023-04-01', '2024-03-31', NULL, NULL, '10000000 years',
	 NULL, NULL, NULL, 15, 15, NULL, 'return_interview', 'return_interview', NULL, NULL, NULL, NULL, NULL),
	(23, '2022-09-01', '2022-09-30', NULL, NULL, '-1 mons',
	 NULL, NULL, NULL, 1, 1, NULL, 'assessment', 'assessment', NULL, NULL, NULL, NULL, NULL),
	(24, '2021-07-01', '2021-07-31', NULL, NULL, '1 mon',
	 NULL, NULL, NULL, 2, 2, NULL, 'lac_visit', 'lac_visit', NULL, NULL, NULL, NULL, NULL),
	(25, '2024-12-31', '2025-01-31', NULL, NULL, '1 day',
	 NULL, NULL, NULL, 3, 3, NULL, 'local_long', 'local_long', NULL, NULL, NULL, NULL, NULL);
GRANT SELECT, INSERT, UPDATE, DELETE ON public.smith_value TO PUBLIC;

-- A table of cases, as a council's own data would be: episodes with a
-- start, an end, a flag, a count, a timescale code and a calendar.
CREATE TABLE public.smith_case (
	id			integer PRIMARY KEY,
	started		date,
	ended		date,
	met			boolean,
	events		bigint,
	score		numeric,
	code		text,
	calendar	text
);
INSERT INTO public.smith_case
SELECT i,
	   date '2016-01-01' + (i * 37) % 3000,
	   CASE WHEN i % 5 = 0 THEN NULL ELSE date '2016-01-01' + (i * 37) % 3000 + (i * 13) % 700 END,
	   i % 3 <> 0,
	   i % 9,
	   (i * 7 % 1000) / 10.0,
	   (ARRAY['icpc', 'assessment', 'lac_review_1', 'local_weeks', 'local_hours', 'cp_review_1'])[1 + i % 6],
	   (ARRAY['council', 'england-and-wales', 'highland', 'belfast', NULL])[1 + i % 5]
FROM generate_series(1, 200) AS i;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.smith_case TO PUBLIC;
ANALYZE;
