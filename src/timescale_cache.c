/*
 * src/timescale_cache.c
 *
 * The per-backend copy of socialcare.timescale and
 * socialcare.timescale_chain, under the snapshot rule of user calendars
 * (calendar.c): the tables are read with the active snapshot, like a
 * table joined in the calling query, in the leader and in parallel
 * workers alike; the copy is used while the active snapshot sees the same
 * committed transactions and own commands as the one it was read under,
 * and read again otherwise, or when the tables' statement triggers report
 * a change made by this backend (their relcache invalidation runs our
 * callback at the end of the changing command and on rollback).  Lookups
 * by name cost a string compare and a snapshot check a row once a call
 * site has resolved its argument.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "shown.h"
#include "timescale_cache.h"

typedef struct Catalogue
{
	MemoryContext cxt;
	int			ntimescales;
	TimescaleDef *timescales;	/* sorted by code */
	int			nchains;
	ChainDef   *chains;			/* sorted by name */
	SnapshotKey read_under;		/* what the snapshot it was read with saw */
	uint64		changes_seen;	/* invalidations seen when it was read */
} Catalogue;

static Catalogue *catalogue = NULL;
static uint64 generation = 1;	/* never 0: bumped when the copy may be dropped */
static uint64 changes = 0;		/* bumped by the invalidation callback */
static bool callback_registered = false;
static Oid	timescale_relid = InvalidOid;
static Oid	chain_relid = InvalidOid;

static void
tables_changed(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == timescale_relid || relid == chain_relid)
	{
		changes++;
		generation++;
	}
}

static void
drop_catalogue(void)
{
	if (catalogue)
		MemoryContextDelete(catalogue->cxt);
	catalogue = NULL;
	generation++;
}

/* Run a read-only query (its plan saved in *plan) under snapshot snap. */
static void
run(SPIPlanPtr *plan, const char *sql, Snapshot snap)
{
	int			ret;

	if (*plan == NULL)
	{
		SPIPlanPtr	p = SPI_prepare(sql, 0, NULL);

		if (p == NULL || SPI_keepplan(p) != 0)
			elog(ERROR, "socialcare: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		*plan = p;
	}
	ret = SPI_execute_snapshot(*plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading the timescale tables failed: %s",
			 SPI_result_code_string(ret));
}

static char *
column_text(MemoryContext cxt, uint64 row, int col)
{
	char	   *s = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);

	return s ? MemoryContextStrdup(cxt, s) : NULL;
}

static int32
column_int(uint64 row, int col, int32 ifnull)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, &isnull);

	return isnull ? ifnull : DatumGetInt32(d);
}

static void
read_timescales(Catalogue *c, Snapshot snap)
{
	static SPIPlanPtr plan = NULL;

	run(&plan, "SELECT code, unit, amount FROM socialcare.timescale ORDER BY code COLLATE pg_catalog.\"C\"", snap);
	c->ntimescales = (int) SPI_processed;
	c->timescales = MemoryContextAllocZero(c->cxt, sizeof(TimescaleDef) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		TimescaleDef *t = &c->timescales[i];
		char	   *unit = column_text(c->cxt, i, 2);

		t->code = column_text(c->cxt, i, 1);
		t->ts.unit = unit ? sc_unit_from_name(unit) : -1;
		t->ts.amount = column_int(i, 3, -1);
		if ((int) t->ts.unit < 0 || t->ts.amount < 0)
			elog(ERROR, "socialcare: timescale \"%s\" has an invalid unit or amount", t->code);
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
build_chain(Catalogue *c, ChainDef *ch, uint64 first, uint64 end)
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
		int32		step = column_int(i, 2, 0);
		int32		after = column_int(i, 4, 0);
		const TimescaleDef *t;

		codes[n] = column_text(c->cxt, i, 3);
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
read_chains(Catalogue *c, Snapshot snap)
{
	static SPIPlanPtr plan = NULL;
	uint64		first = 0;

	run(&plan, "SELECT chain, step, timescale, after_months FROM socialcare.timescale_chain "
		"ORDER BY chain COLLATE pg_catalog.\"C\", after_months NULLS FIRST, step", snap);
	c->chains = MemoryContextAllocZero(c->cxt, sizeof(ChainDef) * (SPI_processed + 1));
	c->nchains = 0;
	for (uint64 i = 1; i <= SPI_processed; i++)
	{
		char	   *name = SPI_getvalue(SPI_tuptable->vals[first], SPI_tuptable->tupdesc, 1);

		if (i < SPI_processed
			&& strcmp(name, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1)) == 0)
			continue;
		c->chains[c->nchains].name = MemoryContextStrdup(c->cxt, name);
		build_chain(c, &c->chains[c->nchains++], first, i);
		first = i;
	}
}

static void
load_catalogue(Snapshot snap)
{
	Oid			nsp = get_namespace_oid("socialcare", false);
	uint64		changes_before = changes;
	MemoryContext cxt;
	Catalogue  *c;

	timescale_relid = get_relname_relid("timescale", nsp);
	chain_relid = get_relname_relid("timescale_chain", nsp);
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(tables_changed, (Datum) 0);
		callback_registered = true;
	}
	cxt = AllocSetContextCreate(TopMemoryContext, "socialcare timescales", ALLOCSET_SMALL_SIZES);
	c = MemoryContextAllocZero(cxt, sizeof(Catalogue));
	c->cxt = cxt;
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "socialcare: SPI_connect failed");
		read_timescales(c, snap);
		read_chains(c, snap);
		SPI_finish();
	}
	PG_CATCH();
	{
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	sc_snapshot_key_set(&c->read_under, snap, cxt);
	c->changes_seen = changes_before;
	catalogue = c;
}

