/*
 * test/unit/tap.h
 *
 * A minimal TAP harness shared by the C unit tests: assertions are grouped,
 * each group prints one "ok N" / "not ok N" line, failures print "# " lines.
 */
#ifndef SOCIALCARE_TAP_H
#define SOCIALCARE_TAP_H

#include <stdarg.h>
#include <stdio.h>


static int	ntests;
static int	nfailed_tests;
static int	group_failures;

#ifdef __GNUC__
static void check(int ok, const char *fmt,...) __attribute__((format(printf, 2, 3)));
#endif

/* Record one assertion; a failure prints a diagnostic naming the values. */
static void
check(int ok, const char *fmt,...)
{
	va_list		ap;

	if (ok)
		return;
	group_failures++;
	/* Stop a broken build flooding the output: the first 20 per group. */
	if (group_failures > 20)
		return;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* Close a group of assertions with one ok / not ok line. */
static void
end_group(const char *description)
{
	ntests++;
	if (group_failures > 20)
		printf("# ... and %d more failures\n", group_failures - 20);
	if (group_failures)
		nfailed_tests++;
	printf("%s %d - %s\n", group_failures ? "not ok" : "ok", ntests,
		   description);
	group_failures = 0;
}

#endif
