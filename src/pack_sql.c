/*
 * src/pack_sql.c
 *
 * The SQL area "pack": socialcare.scorecard_html, the board pack.  Reads
 * the rows of socialcare.scorecard() and, for SPC, scorecard_spc() and
 * spc_points() through SPI (schema-qualified names only), checks the arguments and the KPIs asked for, and hands the rows
 * to the pure-C renderer (pack.c), which writes the document.
 */
#include "postgres.h"

#include <math.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "sql_util.h"
#include "pack.h"
#include "rag.h"

PG_FUNCTION_INFO_V1(sc_scorecard_html);

static SPIPlanPtr rows_plan;
static SPIPlanPtr unknown_plan;
static SPIPlanPtr known_plan;
static SPIPlanPtr labels_plan;
static SPIPlanPtr spc_plan;

/*
 * SPC for the pack: scorecard_spc's row of each KPI (the XmR chart of the
 * window's months from the KPI's first value), and each point's special
 * cause from spc_points over the same series (the months from
 * scorecard_spc's first_month to as_at's, a month without a value a gap;
 * its polarity and target), '' for common cause, in month order.
 */
static const char SPC_SQL[] =
	"SELECT s.kpi, s.variation, s.assurance, "
	"       CASE WHEN pg_catalog.abs(s.centre) OPERATOR(pg_catalog.<) 1e300 THEN s.centre END, "
	"       CASE WHEN pg_catalog.abs(s.lower_limit) OPERATOR(pg_catalog.<) 1e300 THEN s.lower_limit END, "
	"       CASE WHEN pg_catalog.abs(s.upper_limit) OPERATOR(pg_catalog.<) 1e300 THEN s.upper_limit END, "
	"       pts.causes "
	"FROM socialcare.scorecard_spc($1, $2) AS s "
	"LEFT JOIN LATERAL ( "
	"    SELECT pg_catalog.array_agg(m.m ORDER BY m.m) AS ms, "
	"           pg_catalog.array_agg(v.value::pg_catalog.float8 ORDER BY m.m) AS vs "
	"    FROM socialcare.month_ends(s.first_month, $1) AS m (m) "
	"    LEFT JOIN socialcare.kpi_value AS v "
	"        ON v.kpi OPERATOR(pg_catalog.=) s.kpi AND v.month OPERATOR(pg_catalog.=) m.m) AS ser ON true "
	"LEFT JOIN LATERAL ( "
	"    SELECT pg_catalog.array_agg(COALESCE(p.special_cause, ''::pg_catalog.text) ORDER BY p.month) AS causes "
	"    FROM socialcare.spc_points(ser.ms, ser.vs, s.polarity, s.target::pg_catalog.float8) AS p) AS pts ON true "
	"WHERE $3 IS NULL OR s.kpi OPERATOR(pg_catalog.=) ANY ($3)";

