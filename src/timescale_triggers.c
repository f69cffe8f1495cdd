/*
 * src/timescale_triggers.c
 *
 * Triggers of socialcare.timescale and socialcare.timescale_chain: the
 * rows shipped with the extension (shipped = true) are read-only outside
 * the extension's own scripts, users' rows are checked with messages that
 * say how to fix them.  (socialcare.invalidate_caches(), in table_cache.c,
 * makes a committed change reach every session.)
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "trigger_check.h"

PG_FUNCTION_INFO_V1(sc_timescale_protect);
PG_FUNCTION_INFO_V1(sc_chain_check);

static const char *const timescale_tables[] = {"timescale", "timescale_chain", NULL};

/* Column name of tuple as text, or NULL. */
static char *
column(TriggerData *td, HeapTuple tuple, const char *name)
{
	return SPI_getvalue(tuple, RelationGetDescr(td->tg_relation),
						sc_trigger_column(td, name, InvalidOid));
}

/* As column(), "NULL" for a null, for messages. */
static const char *
shown(TriggerData *td, HeapTuple tuple, const char *name)
{
	char	   *v = column(td, tuple, name);

	return v ? shown_cstring(v) : "NULL";
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
		return psprintf("timescale \"%s\"", shown(td, tuple, "code"));
	return psprintf("step %s of chain \"%s\"", shown(td, tuple, "step"), shown(td, tuple, "chain"));
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
					 errmsg("amount %s of timescale \"%s\" is negative", amount, shown(td, tuple, "code")),
					 errhint("A timescale is a number of units from 0 (0 working days: the same day) to 100000.")));
	}
	else
	{
		char	   *chain = column(td, tuple, "chain");
		Oid			argtypes[1] = {TEXTOID};
		Datum		values[1];
		bool		shipped_chain;

		if (chain == NULL)
			return;				/* the NOT NULL constraint reports it */
		values[0] = CStringGetTextDatum(chain);

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
	TriggerData *td = sc_trigger_data(fcinfo, "timescale_protect", timescale_tables,
									  SC_BEFORE_ROW_WRITE | SC_BEFORE_TRUNCATE);
	TriggerEvent ev = td->tg_event;

	if (creating_extension)
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(ev) ? td->tg_newtuple : td->tg_trigtuple);
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

/*
 * A chain as it stands after a change: one owner for all its rows, steps
 * using shipped timescales or timescales of that owner only (so that no
 * role's chain keeps another role from changing or deleting its own
 * timescale), ordinary steps numbered 1, 2, 3, ... and at least one of
 * them.  The functions can use any chain that passes.
 */
static void
check_chain(const char *chain)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(chain)};
	int			nordinary = 0;
	bool		have_owner = false;
	bool		owner_null = false;
	Oid			owner = InvalidOid;
	char	   *name = shown_cstring(chain);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	if (SPI_execute_with_args("SELECT c.step, c.after_months, c.owner, c.timescale, t.shipped, t.owner "
							  "FROM socialcare.timescale_chain c "
							  "LEFT JOIN socialcare.timescale t ON t.code OPERATOR(pg_catalog.=) c.timescale "
							  "WHERE c.chain OPERATOR(pg_catalog.=) $1 "
							  "ORDER BY c.after_months NULLS FIRST, c.step",
							  1, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.timescale_chain failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		null_step,
					null_after,
					null_owner,
					null_shipped,
					null_towner;
		int32		step = DatumGetInt32(SPI_getbinval(tup, desc, 1, &null_step));
		Datum		after = SPI_getbinval(tup, desc, 2, &null_after);
		Oid			row_owner = DatumGetObjectId(SPI_getbinval(tup, desc, 3, &null_owner));
		char	   *code = SPI_getvalue(tup, desc, 4);
		bool		shipped = DatumGetBool(SPI_getbinval(tup, desc, 5, &null_shipped));
		Oid			towner = DatumGetObjectId(SPI_getbinval(tup, desc, 6, &null_towner));

		(void) after;
		if (!have_owner)
		{
			have_owner = true;
			owner_null = null_owner;
			owner = row_owner;
		}
		else if (owner_null != null_owner || (!null_owner && owner != row_owner))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("chain \"%s\" would have steps of more than one owner", name),
					 errhint("A chain belongs to the role that owns its rows: give yours a name of its own.")));
		if (!null_shipped && !shipped && !null_owner
			&& (null_towner || towner != row_owner))
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("step %d of chain \"%s\" uses timescale \"%s\", which belongs to another role",
							step, name, code ? shown_cstring(code) : "NULL"),
					 errhint("A chain may use the shipped timescales and its own owner's: add a timescale of your own with the same rule and use its code.")));
		if (null_after && !null_step && step != ++nordinary)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("chain \"%s\" has no step %d", name, nordinary),
					 errhint("Number a chain's steps 1, 2, 3, ... in socialcare.timescale_chain; change them in one transaction, the chain is checked at commit.")));
	}
	if (SPI_processed > 0 && nordinary == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chain \"%s\" has only steps with after_months", name),
				 errhint("Give it a step 1 without after_months: the timescale from the episode start.")));
	SPI_finish();
}

/* Every chain that uses timescale code. */
static void
check_chains_using(const char *code)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(code)};
	char	  **chains;
	uint64		n = 0;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	if (SPI_execute_with_args("SELECT DISTINCT c.chain FROM socialcare.timescale_chain c "
							  "WHERE c.timescale OPERATOR(pg_catalog.=) $1",
							  1, argtypes, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.timescale_chain failed");
	/* SPI_palloc: in the caller's context, kept after SPI_finish */
	chains = SPI_palloc(sizeof(char *) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *chain = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);

		if (chain)
		{
			chains[n] = SPI_palloc(strlen(chain) + 1);
			strcpy(chains[n++], chain);
		}
	}
	SPI_finish();
	for (uint64 i = 0; i < n; i++)
		check_chain(chains[i]);
}

/*
 * AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW, deferred to commit (a
 * constraint trigger), on timescale_chain: the chains the row was and is
 * in; on timescale (UPDATE): the chains using it, whose owner or unit may
 * have changed.  At commit, so that a chain may be renumbered or restored
 * (COPY, in any order) within one transaction.
 */
Datum
sc_chain_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = sc_trigger_data(fcinfo, "chain_check", timescale_tables, SC_AFTER_ROW_WRITE);
	TriggerEvent ev = td->tg_event;
	bool		timescale = strcmp(sc_trigger_table(td), "timescale") == 0;
	const char *key = timescale ? "code" : "chain";
	char	   *old = TRIGGER_FIRED_BY_INSERT(ev) ? NULL : column(td, td->tg_trigtuple, key);
	char	   *new = TRIGGER_FIRED_BY_DELETE(ev) ? NULL
		: column(td, TRIGGER_FIRED_BY_UPDATE(ev) ? td->tg_newtuple : td->tg_trigtuple, key);

	if (timescale)
	{
		if (new)
			check_chains_using(new);
	}
	else
	{
		if (old)
			check_chain(old);
		if (new && (old == NULL || strcmp(old, new) != 0))
			check_chain(new);
	}
	return PointerGetDatum(NULL);
}
