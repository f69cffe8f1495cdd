/*
 * test/fuzz/fuzz_json.c
 *
 * libFuzzer target for src/json_scan.c.  A text (the input's bytes as
 * they are, spliced from JSON tokens, or a valid object generated from
 * the input with up to two edits, so that valid and nearly valid objects
 * are common) in an allocation of exactly its
 * length, so ASan sees any read past its end, and a key.  Against a naive
 * recursive-descent reader written here from RFC 8259 (strings decoded
 * whole, keys compared with memcmp): the verdict (one valid object or
 * not), and for the key, exactly and ASCII case-insensitively, whether it
 * is there and the last member's value (kind, bytes, string decoded).
 * Invariants: sc_json_find is SC_MALFORMED exactly when
 * sc_json_problem_of finds a problem; a problem lies within the text (at
 * most at its end) and its description is NUL-terminated, shorter than
 * SC_JSON_PROBLEM_MAX and the same when asked again.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "json_scan.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TEXT 4096
#define MAX_KEY 16

static void
fail(const char *what, const unsigned char *text, size_t len, const char *key)
{
	fprintf(stderr, "fuzz_json: %s\n  key [%s]\n  text (%zu bytes) [", what, key, len);
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, text[i] >= 0x20 && text[i] < 0x7f ? "%c" : "\\x%02x", text[i]);
	fprintf(stderr, "]\n");
	abort();
}

/* The naive reader: recursive descent, SC_JSON_MAX_DEPTH levels at most. */
typedef struct naive
{
	const unsigned char *s;
	size_t		len;
	size_t		pos;
	int			depth;
	const char *key;
	size_t		keylen;
	bool		ci;
	/* the last top-level member whose key matched */
	bool		found;
	sc_json_kind kind;
	size_t		start;
	size_t		end;
	/* decoded text of the string being read */
	unsigned char buf[MAX_TEXT];
	size_t		buflen;
} naive;

static bool value(naive *n);

static void
ws(naive *n)
{
	while (n->pos < n->len && strchr(" \t\n\r", n->s[n->pos]) != NULL && n->s[n->pos] != '\0')
		n->pos++;
}

static int
hex(naive *n, size_t at)
{
	int			v = 0;

	if (at + 4 > n->len)
		return -1;
	for (int i = 0; i < 4; i++)
	{
		unsigned char c = n->s[at + i];
		const char *digits = "0123456789abcdef";
		const char *d = c ? strchr(digits, c >= 'A' && c <= 'F' ? c + 32 : c) : NULL;

		if (d == NULL)
			return -1;
		v = v * 16 + (int) (d - digits);
	}
	return v;
}

static void
put(naive *n, unsigned long cp)
{
	if (cp < 0x80)
		n->buf[n->buflen++] = (unsigned char) cp;
	else if (cp < 0x800)
	{
		n->buf[n->buflen++] = (unsigned char) (0xC0 | cp >> 6);
		n->buf[n->buflen++] = (unsigned char) (0x80 | (cp & 63));
	}
	else if (cp < 0x10000)
	{
		n->buf[n->buflen++] = (unsigned char) (0xE0 | cp >> 12);
		n->buf[n->buflen++] = (unsigned char) (0x80 | (cp >> 6 & 63));
		n->buf[n->buflen++] = (unsigned char) (0x80 | (cp & 63));
	}
	else
	{
		n->buf[n->buflen++] = (unsigned char) (0xF0 | cp >> 18);
		n->buf[n->buflen++] = (unsigned char) (0x80 | (cp >> 12 & 63));
		n->buf[n->buflen++] = (unsigned char) (0x80 | (cp >> 6 & 63));
		n->buf[n->buflen++] = (unsigned char) (0x80 | (cp & 63));
	}
}