/* The scorecard's rows for the pack, by KPI (in the order asked) and month. */
static const char ROWS_SQL[] =
	"SELECT s.kpi, s.title, k.description, s.frequency, s.service_area, s.polarity, k.decimals, "
	"       s.unit OPERATOR(pg_catalog.=) 'percent', s.month_label, "
	/* 10 */
	"       CASE WHEN pg_catalog.abs(s.value) OPERATOR(pg_catalog.<) 1e300 THEN s.value::pg_catalog.float8 END, "
	"       pg_catalog.round(s.value, k.decimals)::pg_catalog.text OPERATOR(pg_catalog.||) "
	"           CASE WHEN k.unit OPERATOR(pg_catalog.=) 'percent' THEN '%' ELSE '' END, "
	"       COALESCE(s.numerator OPERATOR(pg_catalog.>=) 1 AND s.numerator OPERATOR(pg_catalog.<=) $8, false), "
	"       CASE WHEN pg_catalog.abs(s.target) OPERATOR(pg_catalog.<) 1e300 THEN s.target::pg_catalog.float8 END, "
	"       CASE WHEN pg_catalog.abs(s.tolerance) OPERATOR(pg_catalog.<) 1e300 THEN s.tolerance::pg_catalog.float8 END, "
	/* 15 */
	"       s.rag::pg_catalog.text, s.change_direction, s.average_direction, "
	"       s.vs_statistical_neighbours, s.vs_england, s.vs_region, "
	/* 21 */
	"       CASE WHEN pg_catalog.abs(s.statistical_neighbours) OPERATOR(pg_catalog.<) 1e300 THEN s.statistical_neighbours::pg_catalog.float8 END, "
	"       CASE WHEN pg_catalog.abs(s.england) OPERATOR(pg_catalog.<) 1e300 THEN s.england::pg_catalog.float8 END, "
	"       CASE WHEN pg_catalog.abs(s.region) OPERATOR(pg_catalog.<) 1e300 THEN s.region::pg_catalog.float8 END, "
	"       s.region_name, "
	/* 25 */
	"       pg_catalog.round(s.statistical_neighbours, k.decimals)::pg_catalog.text, "
	"       pg_catalog.round(s.england, k.decimals)::pg_catalog.text, "
	"       pg_catalog.round(s.region, k.decimals)::pg_catalog.text, "
	"       pg_catalog.round(s.target, k.decimals)::pg_catalog.text, "
	"       s.value IS NOT NULL "
	"FROM socialcare.scorecard($1, $2, $3, $4, $5, $6) AS s "
	"JOIN socialcare.kpi AS k ON k.code OPERATOR(pg_catalog.=) s.kpi "
	"WHERE $7 IS NULL OR s.kpi OPERATOR(pg_catalog.=) ANY ($7) "
	"ORDER BY pg_catalog.array_position($7, s.kpi), s.sort_order NULLS LAST, s.kpi, s.month";

/* The first KPI asked for that the catalogue lacks (or a NULL). */
static const char UNKNOWN_SQL[] =
	"SELECT u.code FROM pg_catalog.unnest($1) WITH ORDINALITY AS u (code, i) "
	"WHERE u.code IS NULL OR NOT EXISTS (SELECT FROM socialcare.kpi AS k WHERE k.code OPERATOR(pg_catalog.=) u.code) "
	"ORDER BY u.i LIMIT 1";

static const char KNOWN_SQL[] =
	"SELECT k.code FROM socialcare.kpi AS k ORDER BY k.sort_order NULLS LAST, k.code LIMIT 21";

/* The window's month labels (as scorecard's), the dates as words, and the precision check;
 * as_at checked first, as scorecard() checks it (an error naming it, not an overflow);
 * the window ends at the end of as_at's month, whatever its day. */
static const char LABELS_SQL[] =
	"SELECT pg_catalog.array_agg(pg_catalog.to_char(m.m, 'Mon-YY') ORDER BY m.m), "
	"       pg_catalog.to_char($1, 'FMDD FMMonth YYYY'), "
	"       pg_catalog.to_char($2, 'FMDD FMMonth YYYY, HH24:MI TZ'), "
	"       socialcare.compared_at($4, $5, 1) "
	"FROM socialcare.month_ends("
	"   (pg_catalog.date_trunc('month', socialcare.checked_as_at($1, $3)) OPERATOR(pg_catalog.-) pg_catalog.make_interval(months => $3 OPERATOR(pg_catalog.-) 1))::pg_catalog.date, "
	"   (pg_catalog.date_trunc('month', socialcare.checked_as_at($1, $3)) OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 1) "
	"    OPERATOR(pg_catalog.-) pg_catalog.make_interval(days => 1))::pg_catalog.date) AS m (m)";

static void
write_stringinfo(void *ctx, const char *bytes, size_t n)
{
	appendBinaryStringInfo((StringInfo) ctx, bytes, (int) n);
}

