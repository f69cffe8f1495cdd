# Concurrency: 8 pgbench clients for SOCIALCARE_PGBENCH_SECONDS (default
# 60) mixing reads (working_days and add_working_days over ranges, 9 in
# 10) and edits of a shared user calendar (1 in 10: close one day, reopen
# another, read, commit).  Checks: no failed transaction and no error, and
# afterwards every session's answer equals a day-by-day count from the
# tables (so no session kept a stale calendar).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use SocialcareCluster;
use Test::More;

my $db = 'socialcare_pgbench';
my $seconds = $ENV{SOCIALCARE_PGBENCH_SECONDS} // 60;
my $scripts = test_file('hardening/pgbench');

# Statements are not logged: 8 clients for a minute would write a lot.
my $node = new_node('pgbench', log_statement => 'none');
$node->safe_psql('postgres', "CREATE DATABASE $db");
$node->safe_psql($db, q{CREATE EXTENSION socialcare;
	INSERT INTO socialcare.calendar (name, description) VALUES ('pgbench', 'edited by pgbench')});

# Working days over the whole edited span, checked against a day-by-day
# count from the tables.
my $check = q{SELECT socialcare.working_days('2019-12-31', '2029-12-31', 'pgbench') = count(*), count(*),
	       (SELECT count(*) FROM socialcare.calendar_day WHERE calendar = 'pgbench')
	FROM generate_series(date '2020-01-01', '2029-12-31', '1 day') AS d
	WHERE extract(isodow FROM d) < 6
	  AND d NOT IN (SELECT day FROM socialcare.bank_holidays('2020-01-01', '2029-12-31', 'england-and-wales'))
	  AND d NOT IN (SELECT day FROM socialcare.calendar_day WHERE calendar = 'pgbench' AND NOT working)};
my @conn = ('-h', $node->host, '-p', $node->port);

# A session that loads the calendar before the storm and checks after it:
# it must have seen every committed edit.
my $longlived_out = '';
my $longlived = IPC::Run::start(
	[ 'psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', @conn, '-d', $db,
	  '-c', $check, '-c', 'SELECT pg_sleep(' . ($seconds + 3) . ')', '-c', $check ],
	'>', \$longlived_out, '2>', \$longlived_out);

my $log = '';
my $status = IPC::Run::run(
	[ 'pgbench', @conn, '-n', '-c', '8', '-j', '2', '-T', $seconds,
	  '-f', "$scripts/read.sql\@9", '-f', "$scripts/edit.sql\@1", $db ],
	'>', \$log, '2>', \$log) ? 0 : $? >> 8;
my ($processed) = $log =~ /^number of transactions actually processed: (\d+)/m;
my ($failed) = $log =~ /^number of failed transactions: (\d+)/m;
my $errors = () = $log =~ /error|abort/gi;
if ($status == 0 && ($failed // 0) == 0 && $errors == 0 && ($processed // 0) > 0)
{
	pass("pgbench, 8 clients for $seconds s mixing reads and calendar edits: $processed transactions, none failed");
}
else
{
	fail('pgbench, 8 clients mixing reads and calendar edits: status ' . $status . ', '
		  . ($failed // '?') . ' failed');
	diag($log);
}
note($_) for grep { /^(tps|latency average)/ } split /\n/, $log;

$longlived->finish;
sub report
{
	my ($answer, $who) = @_;
	if ($answer =~ /^t\|(.*)/)
	{
		pass("afterwards $who gets the calendar's working days a day-by-day count gives (working days|closures: $1)");
	}
	else
	{
		fail("afterwards $who gets working days that differ from a day-by-day count: $answer");
	}
	return;
}
report((split /\n/, $longlived_out)[-1] // '', 'a session that read the calendar before the edits');
report($node->safe_psql($db, $check), 'a new session');

$node->stop;
done_testing();
