/*
 * src/timescale_triggers.c
 *
 * Triggers of socialcare.timescale and socialcare.timescale_chain: the
 * rows shipped with the extension (shipped = true) are read-only outside
 * the extension's own scripts, users' rows are checked with messages that
 * say how to fix them, and a committed change reaches every session.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/rel.h"

PG_FUNCTION_INFO_V1(sc_timescale_protect);
PG_FUNCTION_INFO_V1(sc_timescales_changed);

static TriggerData *
trigger_data(FunctionCallInfo fcinfo, const char *name)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() was not called as a trigger", name),
				 errhint("It belongs to the socialcare timescale tables; do not call it directly.")));
	return (TriggerData *) fcinfo->context;
}

/* Column name of tuple as text, or NULL. */
static char *
column(TriggerData *td, HeapTuple tuple, const char *name)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			attno = SPI_fnumber(desc, name);

	if (attno <= 0)
		elog(ERROR, "socialcare: table %s has no column %s",
			 RelationGetRelationName(td->tg_relation), name);
	return SPI_getvalue(tuple, desc, attno);
}

static bool
is_shipped(TriggerData *td, HeapTuple tuple)
{
	char	   *v = column(td, tuple, "shipped");

	return v && strcmp(v, "t") == 0;
}

/* The row's name for messages: a timescale's code, or chain and step. */
static char *
row_name(TriggerData *td, HeapTuple tuple)
{
	if (strcmp(RelationGetRelationName(td->tg_relation), "timescale") == 0)
		return psprintf("timescale \"%s\"", column(td, tuple, "code"));
	return psprintf("step %s of chain \"%s\"", column(td, tuple, "step"), column(td, tuple, "chain"));
}

static void
refuse_shipped(TriggerData *td, HeapTuple tuple, const char *verb)
{
	bool		timescale = strcmp(RelationGetRelationName(td->tg_relation), "timescale") == 0;

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("cannot %s %s: it is shipped with socialcare", verb, row_name(td, tuple)),
			 errdetail("Shipped rows follow statute and statutory guidance; extension updates maintain them."),
			 timescale
			 ? errhint("For a local standard, add a timescale with its own code: INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event) VALUES (...).")
			 : errhint("For a local chain, add one with its own name to socialcare.timescale_chain.")));
}

/* A new or changed user row: not shipped, a sane amount, not inside a shipped chain. */
static void
check_user_row(TriggerData *td, HeapTuple tuple)
{
	bool		timescale = strcmp(RelationGetRelationName(td->tg_relation), "timescale") == 0;

	if (is_shipped(td, tuple))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot mark %s as shipped", row_name(td, tuple)),
				 errhint("Only the extension's scripts add shipped rows: leave shipped false (the default).")));
	if (timescale)
	{
		char	   *amount = column(td, tuple, "amount");

		if (amount && strtol(amount, NULL, 10) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("amount %s of timescale \"%s\" is negative", amount, column(td, tuple, "code")),
					 errhint("A timescale is a number of units from 0 (0 working days: the same day) to 100000.")));
	}
	else
	{
		Oid			argtypes[1] = {TEXTOID};
		Datum		values[1] = {CStringGetTextDatum(column(td, tuple, "chain"))};
		bool		shipped_chain;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "socialcare: SPI_connect failed");
		if (SPI_execute_with_args("SELECT 1 FROM socialcare.timescale_chain "
								  "WHERE chain OPERATOR(pg_catalog.=) $1 AND shipped",
								  1, argtypes, values, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "socialcare: reading socialcare.timescale_chain failed");
		shipped_chain = SPI_processed > 0;
		SPI_finish();
		if (shipped_chain)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("cannot add %s: the chain is shipped with socialcare", row_name(td, tuple)),
					 errhint("Copy it under a name of your own and change the copy.")));
	}
}

/*
 * BEFORE INSERT, UPDATE or DELETE of a row, or TRUNCATE.  The extension's
 * own scripts (CREATE and ALTER EXTENSION) may do anything.
 */
Datum
sc_timescale_protect(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "timescale_protect");
	TriggerEvent ev = td->tg_event;

	if (creating_extension)
		return TRIGGER_FIRED_FOR_ROW(ev) && !TRIGGER_FIRED_BY_DELETE(ev)
			? PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(ev) ? td->tg_newtuple : td->tg_trigtuple)
			: PointerGetDatum(td->tg_trigtuple);
	if (TRIGGER_FIRED_BY_TRUNCATE(ev))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot truncate %s: it holds rows shipped with socialcare",
						RelationGetRelationName(td->tg_relation)),
				 errhint("Delete your own rows: DELETE FROM socialcare.%s WHERE NOT shipped.",
						 RelationGetRelationName(td->tg_relation))));
	if (TRIGGER_FIRED_BY_DELETE(ev))
	{
		if (is_shipped(td, td->tg_trigtuple))
			refuse_shipped(td, td->tg_trigtuple, "delete");
		return PointerGetDatum(td->tg_trigtuple);
	}
	if (TRIGGER_FIRED_BY_UPDATE(ev))
	{
		if (is_shipped(td, td->tg_trigtuple))
			refuse_shipped(td, td->tg_trigtuple, "change");
		check_user_row(td, td->tg_newtuple);
		return PointerGetDatum(td->tg_newtuple);
	}
	check_user_row(td, td->tg_trigtuple);
	return PointerGetDatum(td->tg_trigtuple);
}

/* AFTER each statement that changes the tables: every session re-reads them. */
Datum
sc_timescales_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "timescales_changed");

	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