static char *
value_or_null(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;

	(void) SPI_getbinval(tup, desc, col, &isnull);
	return isnull ? NULL : SPI_getvalue(tup, desc, col);
}

static bool
float_of(HeapTuple tup, TupleDesc desc, int col, double *v)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		return false;
	*v = DatumGetFloat8(d);
	return isfinite(*v);
}

static int
trend_of(HeapTuple tup, TupleDesc desc, int col)
{
	char	   *s = value_or_null(tup, desc, col);

	if (s == NULL)
		return SC_PACK_NONE;
	if (strcmp(s, "up") == 0)
		return SC_UP;
	if (strcmp(s, "down") == 0)
		return SC_DOWN;
	return SC_SAME;
}

static int
rag_of(HeapTuple tup, TupleDesc desc, int col)
{
	char	   *s = value_or_null(tup, desc, col);

	if (s == NULL)
		return SC_PACK_NONE;
	for (int i = 0; i < 3; i++)
		if (strcmp(s, sc_rag_names[i]) == 0)
			return i;
	return SC_PACK_NONE;
}

/* Check the KPIs asked for: each in the catalogue, none NULL. */
static void
check_kpis(Datum kpis)
{
	Oid			types[1] = {TEXTARRAYOID};
	Datum		values[1] = {kpis};
	bool		isnull;
	char	   *code;
	ShownNames	known;

	if (SPI_execute_plan(sc_kept_plan(&unknown_plan, UNKNOWN_SQL, 1, types), values, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.kpi failed");
	if (SPI_processed == 0)
		return;
	(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpis lists a NULL KPI"),
				 errhint("List KPI codes of socialcare.kpi, or pass kpis => NULL for every KPI.")));
	code = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	if (SPI_execute_plan(sc_kept_plan(&known_plan, KNOWN_SQL, 0, NULL), NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.kpi failed");
	shown_names_init(&known);
	for (uint64 i = 0; i < SPI_processed; i++)
		shown_names_add(&known, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown KPI \"%s\" in kpis", shown_cstring(code)),
			 SPI_processed == 0
			 ? errhint("The KPI catalogue (socialcare.kpi) is empty: add the KPI first.")
			 : errhint("KPIs are the codes of socialcare.kpi: %s.", shown_names_end(&known))));
}

/*
 * scorecard_html(as_at, months, kpis, by_service_area, title,
 *                suppress_up_to, places, equal_within, average_months,
 *                compare_at, generated_at)
 */
Datum
sc_scorecard_html(PG_FUNCTION_ARGS)
{
	DateADT		as_at;
	int32		months;
	int32		average_months;
	const char *title;
	bool		by_area;
	TimestampTz generated_at;
	StringInfoData html;
	sc_out		out;
	sc_pack		pack;
	sc_pack_kpi *kpis;
	sc_pack_month *cells;
	const char **labels;
	int			nkpis = 0;
	char	   *compare_at;
	bool		exact = false;
	int			compared = 0;
	Datum		places = PG_ARGISNULL(6) ? (Datum) 0 : PG_GETARG_DATUM(6);
	sc_status	st;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	as_at = PG_GETARG_DATEADT(0);
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("months must not be NULL"),
				 errhint("The board pack shows 1 to %d months: 12 (the default) or 24.", SC_PACK_MAX_MONTHS)));
	months = PG_GETARG_INT32(1);
	if (months < 1 || months > SC_PACK_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("months %d is out of range for the board pack", months),
				 errhint("The board pack shows 1 to %d months: 12 (the default) or 24.", SC_PACK_MAX_MONTHS)));
	if (PG_ARGISNULL(8))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("average_months must not be NULL"),
				 errhint("Pass the months of the previous average the arrows compare with, 1 to %d (3 by default).", 1200)));
	average_months = PG_GETARG_INT32(8);
	if (PG_ARGISNULL(9))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("compare_at must not be NULL"),
				 errhint("compare_at is 'display', 'whole' or 'exact'.")));
	compare_at = text_to_cstring(PG_GETARG_TEXT_PP(9));
	title = PG_ARGISNULL(4) ? "Monthly performance scorecard" : text_to_cstring(PG_GETARG_TEXT_PP(4));
	by_area = PG_ARGISNULL(3) ? false : PG_GETARG_BOOL(3);
	generated_at = PG_ARGISNULL(10) ? GetCurrentTransactionStartTimestamp() : PG_GETARG_TIMESTAMPTZ(10);

	initStringInfo(&html);
	out.write = write_stringinfo;
	out.ctx = &html;
	memset(&pack, 0, sizeof pack);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");

	if (!PG_ARGISNULL(2))
		check_kpis(PG_GETARG_DATUM(2));

	/* the window's labels, the dates in words, and compare_at checked */
	{
		Oid			types[5] = {DATEOID, TIMESTAMPTZOID, INT4OID, TEXTOID, INT4OID};
		Datum		values[5] = {DateADTGetDatum(as_at), TimestampTzGetDatum(generated_at),
			Int32GetDatum(months), PointerGetDatum(cstring_to_text(compare_at)), places};
		char		nulls[5] = {' ', ' ', ' ', ' ', PG_ARGISNULL(6) ? 'n' : ' '};
		HeapTuple	tup;
		TupleDesc	desc;
		bool		isnull;
		Datum		arr;
		Datum	   *elems;
		int			nelems;
		Datum		cmp;

		if (SPI_execute_plan(sc_kept_plan(&labels_plan, LABELS_SQL, 5, types), values, nulls, true, 1) != SPI_OK_SELECT
			|| SPI_processed != 1)
			elog(ERROR, "socialcare: computing the board pack's months failed");
		tup = SPI_tuptable->vals[0];
		desc = SPI_tuptable->tupdesc;
		arr = SPI_getbinval(tup, desc, 1, &isnull);
		if (isnull)
			elog(ERROR, "socialcare: no months for the board pack");
		deconstruct_array(DatumGetArrayTypeP(arr), TEXTOID, -1, false, TYPALIGN_INT, &elems, NULL, &nelems);
		if (nelems != months)
			elog(ERROR, "socialcare: %d month labels for %d months", nelems, months);
		labels = palloc(sizeof(char *) * months);
		for (int i = 0; i < months; i++)
			labels[i] = TextDatumGetCString(elems[i]);
		pack.as_at = SPI_getvalue(tup, desc, 2);
		pack.generated = SPI_getvalue(tup, desc, 3);
		cmp = SPI_getbinval(tup, desc, 4, &isnull);
		exact = isnull;
		if (!isnull)
			compared = DatumGetInt32(cmp);
	}
	if (!PG_ARGISNULL(6) && !exact)
		pack.arrows_note = psprintf("Arrows compare values rounded to %d decimals (places => %d).",
									DatumGetInt32(places), DatumGetInt32(places));
	else if (exact)
		pack.arrows_note = "Arrows compare values exactly (compare_at => 'exact').";
	else if (compared == 1)
		pack.arrows_note = "Arrows compare values as shown, rounded to each KPI's decimals (compare_at => 'display').";
	else
		pack.arrows_note = "Arrows compare values rounded to whole numbers, the seed's rule (compare_at => 'whole').";

	/* the rows */
	{
		Oid			types[8] = {DATEOID, INT4OID, INT4OID, NUMERICOID, INT4OID, TEXTOID, TEXTARRAYOID, INT4OID};
		Datum		values[8] = {DateADTGetDatum(as_at), Int32GetDatum(months), places,
			PG_ARGISNULL(7) ? (Datum) 0 : PG_GETARG_DATUM(7), Int32GetDatum(average_months),
			PointerGetDatum(cstring_to_text(compare_at)),
			PG_ARGISNULL(2) ? (Datum) 0 : PG_GETARG_DATUM(2),
			PG_ARGISNULL(5) ? (Datum) 0 : PG_GETARG_DATUM(5)};
		char		nulls[8] = {' ', ' ', PG_ARGISNULL(6) ? 'n' : ' ', PG_ARGISNULL(7) ? 'n' : ' ', ' ', ' ',
			PG_ARGISNULL(2) ? 'n' : ' ', PG_ARGISNULL(5) ? 'n' : ' '};
		uint64		nrows;
		TupleDesc	desc;

		if (SPI_execute_plan(sc_kept_plan(&rows_plan, ROWS_SQL, 8, types), values, nulls, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "socialcare: reading the scorecard failed");
		nrows = SPI_processed;
		desc = SPI_tuptable->tupdesc;
		if (nrows % months != 0)
			elog(ERROR, "socialcare: %llu scorecard rows for %d months", (unsigned long long) nrows, months);
		nkpis = (int) (nrows / months);
		kpis = palloc0(sizeof(sc_pack_kpi) * Max(nkpis, 1));
		cells = palloc0(sizeof(sc_pack_month) * Max(nrows, 1));
		for (int k = 0; k < nkpis; k++)
		{
			sc_pack_kpi *kp = &kpis[k];
			HeapTuple	first = SPI_tuptable->vals[(uint64) k * months];
			HeapTuple	last = SPI_tuptable->vals[(uint64) k * months + months - 1];
			char	   *polarity = value_or_null(first, desc, 6);
			char	   *decimals = value_or_null(first, desc, 7);
			bool		isnull;

			kp->code = SPI_getvalue(first, desc, 1);
			kp->title = SPI_getvalue(first, desc, 2);
			kp->description = value_or_null(first, desc, 3);
			kp->frequency = SPI_getvalue(first, desc, 4);
			kp->service_area = value_or_null(first, desc, 5);
			kp->low_is_better = polarity && strcmp(polarity, "low") == 0;
			kp->decimals = decimals ? atoi(decimals) : 1;
			kp->percent = DatumGetBool(SPI_getbinval(first, desc, 8, &isnull));
			kp->nmonths = months;
			kp->months = &cells[(uint64) k * months];
			for (int m = 0; m < months; m++)
			{
				HeapTuple	tup = SPI_tuptable->vals[(uint64) k * months + m];
				sc_pack_month *c = &cells[(uint64) k * months + m];
				char	   *code = SPI_getvalue(tup, desc, 1);

				if (strcmp(code, kp->code) != 0)
					elog(ERROR, "socialcare: KPI %s has fewer than %d scorecard rows", kp->code, months);
				c->label = SPI_getvalue(tup, desc, 9);
				c->has_value = DatumGetBool(SPI_getbinval(tup, desc, 29, &isnull));
				if (!float_of(tup, desc, 10, &c->value))
					c->value = NAN;
				c->shown = c->has_value ? SPI_getvalue(tup, desc, 11) : NULL;
				c->suppressed = DatumGetBool(SPI_getbinval(tup, desc, 12, &isnull));
				c->has_target = float_of(tup, desc, 13, &c->target);
				if (!float_of(tup, desc, 14, &c->tolerance))
					c->tolerance = 0;
				c->rag = rag_of(tup, desc, 15);
				for (int j = 0; j < 3; j++)
					c->has_comparator[j] = float_of(tup, desc, 21 + j, &c->comparator[j]);
			}
			kp->change = trend_of(last, desc, 16);
			kp->average = trend_of(last, desc, 17);
			for (int j = 0; j < 3; j++)
			{
				kp->vs[j] = trend_of(last, desc, 18 + j);
				kp->comparator_shown[j] = value_or_null(last, desc, 25 + j);
			}
			kp->region_name = value_or_null(last, desc, 24);
			kp->target_shown = value_or_null(last, desc, 28);
			if (kp->percent && kp->target_shown)
				kp->target_shown = psprintf("%s%%", kp->target_shown);
		}
		if (nkpis > 0)
			for (int m = 0; m < months; m++)
				labels[m] = cells[m].label;
	}

	/* SPC: variation, assurance, centre line, limits, special causes */
	if (nkpis > 0)
	{
		Oid			types[3] = {DATEOID, INT4OID, TEXTARRAYOID};
		Datum		values[3] = {DateADTGetDatum(as_at), Int32GetDatum(months),
			PG_ARGISNULL(2) ? (Datum) 0 : PG_GETARG_DATUM(2)};
		char		nulls[3] = {' ', ' ', PG_ARGISNULL(2) ? 'n' : ' '};
		TupleDesc	desc;

		if (SPI_execute_plan(sc_kept_plan(&spc_plan, SPC_SQL, 3, types), values, nulls, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "socialcare: reading scorecard_spc failed");
		desc = SPI_tuptable->tupdesc;
		for (uint64 r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			char	   *code = SPI_getvalue(tup, desc, 1);
			sc_pack_kpi *kp = NULL;
			sc_pack_month *cell;
			bool		isnull;
			Datum		arr;

			for (int k = 0; k < nkpis && !kp; k++)
				if (strcmp(kpis[k].code, code) == 0)
					kp = &kpis[k];
			if (!kp)
				continue;
			cell = &cells[(kp - kpis) * (uint64) months];
			kp->variation = value_or_null(tup, desc, 2);
			kp->assurance = value_or_null(tup, desc, 3);
			kp->has_centre = float_of(tup, desc, 4, &kp->centre);
			kp->has_lower = float_of(tup, desc, 5, &kp->lower_limit);
			kp->has_upper = float_of(tup, desc, 6, &kp->upper_limit);
			arr = SPI_getbinval(tup, desc, 7, &isnull);
			if (!isnull)
			{
				Datum	   *elems;
				int			n;

				/* the series ends at as_at's month: the window's last n months */
				deconstruct_array(DatumGetArrayTypeP(arr), TEXTOID, -1, false, TYPALIGN_INT, &elems, NULL, &n);
				if (n > months)
					elog(ERROR, "socialcare: %d SPC points for KPI %s in %d months", n, kp->code, months);
				for (int i = 0; i < n; i++)
				{
					sc_pack_month *c = &cell[months - n + i];
					char	   *cause = TextDatumGetCString(elems[i]);

					c->spc = true;
					c->special = strcmp(cause, "improvement") == 0 ? SC_PACK_SPC_IMPROVEMENT
						: strcmp(cause, "concern") == 0 ? SC_PACK_SPC_CONCERN
						: strcmp(cause, "neutral") == 0 ? SC_PACK_SPC_NEUTRAL : SC_PACK_SPC_NONE;
				}
			}
		}
	}

	pack.title = title;
	pack.average_months = average_months;
	pack.page_per_area = by_area;
	pack.nmonths = months;
	pack.month_labels = labels;
	pack.nkpis = nkpis;
	pack.kpis = kpis;

	/* a service area per page: the areas in the order of their first KPI */
	if (by_area && nkpis > 1)
	{
		sc_pack_kpi *sorted = palloc(sizeof(sc_pack_kpi) * nkpis);
		bool	   *done = palloc0(sizeof(bool) * nkpis);
		int			n = 0;

		for (int i = 0; i < nkpis; i++)
		{
			if (done[i])
				continue;
			for (int j = i; j < nkpis; j++)
			{
				const char *a = kpis[i].service_area,
						   *b = kpis[j].service_area;

				if (!done[j] && (a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0))
				{
					sorted[n++] = kpis[j];
					done[j] = true;
				}
			}
		}
		pack.kpis = sorted;
	}

	st = sc_pack_render(&pack, &out);
	if (st != SC_OK)
		elog(ERROR, "socialcare: the board pack could not be rendered (status %d)", (int) st);

	SPI_finish();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(html.data, html.len));
}
