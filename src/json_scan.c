/*
 * src/json_scan.c
 *
 * A strict RFC 8259 reader of one JSON object, for text that may not be
 * JSON (pure C).  One left-to-right pass with an explicit stack of one bit
 * a level (object or array), so deep nesting costs no C stack and any text
 * is read in time linear in its length; nothing is allocated.  The rules
 * (what is valid, bytes from 0x80 up, duplicate keys, key matching) are in
 * json_scan.h.
 */
#include "json_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The state of the scan: the key sought and the problem found. */
typedef struct scanner
{
	const unsigned char *s;
	size_t		len;
	size_t		pos;
	sc_json_problem problem;
	/* the key sought (NULL: none) and how it is matched */
	const unsigned char *key;
	size_t		keylen;
	sc_json_match match;
} scanner;

static void
scanner_init(scanner *sc, const char *text, size_t len)
{
	memset(sc, 0, sizeof *sc);
	sc->s = (const unsigned char *) text;
	sc->len = len;
}

static bool
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_ws(scanner *sc)
{
	while (sc->pos < sc->len && is_ws(sc->s[sc->pos]))
		sc->pos++;
}

static bool
fail(scanner *sc, sc_json_error error, size_t at)
{
	sc->problem.error = error;
	sc->problem.at = at;
	return false;
}

static bool
unexpected(scanner *sc, sc_json_expect expect, bool after_string)
{
	sc->problem.expect = expect;
	sc->problem.after_string = after_string;
	return fail(sc, SC_JSON_UNEXPECTED, sc->pos);
}

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The four hex digits at s[at..at+3] (at + 4 <= len checked by the
 * caller), or -1.
 */
