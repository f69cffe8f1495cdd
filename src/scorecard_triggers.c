/*
 * src/scorecard_triggers.c
 *
 * socialcare.kpi_validate(): the BEFORE ROW trigger named validate on the
 * KPI catalogue's tables socialcare.kpi, kpi_comparator and kpi_value.
 *
 *  - kpi.unit, frequency and polarity and kpi_comparator.comparator are
 *    stored in one form: what a user writes is mapped to it (any case,
 *    'High', 'As at Month End', 'percentage': rag.c's sc_kpi_word), and
 *    anything else is an error listing the allowed words.  The tables'
 *    CHECK constraints stay, as a backstop.
 *  - A value of socialcare.kpi_value is checked against its KPI's unit
 *    (socialcare.kpi_value_problem(), in SQL: exact numeric), on INSERT and
 *    on an UPDATE that changes its KPI, value, numerator or denominator;
 *    rows stored before 0.3.0 stay until they are written again.
 *  - Changing a KPI's unit or decimals is refused while one of its values
 *    does not fit the new ones.
 *
 * The trigger is named so that it fires after row_owner (triggers fire in
 * name order): rows the current role may not write are skipped first.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/datum.h"
#include "utils/rel.h"

#include "rag.h"
#include "sql_util.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(sc_kpi_validate);

static const char *const validated_tables[] = {"kpi", "kpi_comparator", "kpi_value", NULL};

/* A word column of a catalogue table. */
typedef struct WordColumn
{
	const char *table;
	const char *column;
	sc_kpi_column kind;
	const char *key;			/* the column naming the row, for messages */
	const char *what;
} WordColumn;

static const WordColumn word_columns[] = {
	{"kpi", "unit", SC_KPI_UNIT, "code", "unit"},
	{"kpi", "frequency", SC_KPI_FREQUENCY, "code", "frequency"},
	{"kpi", "polarity", SC_KPI_POLARITY, "code", "polarity"},
	{"kpi_comparator", "comparator", SC_KPI_COMPARATOR, "kpi", "comparator"},
};

#define MAX_WORD_COLUMNS 3

static SPIPlanPtr value_plan;	/* a value against its KPI */
static SPIPlanPtr kpi_plan;		/* a KPI's values against a new unit */

/* "'a', 'b' or 'c'" */
static char *
allowed_words(sc_kpi_column kind)
{
	const char *const *words = sc_kpi_words(kind);
	StringInfoData s;
	int			n = 0;

	while (words[n])
		n++;
	initStringInfo(&s);
	for (int i = 0; i < n; i++)
		appendStringInfo(&s, "%s'%s'", i == 0 ? "" : i == n - 1 ? " or " : ", ", words[i]);
	return s.data;
}

static char *
key_text(TriggerData *td, HeapTuple tuple, const char *key)
{
	bool		isnull;
	Datum		d = heap_getattr(tuple, sc_trigger_column(td, key, TEXTOID),
								 RelationGetDescr(td->tg_relation), &isnull);

	return isnull ? pstrdup("NULL") : shown_cstring(TextDatumGetCString(d));
}

