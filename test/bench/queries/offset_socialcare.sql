-- The extension: the n-th working day after s.
SELECT sum(socialcare.add_working_days(s, n) - date '2000-01-01') FROM :tbl;
