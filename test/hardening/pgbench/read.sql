-- A reader: durations and due dates over ranges, in the user calendar
-- others are editing and in the default calendar.
\set s random(0, 3000)
\set len random(0, 400)
SELECT socialcare.working_days(date '2020-01-01' + :s, date '2020-01-01' + :s + :len, 'pgbench'),
       socialcare.working_days(date '2020-01-01' + :s, date '2020-01-01' + :s + :len),
       socialcare.add_working_days(date '2020-01-01' + :s, 15, 'pgbench');
