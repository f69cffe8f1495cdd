-- The generate_series recipe: a correlated subquery per row counting the
-- weekdays in (s, f] that are not holidays; sign() for reversed pairs.
SELECT sum(sign(f - s) * (
	SELECT count(*)
	FROM generate_series(least(s, f) + 1, greatest(s, f), interval '1 day') AS g (d)
	WHERE extract(isodow FROM d) < 6
	  AND d::date NOT IN (SELECT day FROM bench.holiday)))
FROM :tbl;
