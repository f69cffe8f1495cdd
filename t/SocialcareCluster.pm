# t/SocialcareCluster.pm: what the cluster tests (t/*.pl) share.  Each
# test makes its own clusters with PostgreSQL::Test::Cluster, from the
# installation on PATH (make prove_installcheck puts PG_CONFIG's bindir
# first), where `make install` put the extension.
package SocialcareCluster;

use strict;
use warnings;
use Exporter 'import';
use FindBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

our @EXPORT = qw(new_node test_file table_contents compare_contents);

# The bootstrap superuser is postgres whoever runs the tests: the tests
# check owners by name.
$ENV{PGUSER} = 'postgres';

# new_node NAME [SETTING => VALUE ...]: a started cluster, UTF8 and C.UTF-8
# as the SQL suites' clusters, with these settings.
sub new_node
{
	my ($name, %settings) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init(extra => [ '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8' ]);
	$node->append_conf('postgresql.conf', join('', map { "$_ = $settings{$_}\n" } sort keys %settings))
	  if %settings;
	$node->start;
	return $node;
}

# test_file PATH: a file under test/ of the source tree.
sub test_file { return "$FindBin::RealBin/../test/$_[0]"; }

# Every table and view of the extension (enumerated from pg_depend, so
# tables added later are covered), with its rows in a stable order: one
# line per relation, "NAME: N rows, md5 ...", config dump tables marked.
my $contents = q{
SELECT format('SELECT %L || '': '' || count(*) || '' rows, md5 '' || coalesce(md5(string_agg(t::text, E''\\n'' ORDER BY t::text)), ''-'') FROM %s AS t',
              c.oid::regclass::text || CASE WHEN :'mark' = 'on' AND c.oid = ANY (e.extconfig) THEN ' (config dump)' ELSE '' END,
              c.oid::regclass)
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid, pg_extension e
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = e.oid AND e.extname = 'socialcare' AND d.deptype = 'e'
  AND c.relkind IN ('r', 'p', 'v', 'm')
ORDER BY c.oid::regclass::text \gexec
};

# table_contents NODE DB [mark_config => 1] [user => ROLE]: those lines.
sub table_contents
{
	my ($node, $db, %opt) = @_;
	my @extra = ('-v', 'mark=' . ($opt{mark_config} ? 'on' : 'off'));
	push @extra, '-U', $opt{user} if $opt{user};
	my ($ret, $out, $err) = $node->psql($db, $contents, extra_params => \@extra, on_error_stop => 1);
	diag("contents of $db: $err") if $ret;
	return [ split /\n/, $out ];
}

# compare_contents BEFORE AFTER OK FAIL [WHY]: one test per line of
# BEFORE, passing when AFTER has the same line for that relation; named
# OK with the line, or FAIL with the relation's name, for a %s; WHY(LINE)
# adds a note to either.
sub compare_contents
{
	my ($before, $after, $ok_name, $fail_name, $why) = @_;
	my %after = map { (split /:/, $_, 2)[0] => $_ } @$after;
	for my $line (@$before)
	{
		my $table = (split /:/, $line, 2)[0];
		my $note = $why ? $why->($line) : '';
		my $got = $after{$table} // '';
		if ($got eq $line)
		{
			pass(sprintf($ok_name, $line) . $note);
		}
		else
		{
			fail(sprintf($fail_name, $table) . $note);
			diag("before: $line");
			diag("after:  $got");
		}
	}
	return;
}

1;
