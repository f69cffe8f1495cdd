# Dump and restore by the database owner, a role without superuser that
# installed the extension itself (a trusted install): pg_dump and
# pg_restore run as that role, with rows of several roles (one whose name
# needs quoting) in every table that has owners, a chain written step 2
# first, and shipped rows.  The restore goes into a fresh cluster whose
# roles come from pg_dumpall --globals-only, and there every row of every
# table of the extension, with its owner's name, is the same, and a
# role's rows are still its own.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use SocialcareCluster;
use Test::More;

my $db = 'socialcare_owner_dump';
my $owner = 'regress_sc_dump_owner';
my $role_a = 'regress_sc_dump_a';
my $role_b = 'Regress SC Dump B';
my $owners = q{SELECT string_agg(name || '=' || owner::text, ',' ORDER BY name) FROM socialcare.calendar};
my $work = PostgreSQL::Test::Utils::tempdir();

my $src = new_node('source');
$src->safe_psql('postgres', qq{CREATE ROLE $owner LOGIN; CREATE ROLE $role_a LOGIN; CREATE ROLE "$role_b" LOGIN;
	CREATE DATABASE $db OWNER $owner});
$src->safe_psql($db, 'CREATE EXTENSION socialcare', extra_params => [ '-U', $owner ]);
$src->safe_psql($db, <<SQL);
SET ROLE $role_a;
INSERT INTO socialcare.calendar (name, weekmask) VALUES ('a-cal', '1111110');
INSERT INTO socialcare.calendar_day (calendar, day, name)
SELECT 'a-cal', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('a_visit', 'A visit', 10, 'working days', 'visit', 'visit');
INSERT INTO socialcare.kpi (code, title, polarity, target) VALUES ('A1', 'A KPI', 'high', 80);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('A1', 'england', '2024-01-01', 75);
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('A1', '2025-06-30', 81.5), ('A1', '2025-07-31', 79);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('A1', '2025-04-01', 85);
SET ROLE "$role_b";
INSERT INTO socialcare.calendar (name) VALUES ('b-cal');
INSERT INTO socialcare.calendar_day (calendar, day, working) VALUES ('b-cal', '2025-12-27', true);
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('b_visit', 'B visit', 4, 'weeks', 'visit', 'visit');
BEGIN;
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('b_chain', 2, 'icpc');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('b_chain', 1, 'b_visit');
COMMIT;
INSERT INTO socialcare.kpi (code, title, polarity) VALUES ('B1', 'B KPI', 'low');
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('B1', '2025-06-30', 3);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('B1', '2025-04-01', 2);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('B1', 'region', '2024-01-01', 4);
RESET ROLE;
SQL
$src->safe_psql($db, "INSERT INTO socialcare.calendar (name) VALUES ('owner-cal')", extra_params => [ '-U', $owner ]);
my $contents_before = table_contents($src, $db, user => $owner);
my $owners_before = $src->safe_psql($db, $owners);

$src->command_ok([ 'pg_dump', '-U', $owner, '-Fc', '-d', $db, '-f', "$work/dump" ],
	'pg_dump as the database owner, not a superuser');
$src->command_ok([ 'pg_dumpall', '--globals-only', '-f', "$work/globals.sql" ], 'pg_dumpall --globals-only');

# A fresh cluster with the same installation and roles (the globals
# include the bootstrap superuser, which exists: errors are expected).
my $dst = new_node('restored');
$dst->psql('postgres', slurp_file("$work/globals.sql"), on_error_stop => 0);
$dst->safe_psql('postgres', "CREATE DATABASE $db OWNER $owner");
# --no-owner: the schema socialcare belongs to a superuser (README:
# Security), and a role that is not one cannot give it back; the restored
# CREATE EXTENSION gives it to the superuser again.
$dst->command_ok(
	[ 'pg_restore', '-U', $owner, '--no-owner', '--exit-on-error', '-d', $db, "$work/dump" ],
	'pg_restore --no-owner as the database owner into a fresh cluster');
my (undef, $schema) = $dst->psql($db, qq{SELECT r.rolsuper || ' ' || has_schema_privilege('$owner', n.oid, 'CREATE')
	FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'socialcare'});
is($schema, 'true false',
	'the restored schema socialcare belongs to a superuser; the owner cannot create in it');
my $contents_after = table_contents($dst, $db, user => $owner);
my (undef, $owners_after) = $dst->psql($db, $owners);

compare_contents($contents_before, $contents_after, 'every row restored: %s', 'rows of %s differ after restore');
my $want = qq{a-cal=$role_a,b-cal="$role_b",owner-cal=$owner};
ok($owners_before eq $want && $owners_after eq $want, "owners are restored by name: $owners_after")
  or diag("before: $owners_before; after: $owners_after; want $want");

# The restored rows are still their owners' only: B cannot change A's, A can.
my ($ret, $out, $err) = $dst->psql($db, <<SQL);
SET ROLE "$role_b";
UPDATE socialcare.kpi_value SET value = 0 WHERE kpi = 'A1';
SET ROLE $role_a;
UPDATE socialcare.kpi_value SET value = value + 1 WHERE kpi = 'A1' AND month = '2025-07-31';
RESET ROLE;
SELECT string_agg(value::text, ',' ORDER BY month) FROM socialcare.kpi_value WHERE kpi = 'A1';
SELECT socialcare.chain_next_due('b_chain', '2025-01-06', 1, '2025-01-10');
SQL
# b_chain's step 2 (icpc, 15 working days) after Friday 10 January 2025: Friday 31 January
ok($ret == 0 && $err eq '' && $out eq "81.5,80\n2025-01-31",
	"restored rows keep their owners: B cannot change A's values, A can; B's chain answers")
  or diag("status $ret\n$out\n$err");

$src->stop;
$dst->stop;
done_testing();
