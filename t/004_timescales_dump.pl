# Local timescales and chains survive pg_dump and restore into a fresh
# database, the shipped rows are neither duplicated nor lost, and the
# restored rows give the same answers.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use SocialcareCluster;
use Test::More;

my ($src_db, $dst_db) = ('socialcare_tsdump_src', 'socialcare_tsdump_dst');
# 10 working days from Monday 20 January 2025: Monday 3 February; the
# local chain's second visit is due 10 working days after the first
# (Friday 31 January): Friday 14 February.
my $query = q{SELECT socialcare.due_date('dump_visit', '2025-01-20'),
              (SELECT max(d) FROM (SELECT socialcare.chain_due('dump_chain', v, '2025-01-20') OVER (ORDER BY v) AS d
                                   FROM unnest('{2025-01-31,2025-02-03}'::date[]) AS v) x),
              (SELECT count(*) FILTER (WHERE shipped) || '/' || count(*) FILTER (WHERE NOT shipped) FROM socialcare.timescale),
              (SELECT count(*) FILTER (WHERE shipped) || '/' || count(*) FILTER (WHERE NOT shipped) FROM socialcare.timescale_chain),
              (SELECT string_agg(code || ':' || owner, ',') FROM socialcare.timescale WHERE NOT shipped)};

my $node = new_node('timescales');
$node->safe_psql('postgres', "CREATE DATABASE $_") for ($src_db, $dst_db);
$node->safe_psql($src_db, <<'SQL');
CREATE EXTENSION socialcare;
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('dump_visit', 'Local visit', 10, 'working days', 'visit', 'visit');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('dump_chain', 1, 'dump_visit');
SQL
my $before = $node->safe_psql($src_db, $query);
my $dump = PostgreSQL::Test::Utils::tempdir() . '/dump.sql';
$node->command_ok([ 'pg_dump', '-d', $src_db, '-f', $dump ], 'pg_dump of local timescales and chains');
$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $dst_db, '-f', $dump ],
	'the dump restores into a fresh database');
my $after = $node->safe_psql($dst_db, $query);
my $shipped = $node->safe_psql($dst_db, 'SELECT count(*) FROM socialcare.timescale WHERE shipped');

my $want = "2025-02-03|2025-02-14|$shipped/1|10/1|dump_visit:postgres";
if ($before eq $after && $after eq $want && $shipped >= 13)
{
	pass("pg_dump keeps local timescales and chains, shipped rows once: $after");
}
else
{
	fail('pg_dump keeps local timescales and chains, shipped rows once');
	diag("before restore: $before");
	diag("after restore:  $after");
	diag("expected:       $want");
}

$node->stop;
done_testing();
