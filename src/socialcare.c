/*
 * src/socialcare.c
 *
 * Module entry point: the magic block and start-up, and the settings that
 * belong to no one area (socialcare.impossible_rows).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "calendar.h"
#include "citus_guard.h"
#include "table_cache.h"
#include "sql_util.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* socialcare.impossible_rows: what a function does with an impossible row. */
int			sc_impossible_rows = SC_IMPOSSIBLE_ERROR;

static const struct config_enum_entry impossible_rows_options[] = {
	{"error", SC_IMPOSSIBLE_ERROR, false},
	{"null", SC_IMPOSSIBLE_NULL, false},
	{NULL, 0, false}
};

void
_PG_init(void)
{
	DefineCustomEnumVariable("socialcare.impossible_rows",
							 "What socialcare functions do with an impossible row "
							 "(a finish before its start, an event before its episode, an end before its start).",
							 "error (the default): an error naming the dates. null: the function "
							 "gives NULL for that row, so pct() and count() leave it out.",
							 &sc_impossible_rows,
							 SC_IMPOSSIBLE_ERROR,
							 impossible_rows_options,
							 PGC_USERSET,
							 0,
							 NULL,
							 NULL,
							 NULL);
	sc_calendar_init();
	sc_table_cache_init();
	sc_citus_guard_init();
}