/* A string at pos, decoded into buf. */
static bool
string(naive *n)
{
	n->buflen = 0;
	if (n->pos >= n->len || n->s[n->pos] != '"')
		return false;
	n->pos++;
	for (;;)
	{
		unsigned char c;

		if (n->pos >= n->len)
			return false;
		c = n->s[n->pos++];
		if (c == '"')
			return true;
		if (c < 0x20)
			return false;
		if (c != '\\')
		{
			n->buf[n->buflen++] = c;
			continue;
		}
		if (n->pos >= n->len)
			return false;
		c = n->s[n->pos++];
		if (c == 'u')
		{
			int			hi = hex(n, n->pos),
						lo;

			if (hi < 0)
				return false;
			n->pos += 4;
			if (hi >= 0xDC00 && hi <= 0xDFFF)
				return false;
			if (hi >= 0xD800 && hi <= 0xDBFF)
			{
				if (n->pos + 2 > n->len || n->s[n->pos] != '\\' || n->s[n->pos + 1] != 'u')
					return false;
				lo = hex(n, n->pos + 2);
				if (lo < 0xDC00 || lo > 0xDFFF)
					return false;
				n->pos += 6;
				put(n, 0x10000 + (((unsigned long) hi - 0xD800) << 10) + ((unsigned long) lo - 0xDC00));
			}
			else
				put(n, (unsigned long) hi);
			continue;
		}
		switch (c)
		{
			case '"':
			case '\\':
			case '/':
				n->buf[n->buflen++] = c;
				break;
			case 'b':
				n->buf[n->buflen++] = '\b';
				break;
			case 'f':
				n->buf[n->buflen++] = '\f';
				break;
			case 'n':
				n->buf[n->buflen++] = '\n';
				break;
			case 'r':
				n->buf[n->buflen++] = '\r';
				break;
			case 't':
				n->buf[n->buflen++] = '\t';
				break;
			default:
				return false;
		}
	}
}

static bool
digits(naive *n)
{
	size_t		start = n->pos;

	while (n->pos < n->len && n->s[n->pos] >= '0' && n->s[n->pos] <= '9')
		n->pos++;
	return n->pos > start;
}

static bool
number(naive *n)
{
	if (n->s[n->pos] == '-')
		n->pos++;
	if (n->pos < n->len && n->s[n->pos] == '0')
		n->pos++;
	else if (!digits(n))
		return false;
	if (n->pos < n->len && n->s[n->pos] == '.')
	{
		n->pos++;
		if (!digits(n))
			return false;
	}
	if (n->pos < n->len && (n->s[n->pos] == 'e' || n->s[n->pos] == 'E'))
	{
		n->pos++;
		if (n->pos < n->len && (n->s[n->pos] == '+' || n->s[n->pos] == '-'))
			n->pos++;
		if (!digits(n))
			return false;
	}
	return true;
}

static bool
word(naive *n, const char *w)
{
	size_t		k = strlen(w);

	if (n->len - n->pos < k || memcmp(n->s + n->pos, w, k) != 0)
		return false;
	n->pos += k;
	return true;
}

static bool
key_matches(naive *n)
{
	if (n->buflen != n->keylen)
		return false;
	for (size_t i = 0; i < n->keylen; i++)
	{
		unsigned char a = n->buf[i],
					b = (unsigned char) n->key[i];

		if (n->ci)
		{
			a = a >= 'A' && a <= 'Z' ? a + 32 : a;
			b = b >= 'A' && b <= 'Z' ? b + 32 : b;
		}
		if (a != b)
			return false;
	}
	return true;
}

/*
 * Enter the container opening at pos: false when too deep; *empty when it
 * closes at once (then it is left again).
 */
static bool
enter(naive *n, unsigned char close, bool *empty)
{
	if (++n->depth > SC_JSON_MAX_DEPTH)
		return false;
	n->pos++;
	ws(n);
	*empty = n->pos < n->len && n->s[n->pos] == close;
	if (*empty)
	{
		n->pos++;
		n->depth--;
	}
	return true;
}

/* After a member or element: 1 when close ends the container, 0 after a ',', -1 otherwise. */
static int
next_or_close(naive *n, unsigned char close)
{
	ws(n);
	if (n->pos >= n->len)
		return -1;
	if (n->s[n->pos] == close)
	{
		n->pos++;
		n->depth--;
		return 1;
	}
	if (n->s[n->pos] != ',')
		return -1;
	n->pos++;
	return 0;
}

static bool
object(naive *n)
{
	bool		top = n->depth == 0;
	bool		empty;

