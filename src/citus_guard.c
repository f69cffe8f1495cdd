/*
 * src/citus_guard.c
 *
 * Settings a distributed query cannot honour on Citus (issue 15).
 *
 * Citus runs the part of a query that reads a distributed table on its
 * workers, in backends of their own: socialcare's functions there read the
 * worker backend's socialcare.calendar and socialcare.impossible_rows, not
 * the coordinator session's.  A worker backend has the value of the
 * database and the role (Citus 13 propagates ALTER DATABASE ... SET and
 * ALTER ROLE ... SET to every node) and, with citus.propagate_set_commands
 * = 'local', the SET LOCAL of the coordinator's transaction; a plain SET, a
 * set_config(..., false) or a connection option on the coordinator does
 * not reach it.  Rather than answer with the worker's setting, a query
 * whose distributed part calls a socialcare function (not an aggregate:
 * their support functions read no setting) while one of these settings
 * differs from what the workers have is refused, naming the setting, both
 * values and the ways to pass it.
 *
 * The check is an ExecutorStart hook, so that a prepared or cached plan is
 * checked with the settings of its execution.  It costs a comparison of two
 * strings per query unless a setting differs; then it looks for a Citus
 * custom scan in the plan and for socialcare's functions in the scan's
 * distributed plan (Citus serialises it with nodeToString, as EXPLAIN and
 * plan caching do).  Without Citus no plan has such a scan and nothing is
 * refused.
 */
#include "postgres.h"

#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/extensible.h"
#include "nodes/nodes.h"
#include "nodes/plannodes.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "shown.h"
#include "citus_guard.h"

static ExecutorStart_hook_type prev_executor_start = NULL;

/* The settings socialcare's functions read. */
static const char *const guarded_settings[] = {
	"socialcare.calendar",
	"socialcare.impossible_rows",
	NULL
};

/* The GUC record of name (ours, so it exists once the module is loaded). */
static struct config_generic *
guc_record(const char *name)
{
	struct config_generic **vars;
	int			n;

#if PG_VERSION_NUM >= 160000
	vars = get_guc_variables(&n);
#else
	vars = get_guc_variables();
	n = GetNumConfigOptions();
#endif
	for (int i = 0; i < n; i++)
		if (vars[i] != NULL && strcmp(vars[i]->name, name) == 0)
			return vars[i];
	return NULL;
}

/*
 * Whether the current value of the setting was made by SET LOCAL in this
 * transaction (Citus sends those to its workers when
 * citus.propagate_set_commands is 'local').
 */
static bool
set_locally(const char *name)
{
	struct config_generic *rec = guc_record(name);

	return rec != NULL && rec->stack != NULL
		&& (rec->stack->state == GUC_LOCAL || rec->stack->state == GUC_SET_LOCAL);
}

/*
 * The first setting whose value here differs from the value Citus's worker
 * backends have for this transaction, or NULL.  *here and *there get both.
 */
static const char *
differing_setting(const char **here, const char **there)
{
	const char *propagate = GetConfigOption("citus.propagate_set_commands", true, false);
	bool		local_passed = propagate != NULL && strcmp(propagate, "local") == 0
		&& IsTransactionBlock();

	for (int i = 0; guarded_settings[i] != NULL; i++)
	{
		const char *name = guarded_settings[i];
		const char *cur = GetConfigOption(name, true, false);
		const char *reset;

		if (cur == NULL)
			continue;
		reset = GetConfigOptionResetString(name);
		if (reset == NULL || strcmp(cur, reset) == 0)
			continue;
		if (local_passed && set_locally(name))
			continue;
		*here = cur;
		*there = reset;
		return name;
	}
	return NULL;
}

/* The first Citus custom scan of plan, or NULL. */
static CustomScan *
citus_scan(Plan *plan)
{
	ListCell   *lc;
	List	   *children = NIL;
	CustomScan *found;

	if (plan == NULL)
		return NULL;
	check_stack_depth();
	if (IsA(plan, CustomScan))
	{
		CustomScan *cs = (CustomScan *) plan;

		if (cs->methods != NULL && cs->methods->CustomName != NULL
			&& strncmp(cs->methods->CustomName, "Citus", 5) == 0)
			return cs;
		children = cs->custom_plans;
	}
	else if (IsA(plan, Append))
		children = ((Append *) plan)->appendplans;
	else if (IsA(plan, MergeAppend))
		children = ((MergeAppend *) plan)->mergeplans;
	else if (IsA(plan, BitmapAnd))
		children = ((BitmapAnd *) plan)->bitmapplans;
	else if (IsA(plan, BitmapOr))
		children = ((BitmapOr *) plan)->bitmapplans;
	else if (IsA(plan, SubqueryScan))
		children = list_make1(((SubqueryScan *) plan)->subplan);

	foreach(lc, children)
		if ((found = citus_scan((Plan *) lfirst(lc))) != NULL)
			return found;
	if ((found = citus_scan(plan->lefttree)) != NULL)
		return found;
	return citus_scan(plan->righttree);
}

