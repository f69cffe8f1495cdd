-- The floor for offsets: calendar-day arithmetic.
SELECT sum(s + n - date '2000-01-01') FROM :tbl;
