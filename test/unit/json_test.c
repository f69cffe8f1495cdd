/*
 * test/unit/json_test.c
 *
 * Unit tests of the JSON object reader (json_scan.c), without PostgreSQL.
 * Prints TAP lines, one per group; exits 1 if any group failed.  Every
 * expected value is written by hand from RFC 8259 and the rules in
 * json_scan.h (byte positions counted on the literal text, from 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_scan.h"

#include "tap.h"

static const char *const kind_names[] = {"string", "number", "true", "false", "null", "object", "array"};

/*
 * sc_json_find's answer as one string: "malformed", "absent", or the
 * kind, ':' and the value (a string unescaped, anything else as written).
 * len is given so texts may hold NUL bytes.
 */
static const char *
field_n(const char *text, size_t len, const char *key, sc_json_match match)
{
	static char answer[512];
	sc_json_value v = {SC_JSON_NULL, 12345, 54321};
	sc_status st = sc_json_find(text, len, key, strlen(key), match, &v);
	char		buf[256];
	unsigned	flags;
	size_t		n;

	if (st != SC_OK)
	{
		if (v.start != 12345 || v.len != 54321)
			return "value touched on failure";
		return st == SC_MALFORMED ? "malformed" : st == SC_UNKNOWN_NAME ? "absent" : "other status";
	}
	if (v.start + v.len > len)
		return "value beyond the text";
	if (v.kind != SC_JSON_STRING)
	{
		snprintf(answer, sizeof answer, "%s:%.*s", kind_names[v.kind], (int) v.len, text + v.start);
		return answer;
	}
	if (v.len > sizeof buf)
		return "string too long for the test";
	n = sc_json_unescape(text, &v, buf, &flags);
	if (n > v.len)
		return "unescaped longer than written";
	snprintf(answer, sizeof answer, "string:%.*s%s%s", (int) n, buf,
			 flags & SC_JSON_HAS_NUL ? "|NUL" : "", flags & SC_JSON_ESCAPED_NON_ASCII ? "|U" : "");
	return answer;
}

static const char *
field(const char *text, const char *key)
{
	return field_n(text, strlen(text), key, SC_JSON_EXACT);
}

static const char *
field_ci(const char *text, const char *key)
{
	return field_n(text, strlen(text), key, SC_JSON_ASCII_CI);
}

/* The problem's description, or "valid". */
static const char *
problem_n(const char *text, size_t len)
{
	static char out[SC_JSON_PROBLEM_MAX];
	sc_json_problem p;

	if (!sc_json_problem_of(text, len, &p))
		return "valid";
	sc_json_describe(&p, text, len, out, sizeof out);
	return out;
}

static const char *
problem(const char *text)
{
	return problem_n(text, strlen(text));
}

#define EXPECT_FIELD(text, key, want) \
	do { const char *got_ = field(text, key); \
		check(strcmp(got_, want) == 0, "field(%s, %s) = [%s], want [%s]", text, key, got_, want); } while (0)
#define EXPECT_PROBLEM(text, want) \
	do { const char *got_ = problem(text); \
		check(strcmp(got_, want) == 0, "problem(%s) = [%s], want [%s]", text, got_, want); } while (0)

