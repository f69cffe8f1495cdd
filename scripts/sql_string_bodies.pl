#!/usr/bin/perl
# scripts/sql_string_bodies.pl < SCRIPT > SCRIPT_FOR_PG13: the install or
# update script for PostgreSQL 13, which has no SQL-standard function
# bodies (14 added them): every `RETURN expr;` body becomes
# `AS $socialcare$ SELECT expr $socialcare$;` and every `BEGIN ATOMIC ...
# END;` body `AS $socialcare$ ... $socialcare$;`.  The Makefile runs it
# when PG_CONFIG is PostgreSQL 13 (doc/testing.md, PostgreSQL versions).
#
# A string body is parsed when it is called, with the search_path of
# that moment, not bound at creation as a standard body is; every name in
# our bodies is schema-qualified (socialcare.x, pg_catalog.x,
# OPERATOR(pg_catalog.=), CAST(... AS pg_catalog.date)), which the
# hardening trap test checks on 13 too.  The statements are recognised by
# their layout in extension/sql/ (RETURN and BEGIN ATOMIC one tab in,
# END; one tab in): a body this script does not recognise stays as it is
# and PostgreSQL 13 rejects it, so nothing is converted silently wrong.
#
# PostgreSQL 13's numeric has no infinities (14 added them), only NaN,
# which sorts above every number.  The scripts' finiteness checks (the
# catalogue tables' CHECK constraints, scorecard's check of a value) are
# `x > '-Infinity'` and `x < 'Infinity'`; on 13 the first is true of every
# numeric, so it becomes `x = x` (NULL where x is NULL, as before), and the
# second excludes NaN alone, so it becomes `x < 'NaN'::numeric`.  Any other
# numeric infinity left in a script stops the build.
use strict;
use warnings;

# numeric_infinities(line): the line with its finiteness checks written
# for PostgreSQL 13; dies on an infinity it does not know.
sub numeric_infinities {
	my ($line) = @_;
	my $operand = qr/COALESCE\([^()]*\)|[A-Za-z_][A-Za-z0-9_.]*/;
	$line =~ s/($operand)\s+(?:OPERATOR\(pg_catalog\.>\)|>)\s+'-Infinity'(?:::numeric)?/$1 OPERATOR(pg_catalog.=) $1/g;
	$line =~ s/(OPERATOR\(pg_catalog\.<\)|<)\s+'Infinity'(?:::numeric)?/$1 'NaN'::numeric/g;
	(my $code = $line) =~ s/--.*//;
	die "sql_string_bodies.pl: a numeric infinity PostgreSQL 13 has not: $line" if $code =~ /'-?Infinity'/;
	return $line;
}

my $tag = '$socialcare$';
my $state = '';    # '', 'return', 'atomic'
while (my $line = <STDIN>) {
	$line = numeric_infinities($line);
	if ($state eq '') {
		if ($line =~ /^\tBEGIN ATOMIC\s*$/) {
			print "\tAS $tag\n";
			$state = 'atomic';
		} elsif ($line =~ /^\tRETURN (.*?)\s*$/) {
			my $expr = $1;
			if ($expr =~ s/;$//) {
				print "\tAS $tag SELECT $expr $tag;\n";
			} else {
				print "\tAS $tag SELECT $expr\n";
				$state = 'return';
			}
		} else {
			print $line;
		}
	} elsif ($state eq 'atomic') {
		if ($line =~ /^\tEND;\s*$/) {
			print "\t$tag;\n";
			$state = '';
		} else {
			print $line;
		}
	} else {    # the rest of a RETURN expression, up to its ';'
		if ($line !~ /^\s*--/ && $line =~ /^(.*?);\s*$/) {
			print "$1 $tag;\n";
			$state = '';
		} else {
			print $line;
		}
	}
}
die "sql_string_bodies.pl: a body does not end ($state)\n" if $state ne '';
