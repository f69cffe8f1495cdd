/*
 * src/timescale_cache.c
 *
 * The per-backend copy of socialcare.timescale and
 * socialcare.timescale_chain: a cache of the table-cache module
 * (table_cache.c, which states the snapshot rule it is read under),
 * described by sc_timescale_catalogue below, one object (Catalogue) for
 * both tables, rebuilt whenever it may differ.  Lookups by name cost a
 * string compare and a snapshot check a row once a call site has
 * resolved its argument.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/memutils.h"

#include "shown.h"
#include "timescale_cache.h"

typedef struct Catalogue
{
	MemoryContext cxt;
	int			ntimescales;
	TimescaleDef *timescales;	/* sorted by code */
	int			nchains;
	ChainDef   *chains;			/* sorted by name */
} Catalogue;

static void *build_catalogue(const char *key, SPITupleTable *const *rows,
							 const void *old, MemoryContext cxt, Snapshot snap);

static const char *const timescale_tables[] = {"timescale", "timescale_chain", NULL};

static const char *const timescale_queries[] = {
	"SELECT code, unit, amount FROM socialcare.timescale ORDER BY code COLLATE pg_catalog.\"C\"",
	"SELECT chain, step, timescale, after_months FROM socialcare.timescale_chain "
	"ORDER BY chain COLLATE pg_catalog.\"C\", after_months NULLS FIRST, step",
	NULL
};

static TableCacheState catalogue_state = {.generation = 1};

const TableCacheDesc sc_timescale_catalogue = {
	.what = "timescale",
	.relations = timescale_tables,
	.trigger = "timescales_changed",
	.queries = timescale_queries,
	.keyed = false,
	.build = build_catalogue,
	.context_name = "socialcare timescales",
	.context_min = ALLOCSET_SMALL_MINSIZE,
	.context_init = ALLOCSET_SMALL_INITSIZE,
	.context_max = ALLOCSET_SMALL_MAXSIZE,
	.state = &catalogue_state,
};

static void
list_timescales(const void *object, ShownNames *names)
{
	const Catalogue *c = object;

	for (int i = 0; i < c->ntimescales; i++)
		shown_names_add(names, c->timescales[i].code);
}

static void
list_chains(const void *object, ShownNames *names)
{
	const Catalogue *c = object;

	for (int i = 0; i < c->nchains; i++)
		shown_names_add(names, c->chains[i].name);
}

static const TableCacheNames timescale_names = {
	.what = "timescale",
	.add_hint = "Add your own to socialcare.timescale.",
	.listed = list_timescales,
};

static const TableCacheNames chain_names = {
	.what = "chain",
	.add_hint = "Add your own to socialcare.timescale_chain.",
	.listed = list_chains,
};

static void
read_timescales(Catalogue *c, SPITupleTable *t)
{
	c->ntimescales = (int) t->numvals;
	c->timescales = MemoryContextAllocZero(c->cxt, sizeof(TimescaleDef) * (t->numvals + 1));
	for (uint64 i = 0; i < t->numvals; i++)
	{
		TimescaleDef *ts = &c->timescales[i];
		char	   *unit = sc_table_cache_text(t, i, 2, c->cxt);

		ts->code = sc_table_cache_text(t, i, 1, c->cxt);
		ts->ts.amount = sc_table_cache_int(t, i, 3, -1);
		if (unit == NULL || sc_unit_from_name(unit, &ts->ts.unit) != SC_OK || ts->ts.amount < 0)
			elog(ERROR, "socialcare: timescale \"%s\" has an invalid unit or amount", ts->code);
	}
}