static void
test_values(void)
{
	const char *ssd = "{\"NEW_REFERRAL_FLAG\": \"Y\", \"NFA_FLAG\": \"N\", \"COUNT\": 3,"
		" \"SCORE\": -12.50e+1, \"OPEN\": true, \"CLOSED\": false, \"REASON\": null,"
		" \"DETAIL\": {\"a\": [1, {\"b\": \"}\"}], \"c\": \"]\"}, \"LIST\": [ 1 , \"x\" ],"
		" \"EMPTY\": \"\", \"EO\": {}, \"EA\": [], \"COMMENTS\": \"said \\\"no\\\" twice\"}";

	EXPECT_FIELD(ssd, "NEW_REFERRAL_FLAG", "string:Y");
	EXPECT_FIELD(ssd, "NFA_FLAG", "string:N");
	EXPECT_FIELD(ssd, "COUNT", "number:3");
	EXPECT_FIELD(ssd, "SCORE", "number:-12.50e+1");
	EXPECT_FIELD(ssd, "OPEN", "true:true");
	EXPECT_FIELD(ssd, "CLOSED", "false:false");
	EXPECT_FIELD(ssd, "REASON", "null:null");
	EXPECT_FIELD(ssd, "DETAIL", "object:{\"a\": [1, {\"b\": \"}\"}], \"c\": \"]\"}");
	EXPECT_FIELD(ssd, "LIST", "array:[ 1 , \"x\" ]");
	EXPECT_FIELD(ssd, "EMPTY", "string:");
	EXPECT_FIELD(ssd, "EO", "object:{}");
	EXPECT_FIELD(ssd, "EA", "array:[]");
	EXPECT_FIELD(ssd, "COMMENTS", "string:said \"no\" twice");
	EXPECT_PROBLEM(ssd, "valid");
	/* absent: at the top level only, keys inside nested values are not members */
	EXPECT_FIELD(ssd, "MISSING", "absent");
	EXPECT_FIELD(ssd, "a", "absent");
	EXPECT_FIELD(ssd, "b", "absent");
	EXPECT_FIELD(ssd, "", "absent");
	/* string values that look like keys are not keys */
	EXPECT_FIELD("{\"k\": \"NFA_FLAG\", \"NFA_FLAG\": 1}", "NFA_FLAG", "number:1");
	EXPECT_FIELD("{\"k\": \"NFA_FLAG\"}", "NFA_FLAG", "absent");
	/* exact match: case, prefixes and longer keys differ */
	EXPECT_FIELD(ssd, "nfa_flag", "absent");
	EXPECT_FIELD(ssd, "NFA_FLA", "absent");
	EXPECT_FIELD(ssd, "NFA_FLAGS", "absent");
	EXPECT_FIELD("{\"\": 5}", "", "number:5");
	EXPECT_FIELD("{}", "a", "absent");
	EXPECT_FIELD(" \t\r\n{ \"a\" \n: \r 1 \t} \n", "a", "number:1");
	EXPECT_PROBLEM(" \t\r\n{ \"a\" \n: \r 1 \t} \n", "valid");
	/* numbers of every form */
	EXPECT_FIELD("{\"n\":0}", "n", "number:0");
	EXPECT_FIELD("{\"n\":-0}", "n", "number:-0");
	EXPECT_FIELD("{\"n\":1.5E-3}", "n", "number:1.5E-3");
	EXPECT_FIELD("{\"n\":10e5}", "n", "number:10e5");
	EXPECT_FIELD("{\"n\":[-1,2]}", "n", "array:[-1,2]");
	EXPECT_FIELD("{\"n\":123456789012345678901234567890}", "n", "number:123456789012345678901234567890");
	end_group("values of every kind, absent keys, exact key match, whitespace");
}

