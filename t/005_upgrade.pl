# Upgrades: install the oldest released version, update step by step to
# the newest; and install every other released version and update it to
# the newest in one ALTER EXTENSION; check each result equals a fresh
# install: the same
# objects and definitions (test/upgrade/describe.sql) and the same
# answers (test/upgrade/answers.sql).  The versions are those `make
# install` installed (extension/socialcare--*.sql).
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use SocialcareCluster;
use Test::More;

my $fresh = 'socialcare_upgrade_fresh';
my $node = new_node('upgrade');
$node->safe_psql('postgres', "CREATE DATABASE $fresh");

# Released versions, oldest first (version strings compare as numbers).
my @versions = split /\n/, $node->safe_psql('postgres', q{
	SELECT version FROM pg_available_extension_versions WHERE name = 'socialcare'
	ORDER BY string_to_array(version, '.')::int[]});
note("versions: @versions");
cmp_ok(scalar(@versions), '>=', 2, 'more than one version installed to update from') or BAIL_OUT('no versions');
$node->safe_psql($fresh, 'CREATE EXTENSION socialcare');

# Each database updated, and how: the oldest step by step, every other
# earlier version straight to the newest.
my @updated;
my $stepped = 'socialcare_upgrade_stepped';
$node->safe_psql('postgres', "CREATE DATABASE $stepped");
$node->safe_psql($stepped, "CREATE EXTENSION socialcare VERSION '$versions[0]'");
for my $v (@versions[ 1 .. $#versions ])
{
	my ($ret, undef, $err) = $node->psql($stepped, "ALTER EXTENSION socialcare UPDATE TO '$v'");
	ok($ret == 0, "update to $v") or diag($err);
}
push @updated, [ $stepped, "updating step by step from $versions[0]" ];
for my $i (1 .. $#versions - 1)
{
	my ($v, $db) = ($versions[$i], "socialcare_upgrade_from_$i");
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	$node->safe_psql($db, "CREATE EXTENSION socialcare VERSION '$v'");
	my ($ret, undef, $err) = $node->psql($db, "ALTER EXTENSION socialcare UPDATE TO '$versions[-1]'");
	ok($ret == 0, "update from $v straight to $versions[-1]") or diag($err);
	push @updated, [ $db, "updating from $v straight to $versions[-1]" ];
}

# compare WHAT FILE: run FILE in both databases, compare the results.
sub compare
{
	my ($what, $file, $stepped, $how) = @_;
	my $sql = slurp_file(test_file($file));
	my ($ret_f, $out_f, $err_f) = $node->psql($fresh, $sql);
	my ($ret_s, $out_s, $err_s) = $node->psql($stepped, $sql);
	if ($ret_f != 0 || $ret_s != 0 || $out_f eq '')
	{
		fail("$what: psql failed or printed nothing");
		diag("$err_f\n$err_s");
	}
	elsif ($out_f eq $out_s && $err_f eq $err_s)
	{
		my $lines = 1 + (() = $out_f =~ /\n/g);
		pass("$what after $how equal a fresh install ($lines lines)");
	}
	else
	{
		fail("$what after $how differ from a fresh install");
		my $dir = PostgreSQL::Test::Utils::tempdir();
		PostgreSQL::Test::Utils::append_to_file("$dir/fresh", "$out_f\n$err_f\n");
		PostgreSQL::Test::Utils::append_to_file("$dir/stepped", "$out_s\n$err_s\n");
		my ($diff) = PostgreSQL::Test::Utils::run_command([ 'diff', '-u', "$dir/fresh", "$dir/stepped" ]);
		diag($diff);
	}
	return;
}
for my $u (@updated)
{
	compare('objects and definitions', 'upgrade/describe.sql', @$u);
	compare('answers', 'upgrade/answers.sql', @$u);
}

$node->stop;
done_testing();
