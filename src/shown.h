/*
 * src/shown.h: user-supplied values as error messages show them, bounded
 * in size (src/sql_util.c).  Every ereport in src/ that names a text
 * argument, a numeric, a state or another array shows it through these:
 * in full up to SC_SHOWN_CHARS characters (elements), else its start,
 * "..." and its size.  Dates, timestamps, intervals and integers are short
 * and shown as they are.
 */
#ifndef SC_SHOWN_H
#define SC_SHOWN_H

#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/numeric.h"

#define SC_SHOWN_CHARS 64

extern char *shown_cstring(const char *s);
extern char *shown_text(const text *t);
extern char *shown_numeric(Numeric num);
extern char *shown_array(Datum array);

/*
 * A list of names for a hint ("Known calendars: a, b, c"): each name
 * shown bounded, at most SC_SHOWN_NAMES of them, then "and N more".
 */
#define SC_SHOWN_NAMES 20

typedef struct ShownNames
{
	StringInfoData buf;
	int			count;
} ShownNames;

extern void shown_names_init(ShownNames *names);
extern void shown_names_add(ShownNames *names, const char *name);
extern char *shown_names_end(ShownNames *names);

#endif