static const TimescaleDef *
find_timescale(const Catalogue *c, const char *code)
{
	int			lo = 0;
	int			hi = c->ntimescales - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			cmp = strcmp(c->timescales[mid].code, code);

		if (cmp == 0)
			return &c->timescales[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/*
 * Rows of one chain, ordinary steps by number then phase steps by months.
 * A chain that cannot be used (rows left by 0.2.0, which did not check
 * chains when they were written) keeps why: only calls naming it fail,
 * never another role's calls of other chains and timescales.
 */
static void
build_chain(Catalogue *c, SPITupleTable *rows, ChainDef *ch, uint64 first, uint64 end)
{
	sc_chain_step *steps = MemoryContextAllocZero(c->cxt, sizeof(sc_chain_step) * (end - first));
	const char **codes = MemoryContextAllocZero(c->cxt, sizeof(char *) * (end - first));
	int			nordinary = 0;

	ch->chain.steps = steps;
	ch->chain.nsteps = (int) (end - first);
	ch->codes = codes;
	for (uint64 i = first; i < end; i++)
	{
		int			n = (int) (i - first);
		int32		step = sc_table_cache_int(rows, i, 2, 0);
		int32		after = sc_table_cache_int(rows, i, 4, 0);
		const TimescaleDef *t;

		codes[n] = sc_table_cache_text(rows, i, 3, c->cxt);
		t = codes[n] ? find_timescale(c, codes[n]) : NULL;
		if (t == NULL)
		{
			ch->error = MemoryContextStrdup(c->cxt, psprintf("chain \"%s\" names unknown timescale \"%s\"",
															 shown_cstring(ch->name),
															 codes[n] ? shown_cstring(codes[n]) : "NULL"));
			ch->hint = "Add the timescale to socialcare.timescale, or change the chain's step.";
			return;
		}
		steps[n].ts = t->ts;
		steps[n].after_months = after;
		if (after == 0 && step != ++nordinary)
		{
			ch->error = MemoryContextStrdup(c->cxt, psprintf("chain \"%s\" has no step %d", shown_cstring(ch->name), nordinary));
			ch->hint = "Number a chain's steps 1, 2, 3, ... in socialcare.timescale_chain.";
			return;
		}
	}
	if (nordinary == 0)
	{
		ch->error = MemoryContextStrdup(c->cxt, psprintf("chain \"%s\" has only steps with after_months", shown_cstring(ch->name)));
		ch->hint = "Give it a step 1 without after_months: the timescale from the episode start.";
		return;
	}
	ch->chain.nordinary = nordinary;
}

static void
read_chains(Catalogue *c, SPITupleTable *t)
{
	uint64		first = 0;

	c->chains = MemoryContextAllocZero(c->cxt, sizeof(ChainDef) * (t->numvals + 1));
	c->nchains = 0;
	for (uint64 i = 1; i <= t->numvals; i++)
	{
		char	   *name = SPI_getvalue(t->vals[first], t->tupdesc, 1);

		if (i < t->numvals
			&& strcmp(name, SPI_getvalue(t->vals[i], t->tupdesc, 1)) == 0)
			continue;
		c->chains[c->nchains].name = MemoryContextStrdup(c->cxt, name);
		build_chain(c, t, &c->chains[c->nchains++], first, i);
		first = i;
	}
}

/* The build callback of sc_timescale_catalogue: both tables, in cxt. */
static void *
build_catalogue(const char *key, SPITupleTable *const *rows,
				const void *old, MemoryContext cxt, Snapshot snap)
{
	Catalogue  *c = MemoryContextAllocZero(cxt, sizeof(Catalogue));

	c->cxt = cxt;
	read_timescales(c, rows[0]);
	read_chains(c, rows[1]);
	return c;
}

/* The catalogue as the active snapshot sees it, read again if it may differ. */
static const TableCacheEntry *
current_catalogue(void)
{
	return sc_table_cache_get(&sc_timescale_catalogue, NULL);
}

static const void *
lookup_timescale(const char *code, const TableCacheEntry **entry)
{
	const TableCacheEntry *e = current_catalogue();
	const TimescaleDef *t = find_timescale(e->object, code);

	if (t == NULL)
		sc_table_cache_unknown(&timescale_names, code, e->object, NULL);
	*entry = e;
	return t;
}

static const void *
lookup_chain(const char *name, const TableCacheEntry **entry)
{
	const TableCacheEntry *e = current_catalogue();
	const Catalogue *c = e->object;

	for (int i = 0; i < c->nchains; i++)
		if (strcmp(c->chains[i].name, name) == 0)
		{
			if (c->chains[i].error)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg_internal("%s", c->chains[i].error),
						 errhint("%s", c->chains[i].hint)));
			*entry = e;
			return &c->chains[i];
		}
	sc_table_cache_unknown(&chain_names, name, c, NULL);
}

/* The call site's state in flinfo->fn_extra, made on first use. */
TimescaleCall *
sc_timescale_call(FmgrInfo *flinfo)
{
	TimescaleCall *call = flinfo->fn_extra;

	if (call == NULL)
	{
		call = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(TimescaleCall));
		call->calendar_flinfo.fn_mcxt = flinfo->fn_mcxt;
		call->calendar_flinfo.fn_oid = flinfo->fn_oid;
		flinfo->fn_extra = call;
	}
	return call;
}

/* name resolved by lookup, remembered by the call site while the catalogue is unchanged */
static const void *
resolve(TimescaleCall *call, text *name,
		const void *(*lookup) (const char *name, const TableCacheEntry **entry))
{
	NameCache  *nc = &call->name;
	const TableCacheEntry *entry;
	const void *found;

	if (likely(sc_name_cache_hit(&sc_timescale_catalogue, nc,
								 VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name))))
		return nc->object;
	found = lookup(sc_name_cache_name(nc, call->calendar_flinfo.fn_mcxt,
									  VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name)),
				   &entry);
	sc_name_cache_set(&sc_timescale_catalogue, nc, found, entry);
	return found;
}

const TimescaleDef *
sc_timescale_for_text(TimescaleCall *call, text *code)
{
	return resolve(call, code, lookup_timescale);
}

const ChainDef *
sc_chain_for_text(TimescaleCall *call, text *name)
{
	return resolve(call, name, lookup_chain);
}

/* The calendar called name, or the GUC's when name is NULL, cached per call site. */
const Calendar *
sc_calendar_for_text(TimescaleCall *call, text *name)
{
	LOCAL_FCINFO(cfc, 1);

	InitFunctionCallInfoData(*cfc, &call->calendar_flinfo, name ? 1 : 0, InvalidOid, NULL, NULL);
	if (name)
	{
		cfc->args[0].value = PointerGetDatum(name);
		cfc->args[0].isnull = false;
	}
	return sc_calendar_for_call(cfc, 0);
}