/* tuple with its word columns in their stored form, or an error. */
static HeapTuple
stored_words(TriggerData *td, HeapTuple tuple)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	const char *table = sc_trigger_table(td);
	int			cols[MAX_WORD_COLUMNS];
	Datum		values[MAX_WORD_COLUMNS];
	bool		nulls[MAX_WORD_COLUMNS];
	int			n = 0;

	for (int i = 0; i < lengthof(word_columns); i++)
	{
		const WordColumn *w = &word_columns[i];
		int			attno;
		bool		isnull;
		Datum		d;
		text	   *t;
		const char *word;

		if (strcmp(w->table, table) != 0)
			continue;
		attno = sc_trigger_column(td, w->column, TEXTOID);
		d = heap_getattr(tuple, attno, desc, &isnull);
		if (isnull)
			continue;			/* NOT NULL reports it */
		t = DatumGetTextPP(d);
		word = sc_kpi_word(w->kind, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		if (word == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("unknown %s \"%s\" for KPI \"%s\"", w->what, shown_text(t),
							key_text(td, tuple, w->key)),
					 errhint("socialcare.%s.%s is %s, in any case ('%c%s' is stored as '%s').",
							 w->table, w->column, allowed_words(w->kind),
							 pg_ascii_toupper(sc_kpi_words(w->kind)[0][0]), sc_kpi_words(w->kind)[0] + 1,
							 sc_kpi_words(w->kind)[0])));
		if (strlen(word) == VARSIZE_ANY_EXHDR(t) && memcmp(word, VARDATA_ANY(t), strlen(word)) == 0)
			continue;
		cols[n] = attno;
		values[n] = CStringGetTextDatum(word);
		nulls[n] = false;
		n++;
	}
	if (n == 0)
		return tuple;
	return heap_modify_tuple_by_cols(tuple, desc, n, cols, values, nulls);
}

static char *
num_shown(Datum d, bool isnull)
{
	return isnull ? pstrdup("NULL") : shown_numeric(DatumGetNumeric(d));
}

/* "0.5", "0.05", ...: half a unit of the last of k decimals. */
static char *
half_unit(int k)
{
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfoString(&s, "0.");
	for (int i = 0; i < k; i++)
		appendStringInfoChar(&s, '0');
	appendStringInfoChar(&s, '5');
	return s.data;
}

/*
 * The error for a value of KPI kpi for month that does not fit its unit:
 * problem is socialcare.kpi_value_problem()'s answer; changing, when not
 * NULL, the unit a KPI is being changed to.
 *
 * A restore keeps the rows it restores: pg_dump's and pg_restore's
 * scripts run with check_function_bodies off (PostgreSQL's documented
 * signal for "restoring a dump"), and a value stored before 0.3.0 that
 * does not fit must not stop its table from restoring.  There the error
 * is a WARNING naming the value, and the row is kept.
 */
static void
value_error(const char *problem, const char *kpi, DateADT month, const char *unit, int decimals,
			Datum value, bool value_null, Datum num, bool num_null, Datum den, bool den_null,
			const char *changing, int64 others)
{
	char	   *what;
	char	   *hint;

	if (strcmp(problem, "above 100") == 0)
		what = psprintf("value %s is more than 100", num_shown(value, value_null));
	else if (strcmp(problem, "below 0") == 0)
		what = psprintf("value %s is less than 0", num_shown(value, value_null));
	else if (strcmp(problem, "not whole") == 0)
		what = psprintf("value %s is not a whole number", num_shown(value, value_null));
	else if (strcmp(problem, "numerator above denominator") == 0)
		what = psprintf("numerator %s is more than denominator %s",
						num_shown(num, num_null), num_shown(den, den_null));
	else if (strcmp(problem, "denominator 0") == 0)
		what = psprintf("value %s is a percentage of a denominator of 0", num_shown(value, value_null));
	else
	{
		Numeric		hundred = int64_to_numeric(100);
		Numeric		expected = num_div_trimmed(num_mul(hundred, DatumGetNumeric(num)), DatumGetNumeric(den));
		int			scale = DatumGetInt32(DirectFunctionCall1(numeric_scale, value));

		what = psprintf("value %s is not 100 * %s / %s = %s, give or take %s",
						num_shown(value, value_null), num_shown(num, num_null), num_shown(den, den_null),
						shown_numeric(expected), half_unit(Min(scale, decimals)));
	}

	if (strcmp(unit, "percent") == 0)
		hint = psprintf("A value of a KPI of unit 'percent' is a percentage from 0 to 100 (86.5, not 0.865); "
						"its numerator is at most its denominator; given both, the value is 100 * numerator / denominator "
						"to half a unit of its last decimal shown (the KPI's decimals, %d, or the value's own if fewer); "
						"with a denominator of 0 it is NULL.", decimals);
	else if (strcmp(unit, "count") == 0)
		hint = pstrdup("A value of a KPI of unit 'count' is a whole number, 0 or more (unit 'number' is for averages and ratios).");
	else
		hint = psprintf("A value of a KPI of unit '%s' is 0 or more.", unit);

	if (!check_function_bodies)
		ereport(WARNING,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("KPI \"%s\" for %s: %s (kept: check_function_bodies is off, as in a restore)",
						kpi, date_text(month), what),
				 errhint("%s Correct the value once restored: socialcare.kpi_value_problem() lists such values.",
						 hint)));
	else if (changing)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("KPI \"%s\" cannot have unit '%s' and %d decimals: for %s, %s", kpi, unit, decimals,
						date_text(month), what),
				 others > 0 ? errdetail_plural("%lld other month of it does not fit either.",
											   "%lld other months of it do not fit either.",
											   (unsigned long) others, (long long) others) : 0,
				 errhint("%s Correct its values in socialcare.kpi_value first.", hint)));
	else
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("KPI \"%s\" for %s: %s", kpi, date_text(month), what),
				 errhint("%s", hint)));
}

