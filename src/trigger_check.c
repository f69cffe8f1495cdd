/*
 * src/trigger_check.c
 *
 * Checks shared by the extension's trigger functions: called as a
 * trigger, on one of the extension's own tables, the way it was written
 * for (see trigger_check.h).  Without them, a role that attaches
 * socialcare.timescale_protect() to a table of its own as a statement
 * trigger hands it a NULL tuple, and one without the expected columns an
 * internal error.
 */
#include "postgres.h"

#include "catalog/pg_class.h"
#include "catalog/pg_extension.h"
#include "catalog/namespace.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "trigger_check.h"


static const char *
level_name(TriggerEvent ev)
{
	return TRIGGER_FIRED_FOR_ROW(ev) ? "FOR EACH ROW" : "FOR EACH STATEMENT";
}

static const char *
timing_name(TriggerEvent ev)
{
	return TRIGGER_FIRED_BEFORE(ev) ? "BEFORE" : TRIGGER_FIRED_AFTER(ev) ? "AFTER" : "INSTEAD OF";
}

static const char *
event_name(TriggerEvent ev)
{
	return TRIGGER_FIRED_BY_INSERT(ev) ? "INSERT"
		: TRIGGER_FIRED_BY_UPDATE(ev) ? "UPDATE"
		: TRIGGER_FIRED_BY_DELETE(ev) ? "DELETE" : "TRUNCATE";
}

static bool
fired_as(TriggerEvent ev, int ways)
{
	bool		write = TRIGGER_FIRED_BY_INSERT(ev) || TRIGGER_FIRED_BY_UPDATE(ev)
		|| TRIGGER_FIRED_BY_DELETE(ev);
	bool		row = TRIGGER_FIRED_FOR_ROW(ev);

	if ((ways & SC_BEFORE_ROW_WRITE) && TRIGGER_FIRED_BEFORE(ev) && row && write)
		return true;
	if ((ways & SC_BEFORE_TRUNCATE) && TRIGGER_FIRED_BEFORE(ev) && !row
		&& TRIGGER_FIRED_BY_TRUNCATE(ev))
		return true;
	if ((ways & SC_AFTER_STATEMENT) && TRIGGER_FIRED_AFTER(ev) && !row)
		return true;
	if ((ways & SC_AFTER_ROW_WRITE) && TRIGGER_FIRED_AFTER(ev) && row && write)
		return true;
	return false;
}

static char *
expected_tables(const char *const *tables)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; tables[i]; i++)
		appendStringInfo(&s, "%ssocialcare.%s", i ? ", " : "", tables[i]);
	return s.data;
}

/* The extension table rel is, from tables, or NULL. */
static const char *
extension_table(Relation rel, const char *const *tables)
{
	/* the extension is not relocatable: its schema is socialcare */
	Oid			nsp = get_namespace_oid("socialcare", true);

	if (!OidIsValid(nsp) || RelationGetNamespace(rel) != nsp
		|| rel->rd_rel->relkind != RELKIND_RELATION)
		return NULL;
	for (int i = 0; tables[i]; i++)
		if (strcmp(RelationGetRelationName(rel), tables[i]) == 0)
			return tables[i];
	return NULL;
}

TriggerData *
sc_trigger_data(FunctionCallInfo fcinfo, const char *fn, const char *const *tables, int ways)
{
	TriggerData *td;
	ScTriggerState *checked;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("socialcare.%s() was not called as a trigger", fn),
				 errhint("It belongs to the tables %s of the socialcare extension; do not call it directly.",
						 expected_tables(tables))));
	td = (TriggerData *) fcinfo->context;
	checked = fcinfo->flinfo->fn_extra;
	if (checked == NULL || checked->relid != RelationGetRelid(td->tg_relation))
	{
		const char *table = extension_table(td->tg_relation, tables);

		if (table == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("socialcare.%s() cannot be a trigger on %s",
							fn, quote_qualified_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation)),
														   RelationGetRelationName(td->tg_relation))),
					 errdetail("It is a trigger of the socialcare extension's tables %s only.",
							   expected_tables(tables)),
					 errhint("Drop the trigger: DROP TRIGGER %s ON %s.",
							 quote_identifier(td->tg_trigger->tgname),
							 quote_qualified_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation)),
														RelationGetRelationName(td->tg_relation)))));
		checked = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(ScTriggerState));
		checked->relid = RelationGetRelid(td->tg_relation);
		checked->table = table;
		checked->extra = NULL;
		fcinfo->flinfo->fn_extra = checked;
	}
	if (!fired_as(td->tg_event, ways))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("socialcare.%s() cannot run %s %s %s", fn,
						timing_name(td->tg_event), event_name(td->tg_event), level_name(td->tg_event)),
				 errdetail("Trigger %s on socialcare.%s is not one the extension created.",
						   quote_identifier(td->tg_trigger->tgname), checked->table),
				 errhint("Drop it: DROP TRIGGER %s ON socialcare.%s.",
						 quote_identifier(td->tg_trigger->tgname), checked->table)));
	/* rows where a row trigger needs them (PostgreSQL gives them; checked all the same) */
	if (TRIGGER_FIRED_FOR_ROW(td->tg_event)
		&& (td->tg_trigtuple == NULL
			|| (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && td->tg_newtuple == NULL)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("socialcare.%s() was fired for a row without one", fn),
				 errhint("Drop trigger %s on socialcare.%s.",
						 quote_identifier(td->tg_trigger->tgname), checked->table)));
	return td;
}

const char *
sc_trigger_table(TriggerData *td)
{
	return RelationGetRelationName(td->tg_relation);
}

int
sc_trigger_column(TriggerData *td, const char *name, Oid type)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (!a->attisdropped && strcmp(NameStr(a->attname), name) == 0)
		{
			if (OidIsValid(type) && a->atttypid != type)
				break;
			return i + 1;
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
			 errmsg("table socialcare.%s has no column %s of type %s",
					RelationGetRelationName(td->tg_relation), name,
					OidIsValid(type) ? format_type_be(type) : "any"),
			 errhint("The extension's tables are changed only by its scripts: ALTER EXTENSION socialcare UPDATE.")));
	return 0;
}