static void
test_duplicates_and_ci(void)
{
	/* the last duplicate wins, as in jsonb */
	EXPECT_FIELD("{\"a\": 1, \"a\": 2}", "a", "number:2");
	EXPECT_FIELD("{\"a\": \"x\", \"b\": 0, \"a\": {\"a\": 3}}", "a", "object:{\"a\": 3}");
	EXPECT_FIELD("{\"a\": 1, \"a\": null}", "a", "null:null");
	/* but a duplicate does not make a broken text valid */
	EXPECT_FIELD("{\"a\": 1, \"a\": 2,}", "a", "malformed");
	/* case-insensitive (ASCII): the last key matching in any case wins */
	check(strcmp(field_ci("{\"nfa_flag\": \"Y\"}", "NFA_FLAG"), "string:Y") == 0, "ci lower");
	check(strcmp(field_ci("{\"Nfa_Flag\": \"Y\"}", "nfa_flag"), "string:Y") == 0, "ci mixed");
	check(strcmp(field_ci("{\"nfa_flag\": \"Y\", \"NFA_FLAG\": \"N\"}", "NFA_FLAG"), "string:N") == 0,
		  "ci last match wins");
	check(strcmp(field_ci("{\"NFA_FLAG\": \"N\", \"nfa_flag\": \"Y\"}", "NFA_FLAG"), "string:Y") == 0,
		  "ci last match wins, in either order");
	check(strcmp(field("{\"nfa_flag\": \"Y\", \"NFA_FLAG\": \"N\"}", "nfa_flag"), "string:Y") == 0,
		  "exact match skips the other case");
	check(strcmp(field_ci("{\"NFA-FLAG\": 1}", "NFA_FLAG"), "absent") == 0, "ci folds letters only");
	/* non-ASCII bytes compared exactly: \xc3\x89 (É) is not \xc3\xa9 (é) */
	check(strcmp(field_ci("{\"\xc3\x89T\": 1}", "\xc3\xa9t"), "absent") == 0, "ci is ASCII only");
	check(strcmp(field_ci("{\"\xc3\x89T\": 1}", "\xc3\x89t"), "number:1") == 0, "ci with same non-ASCII bytes");
	/* keys are matched after unescaping */
	EXPECT_FIELD("{\"NFA\\u005fFLAG\": \"Y\"}", "NFA_FLAG", "string:Y");
	EXPECT_FIELD("{\"a\\\"b\": 1}", "a\"b", "number:1");
	EXPECT_FIELD("{\"\\u00e9\": 1}", "\xc3\xa9", "number:1");
	EXPECT_FIELD("{\"\\ud83d\\ude00\": 1}", "\xf0\x9f\x98\x80", "number:1");
	check(strcmp(field_ci("{\"nfa\\u005Fflag\": 2}", "NFA_FLAG"), "number:2") == 0, "ci after unescaping");
	check(strcmp(field_ci("{\"\\u004e\": 2}", "n"), "number:2") == 0, "ci of an escaped letter");
	end_group("duplicate keys (last wins), ASCII case-insensitive match, escaped keys");
}

static void
test_escapes(void)
{
	EXPECT_FIELD("{\"s\": \"a\\\"b\"}", "s", "string:a\"b");
	EXPECT_FIELD("{\"s\": \"a\\\\b\"}", "s", "string:a\\b");
	EXPECT_FIELD("{\"s\": \"a\\/b\"}", "s", "string:a/b");
	EXPECT_FIELD("{\"s\": \"\\b\\f\\n\\r\\t\"}", "s", "string:\b\f\n\r\t");
	EXPECT_FIELD("{\"s\": \"\\u0041\\u0062\"}", "s", "string:Ab");
	/* one, two, three and four UTF-8 bytes; upper- and lower-case hex */
	EXPECT_FIELD("{\"s\": \"\\u007F\"}", "s", "string:\x7f");
	EXPECT_FIELD("{\"s\": \"\\u00e9\"}", "s", "string:\xc3\xa9|U");
	EXPECT_FIELD("{\"s\": \"\\u00E9\"}", "s", "string:\xc3\xa9|U");
	EXPECT_FIELD("{\"s\": \"\\u0080\"}", "s", "string:\xc2\x80|U");
	EXPECT_FIELD("{\"s\": \"\\u07ff\"}", "s", "string:\xdf\xbf|U");
	EXPECT_FIELD("{\"s\": \"\\u0800\"}", "s", "string:\xe0\xa0\x80|U");
	EXPECT_FIELD("{\"s\": \"\\u20AC\"}", "s", "string:\xe2\x82\xac|U");
	EXPECT_FIELD("{\"s\": \"\\uffff\"}", "s", "string:\xef\xbf\xbf|U");
	/* surrogate pairs: U+1F600 and U+10000, U+10FFFF */
	EXPECT_FIELD("{\"s\": \"\\uD83D\\uDE00\"}", "s", "string:\xf0\x9f\x98\x80|U");
	EXPECT_FIELD("{\"s\": \"\\ud800\\udc00\"}", "s", "string:\xf0\x90\x80\x80|U");
	EXPECT_FIELD("{\"s\": \"\\udbff\\udfff\"}", "s", "string:\xf4\x8f\xbf\xbf|U");
	/* \u0000: valid JSON, flagged (text cannot hold it) */
	EXPECT_FIELD("{\"s\": \"a\\u0000b\"}", "s", "string:a|NUL");
	EXPECT_PROBLEM("{\"s\": \"a\\u0000b\"}", "valid");
	/* raw bytes from 0x80 up are taken as they are, in keys and values */
	EXPECT_FIELD("{\"caf\xc3\xa9\": \"na\xc3\xafve \xe2\x82\xac\"}", "caf\xc3\xa9", "string:na\xc3\xafve \xe2\x82\xac");
	EXPECT_FIELD("{\"s\": \"\xff\xfe\"}", "s", "string:\xff\xfe");
	/* DEL (0x7F) is not a control character in JSON */
	EXPECT_FIELD("{\"s\": \"\x7f\"}", "s", "string:\x7f");
	/* everything together */
	EXPECT_FIELD("{\"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00y\"}", "s",
				 "string:x\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80y|U");
	end_group("string escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, surrogate pairs, raw UTF-8");
}