static void
check_value(TriggerData *td, HeapTuple tuple)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Oid			types[4] = {TEXTOID, NUMERICOID, NUMERICOID, NUMERICOID};
	Datum		args[4];
	char		nulls[4];
	bool		isnull;
	Datum		kpi = heap_getattr(tuple, sc_trigger_column(td, "kpi", TEXTOID), desc, &isnull);
	Datum		month;
	bool		month_null;
	const char *cols[3] = {"value", "numerator", "denominator"};

	if (isnull)
		return;					/* NOT NULL reports it */
	month = heap_getattr(tuple, sc_trigger_column(td, "month", DATEOID), desc, &month_null);
	args[0] = kpi;
	nulls[0] = ' ';
	for (int i = 0; i < 3; i++)
	{
		args[i + 1] = heap_getattr(tuple, sc_trigger_column(td, cols[i], NUMERICOID), desc, &isnull);
		nulls[i + 1] = isnull ? 'n' : ' ';
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	sc_kept_plan(&value_plan,
			  "SELECT k.unit, k.decimals, socialcare.kpi_value_problem(k.unit, k.decimals, $2, $3, $4) "
			  "FROM socialcare.kpi k WHERE k.code OPERATOR(pg_catalog.=) $1",
			  4, types);
	if (SPI_execute_plan(value_plan, args, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.kpi failed");
	if (SPI_processed > 0)
	{
		HeapTuple	row = SPI_tuptable->vals[0];
		TupleDesc	rd = SPI_tuptable->tupdesc;
		char	   *problem = SPI_getvalue(row, rd, 3);

		if (problem != NULL)
		{
			char	   *unit = SPI_getvalue(row, rd, 1);
			bool		dnull;
			int			decimals = DatumGetInt32(SPI_getbinval(row, rd, 2, &dnull));

			value_error(problem, shown_cstring(TextDatumGetCString(kpi)),
						month_null ? DATEVAL_NOBEGIN : DatumGetDateADT(month), unit, dnull ? 0 : decimals,
						args[1], nulls[1] == 'n', args[2], nulls[2] == 'n', args[3], nulls[3] == 'n',
						NULL, 0);
		}
	}
	SPI_finish();
}

/* A KPI's new unit and decimals against its stored values (under its old code). */
static void
check_kpi_values(TriggerData *td, HeapTuple old, HeapTuple new)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Oid			types[3] = {TEXTOID, TEXTOID, INT4OID};
	Datum		args[3];
	char		nulls[3] = {' ', ' ', ' '};
	bool		isnull;
	bool		unull;
	bool		dnull;

	args[0] = heap_getattr(old, sc_trigger_column(td, "code", TEXTOID), desc, &isnull);
	args[1] = heap_getattr(new, sc_trigger_column(td, "unit", TEXTOID), desc, &unull);
	args[2] = heap_getattr(new, sc_trigger_column(td, "decimals", INT4OID), desc, &dnull);
	if (isnull || unull || dnull)
		return;					/* NOT NULL reports it */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	sc_kept_plan(&kpi_plan,
			  "SELECT v.month, v.value, v.numerator, v.denominator, p.problem, pg_catalog.count(*) OVER () "
			  "FROM socialcare.kpi_value v, "
			  "LATERAL (SELECT socialcare.kpi_value_problem($2, $3, v.value, v.numerator, v.denominator) AS problem) p "
			  "WHERE v.kpi OPERATOR(pg_catalog.=) $1 AND p.problem IS NOT NULL "
			  "ORDER BY v.month LIMIT 1",
			  3, types);
	if (SPI_execute_plan(kpi_plan, args, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.kpi_value failed");
	if (SPI_processed > 0)
	{
		HeapTuple	row = SPI_tuptable->vals[0];
		TupleDesc	rd = SPI_tuptable->tupdesc;
		bool		mnull,
					vnull,
					nnull,
					denull,
					cnull;
		Datum		month = SPI_getbinval(row, rd, 1, &mnull);
		Datum		value = SPI_getbinval(row, rd, 2, &vnull);
		Datum		num = SPI_getbinval(row, rd, 3, &nnull);
		Datum		den = SPI_getbinval(row, rd, 4, &denull);
		int64		count = DatumGetInt64(SPI_getbinval(row, rd, 6, &cnull));

		value_error(SPI_getvalue(row, rd, 5), shown_cstring(TextDatumGetCString(args[0])),
					mnull ? DATEVAL_NOBEGIN : DatumGetDateADT(month),
					TextDatumGetCString(args[1]), DatumGetInt32(args[2]),
					value, vnull, num, nnull, den, denull, "unit", count - 1);
	}
	SPI_finish();
}

/* Whether column name differs between the two tuples. */
static bool
changed(TriggerData *td, HeapTuple old, HeapTuple new, const char *name)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			attno = sc_trigger_column(td, name, InvalidOid);
	Form_pg_attribute att = TupleDescAttr(desc, attno - 1);
	bool		onull;
	bool		nnull;
	Datum		o = heap_getattr(old, attno, desc, &onull);
	Datum		n = heap_getattr(new, attno, desc, &nnull);

	if (onull || nnull)
		return onull != nnull;
	return !datum_image_eq(o, n, att->attbyval, att->attlen);
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW on socialcare.kpi,
 * kpi_comparator and kpi_value.
 */
Datum
sc_kpi_validate(PG_FUNCTION_ARGS)
{
	TriggerData *td = sc_trigger_data(fcinfo, "kpi_validate", validated_tables, SC_BEFORE_ROW_WRITE);
	TriggerEvent ev = td->tg_event;
	const char *table = sc_trigger_table(td);
	bool		update = TRIGGER_FIRED_BY_UPDATE(ev);
	HeapTuple	new;

	if (TRIGGER_FIRED_BY_DELETE(ev))
		return PointerGetDatum(td->tg_trigtuple);
	new = update ? td->tg_newtuple : td->tg_trigtuple;
	if (strcmp(table, "kpi_value") == 0)
	{
		if (!update || changed(td, td->tg_trigtuple, new, "kpi") || changed(td, td->tg_trigtuple, new, "value")
			|| changed(td, td->tg_trigtuple, new, "numerator") || changed(td, td->tg_trigtuple, new, "denominator"))
			check_value(td, new);
		return PointerGetDatum(new);
	}
	new = stored_words(td, new);
	if (update && strcmp(table, "kpi") == 0
		&& (changed(td, td->tg_trigtuple, new, "unit") || changed(td, td->tg_trigtuple, new, "decimals")))
		check_kpi_values(td, td->tg_trigtuple, new);
	return PointerGetDatum(new);
}
