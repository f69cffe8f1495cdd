-- Rates, percentages and their intervals.  Expected values: hand
-- arithmetic, and PHEindicatormethods' test values (definitions.md 7.6).
SET search_path = socialcare, public;

-- The seed's example: 561 children on a plan, 81,070 children.
SELECT rate(561, 81070) AS rate, round(rate(561, 81070), 1) AS published;
SELECT rate(561, 81070, 1000) AS per_1000, rate(0, 81070) AS none, rate(5, 0) AS no_population;

SELECT percent(1, 3) AS third, percent(45, 60) AS three_quarters, percent(0, 7) AS zero,
       percent(0, 0) AS empty_team, percent(12.5, 40) AS fte;

-- DfE rounds half away from zero; numeric round() does, float round() does not.
SELECT percent(1, 8) AS pct, round(percent(1, 8)) AS dfe, round(percent(1, 8)::float8) AS float_banker,
       round(percent(5, 8)) AS up, round(rate(1, 8, 1), 2) AS half_cent;

-- Intervals (PHEindicatormethods' values, to 9 decimal places or more).
SELECT round(percent_lower(65, 100), 9) AS lower, round(percent_upper(65, 100), 9) AS upper,
       round(percent_lower(65, 100), 9) = 55.254443297 AND round(percent_upper(65, 100), 9) = 73.635751757 AS ok;
SELECT round(percent_lower(1045, 5000, 0.998), 9) = 19.179381799
   AND round(percent_upper(1045, 5000, 0.998), 9) = 22.731562903 AS wilson_998_ok;
SELECT round(value, 6) AS value, round(lower, 9) AS lower, round(upper, 9) AS upper,
       round(lower, 9) = 79.121017529 AND round(upper, 9) = 80.536400736 AS ok
FROM percent_ci(9856, 12345);
SELECT round(count_lower(65), 9) = 50.163187710 AND round(count_upper(65), 9) = 82.849138546 AS byars_65,
       round(count_lower(65, 0.998), 9) = 42.880261471 AND round(count_upper(65, 0.998), 9) = 94.000290844 AS byars_65_998,
       round(count_lower(1045), 8) = 982.59320181 AND round(count_upper(1045), 8) = 1110.33121299 AS byars_1045,
       count_lower(0) = 0 AND round(count_upper(0), 9) = 3.688879454 AS exact_zero;
SELECT count, method, round(value, 4) AS value, round(lower, 9) AS lower, round(upper, 9) AS upper
FROM (VALUES (1::bigint, 100, 0.95), (5, 100, 0.998), (20, 100, 0.95)) AS t (count, population, confidence),
     LATERAL rate_ci(count, population, 100, confidence);
SELECT round(rate_lower(250, 220, 100000), 6) = 99984.947385
   AND round(rate_upper(250, 220, 100000), 6) = 128631.144875 AS rate_250_220;

-- Exact below 10, Byar's from 10; the interval always contains the rate.
SELECT c, rate_method(c) AS method, rate_lower(c, 1000) <= rate(c, 1000) AND rate(c, 1000) <= rate_upper(c, 1000) AS contains
FROM unnest(ARRAY[0, 1, 9, 10, 11, 1000]::bigint[]) AS c;

-- Confidence as a fraction or a percentage; 99.8% is wider than 95%.
SELECT percent_lower(65, 100, 95) = percent_lower(65, 100) AS pct_95,
       percent_lower(65, 100, 99.8) = percent_lower(65, 100, 0.998) AS pct_998,
       percent_lower(65, 100, 0.998) < percent_lower(65, 100) AS wider;
SELECT percent_lower(0, 50) AS none_lower, round(percent_upper(0, 50), 6) AS none_upper,
       round(percent_lower(50, 50), 6) AS all_lower, percent_upper(50, 50) AS all_upper,
       percent_lower(0, 0) AS empty;

-- Benchmark comparison, as Fingertips: similar when the benchmark is inside
-- the interval (ends included), else by polarity.
SELECT b, compare_to_benchmark(50, 45, 55, b, 'high') AS high_is_good,
       compare_to_benchmark(50, 45, 55, b, 'low') AS low_is_good,
       compare_to_benchmark(50, 45, 55, b) AS no_polarity
FROM unnest(ARRAY[40, 45, 50, 55, 60]::numeric[]) AS b;
SELECT compare_to_benchmark(NULL, 45, 55, 50, 'high') AS no_value,
       compare_to_benchmark(50, NULL, 55, 50) AS no_lower,
       compare_to_benchmark(50, 45, 55, NULL, 'low') AS no_benchmark;
-- England's re-referral rate 22.4% against a council's 23.9% of 5,000.
SELECT compare_to_benchmark(percent(1195, 5000), percent_lower(1195, 5000), percent_upper(1195, 5000), 22.4, 'low');

-- Suppression for tables that leave the council.
SELECT n, suppress(n) AS dfe, suppress(n, 10) AS ten, suppress(n, 0) AS none,
       suppress_value(round(rate(n, 81070), 1), n) AS rate
FROM unnest(ARRAY[0, 1, 5, 6, 10, 11]::bigint[]) AS n;

-- NULL in, NULL out.
SELECT rate(NULL, 1) IS NULL AS a, percent(1, NULL) IS NULL AS b, percent_lower(NULL, 5) IS NULL AS c,
       rate_upper(5, NULL) IS NULL AS d, suppress(NULL) IS NULL AS e, count_lower(NULL) IS NULL AS f;

-- Nonsense is an error that names it.
\set VERBOSITY default
SELECT rate(-1, 100);
SELECT rate(1, -100);
SELECT rate(1, 100, 0);
SELECT rate('NaN', 100);
SELECT percent(1, 'Infinity');
SELECT percent(6, 5);
SELECT percent(3, 0);
SELECT percent_lower(6, 5);
SELECT percent_lower(-1, 5);
SELECT rate_lower(-3, 100);
SELECT percent_lower(1, 5, 1);
SELECT percent_lower(1, 5, 0);
SELECT percent_lower(1, 5, 100);
SELECT percent_lower(1, 5, 5);
SELECT percent_lower(1, 5, 'NaN');
SELECT compare_to_benchmark(50, 55, 45, 50);
SELECT compare_to_benchmark(50, 45, 55, 50, 'higher');
SELECT suppress(3, -1);
SELECT suppress(-3);

-- The exact lower limit keeps its precision far in the tail:
-- chi2(5e-5, 2) / 2 = -ln(1 - 5e-5) = 5.000125004166875e-5.
SELECT round(count_lower(1, 0.9999) * 1e5, 10) AS lower_times_1e5;
-- A value equal to the benchmark but outside its own interval counts as
-- higher, as in Fingertips.
SELECT compare_to_benchmark(5, 6, 7, 5, 'high') AS high, compare_to_benchmark(5, 6, 7, 5, 'low') AS low,
       compare_to_benchmark(5, 6, 7, 5) AS none;
