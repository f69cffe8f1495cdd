# The KPI catalogue (socialcare.kpi, kpi_comparator, kpi_target,
# kpi_value) survives pg_dump and restore into a fresh database, rows,
# owners and all, and the restored scorecard gives the same answers.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use SocialcareCluster;
use Test::More;
use IPC::Run;


my ($src_db, $dst_db) = ('socialcare_kpidump_src', 'socialcare_kpidump_dst');
my $query = q{SELECT (SELECT string_agg(concat_ws(':', code, polarity, target, tolerance, owner), ',' ORDER BY code) FROM socialcare.kpi),
              (SELECT string_agg(concat_ws(':', kpi, comparator, valid_from, value, label), ',' ORDER BY kpi, comparator, valid_from)
               FROM socialcare.kpi_comparator),
              (SELECT md5(string_agg(concat_ws(':', kpi, month, value, numerator, denominator), ',' ORDER BY kpi, month))
               FROM socialcare.kpi_value),
              (SELECT string_agg(concat_ws(':', kpi, valid_from, target, tolerance), ',') FROM socialcare.kpi_target),
              (SELECT string_agg(concat_ws(':', kpi, rag, change_arrow, vs_england_arrow, sparkline), ',' ORDER BY kpi)
               FROM socialcare.scorecard_wide('2025-03-31', 6))};

my $node = new_node('kpi');
$node->safe_psql('postgres', "CREATE DATABASE $_") for ($src_db, $dst_db);
$node->safe_psql($src_db, <<'SQL');
CREATE EXTENSION socialcare;
INSERT INTO socialcare.kpi (code, title, polarity, target, tolerance) VALUES
 ('PI3', 'ICPCs within 15 working days', 'high', 85, 5), ('PI2', 'CP plans per 10,000', 'low', NULL, 0);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label) VALUES
 ('PI3', 'england', '2024-04-01', 76.9, NULL), ('PI3', 'region', '2024-04-01', 77.0, 'West Midlands');
INSERT INTO socialcare.kpi_target VALUES ('PI2', '2025-01-01', 80, 2);
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator)
SELECT k, m, 70 + 2 * extract(month FROM m), 70 + 2 * extract(month FROM m), 100
FROM unnest('{PI2,PI3}'::text[]) AS k, socialcare.month_ends('2024-10-01', '2025-03-31') AS m;
SQL
my $before = $node->safe_psql($src_db, $query);
my $dump = PostgreSQL::Test::Utils::tempdir() . '/dump.sql';
$node->command_ok([ 'pg_dump', '-d', $src_db, '-f', $dump ], 'pg_dump of the KPI catalogue');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $dst_db, '-f', $dump ],
	'the dump restores into a fresh database');
my $after = $node->safe_psql($dst_db, $query);
my $values = $node->safe_psql($dst_db, 'SELECT count(*) FROM socialcare.kpi_value');

# PI3 in March: 76 against a target of 85 less 5 is red; up from 74;
# 76 below England's 76.9 (77); bars of 90 92 94 72 74 76 from 72 to 94
# PI2 (low is better) in March: 76 against its 2025 target of 80: green
if ($before eq $after
	&& $before =~ /^PI2:low:0:postgres,PI3:high:85:5:postgres\|/
	&& $before =~ /\|PI2:green:▲:▇██▁▁▂,PI3:red:▲:▼:▇██▁▁▂$/
	&& $values eq '12')
{
	pass('pg_dump keeps the KPI catalogue and the scorecard: ' . ($after =~ s/.*\|//r));
}
else
{
	fail('pg_dump keeps the KPI catalogue');
	diag("before restore: $before");
	diag("after restore:  $after");
}

# A value stored before 0.3.0's unit checks that does not fit (here made
# as a restore would, with check_function_bodies off) does not stop its
# table from restoring: the restore keeps it and warns, naming it.
my ($bad_src, $bad_dst) = ('socialcare_kpidump_bad_src', 'socialcare_kpidump_bad_dst');
$node->safe_psql('postgres', "CREATE DATABASE $_") for ($bad_src, $bad_dst);
my (undef, undef, $made) = $node->psql($bad_src, <<'SQL');
CREATE EXTENSION socialcare;
INSERT INTO socialcare.kpi (code, title, unit, polarity) VALUES ('W1', 'Within 45 working days', 'percent', 'high');
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-01-31', 90, 9, 10);
SET check_function_bodies = off;
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-02-28', 50, 9, 10);
SQL
like($made, qr/WARNING:  KPI "W1" for 2025-02-28: value 50 is not 100 \* 9 \/ 10 = 90/,
	'with check_function_bodies off a value that does not fit is kept, with a warning naming it');
my $bad_dump = PostgreSQL::Test::Utils::tempdir() . '/bad.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-d', $bad_src, '-f', $bad_dump ], 'pg_dump of a catalogue holding a value that does not fit');
my ($out, $err) = ('', '');
ok(IPC::Run::run([ 'pg_restore', '--exit-on-error', '-d', $node->connstr($bad_dst), $bad_dump ], '>', \$out, '2>', \$err),
	'pg_restore --exit-on-error restores it') or diag($err);
is($node->safe_psql($bad_dst, q{SELECT string_agg(concat_ws(':', month, value), ',' ORDER BY month) FROM socialcare.kpi_value}),
	'2025-01-31:90,2025-02-28:50', 'the restored catalogue keeps both values');
# pg_restore shows the server's warnings only with --verbose: the server's
# log has them, once from the INSERT above and once from the restore.
my $warned = () = slurp_file($node->logfile) =~ /WARNING:  KPI "W1" for 2025-02-28: value 50 [^\n]*kept: check_function_bodies is off/g;
is($warned, 2, 'and warns, naming the value');
my (undef, undef, $refused) = $node->psql($bad_dst, q{UPDATE socialcare.kpi_value SET value = 51 WHERE month = '2025-02-28'});
like($refused, qr/ERROR:  KPI "W1" for 2025-02-28: value 51 is not 100 \* 9 \/ 10 = 90/, 'writing it again outside a restore is refused');

$node->stop;
done_testing();
