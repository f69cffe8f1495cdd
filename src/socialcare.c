/*
 * src/socialcare.c
 *
 * Module entry point: the magic block and start-up.
 */
#include "postgres.h"

#include "fmgr.h"

#include "calendar.h"
#include "table_cache.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	sc_calendar_init();
	sc_table_cache_init();
}
