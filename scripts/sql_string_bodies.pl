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
use strict;
use warnings;

my $tag = '$socialcare$';
my $state = '';    # '', 'return', 'atomic'
while (my $line = <STDIN>) {
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