	if (!enter(n, '}', &empty))
		return false;
	if (empty)
		return true;
	for (;;)
	{
		bool		match;
		size_t		start;
		int			next;

		ws(n);
		if (!string(n))
			return false;
		match = top && key_matches(n);
		ws(n);
		if (n->pos >= n->len || n->s[n->pos] != ':')
			return false;
		n->pos++;
		ws(n);
		start = n->pos;
		if (!value(n))
			return false;
		if (match)
		{
			n->found = true;
			n->start = start;
			n->end = n->pos;
			switch (n->s[start])
			{
				case '"':
					n->kind = SC_JSON_STRING;
					break;
				case '{':
					n->kind = SC_JSON_OBJECT;
					break;
				case '[':
					n->kind = SC_JSON_ARRAY;
					break;
				case 't':
					n->kind = SC_JSON_TRUE;
					break;
				case 'f':
					n->kind = SC_JSON_FALSE;
					break;
				case 'n':
					n->kind = SC_JSON_NULL;
					break;
				default:
					n->kind = SC_JSON_NUMBER;
			}
		}
		next = next_or_close(n, '}');
		if (next != 0)
			return next > 0;
	}
}

static bool
array(naive *n)
{
	bool		empty;

	if (!enter(n, ']', &empty))
		return false;
	if (empty)
		return true;
	for (;;)
	{
		int			next;

		ws(n);
		if (!value(n))
			return false;
		next = next_or_close(n, ']');
		if (next != 0)
			return next > 0;
	}
}

static bool
value(naive *n)
{
	bool		ok;

	if (n->pos >= n->len)
		return false;
	switch (n->s[n->pos])
	{
		case '{':
			return object(n);
		case '[':
			return array(n);
		case '"':
			return string(n);
		case 't':
			return word(n, "true");
		case 'f':
			return word(n, "false");
		case 'n':
			return word(n, "null");
		default:
			if (n->s[n->pos] != '-' && !(n->s[n->pos] >= '0' && n->s[n->pos] <= '9'))
				return false;
			ok = number(n);
			return ok;
	}
}

/* One valid JSON object, nothing but whitespace around it. */
static bool
naive_read(naive *n)
{
	n->pos = 0;
	n->depth = 0;
	n->found = false;
	ws(n);
	if (n->pos >= n->len || n->s[n->pos] != '{' || !object(n))
		return false;
	ws(n);
	return n->pos == n->len;
}

/* Tokens the structured texts are spliced from. */
static const char *const tokens[] = {
	"{", "}", "[", "]", ":", ",", " ", "\"", "\"a\"", "\"k\"", "\"K\"", "\"NFA_FLAG\"", "\"nfa_flag\"",
	"\"\"", "\"x y\"", "\\", "\\\"", "\\\\", "\\/", "\\b", "\\n", "\\t", "\\u", "\\u0061", "\\u004B",
	"\\u00e9", "\\u0000", "\\ud83d", "\\ude00", "\\uD800\\uDC00", "0", "1", "-", ".", "e", "E+", "12.5",
	"-0", "01", "true", "false", "null", "tru", "nul", "\n", "\t", "\r", "\x01", "\xc3\xa9", "\xff",
	"\"a\":1", "\"k\":\"v\"", ",\"a\":", "{\"a\":", "\"}", "x", "'", "\"said \"no\"\"",
};
#define NTOKENS (sizeof tokens / sizeof tokens[0])

/* A text being generated: bytes appended while they fit. */
typedef struct gen
{
	unsigned char *buf;
	size_t		len;
	fuzz_input *in;
} gen;

static void
emit(gen *g, const char *t)
{
	size_t		k = strlen(t);

	if (g->len + k <= MAX_TEXT)
	{
		memcpy(g->buf + g->len, t, k);
		g->len += k;
	}
}

static const char *const gen_keys[] = {
	"\"NFA_FLAG\"", "\"nfa_flag\"", "\"Nfa_Flag\"", "\"NFA\\u005fFLAG\"", "\"a\"", "\"k\"", "\"K\"", "\"\"",
	"\"\xc3\xa9\"", "\"\\u00e9\"", "\"NFA_FLAGS\"", "\"NFA_FLA\"",
};
static const char *const gen_pieces[] = {
	"Y", "N", " ", "said ", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041",
	"\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\uDBFF\\uDFFF", "\\u0000", "\xc3\xa9", "\xe2\x82\xac", "}", "]",
	",", ":", "{", "[",
};
static const char *const gen_numbers[] = {
	"0", "-0", "1", "42", "-12.50e+1", "1.5E-3", "10e5", "1e+2", "123456789012345678901234567890",
};

