-- The floor: the same scan and sum, with the cheapest date arithmetic.
SELECT sum(f - s) FROM :tbl;
