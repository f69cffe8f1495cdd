/*
 * src/json_scan.h
 *
 * A reader of JSON objects stored as text (the Standard Safeguarding
 * Dataset's outcome columns, e.g. cont_contact_outcome_json), for text that
 * may not be JSON at all: some extracts build it by concatenation, so a
 * free-text COMMENTS value can hold an unescaped quote.  Pure C, no
 * PostgreSQL header: the glue (json_sql.c) turns "not a valid object" into
 * NULL, never into an error.
 *
 * What is valid: one JSON object (RFC 8259), with only JSON whitespace
 * (space, tab, line feed, carriage return) around it.  Inside strings every
 * byte from 0x20 up is taken as it is, bytes from 0x80 up included: the
 * server checked the text's encoding when it was stored, and every server
 * encoding keeps bytes below 0x80 for ASCII alone.  Outside strings a byte
 * from 0x80 up is an unexpected character.  \u0000 is valid JSON (the
 * reader accepts it; the glue cannot return it as text).  Nesting deeper
 * than SC_JSON_MAX_DEPTH levels counts as malformed.  One pass, no
 * recursion, no allocation: linear in the text's length.
 *
 * Duplicate keys: the last one wins, as in jsonb.  Keys are compared after
 * unescaping ("NFA\u005fFLAG" is "NFA_FLAG"), exactly or, in
 * SC_JSON_ASCII_CI mode, with ASCII letters A-Z and a-z alike (other bytes
 * exactly); then the last key that matches wins.
 */
#ifndef SOCIALCARE_JSON_SCAN_H
#define SOCIALCARE_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Deepest nesting accepted; the top-level object is level 1. */
#define SC_JSON_MAX_DEPTH 1024

/* Bytes sc_json_describe writes at most, the closing NUL included. */
#define SC_JSON_PROBLEM_MAX 160

typedef enum sc_json_kind
{
	SC_JSON_STRING,
	SC_JSON_NUMBER,
	SC_JSON_TRUE,
	SC_JSON_FALSE,
	SC_JSON_NULL,
	SC_JSON_OBJECT,
	SC_JSON_ARRAY
} sc_json_kind;

/* How a key is matched. */
typedef enum sc_json_match
{
	SC_JSON_EXACT,				/* byte for byte, after unescaping */
	SC_JSON_ASCII_CI			/* A-Z and a-z alike */
} sc_json_match;

/* A member's value: bytes [start, start + len) of the text, as written (a
 * string with its quotes, an object or array with its brackets). */
typedef struct sc_json_value
{
	sc_json_kind kind;
	size_t		start;
	size_t		len;
} sc_json_value;

/* The first thing wrong with a text, found reading left to right. */
typedef enum sc_json_error
{
	SC_JSON_NO_ERROR = 0,
	SC_JSON_EMPTY,				/* empty or whitespace only */
	SC_JSON_NOT_OBJECT,			/* starts with something other than '{' */
	SC_JSON_UNEXPECTED,			/* a byte where the grammar wants another */
	SC_JSON_ENDS_IN_STRING,		/* the text ends inside a string */
	SC_JSON_ENDS_EARLY,			/* the text ends before the object closes */
	SC_JSON_BAD_ESCAPE,			/* \ followed by a byte not " \ / b f n r t u */
	SC_JSON_BAD_UNICODE,		/* \u not followed by four hex digits */
	SC_JSON_LONE_SURROGATE,		/* \uD800-\uDFFF not in a high-low pair */
	SC_JSON_CONTROL,			/* a byte below 0x20 inside a string */
	SC_JSON_BAD_NUMBER,			/* a number not in RFC 8259's form */
	SC_JSON_BAD_LITERAL,		/* a word other than true, false, null */
	SC_JSON_TRAILING,			/* something after the object's end */
	SC_JSON_TOO_DEEP			/* nesting beyond SC_JSON_MAX_DEPTH */
} sc_json_error;

/* What the grammar wanted where SC_JSON_UNEXPECTED was found. */
typedef enum sc_json_expect
{
	SC_JSON_WANT_KEY_OR_CLOSE,	/* after '{' */
	SC_JSON_WANT_KEY,			/* after ',' in an object */
	SC_JSON_WANT_COLON,
	SC_JSON_WANT_VALUE,
	SC_JSON_WANT_VALUE_OR_CLOSE,	/* after '[' */
	SC_JSON_WANT_OBJECT_NEXT,	/* ',' or '}' */
	SC_JSON_WANT_ARRAY_NEXT		/* ',' or ']' */
} sc_json_expect;

typedef struct sc_json_problem
{
	sc_json_error error;
	size_t		at;				/* offset of the offending byte, from 0 (the
								 * text's length when it ends early) */
	size_t		opened;			/* SC_JSON_ENDS_IN_STRING: where the string
								 * opened */
	sc_json_expect expect;		/* SC_JSON_UNEXPECTED: what was wanted */
	bool		after_string;	/* SC_JSON_UNEXPECTED: the token before was a
								 * string (an unescaped quote?) */
} sc_json_problem;

/* Flags sc_json_unescape sets. */
#define SC_JSON_HAS_NUL 1		/* \u0000: the value holds a NUL byte */
#define SC_JSON_ESCAPED_NON_ASCII 2	/* a \u escape beyond U+007F */

/*
 * Is text (len bytes, not NUL-terminated) something other than one valid
 * JSON object?  True, with the first problem in *problem; false when it is
 * valid (*problem then untouched).
 */
extern bool sc_json_problem_of(const char *text, size_t len, sc_json_problem *problem);

/*
 * The value of the top-level member key (keylen bytes) of text: SC_OK and
 * *value; SC_UNKNOWN_NAME when text is a valid object without that key;
 * SC_MALFORMED when text is not a valid JSON object (sc_json_problem_of
 * says why).  *value is untouched unless SC_OK.  The whole text is read
 * either way: a value is only returned from a valid object.
 */
extern sc_status sc_json_find(const char *text, size_t len, const char *key, size_t keylen,
							   sc_json_match match, sc_json_value *value);

/*
 * A string value found by sc_json_find, its escapes decoded (\uXXXX and
 * surrogate pairs to UTF-8), written to out, which has room for value->len
 * bytes (decoding never lengthens); returns the bytes written (no NUL is
 * added).  *flags gets SC_JSON_HAS_NUL and SC_JSON_ESCAPED_NON_ASCII.
 */
extern size_t sc_json_unescape(const char *text, const sc_json_value *value, char *out,
							   unsigned *flags);

/*
 * The problem in words, with its byte position counted from 1, written to
 * out (size bytes, at most SC_JSON_PROBLEM_MAX needed), NUL-terminated and
 * cut to fit; returns strlen(out).  E.g. "unexpected character 'n' at byte
 * 44 where ',' or '}' must be: an unescaped quote ends the string before
 * it?"
 */
extern size_t sc_json_describe(const sc_json_problem *problem, const char *text, size_t len,
							   char *out, size_t size);

#endif