/* Whitespace, now and then. */
static void
gen_ws(gen *g)
{
	switch (fuzz_u8(g->in) % 8)
	{
		case 0:
			emit(g, " ");
			break;
		case 1:
			emit(g, "\n\t ");
			break;
		case 2:
			emit(g, "\r\n");
			break;
		default:
			break;
	}
}

/* A valid JSON value, nested at most depth more levels. */
static void
gen_value(gen *g, int depth)
{
	int			members;

	switch (fuzz_u8(g->in) % (depth > 0 ? 9 : 6))
	{
		case 0:
		case 1:
			emit(g, "\"");
			for (int i = (int) fuzz_range(g->in, 0, 4); i > 0; i--)
				emit(g, gen_pieces[fuzz_u8(g->in) % (sizeof gen_pieces / sizeof gen_pieces[0])]);
			emit(g, "\"");
			return;
		case 2:
			emit(g, gen_numbers[fuzz_u8(g->in) % (sizeof gen_numbers / sizeof gen_numbers[0])]);
			return;
		case 3:
			emit(g, "true");
			return;
		case 4:
			emit(g, "false");
			return;
		case 5:
			emit(g, "null");
			return;
		case 6:
		case 7:
			emit(g, "{");
			members = (int) fuzz_range(g->in, 0, 3);
			for (int i = 0; i < members; i++)
			{
				gen_ws(g);
				emit(g, gen_keys[fuzz_u8(g->in) % (sizeof gen_keys / sizeof gen_keys[0])]);
				gen_ws(g);
				emit(g, ":");
				gen_ws(g);
				gen_value(g, depth - 1);
				gen_ws(g);
				if (i + 1 < members)
					emit(g, ",");
			}
			emit(g, "}");
			return;
		default:
			emit(g, "[");
			members = (int) fuzz_range(g->in, 0, 3);
			for (int i = 0; i < members; i++)
			{
				gen_ws(g);
				gen_value(g, depth - 1);
				gen_ws(g);
				if (i + 1 < members)
					emit(g, ",");
			}
			emit(g, "]");
			return;
	}
}

