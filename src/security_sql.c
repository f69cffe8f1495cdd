/*
 * src/security_sql.c
 *
 * The SQL area "security": who may write the extension's user rows.  Every row of calendar,
 * timescale, timescale_chain and kpi has an owner (a regrole: a role's
 * OID, so that a role created later under a dropped role's name owns
 * nothing); the rows of calendar_day and of kpi_comparator, kpi_value
 * and kpi_target belong to the owner of their calendar or KPI.  A row may
 * be written by members of its owner role and by the extension's owner
 * (pg_extension.extowner, the database owner who ran CREATE EXTENSION),
 * who could drop the extension and every row with it anyway, and who
 * must be able to restore a dump of everyone's rows.
 *
 * This BEFORE ROW trigger replaces the row-level security policies of
 * 0.2.0: with RLS on tables the bootstrap superuser owns, pg_dump run by
 * the database owner stopped at "query would be affected by row-level
 * security policy".  As the policies did, an UPDATE or DELETE skips the
 * rows the role may not change, and writing a row the role may not own
 * is an error.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"

#include "sql_util.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(sc_row_owner);

static const char *const owned_tables[] = {
	"calendar", "calendar_day", "timescale", "timescale_chain",
	"kpi", "kpi_comparator", "kpi_value", "kpi_target", NULL
};

/* How a table's rows find their owner. */
typedef struct OwnerRule
{
	const char *table;
	const char *key;			/* the column naming the row (own owner) or its parent */
	const char *parent;			/* NULL: the row has its own owner column */
	const char *what;			/* for messages */
} OwnerRule;

static const OwnerRule rules[] = {
	{"calendar", "name", NULL, "calendar"},
	{"timescale", "code", NULL, "timescale"},
	{"timescale_chain", "chain", NULL, "chain"},
	{"kpi", "code", NULL, "KPI"},
	{"calendar_day", "calendar", "calendar", "calendar"},
	{"kpi_comparator", "kpi", "kpi", "KPI"},
	{"kpi_value", "kpi", "kpi", "KPI"},
	{"kpi_target", "kpi", "kpi", "KPI"},
};

/* Per statement, in the trigger's fn_extra: its rule and the last parent looked up. */
typedef struct RowOwnerState
{
	const OwnerRule *rule;
	int			keyno;
	int			ownerno;		/* own owner column, or 0 */
	Oid			extowner;
	char	   *last_key;		/* parent key of the last lookup, or NULL */
	bool		last_found;
	Oid			last_owner;
} RowOwnerState;

static SPIPlanPtr parent_plans[2];	/* calendar, kpi */

/* The role that owns the extension (InvalidOid if it cannot be found). */
static Oid
extension_owner(void)
{
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			owner = InvalidOid;

	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum("socialcare"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
		owner = ((Form_pg_extension) GETSTRUCT(tup))->extowner;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return owner;
}

static RowOwnerState *
state_for(FunctionCallInfo fcinfo, TriggerData *td)
{
	ScTriggerState *ts = fcinfo->flinfo->fn_extra;
	RowOwnerState *st = ts->extra;

	if (st == NULL)
	{
		st = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RowOwnerState));
		for (int i = 0; i < lengthof(rules); i++)
			if (strcmp(rules[i].table, ts->table) == 0)
				st->rule = &rules[i];
		Assert(st->rule);
		st->keyno = sc_trigger_column(td, st->rule->key, st->rule->parent ? TEXTOID : InvalidOid);
		st->ownerno = st->rule->parent ? 0 : sc_trigger_column(td, "owner", REGROLEOID);
		st->extowner = extension_owner();
		ts->extra = st;
	}
	return st;
}