/* The catalogue as the active snapshot sees it, read again if it may differ. */
static const Catalogue *
current_catalogue(void)
{
	Snapshot	snap = sc_reading_snapshot();

	if (catalogue && catalogue->changes_seen == changes
		&& sc_snapshot_key_usable(&catalogue->read_under, snap))
		return catalogue;
	drop_catalogue();
	load_catalogue(snap);
	return catalogue;
}

static void
unknown_name(const char *what, const char *name, const char *table, ShownNames *known)
{
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("unknown %s \"%s\"", what, shown_cstring(name)),
			 errhint("Known %ss: %s. Add your own to %s.", what,
					 known->count ? shown_names_end(known) : "(none)", table)));
}

static const TimescaleDef *
lookup_timescale(const char *code)
{
	const Catalogue *c = current_catalogue();
	const TimescaleDef *t = find_timescale(c, code);
	ShownNames	known;

	if (t)
		return t;
	shown_names_init(&known);
	for (int i = 0; i < c->ntimescales; i++)
		shown_names_add(&known, c->timescales[i].code);
	unknown_name("timescale", code, "socialcare.timescale", &known);
	return NULL;
}

static const ChainDef *
lookup_chain(const char *name)
{
	const Catalogue *c = current_catalogue();
	ShownNames	known;

	for (int i = 0; i < c->nchains; i++)
		if (strcmp(c->chains[i].name, name) == 0)
		{
			if (c->chains[i].error)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg_internal("%s", c->chains[i].error),
						 errhint("%s", c->chains[i].hint)));
			return &c->chains[i];
		}
	shown_names_init(&known);
	for (int i = 0; i < c->nchains; i++)
		shown_names_add(&known, c->chains[i].name);
	unknown_name("chain", name, "socialcare.timescale_chain", &known);
	return NULL;
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

/* Has the call site already resolved this name under the current catalogue? */
static bool
remembered(TimescaleCall *call, text *name)
{
	NameCache  *nc = &call->name;

	/* while the generation is unchanged, the catalogue is the one nc was resolved in */
	return nc->generation == generation
		&& nc->len == VARSIZE_ANY_EXHDR(name)
		&& memcmp(nc->name, VARDATA_ANY(name), nc->len) == 0
		&& sc_snapshot_sees_same(&catalogue->read_under, sc_reading_snapshot());
}

/* Copy name into the call site's cache and return it as a C string. */
static const char *
remember_name(TimescaleCall *call, text *name)
{
	NameCache  *nc = &call->name;
	int			len = VARSIZE_ANY_EXHDR(name);

	if (nc->capacity < len + 1)
	{
		nc->capacity = Max(len + 1, NAMEDATALEN);
		nc->name = MemoryContextAlloc(call->calendar_flinfo.fn_mcxt, nc->capacity);
	}
	memcpy(nc->name, VARDATA_ANY(name), len);
	nc->name[len] = '\0';
	nc->len = len;
	nc->generation = 0;			/* matches nothing, should the lookup fail */
	return nc->name;
}

const TimescaleDef *
sc_timescale_for_text(TimescaleCall *call, text *code)
{
	const TimescaleDef *t;

	if (likely(remembered(call, code)))
		return call->name.entry;
	t = lookup_timescale(remember_name(call, code));
	call->name.entry = t;
	call->name.generation = generation;
	return t;
}

const ChainDef *
sc_chain_for_text(TimescaleCall *call, text *name)
{
	const ChainDef *ch;

	if (likely(remembered(call, name)))
		return call->name.entry;
	ch = lookup_chain(remember_name(call, name));
	call->name.entry = ch;
	call->name.generation = generation;
	return ch;
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
