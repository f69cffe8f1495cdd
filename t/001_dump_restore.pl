# Dump and restore: a database using the extension, with a user calendar,
# goes through pg_dump -Fc and pg_restore into a fresh cluster, and there
#   - every table and view of the extension (enumerated from pg_depend,
#     so tables added later are covered) has the same contents; a
#     pg_extension_config_dump table with no user row gets one of
#     ordinary values where its constraints allow;
#   - the user calendar gives the same answer as before (2 working days);
#   - the schema keeps its privileges, PUBLIC its USAGE;
#   - test/upgrade/answers.sql (one call of each function area) gives the
#     same answers.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use SocialcareCluster;
use Test::More;

my $db = 'socialcare_dump_src';
my $acl = "SELECT nspacl FROM pg_namespace WHERE nspname = 'socialcare'";
my $query = q{SELECT socialcare.working_days('2025-12-24', '2026-01-02', 'dump-test'),
              (SELECT count(*) FROM socialcare.calendar_day),
              (SELECT string_agg(name || ':' || weekmask || ':' || owner, ',') FROM socialcare.calendar)};
my $answers = slurp_file(test_file('upgrade/answers.sql'));

my $src = new_node('source');
$src->safe_psql('postgres', "CREATE DATABASE $db");
$src->safe_psql($db, <<'SQL');
CREATE EXTENSION socialcare;
INSERT INTO socialcare.calendar (name, weekmask) VALUES ('dump-test', '1111110');
INSERT INTO socialcare.calendar_day (calendar, day, name)
SELECT 'dump-test', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;
-- Every other table pg_dump keeps rows of, still without rows to dump:
-- try one user row of ordinary values (columns with defaults keep them).
DO $$
DECLARE
  t regclass; cond text; n bigint; cols text; vals text;
BEGIN
  FOR t, cond IN SELECT c, coalesce(e.extcondition[i], '')
                 FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS u (c, i)
                 WHERE e.extname = 'socialcare' LOOP
    EXECUTE format('SELECT count(*) FROM %s %s', t, cond) INTO n;
    CONTINUE WHEN n > 0;
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(CASE
             WHEN a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'name'::regtype) THEN quote_literal('dump-test')
             WHEN a.atttypid = 'date'::regtype THEN quote_literal('2025-03-03')
             WHEN a.atttypid = 'boolean'::regtype THEN 'false'
             WHEN a.atttypid = 'interval'::regtype THEN quote_literal('15 days')
             ELSE '1' END || '::' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
      INTO cols, vals
      FROM pg_attribute a
      WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.atthasdef;
    BEGIN
      EXECUTE format('INSERT INTO %s (%s) VALUES (%s)', t, cols, vals);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'no user row for %: %', t, SQLERRM;
    END;
  END LOOP;
END $$;
SQL
my $before = $src->safe_psql($db, $query);
my $acl_before = $src->safe_psql($db, $acl);
my $contents_before = table_contents($src, $db, mark_config => 1);
my $answers_before = $src->safe_psql($db, $answers);
my $dump = PostgreSQL::Test::Utils::tempdir() . '/dump';
$src->command_ok([ 'pg_dump', '-Fc', '-d', $db, '-f', $dump ], 'pg_dump -Fc of a database using the extension');

# A fresh cluster with the same installation.
my $dst = new_node('restored');
$dst->safe_psql('postgres', "CREATE DATABASE $db");
$dst->command_ok([ 'pg_restore', '--exit-on-error', '-d', $db, $dump ], 'pg_restore into a fresh cluster');
my $after = $dst->safe_psql($db, $query);
my $acl_after = $dst->safe_psql($db, $acl);
my $contents_after = table_contents($dst, $db, mark_config => 1);
my $answers_after = $dst->safe_psql($db, $answers);

if ($before eq $after && $before eq '2|3|dump-test:1111110:postgres')
{
	pass("pg_dump and pg_restore into a fresh cluster keep user calendars: $after");
}
else
{
	fail('pg_dump and pg_restore into a fresh cluster keep user calendars');
	diag("before restore: $before");
	diag("after restore:  $after");
}
compare_contents($contents_before, $contents_after, 'restored %s', 'restored %s',
	sub {
		$_[0] =~ /\(config dump\): 0 rows/
		  ? ' (no rows to compare: add a user row to the fixture above)'
		  : '';
	});
ok($acl_before eq $acl_after && $acl_after =~ /=U\//,
	$acl_before eq $acl_after && $acl_after =~ /=U\//
	? "the schema's privileges survive, PUBLIC keeps USAGE: $acl_after"
	: "the schema's privileges differ after restore: $acl_before against $acl_after");
my $lines = () = $answers_after =~ /\n/g;
ok($answers_before ne '' && $answers_before eq $answers_after,
	'the restored database gives the same answers (' . ($lines + 1) . ' lines of test/upgrade/answers.sql)')
  or diag(join("\n", 'before:', $answers_before, 'after:', $answers_after));

$src->stop;
$dst->stop;
done_testing();
