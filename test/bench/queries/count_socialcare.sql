-- The extension.
SELECT sum(socialcare.working_days(s, f)) FROM :tbl;