static long
hex4(const unsigned char *s, size_t at)
{
	long		v = 0;

	for (int i = 0; i < 4; i++)
	{
		int			d = hex_value(s[at + i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Code point cp (at most U+10FFFF) in UTF-8 at out; returns its length. */
static int
utf8_encode(unsigned long cp, unsigned char *out)
{
	if (cp < 0x80)
	{
		out[0] = (unsigned char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (unsigned char) (0xC0 | (cp >> 6));
		out[1] = (unsigned char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (unsigned char) (0xE0 | (cp >> 12));
		out[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char) (0xF0 | (cp >> 18));
	out[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char) (0x80 | (cp & 0x3F));
	return 4;
}

/*
 * One character of a string at s[*pos] (not the closing quote): its bytes
 * once decoded in out (up to 4), their number returned, *pos moved past
 * it; or 0 (the problem set) when it is not valid.  An escape \uXXXX of a
 * high surrogate must be followed by one of a low surrogate.  *escaped_cp
 * is the code point of a \u escape, else -1.
 */
static int
string_char(scanner *sc, size_t *pos, unsigned char *out, long *escaped_cp)
{
	const unsigned char *s = sc->s;
	size_t		p = *pos;
	unsigned char c = s[p];
	long		cp,
				low;

	*escaped_cp = -1;
	if (c < 0x20)
		return fail(sc, SC_JSON_CONTROL, p);
	if (c != '\\')
	{
		out[0] = c;
		*pos = p + 1;
		return 1;
	}
	if (p + 1 >= sc->len)
		return fail(sc, SC_JSON_ENDS_IN_STRING, sc->len);
	switch (s[p + 1])
	{
		case '"':
		case '\\':
		case '/':
			out[0] = s[p + 1];
			break;
		case 'b':
			out[0] = '\b';
			break;
		case 'f':
			out[0] = '\f';
			break;
		case 'n':
			out[0] = '\n';
			break;
		case 'r':
			out[0] = '\r';
			break;
		case 't':
			out[0] = '\t';
			break;
		case 'u':
			if (sc->len - (p + 2) < 4)
			{
				/* hex digits up to the end: the text ends in the string */
				for (size_t i = p + 2; i < sc->len; i++)
					if (hex_value(s[i]) < 0)
						return fail(sc, SC_JSON_BAD_UNICODE, p);
				return fail(sc, SC_JSON_ENDS_IN_STRING, sc->len);
			}
			cp = hex4(s, p + 2);
			if (cp < 0)
				return fail(sc, SC_JSON_BAD_UNICODE, p);
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail(sc, SC_JSON_LONE_SURROGATE, p);
			if (cp >= 0xD800 && cp <= 0xDBFF)
			{
				if (sc->len - (p + 6) < 6 || s[p + 6] != '\\' || s[p + 7] != 'u')
					return fail(sc, SC_JSON_LONE_SURROGATE, p);
				low = hex4(s, p + 8);
				if (low < 0xDC00 || low > 0xDFFF)
					return fail(sc, low < 0 ? SC_JSON_BAD_UNICODE : SC_JSON_LONE_SURROGATE,
								low < 0 ? p + 6 : p);
				cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				*pos = p + 12;
			}
			else
				*pos = p + 6;
			*escaped_cp = cp;
			return utf8_encode((unsigned long) cp, out);
		default:
			return fail(sc, SC_JSON_BAD_ESCAPE, p);
	}
	*pos = p + 2;
	return 1;
}

static unsigned char
fold(unsigned char c, sc_json_match match)
{
	return match == SC_JSON_ASCII_CI && c >= 'A' && c <= 'Z' ? (unsigned char) (c + ('a' - 'A')) : c;
}

/*
 * The string opening at s[pos]: validated, pos moved past its closing
 * quote; when compare, *matches says whether it equals the key sought
 * once decoded.  False, the problem set, when it is not valid.
 */
static bool
scan_string(scanner *sc, bool compare, bool *matches)
{
	size_t		opened = sc->pos;
	size_t		p = sc->pos + 1;
	size_t		k = 0;			/* bytes of the key matched so far */
	bool		same = compare;

	for (;;)
	{
		unsigned char buf[4];
		long		cp;
		int			n;

		/* the plain bytes of a run, fast */
		while (p < sc->len && sc->s[p] >= 0x20 && sc->s[p] != '"' && sc->s[p] != '\\')
		{
			if (same)
			{
				if (k < sc->keylen && fold(sc->s[p], sc->match) == fold(sc->key[k], sc->match))
					k++;
				else
					same = false;
			}
			p++;
		}
		if (p >= sc->len)
		{
			sc->problem.opened = opened;
			return fail(sc, SC_JSON_ENDS_IN_STRING, sc->len);
		}
		if (sc->s[p] == '"')
			break;
		n = string_char(sc, &p, buf, &cp);
		if (n == 0)
		{
			sc->problem.opened = opened;
			return false;
		}
		for (int i = 0; i < n && same; i++)
		{
			if (k < sc->keylen && fold(buf[i], sc->match) == fold(sc->key[k], sc->match))
				k++;
			else
				same = false;
		}
	}
	sc->pos = p + 1;
	if (compare)
		*matches = same && k == sc->keylen;
	return true;
}

/* A number at s[pos] in RFC 8259's form: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
scan_number(scanner *sc)
{
	const unsigned char *s = sc->s;
	size_t		p = sc->pos;
	size_t		len = sc->len;

#define DIGIT(i) ((i) < len && s[i] >= '0' && s[i] <= '9')
	if (p < len && s[p] == '-')
		p++;
	if (!DIGIT(p))
		return fail(sc, SC_JSON_BAD_NUMBER, sc->pos);
	if (s[p] == '0')
		p++;
	else
		while (DIGIT(p))
			p++;
	if (p < len && s[p] == '.')
	{
		p++;
		if (!DIGIT(p))
			return fail(sc, SC_JSON_BAD_NUMBER, sc->pos);
		while (DIGIT(p))
			p++;
	}
	if (p < len && (s[p] == 'e' || s[p] == 'E'))
	{
		p++;
		if (p < len && (s[p] == '+' || s[p] == '-'))
			p++;
		if (!DIGIT(p))
			return fail(sc, SC_JSON_BAD_NUMBER, sc->pos);
		while (DIGIT(p))
			p++;
	}
	/* 01, 1.2.3, 1x: the number runs on */
	if (p < len && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.' || s[p] == 'e' || s[p] == 'E'
					|| s[p] == '+' || s[p] == '-' || (s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z')))
		return fail(sc, SC_JSON_BAD_NUMBER, sc->pos);
#undef DIGIT
	sc->pos = p;
	return true;
}

/* true, false or null at s[pos], not followed by another letter or digit. */
static bool
scan_literal(scanner *sc, sc_json_kind *kind)
{
	static const char *const words[3] = {"true", "false", "null"};
	static const sc_json_kind kinds[3] = {SC_JSON_TRUE, SC_JSON_FALSE, SC_JSON_NULL};

	for (int i = 0; i < 3; i++)
	{
		size_t		n = strlen(words[i]);
		size_t		end = sc->pos + n;

		if (sc->s[sc->pos] != (unsigned char) words[i][0])
			continue;
		if (sc->len - sc->pos < n || memcmp(sc->s + sc->pos, words[i], n) != 0)
			break;
		if (end < sc->len && ((sc->s[end] >= 'a' && sc->s[end] <= 'z') || (sc->s[end] >= 'A' && sc->s[end] <= 'Z')
							  || (sc->s[end] >= '0' && sc->s[end] <= '9') || sc->s[end] == '_'))
			break;
		*kind = kinds[i];
		sc->pos = end;
		return true;
	}
	return fail(sc, SC_JSON_BAD_LITERAL, sc->pos);
}

typedef enum state
{
	WANT_KEY_OR_CLOSE = SC_JSON_WANT_KEY_OR_CLOSE,
	WANT_KEY = SC_JSON_WANT_KEY,
	WANT_COLON = SC_JSON_WANT_COLON,
	WANT_VALUE = SC_JSON_WANT_VALUE,
	WANT_VALUE_OR_CLOSE = SC_JSON_WANT_VALUE_OR_CLOSE,
	WANT_NEXT					/* ',' or the close of the container */
} state;

/*
 * Read the whole text.  True when it is one valid JSON object; then, when
 * a key is sought, *found says whether a top-level member has it and
 * *value is the last such member's value.  False with sc->problem set.
 */
static bool
scan(scanner *sc, bool *found, sc_json_value *value)
{
	uint8_t		is_object[(SC_JSON_MAX_DEPTH + 7) / 8];
	int			depth = 0;
	state		st;
	bool		after_string = false;
	bool		member_matches = false;	/* the current top-level key is the
										 * one sought */
	size_t		member_start = 0;	/* where its value starts */
	sc_json_kind member_kind = SC_JSON_NULL;

	*found = false;
	memset(&sc->problem, 0, sizeof sc->problem);
	skip_ws(sc);
	if (sc->pos == sc->len)
		return fail(sc, SC_JSON_EMPTY, 0);
	if (sc->s[sc->pos] != '{')
		return fail(sc, SC_JSON_NOT_OBJECT, sc->pos);
	is_object[0] = 1;
	depth = 1;
	sc->pos++;
	st = WANT_KEY_OR_CLOSE;

	for (;;)
	{
		unsigned char c;
		sc_json_kind kind;
		bool		scalar_done = false;	/* a scalar value ended */
		bool		closed = false; /* a container ended */

		skip_ws(sc);
		if (sc->pos == sc->len)
			return fail(sc, SC_JSON_ENDS_EARLY, sc->len);
		c = sc->s[sc->pos];

		switch (st)
		{
			case WANT_KEY_OR_CLOSE:
			case WANT_KEY:
				if (c == '}' && st == WANT_KEY_OR_CLOSE)
				{
					sc->pos++;
					closed = true;
					break;
				}
				if (c != '"')
					return unexpected(sc, (sc_json_expect) st, false);
				if (!scan_string(sc, depth == 1 && sc->key != NULL, &member_matches))
					return false;
				after_string = true;
				st = WANT_COLON;
				continue;
			case WANT_COLON:
				if (c != ':')
					return unexpected(sc, SC_JSON_WANT_COLON, after_string);
				sc->pos++;
				after_string = false;
				st = WANT_VALUE;
				continue;
			case WANT_VALUE_OR_CLOSE:
				if (c == ']')
				{
					sc->pos++;
					closed = true;
					break;
				}
				/* FALLTHROUGH */
			case WANT_VALUE:
				if (depth == 1)
					member_start = sc->pos;
				after_string = false;
				if (c == '{' || c == '[')
				{
					if (depth == SC_JSON_MAX_DEPTH)
						return fail(sc, SC_JSON_TOO_DEEP, sc->pos);
					if (c == '{')
						is_object[depth / 8] |= (uint8_t) (1u << (depth % 8));
					else
						is_object[depth / 8] &= (uint8_t) ~(1u << (depth % 8));
					if (depth == 1)
						member_kind = c == '{' ? SC_JSON_OBJECT : SC_JSON_ARRAY;
					depth++;
					sc->pos++;
					st = c == '{' ? WANT_KEY_OR_CLOSE : WANT_VALUE_OR_CLOSE;
					continue;
				}
				if (c == '"')
				{
					if (!scan_string(sc, false, NULL))
						return false;
					kind = SC_JSON_STRING;
					after_string = true;
				}
				else if (c == '-' || (c >= '0' && c <= '9'))
				{
					if (!scan_number(sc))
						return false;
					kind = SC_JSON_NUMBER;
				}
				else if (c >= 'a' && c <= 'z')
				{
					if (!scan_literal(sc, &kind))
						return false;
				}
				else
					return unexpected(sc, (sc_json_expect) st, false);
				if (depth == 1)
					member_kind = kind;
				scalar_done = true;
				break;
			case WANT_NEXT:
				{
					bool		obj = (is_object[(depth - 1) / 8] >> ((depth - 1) % 8)) & 1;

					if (c == ',')
					{
						sc->pos++;
						after_string = false;
						st = obj ? WANT_KEY : WANT_VALUE;
						continue;
					}
					if (c == (obj ? '}' : ']'))
					{
						sc->pos++;
						closed = true;
						break;
					}
					return unexpected(sc, obj ? SC_JSON_WANT_OBJECT_NEXT : SC_JSON_WANT_ARRAY_NEXT,
									  after_string);
				}
		}

		if (closed)
		{
			depth--;
			after_string = false;
			if (depth == 0)
			{
				skip_ws(sc);
				if (sc->pos != sc->len)
					return fail(sc, SC_JSON_TRAILING, sc->pos);
				return true;
			}
		}
		/* a top-level member's value ended: keep it if its key matched */
		if ((scalar_done || closed) && depth == 1 && member_matches)
		{
			*found = true;
			value->kind = member_kind;
			value->start = member_start;
			value->len = sc->pos - member_start;
		}
		st = WANT_NEXT;
	}
}

bool
sc_json_problem_of(const char *text, size_t len, sc_json_problem *problem)
{
	scanner		sc;
	bool		found;
	sc_json_value unused;

	scanner_init(&sc, text, len);

	if (scan(&sc, &found, &unused))
		return false;
	*problem = sc.problem;
	return true;
}

sc_status
sc_json_find(const char *text, size_t len, const char *key, size_t keylen,
			  sc_json_match match, sc_json_value *value)
{
	scanner		sc;
	bool		found;
	sc_json_value v;

	scanner_init(&sc, text, len);

	sc.key = (const unsigned char *) key;
	sc.keylen = keylen;
	sc.match = match;
	if (!scan(&sc, &found, &v))
		return SC_MALFORMED;
	if (!found)
		return SC_UNKNOWN_NAME;
	*value = v;
	return SC_OK;
}

size_t
sc_json_unescape(const char *text, const sc_json_value *value, char *out, unsigned *flags)
{
	/* The string was validated by sc_json_find: decode without checks. */
	scanner		sc;
	size_t		p = value->start + 1;
	size_t		end = value->start + value->len - 1;	/* the closing quote */
	size_t		n = 0;

	scanner_init(&sc, text, value->start + value->len);
	*flags = 0;
	while (p < end)
	{
		unsigned char buf[4];
		long		cp;
		int			k;

		if (text[p] != '\\')
		{
			out[n++] = text[p++];
			continue;
		}
		k = string_char(&sc, &p, buf, &cp);
		if (cp == 0)
			*flags |= SC_JSON_HAS_NUL;
		if (cp >= 0x80)
			*flags |= SC_JSON_ESCAPED_NON_ASCII;
		memcpy(out + n, buf, k);
		n += k;
	}
	return n;
}

static const char *const wanted[] = {
	[SC_JSON_WANT_KEY_OR_CLOSE] = "a key in double quotes or '}'",
	[SC_JSON_WANT_KEY] = "a key in double quotes",
	[SC_JSON_WANT_COLON] = "':'",
	[SC_JSON_WANT_VALUE] = "a value",
	[SC_JSON_WANT_VALUE_OR_CLOSE] = "a value or ']'",
	[SC_JSON_WANT_OBJECT_NEXT] = "',' or '}'",
	[SC_JSON_WANT_ARRAY_NEXT] = "',' or ']'",
};

/* The byte at text[at] for a message: 'c' when printable ASCII, else 0xNN. */
static void
shown_byte(const char *text, size_t len, size_t at, char *out, size_t size)
{
	unsigned char c = at < len ? (unsigned char) text[at] : 0;

	if (c >= 0x20 && c < 0x7F && c != '\'')
		snprintf(out, size, "'%c'", c);
	else
		snprintf(out, size, "0x%02X", c);
}

size_t
sc_json_describe(const sc_json_problem *problem, const char *text, size_t len,
				 char *out, size_t size)
{
	char		ch[8];
	unsigned long long at = (unsigned long long) problem->at + 1;
	int			n;

	if (size == 0)
		return 0;
	shown_byte(text, len, problem->at, ch, sizeof ch);
	switch (problem->error)
	{
		case SC_JSON_NO_ERROR:
			n = snprintf(out, size, "no problem");
			break;
		case SC_JSON_EMPTY:
			n = snprintf(out, size, "text is empty or only whitespace");
			break;
		case SC_JSON_NOT_OBJECT:
			n = snprintf(out, size, "not a JSON object: starts with %s at byte %llu", ch, at);
			break;
		case SC_JSON_UNEXPECTED:
			n = snprintf(out, size, "unexpected character %s at byte %llu where %s must be%s", ch, at,
						 wanted[problem->expect],
						 problem->after_string ? ": an unescaped quote ends the string before it?" : "");
			break;
		case SC_JSON_ENDS_IN_STRING:
			n = snprintf(out, size, "text ends inside a string (opened at byte %llu)",
						 (unsigned long long) problem->opened + 1);
			break;
		case SC_JSON_ENDS_EARLY:
			n = snprintf(out, size, "text ends after byte %llu before the object closes",
						 (unsigned long long) problem->at);
			break;
		case SC_JSON_BAD_ESCAPE:
			shown_byte(text, len, problem->at + 1, ch, sizeof ch);
			n = snprintf(out, size, "bad escape: backslash and %s at byte %llu", ch, at);
			break;
		case SC_JSON_BAD_UNICODE:
			n = snprintf(out, size, "bad escape at byte %llu: \\u needs four hex digits", at);
			break;
		case SC_JSON_LONE_SURROGATE:
			n = snprintf(out, size, "lone UTF-16 surrogate escape at byte %llu", at);
			break;
		case SC_JSON_CONTROL:
			n = snprintf(out, size, "unescaped control character %s in a string at byte %llu", ch, at);
			break;
		case SC_JSON_BAD_NUMBER:
			n = snprintf(out, size, "malformed number at byte %llu", at);
			break;
		case SC_JSON_BAD_LITERAL:
			n = snprintf(out, size, "unexpected word at byte %llu: not true, false or null", at);
			break;
		case SC_JSON_TRAILING:
			n = snprintf(out, size, "text goes on after the object's end: %s at byte %llu", ch, at);
			break;
		case SC_JSON_TOO_DEEP:
			n = snprintf(out, size, "nesting deeper than %d levels at byte %llu", SC_JSON_MAX_DEPTH, at);
			break;
		default:
			n = snprintf(out, size, "unknown problem at byte %llu", at);
			break;
	}
	if (n < 0)
	{
		out[0] = '\0';
		return 0;
	}
	return (size_t) n < size ? (size_t) n : size - 1;
}