/*
 * The first function of the schema ns (not an aggregate) that the text of
 * a plan calls, as a FuncExpr (":funcid N") or a WindowFunc (":winfnoid N"),
 * or InvalidOid.
 */
static Oid
socialcare_function_in(const char *text, Oid ns)
{
	static const char *const keys[] = {":funcid ", ":winfnoid ", NULL};

	for (int k = 0; keys[k] != NULL; k++)
	{
		size_t		len = strlen(keys[k]);

		for (const char *p = strstr(text, keys[k]); p != NULL; p = strstr(p + len, keys[k]))
		{
			char	   *end;
			unsigned long v = strtoul(p + len, &end, 10);
			HeapTuple	tup;

			if (end == p + len || v == 0 || v > PG_UINT32_MAX)
				continue;
			tup = SearchSysCache1(PROCOID, ObjectIdGetDatum((Oid) v));
			if (HeapTupleIsValid(tup))
			{
				Form_pg_proc proc = (Form_pg_proc) GETSTRUCT(tup);
				bool		ours = proc->pronamespace == ns && proc->prokind != PROKIND_AGGREGATE;

				ReleaseSysCache(tup);
				if (ours)
					return (Oid) v;
			}
		}
	}
	return InvalidOid;
}

static void
check_distributed_settings(QueryDesc *queryDesc)
{
	const char *name,
			   *here = NULL,
			   *there = NULL;
	CustomScan *cs = NULL;
	ListCell   *lc;
	Oid			ext,
				ns,
				fn = InvalidOid;

	if (queryDesc->plannedstmt == NULL || queryDesc->plannedstmt->commandType == CMD_UTILITY)
		return;
	if ((name = differing_setting(&here, &there)) == NULL)
		return;
	if ((cs = citus_scan(queryDesc->plannedstmt->planTree)) == NULL)
		foreach(lc, queryDesc->plannedstmt->subplans)
			if ((cs = citus_scan((Plan *) lfirst(lc))) != NULL)
				break;
	if (cs == NULL)
		return;
	/* the extension's schema is socialcare (not relocatable) */
	ext = get_extension_oid("socialcare", true);
	if (!OidIsValid(ext) || !OidIsValid(ns = get_namespace_oid("socialcare", true)))
		return;
	fn = socialcare_function_in(nodeToString(cs->custom_private), ns);
	if (!OidIsValid(fn))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("%s is %s in this session, but Citus's workers would compute %s() of this query with %s",
					name, shown_cstring(here), get_func_name(fn), shown_cstring(there)),
			 errdetail("A SET (or set_config) on the coordinator does not reach the worker nodes, "
					   "which compute socialcare's functions on a distributed table."),
			 errhint("Pass the calendar as the function's argument; or SET citus.propagate_set_commands = 'local' "
					 "and SET LOCAL %s inside the transaction; or ALTER DATABASE ... SET / ALTER ROLE ... SET %s "
					 "on the coordinator, which Citus passes to every node; or RESET %s.",
					 name, name, name)));
}

static void
citus_guard_executor_start(QueryDesc *queryDesc, int eflags)
{
	if (!(eflags & EXEC_FLAG_EXPLAIN_ONLY))
		check_distributed_settings(queryDesc);
	if (prev_executor_start)
		prev_executor_start(queryDesc, eflags);
	else
		standard_ExecutorStart(queryDesc, eflags);
}

/* Whether the comma-separated list setting names socialcare. */
static bool
listed_in(const char *setting)
{
	const char *v = GetConfigOption(setting, true, false);

	return v != NULL && strstr(v, "socialcare") != NULL;
}

void
sc_citus_guard_init(void)
{
	prev_executor_start = ExecutorStart_hook;
	ExecutorStart_hook = citus_guard_executor_start;

	/*
	 * On a Citus node (Citus, always preloaded, has defined its settings),
	 * a library loaded only when a session first calls one of its
	 * functions leaves that session's earlier queries unchecked: a SET made
	 * before the load reaches neither the check nor the workers.  Say so
	 * where it is loaded late, once per backend (not in a parallel worker,
	 * which loads its leader's libraries: the leader has said it).
	 */
	if (!process_shared_preload_libraries_in_progress && !IsParallelWorker()
		&& GetConfigOption("citus.propagate_set_commands", true, false) != NULL
		&& !listed_in("session_preload_libraries")
		&& !listed_in("local_preload_libraries"))
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("socialcare is not in shared_preload_libraries on this Citus node"),
				 errdetail("Until a session first calls a socialcare function, a SET of socialcare.calendar "
						   "or socialcare.impossible_rows made in it is not checked, and Citus's workers "
						   "compute with the database's and role's values instead."),
				 errhint("Add socialcare after citus to shared_preload_libraries on every node "
						 "(shared_preload_libraries = 'citus,socialcare') and restart it; see doc/citus.md.")));
}
