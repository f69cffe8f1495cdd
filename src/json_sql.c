/*
 * src/json_sql.c
 *
 * The SQL area "json": json_field, json_field_ci and json_problem, the
 * readers of JSON objects stored as text (the SSD's outcome columns) that
 * never raise an error, whatever the text: a text that is not one valid
 * JSON object gives NULL, and json_problem says why.  The reading is the
 * core's (json_scan.c); this converts text in and out.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "json_scan.h"
#include "pg_compat.h"

PG_FUNCTION_INFO_V1(sc_json_field);
PG_FUNCTION_INFO_V1(sc_json_field_ci);
PG_FUNCTION_INFO_V1(sc_json_problem_text);

/*
 * The value of key in the object text as SQL text, or NULL: a string
 * unescaped, a number, true or false as written, an object or array as
 * its JSON text as written; NULL for JSON null, an absent key, a text
 * that is not a valid object, and a string that text cannot hold (a
 * \u0000, or in a database not in UTF8 a \u escape beyond ASCII, which
 * converting could fail on).
 */
static Datum
json_field(FunctionCallInfo fcinfo, sc_json_match match)
{
	text	   *json = PG_GETARG_TEXT_PP(0);
	text	   *key = PG_GETARG_TEXT_PP(1);
	const char *s = VARDATA_ANY(json);
	sc_json_value value;
	text	   *result;
	unsigned	flags;
	size_t		n;

	if (sc_json_find(s, VARSIZE_ANY_EXHDR(json), VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key),
					 match, &value) != SC_OK)
		PG_RETURN_NULL();
	switch (value.kind)
	{
		case SC_JSON_NULL:
			PG_RETURN_NULL();
		case SC_JSON_STRING:
			/* decoding never lengthens: value.len bytes are enough */
			result = (text *) palloc(VARHDRSZ + value.len);
			n = sc_json_unescape(s, &value, VARDATA(result), &flags);
			if ((flags & SC_JSON_HAS_NUL)
				|| ((flags & SC_JSON_ESCAPED_NON_ASCII) && GetDatabaseEncoding() != PG_UTF8))
				PG_RETURN_NULL();
			SET_VARSIZE(result, VARHDRSZ + n);
			PG_RETURN_TEXT_P(result);
		default:
			PG_RETURN_TEXT_P(cstring_to_text_with_len(s + value.start, (int) value.len));
	}
}

Datum
sc_json_field(PG_FUNCTION_ARGS)
{
	return json_field(fcinfo, SC_JSON_EXACT);
}

Datum
sc_json_field_ci(PG_FUNCTION_ARGS)
{
	return json_field(fcinfo, SC_JSON_ASCII_CI);
}

/* NULL for a valid JSON object, else the first problem in words (bounded). */
Datum
sc_json_problem_text(PG_FUNCTION_ARGS)
{
	text	   *json = PG_GETARG_TEXT_PP(0);
	sc_json_problem problem;
	char		out[SC_JSON_PROBLEM_MAX];

	if (!sc_json_problem_of(VARDATA_ANY(json), VARSIZE_ANY_EXHDR(json), &problem))
		PG_RETURN_NULL();
	sc_json_describe(&problem, VARDATA_ANY(json), VARSIZE_ANY_EXHDR(json), out, sizeof out);
	PG_RETURN_TEXT_P(cstring_to_text(out));
}
