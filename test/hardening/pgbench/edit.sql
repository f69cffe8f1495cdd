-- An editor: closes one day and reopens another of the shared calendar.
\set a random(0, 3400)
\set b random(0, 3400)
BEGIN;
INSERT INTO socialcare.calendar_day (calendar, day, name)
VALUES ('pgbench', date '2020-01-01' + :a, 'pgbench closure') ON CONFLICT DO NOTHING;
DELETE FROM socialcare.calendar_day WHERE calendar = 'pgbench' AND day = date '2020-01-01' + :b;
SELECT socialcare.working_days(date '2020-01-01' + :a - 10, date '2020-01-01' + :a + 10, 'pgbench');
COMMIT;