static void
test_problems(void)
{
	/* the SystemC-style broken text: byte 44 is the 'n' of no */
	const char *systemc = "{\"NEW_REFERRAL_FLAG\":\"Y\",\"COMMENTS\":\"said \"no\" twice\"}";

	EXPECT_FIELD(systemc, "NEW_REFERRAL_FLAG", "malformed");
	EXPECT_FIELD(systemc, "COMMENTS", "malformed");
	EXPECT_PROBLEM(systemc, "unexpected character 'n' at byte 44 where ',' or '}' must be: an unescaped quote ends the string before it?");
	EXPECT_PROBLEM("{\"a\":\"x\"\"}", "unexpected character '\"' at byte 9 where ',' or '}' must be: an unescaped quote ends the string before it?");
	EXPECT_PROBLEM("{\"a\":1 2}", "unexpected character '2' at byte 8 where ',' or '}' must be");
	EXPECT_PROBLEM("", "text is empty or only whitespace");
	EXPECT_PROBLEM(" \t\r\n", "text is empty or only whitespace");
	EXPECT_FIELD("", "a", "malformed");
	EXPECT_FIELD("   ", "a", "malformed");
	EXPECT_PROBLEM("[1, 2]", "not a JSON object: starts with '[' at byte 1");
	EXPECT_PROBLEM("  \"a\"", "not a JSON object: starts with '\"' at byte 3");
	EXPECT_PROBLEM("42", "not a JSON object: starts with '4' at byte 1");
	EXPECT_PROBLEM("null", "not a JSON object: starts with 'n' at byte 1");
	EXPECT_PROBLEM("\v{}", "not a JSON object: starts with 0x0B at byte 1");
	EXPECT_FIELD("[{\"a\": 1}]", "a", "malformed");
	EXPECT_FIELD("\"a\"", "a", "malformed");
	/* truncated */
	EXPECT_PROBLEM("{", "text ends after byte 1 before the object closes");
	EXPECT_PROBLEM("{\"a\": 1", "text ends after byte 7 before the object closes");
	EXPECT_PROBLEM("{\"a\": [1, {\"b\": 2}", "text ends after byte 18 before the object closes");
	EXPECT_PROBLEM("{\"a\": \"xyz", "text ends inside a string (opened at byte 7)");
	EXPECT_PROBLEM("{\"ab", "text ends inside a string (opened at byte 2)");
	EXPECT_PROBLEM("{\"a\": \"x\\", "text ends inside a string (opened at byte 7)");
	EXPECT_PROBLEM("{\"a\": \"x\\u00", "text ends inside a string (opened at byte 7)");
	EXPECT_PROBLEM("{\"a\": tr", "unexpected word at byte 7: not true, false or null");
	EXPECT_PROBLEM("{\"a\": -", "malformed number at byte 7");
	/* trailing */
	EXPECT_PROBLEM("{} x", "text goes on after the object's end: 'x' at byte 4");
	EXPECT_PROBLEM("{}{}", "text goes on after the object's end: '{' at byte 3");
	EXPECT_PROBLEM("{\"a\":1}}", "text goes on after the object's end: '}' at byte 8");
	EXPECT_PROBLEM("{}\v", "text goes on after the object's end: 0x0B at byte 3");
	EXPECT_FIELD("{\"a\": 1} x", "a", "malformed");
	/* escapes */
	EXPECT_PROBLEM("{\"a\": \"\\x\"}", "bad escape: backslash and 'x' at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\'\"}", "bad escape: backslash and 0x27 at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\u12G4\"}", "bad escape at byte 8: \\u needs four hex digits");
	EXPECT_PROBLEM("{\"a\": \"\\U0041\"}", "bad escape: backslash and 'U' at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\uD800\"}", "lone UTF-16 surrogate escape at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\uD800x\"}", "lone UTF-16 surrogate escape at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\uDC00\\uD800\"}", "lone UTF-16 surrogate escape at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\uD800\\u0041\"}", "lone UTF-16 surrogate escape at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\uD800\\uD800\"}", "lone UTF-16 surrogate escape at byte 8");
	EXPECT_PROBLEM("{\"a\": \"\\uD800\\uZZZZ\"}", "bad escape at byte 14: \\u needs four hex digits");
	EXPECT_PROBLEM("{\"\\uDFFF\": 1}", "lone UTF-16 surrogate escape at byte 3");
	EXPECT_FIELD("{\"a\": \"\\uD800\"}", "a", "malformed");
	/* control characters must be escaped */
	EXPECT_PROBLEM("{\"a\": \"x\ny\"}", "unescaped control character 0x0A in a string at byte 9");
	EXPECT_PROBLEM("{\"a\": \"\t\"}", "unescaped control character 0x09 in a string at byte 8");
	EXPECT_PROBLEM("{\"a\x1f\": 1}", "unescaped control character 0x1F in a string at byte 4");
	check(strcmp(problem_n("{\"a\": \"x\0\"}", 11), "unescaped control character 0x00 in a string at byte 9") == 0,
		  "NUL byte in a string: %s", problem_n("{\"a\": \"x\0\"}", 11));
	check(strcmp(problem_n("{}\0", 3), "text goes on after the object's end: 0x00 at byte 3") == 0,
		  "NUL byte after the object");
	/* numbers */
	EXPECT_PROBLEM("{\"a\": 01}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": 1.}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": .5}", "unexpected character '.' at byte 7 where a value must be");
	EXPECT_PROBLEM("{\"a\": +1}", "unexpected character '+' at byte 7 where a value must be");
	EXPECT_PROBLEM("{\"a\": 1e}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": 1e+}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": -x}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": 1.2.3}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": 12abc}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": 0x10}", "malformed number at byte 7");
	EXPECT_PROBLEM("{\"a\": NaN}", "unexpected character 'N' at byte 7 where a value must be");
	EXPECT_PROBLEM("{\"a\": Infinity}", "unexpected character 'I' at byte 7 where a value must be");
	/* literals */
	EXPECT_PROBLEM("{\"a\": True}", "unexpected character 'T' at byte 7 where a value must be");
	EXPECT_PROBLEM("{\"a\": nul}", "unexpected word at byte 7: not true, false or null");
	EXPECT_PROBLEM("{\"a\": nulls}", "unexpected word at byte 7: not true, false or null");
	EXPECT_PROBLEM("{\"a\": yes}", "unexpected word at byte 7: not true, false or null");
	EXPECT_PROBLEM("{\"a\": Y}", "unexpected character 'Y' at byte 7 where a value must be");
	/* structure */
	EXPECT_PROBLEM("{,}", "unexpected character ',' at byte 2 where a key in double quotes or '}' must be");
	EXPECT_PROBLEM("{\"a\":1,}", "unexpected character '}' at byte 8 where a key in double quotes must be");
	EXPECT_PROBLEM("{a:1}", "unexpected character 'a' at byte 2 where a key in double quotes or '}' must be");
	EXPECT_PROBLEM("{'a':1}", "unexpected character 0x27 at byte 2 where a key in double quotes or '}' must be");
	EXPECT_PROBLEM("{\"a\" 1}", "unexpected character '1' at byte 6 where ':' must be: an unescaped quote ends the string before it?");
	EXPECT_PROBLEM("{\"a\"=1}", "unexpected character '=' at byte 5 where ':' must be: an unescaped quote ends the string before it?");
	EXPECT_PROBLEM("{\"a\":}", "unexpected character '}' at byte 6 where a value must be");
	EXPECT_PROBLEM("{\"a\":[1,]}", "unexpected character ']' at byte 9 where a value must be");
	EXPECT_PROBLEM("{\"a\":[,1]}", "unexpected character ',' at byte 7 where a value or ']' must be");
	EXPECT_PROBLEM("{\"a\":[1 2]}", "unexpected character '2' at byte 9 where ',' or ']' must be");
	EXPECT_PROBLEM("{\"a\":[1}", "unexpected character '}' at byte 8 where ',' or ']' must be");
	EXPECT_PROBLEM("{\"a\":{\"b\":1]}", "unexpected character ']' at byte 12 where ',' or '}' must be");
	EXPECT_PROBLEM("{\"a\":\"x\" \"b\":1}", "unexpected character '\"' at byte 10 where ',' or '}' must be: an unescaped quote ends the string before it?");
	EXPECT_PROBLEM("{\"a\":1}\n", "valid");
	/* bytes from 0x80 up outside strings are unexpected */
	EXPECT_PROBLEM("{\"a\":\xc2\xa0" "1}", "unexpected character 0xC2 at byte 6 where a value must be");
	EXPECT_PROBLEM("\xef\xbb\xbf{}", "not a JSON object: starts with 0xEF at byte 1");
	/* a valid nested key does not hide a broken top level, and the reverse */
	EXPECT_FIELD("{\"a\": {\"b\": 1}, \"c\": [}", "a", "malformed");
	EXPECT_FIELD("{\"a\": 1, \"c\": {\"x\": \"y\"\"}}", "a", "malformed");
	end_group("problems: empty, not an object, truncated, trailing, escapes, control bytes, numbers, literals, structure");
}