/* A valid object (top-level keys from gen_keys, often the one sought), then 0 to 2 edits. */
static size_t
gen_text(fuzz_input *in, unsigned char *buf)
{
	gen			g = {buf, 0, in};
	int			members = (int) fuzz_range(in, 0, 6);
	int			edits = fuzz_u8(in) % 4;

	gen_ws(&g);
	emit(&g, "{");
	for (int i = 0; i < members; i++)
	{
		gen_ws(&g);
		emit(&g, gen_keys[fuzz_u8(in) % (sizeof gen_keys / sizeof gen_keys[0])]);
		emit(&g, ":");
		gen_ws(&g);
		if (fuzz_u8(in) % 64 == 0)
		{
			/* nesting about the limit: level 1 + k of arrays, more if the value nests */
			int			k = SC_JSON_MAX_DEPTH - 2 + (int) fuzz_range(in, 0, 2);

			for (int j = 0; j < k; j++)
				emit(&g, "[");
			gen_value(&g, 1);
			for (int j = 0; j < k; j++)
				emit(&g, "]");
		}
		else
			gen_value(&g, (int) fuzz_range(in, 0, 4));
		if (i + 1 < members)
			emit(&g, ",");
	}
	emit(&g, "}");
	gen_ws(&g);
	/* edits: delete a byte, overwrite one, insert one, or cut the text */
	for (int e = 0; e < edits - 1 && g.len > 0; e++)
	{
		size_t		at = (size_t) fuzz_range(in, 0, (int64_t) g.len - 1);
		unsigned char c = (unsigned char) "\"\\{}[],: x0u\n\x01\xc3"[fuzz_u8(in) % 16];

		switch (fuzz_u8(in) % 4)
		{
			case 0:
				memmove(buf + at, buf + at + 1, g.len - at - 1);
				g.len--;
				break;
			case 1:
				buf[at] = c;
				break;
			case 2:
				if (g.len < MAX_TEXT)
				{
					memmove(buf + at + 1, buf + at, g.len - at);
					buf[at] = c;
					g.len++;
				}
				break;
			default:
				g.len = at;
		}
	}
	return g.len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	static naive n;
	char		key[MAX_KEY + 1];
	size_t		keylen;
	unsigned char *text;
	size_t		len = 0;
	static unsigned char build[MAX_TEXT];
	int			mode = fuzz_u8(&in) % 3;
	sc_json_problem problem;
	bool		has_problem;
	char		out[SC_JSON_PROBLEM_MAX + 8],
				again[SC_JSON_PROBLEM_MAX + 8];

	/* the key: a few bytes from a small alphabet, so that it is often found */
	keylen = (size_t) fuzz_range(&in, 0, 3) == 0 ? 1 : (size_t) fuzz_range(&in, 0, MAX_KEY);
	for (size_t i = 0; i < keylen; i++)
		key[i] = "akKA_\xc3\xa9NFA_FLAGnfa_flag"[fuzz_range(&in, 0, 20)];
	key[keylen] = '\0';
	if (fuzz_range(&in, 0, 3) == 0)
	{
		strcpy(key, "NFA_FLAG");
		keylen = 8;
	}

	if (mode == 2)
		len = gen_text(&in, build);
	else if (mode == 1)
	{
		while (in.left > 0)
		{
			const char *t = tokens[fuzz_u8(&in) % NTOKENS];
			size_t		k = strlen(t);

			if (len + k > MAX_TEXT)
				break;
			memcpy(build + len, t, k);
			len += k;
		}
		/* a NUL byte now and then: the core takes a length, not a C string */
		if (len > 0 && build[len - 1] == '\x01' && (len & 1))
			build[len - 1] = '\0';
	}
	else
	{
		len = in.left < MAX_TEXT ? in.left : MAX_TEXT;
		memcpy(build, in.p, len);
	}
	text = malloc(len ? len : 1);
	if (text == NULL)
		abort();
	memcpy(text, build, len);

	has_problem = sc_json_problem_of((const char *) text, len, &problem);
	if (has_problem)
	{
		size_t		k = sc_json_describe(&problem, (const char *) text, len, out, sizeof out);

		if (problem.error == SC_JSON_NO_ERROR || problem.at > len
			|| (problem.error == SC_JSON_ENDS_IN_STRING && problem.opened >= len))
			fail("problem outside the text", text, len, key);
		if (k != strlen(out) || k + 1 >= SC_JSON_PROBLEM_MAX)
			fail("description too long", text, len, key);
		sc_json_describe(&problem, (const char *) text, len, again, sizeof again);
		if (strcmp(out, again) != 0)
			fail("description not stable", text, len, key);
	}

	for (int ci = 0; ci < 2; ci++)
	{
		sc_json_value v = {SC_JSON_NULL, 7, 7};
		sc_status st = sc_json_find((const char *) text, len, key, keylen,
									ci ? SC_JSON_ASCII_CI : SC_JSON_EXACT, &v);
		bool		valid;

		memset(&n, 0, sizeof n);
		n.s = text;
		n.len = len;
		n.key = key;
		n.keylen = keylen;
		n.ci = ci;
		valid = naive_read(&n);

		if (valid == has_problem)
			fail(valid ? "valid, the naive reader says; the scanner finds a problem"
				 : "invalid, the naive reader says; the scanner finds none", text, len, key);
		if ((st == SC_MALFORMED) != has_problem)
			fail("sc_json_find and sc_json_problem_of disagree", text, len, key);
		if (!valid)
		{
			if (v.start != 7 || v.len != 7)
				fail("value touched on failure", text, len, key);
			continue;
		}
		if ((st == SC_OK) != n.found || (st != SC_OK && st != SC_UNKNOWN_NAME))
			fail("key found by one reader only", text, len, key);
		if (st != SC_OK)
			continue;
		if (v.kind != n.kind || v.start != n.start || v.len != n.end - n.start || v.start + v.len > len)
			fail("value differs from the naive reader's", text, len, key);
		if (v.kind == SC_JSON_STRING)
		{
			char	   *decoded = malloc(v.len);
			unsigned	flags;
			size_t		k;

			if (decoded == NULL)
				abort();
			k = sc_json_unescape((const char *) text, &v, decoded, &flags);
			/* the naive reader's decoding of the same string */
			n.pos = v.start;
			if (!string(&n) || k != n.buflen || memcmp(decoded, n.buf, k) != 0 || k > v.len)
				fail("string decoded differently", text, len, key);
			if (((flags & SC_JSON_HAS_NUL) != 0) != (memchr(decoded, 0, k) != NULL))
				fail("NUL flag", text, len, key);
			free(decoded);
		}
	}
	free(text);
	return 0;
}
