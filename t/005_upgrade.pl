# Upgrades: install the oldest released version, update step by step to
# the newest, and check the result equals a fresh install: the same
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

my ($fresh, $stepped) = ('socialcare_upgrade_fresh', 'socialcare_upgrade_stepped');
my $node = new_node('upgrade');
$node->safe_psql('postgres', "CREATE DATABASE $_") for ($fresh, $stepped);

# Released versions, oldest first (version strings compare as numbers).
my @versions = split /\n/, $node->safe_psql('postgres', q{
	SELECT version FROM pg_available_extension_versions WHERE name = 'socialcare'
	ORDER BY string_to_array(version, '.')::int[]});
note("versions: @versions");
cmp_ok(scalar(@versions), '>=', 2, 'more than one version installed to update from') or BAIL_OUT('no versions');

$node->safe_psql($fresh, 'CREATE EXTENSION socialcare');
$node->safe_psql($stepped, "CREATE EXTENSION socialcare VERSION '$versions[0]'");
for my $v (@versions[ 1 .. $#versions ])
{
	my ($ret, undef, $err) = $node->psql($stepped, "ALTER EXTENSION socialcare UPDATE TO '$v'");
	ok($ret == 0, "update to $v") or diag($err);
}

# compare WHAT FILE: run FILE in both databases, compare the results.
sub compare
{
	my ($what, $file) = @_;
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
		pass("$what after updating from $versions[0] equal a fresh install ($lines lines)");
	}
	else
	{
		fail("$what after updating from $versions[0] differ from a fresh install");
		my $dir = PostgreSQL::Test::Utils::tempdir();
		PostgreSQL::Test::Utils::append_to_file("$dir/fresh", "$out_f\n$err_f\n");
		PostgreSQL::Test::Utils::append_to_file("$dir/stepped", "$out_s\n$err_s\n");
		my ($diff) = PostgreSQL::Test::Utils::run_command([ 'diff', '-u', "$dir/fresh", "$dir/stepped" ]);
		diag($diff);
	}
	return;
}
compare('objects and definitions', 'upgrade/describe.sql');
compare('answers', 'upgrade/answers.sql');

$node->stop;
done_testing();