static void
test_depth(void)
{
	size_t		n = SC_JSON_MAX_DEPTH;
	size_t		big = 4 * n + 64;
	char	   *text = malloc(big);
	size_t		len = 0;
	const char *got;

	if (text == NULL)
		abort();
	/* {"a": [[...[1]...]]} with the top object and n - 1 arrays: exactly the limit */
	len = (size_t) sprintf(text, "{\"a\":");
	for (size_t i = 1; i < n; i++)
		text[len++] = '[';
	text[len++] = '1';
	for (size_t i = 1; i < n; i++)
		text[len++] = ']';
	text[len++] = '}';
	got = problem_n(text, len);
	check(strcmp(got, "valid") == 0, "depth %zu: %s", n, got);
	got = field_n(text, len, "a", SC_JSON_EXACT);
	check(strncmp(got, "array:[[[", 9) == 0, "depth %zu: field %.20s", n, got);
	/* one level more: too deep, at the byte of the bracket that opens level n + 1 */
	len = (size_t) sprintf(text, "{\"a\":");
	for (size_t i = 0; i < n; i++)
		text[len++] = '[';
	text[len++] = '1';
	for (size_t i = 0; i < n; i++)
		text[len++] = ']';
	text[len++] = '}';
	got = problem_n(text, len);
	check(strcmp(got, "nesting deeper than 1024 levels at byte 1029") == 0, "depth %zu + 1: %s", n, got);
	check(strcmp(field_n(text, len, "a", SC_JSON_EXACT), "malformed") == 0, "too deep: field malformed");
	free(text);

	/* a million open brackets: no recursion, so no stack overflow */
	big = 1000000;
	text = malloc(big);
	if (text == NULL)
		abort();
	text[0] = '{';
	text[1] = '"';
	text[2] = 'a';
	text[3] = '"';
	text[4] = ':';
	memset(text + 5, '[', big - 5);
	got = problem_n(text, big);
	check(strcmp(got, "nesting deeper than 1024 levels at byte 1029") == 0, "a million brackets: %s", got);
	/* alternating objects and arrays, exactly the limit */
	len = 0;
	for (size_t i = 0; i < n; i++)
		len += (size_t) sprintf(text + len, i % 2 ? "[" : "{\"k\":");
	text[len++] = '0';
	for (size_t i = n; i-- > 0;)
		text[len++] = i % 2 ? ']' : '}';
	got = problem_n(text, len);
	check(strcmp(got, "valid") == 0, "alternating depth %zu: %s", n, got);
	/* the closing brackets in the wrong order at depth */
	text[len - 2] = text[len - 2] == ']' ? '}' : ']';
	got = problem_n(text, len);
	check(strcmp(got, "valid") != 0, "mismatched close at depth: %s", got);
	free(text);
	end_group("nesting up to SC_JSON_MAX_DEPTH, one level more refused, no recursion");
}