/* The owner of a calendar or KPI; false when there is none of that name. */
static bool
parent_owner(FunctionCallInfo fcinfo, RowOwnerState *st, Datum key, Oid *owner)
{
	bool		kpi = strcmp(st->rule->parent, "kpi") == 0;
	char	   *k = TextDatumGetCString(key);
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1] = {key};
	bool		found;

	if (st->last_key && strcmp(st->last_key, k) == 0)
	{
		*owner = st->last_owner;
		return st->last_found;
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	sc_kept_plan(&parent_plans[kpi],
				 kpi ? "SELECT k.owner FROM socialcare.kpi k WHERE k.code OPERATOR(pg_catalog.=) $1"
				 : "SELECT c.owner FROM socialcare.calendar c WHERE c.name OPERATOR(pg_catalog.=) $1",
				 1, argtypes);
	if (SPI_execute_plan(parent_plans[kpi], values, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.%s failed", st->rule->parent);
	found = SPI_processed > 0;
	if (found)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		found = !isnull;
		*owner = isnull ? InvalidOid : DatumGetObjectId(d);
	}
	SPI_finish();
	if (st->last_key)
		pfree(st->last_key);
	st->last_key = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, k);
	st->last_found = found;
	st->last_owner = *owner;
	return found;
}

/*
 * The owner of tuple; false when it has none to check: a shipped
 * timescale (owner NULL: timescale_protect guards it), a NULL key or a
 * parent that does not exist (the NOT NULL or foreign key constraint
 * reports those).
 */
static bool
owner_of(FunctionCallInfo fcinfo, TriggerData *td, RowOwnerState *st, HeapTuple tuple, Oid *owner)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	bool		isnull;
	Datum		d;

	if (st->ownerno)
	{
		d = heap_getattr(tuple, st->ownerno, desc, &isnull);
		*owner = isnull ? InvalidOid : DatumGetObjectId(d);
		return !isnull;
	}
	d = heap_getattr(tuple, st->keyno, desc, &isnull);
	return !isnull && parent_owner(fcinfo, st, d, owner);
}

static bool
may_write(Oid owner, Oid extowner)
{
	Oid			me = GetUserId();

	return is_member_of_role(me, owner) || (OidIsValid(extowner) && is_member_of_role(me, extowner));
}

static char *
role_name(Oid role)
{
	char	   *name = GetUserNameFromId(role, true);

	return name ? psprintf("role \"%s\"", name) : psprintf("a dropped role (OID %u)", role);
}

static void
refuse(TriggerData *td, RowOwnerState *st, HeapTuple tuple, Oid owner)
{
	bool		isnull;
	Datum		key = heap_getattr(tuple, st->keyno, RelationGetDescr(td->tg_relation), &isnull);
	char	   *k = isnull ? pstrdup("NULL") : shown_cstring(TextDatumGetCString(key));
	char	   *me = GetUserNameFromId(GetUserId(), false);
	char	   *ext = OidIsValid(st->extowner) ? role_name(st->extowner) : pstrdup("its owner");

	if (st->rule->parent)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("role \"%s\" cannot write rows of socialcare.%s for %s \"%s\": it belongs to %s",
						me, st->rule->table, st->rule->what, k, role_name(owner)),
				 errhint("The rows of a %s are written by members of the %s's owner role and by the extension's owner, %s: ask one of them.",
						 st->rule->what, st->rule->what, ext)));
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("role \"%s\" cannot write %s \"%s\" in the name of %s",
					me, st->rule->what, k, role_name(owner)),
			 errhint("A row of socialcare.%s is written by members of its owner role and by the extension's owner, %s: leave owner to its default (the current role), or ask a member of the owner role.",
					 st->rule->table, ext)));
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW on the eight tables.
 * Rows the current role may not change are skipped (NULL), as row-level
 * security skipped them; a new row it may not own is an error.
 */
Datum
sc_row_owner(PG_FUNCTION_ARGS)
{
	TriggerData *td = sc_trigger_data(fcinfo, "row_owner", owned_tables, SC_BEFORE_ROW_WRITE);
	RowOwnerState *st = state_for(fcinfo, td);
	TriggerEvent ev = td->tg_event;
	Oid			owner;

	if (!TRIGGER_FIRED_BY_INSERT(ev)
		&& owner_of(fcinfo, td, st, td->tg_trigtuple, &owner) && !may_write(owner, st->extowner))
		return PointerGetDatum(NULL);
	if (TRIGGER_FIRED_BY_DELETE(ev))
		return PointerGetDatum(td->tg_trigtuple);
	{
		HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(ev) ? td->tg_newtuple : td->tg_trigtuple;

		if (owner_of(fcinfo, td, st, new, &owner) && !may_write(owner, st->extowner))
			refuse(td, st, new, owner);
		return PointerGetDatum(new);
	}
}
