/*
 * src/timescale_cache.h
 *
 * The catalogue of timescales and chains as the SQL functions see it: the
 * tables socialcare.timescale and socialcare.timescale_chain, read once per
 * backend and kept until they change (a cache of table_cache.c), and what
 * a call site remembers between rows.
 */
#ifndef SOCIALCARE_TIMESCALE_CACHE_H
#define SOCIALCARE_TIMESCALE_CACHE_H

#include "postgres.h"

#include "fmgr.h"

#include "calendar.h"
#include "table_cache.h"
#include "timescale.h"

typedef struct TimescaleDef
{
	const char *code;
	sc_timescale ts;
} TimescaleDef;

typedef struct ChainDef
{
	const char *name;
	sc_chain	chain;
	const char *const *codes;	/* the timescale code of each step */
	const char *error;			/* NULL, or why the chain cannot be used */
	const char *hint;
} ChainDef;

/* What a call site keeps in fn_extra: its code or chain, and its calendar. */
typedef struct TimescaleCall
{
	NameCache	name;
	FmgrInfo	calendar_flinfo;	/* private, for sc_calendar_for_call */
} TimescaleCall;

extern TimescaleCall *sc_timescale_call(FmgrInfo *flinfo);
extern const TimescaleDef *sc_timescale_for_text(TimescaleCall *call, text *code);
extern const ChainDef *sc_chain_for_text(TimescaleCall *call, text *name);
extern const Calendar *sc_calendar_for_text(TimescaleCall *call, text *name);

#endif