static void
test_describe(void)
{
	sc_json_problem p;
	char		small[10];
	char		out[SC_JSON_PROBLEM_MAX];
	const char *systemc = "{\"NEW_REFERRAL_FLAG\":\"Y\",\"COMMENTS\":\"said \"no\" twice\"}";
	size_t		n;

	check(sc_json_problem_of(systemc, strlen(systemc), &p), "problem found");
	check(p.error == SC_JSON_UNEXPECTED && p.at == 43 && p.expect == SC_JSON_WANT_OBJECT_NEXT && p.after_string,
		  "problem fields: error %d at %zu", p.error, p.at);
	n = sc_json_describe(&p, systemc, strlen(systemc), small, sizeof small);
	check(n == 9 && strcmp(small, "unexpecte") == 0, "cut to fit: %zu [%s]", n, small);
	check(sc_json_describe(&p, systemc, strlen(systemc), small, 0) == 0, "size 0 writes nothing");
	/* the longest description fits SC_JSON_PROBLEM_MAX with a 20-digit position */
	p.at = (size_t) -2;
	p.opened = (size_t) -2;
	for (int e = SC_JSON_EMPTY; e <= SC_JSON_TOO_DEEP; e++)
	{
		for (int x = SC_JSON_WANT_KEY_OR_CLOSE; x <= SC_JSON_WANT_ARRAY_NEXT; x++)
		{
			p.error = (sc_json_error) e;
			p.expect = (sc_json_expect) x;
			p.after_string = true;
			n = sc_json_describe(&p, "", 0, out, sizeof out);
			check(n + 1 < sizeof out && n == strlen(out), "error %d expect %d: %zu bytes [%s]", e, x, n, out);
		}
	}
	/* a valid text leaves the problem untouched */
	p.error = SC_JSON_TOO_DEEP;
	check(!sc_json_problem_of("{}", 2, &p) && p.error == SC_JSON_TOO_DEEP, "valid: untouched");
	end_group("descriptions: fields, bounded, cut to fit");
}

int
main(void)
{
	test_values();
	test_duplicates_and_ci();
	test_escapes();
	test_problems();
	test_depth();
	test_describe();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
