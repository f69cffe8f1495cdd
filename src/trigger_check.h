/*
 * src/trigger_check.h
 *
 * How a trigger function of the extension checks the way it is called:
 * as a trigger, on one of the extension's own tables, at the timing,
 * level and events it was written for.  Anything else (a direct call,
 * a trigger some role attached to a table of its own, a foreign table,
 * the wrong level) is an error with ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED
 * before any tuple is looked at.
 */
#ifndef SOCIALCARE_TRIGGER_CHECK_H
#define SOCIALCARE_TRIGGER_CHECK_H

#include "postgres.h"

#include "shown.h"

#include "commands/trigger.h"
#include "fmgr.h"

/* The ways a trigger function may be fired (or-ed together). */
#define SC_BEFORE_ROW_WRITE		0x01	/* BEFORE INSERT/UPDATE/DELETE FOR EACH ROW */
#define SC_BEFORE_TRUNCATE		0x02	/* BEFORE TRUNCATE FOR EACH STATEMENT */
#define SC_AFTER_STATEMENT		0x04	/* AFTER any event FOR EACH STATEMENT */
#define SC_AFTER_ROW_WRITE		0x08	/* AFTER INSERT/UPDATE/DELETE FOR EACH ROW */

/* What sc_trigger_data keeps in fn_extra; extra is the caller's. */
typedef struct ScTriggerState
{
	Oid			relid;
	const char *table;
	void	   *extra;
} ScTriggerState;

/*
 * The trigger data of a call, once checked: fn is the SQL name for
 * messages, tables the NULL-terminated names of the extension's tables it
 * belongs to, ways the SC_ flags it may be fired as.  The relation check
 * is remembered in fn_extra for the rest of the statement.
 */
extern TriggerData *sc_trigger_data(FunctionCallInfo fcinfo, const char *fn,
									const char *const *tables, int ways);

/* The name of the extension table td fires on (one of the tables given). */
extern const char *sc_trigger_table(TriggerData *td);


/* Attribute number of column name in the trigger's table, or an error. */
extern int	sc_trigger_column(TriggerData *td, const char *name, Oid type);

#endif
