/*
 * test/unit/html_check.h
 *
 * A strict checker of the board pack's HTML (src/pack.c), shared by
 * test/unit/pack_test.c and test/fuzz/fuzz_pack.c: elements nest and close
 * (void elements: meta), attribute values are quoted and hold no < or ",
 * text holds no < or > and every & starts an entity, the geometry
 * attributes (d, x, y, cx, cy, r, width, height) hold only finite numbers
 * and path commands, and every path's d starts with M (or is empty).
 * Returns NULL when well formed, otherwise what is wrong, and *at the byte.
 * Also the growable buffer both render documents into (buf, buf_write: an
 * sc_out sink, NUL-terminated, aborting when out of memory).
 */
#ifndef SOCIALCARE_HTML_CHECK_H
#define SOCIALCARE_HTML_CHECK_H

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A growable, NUL-terminated text buffer, for sc_out's write. */
typedef struct buf
{
	char	   *data;
	size_t		len,
				cap;
} buf;

static void
buf_write(void *ctx, const char *s, size_t n)
{
	buf		   *b = ctx;

	if (b->len + n + 1 > b->cap)
	{
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data)
			abort();
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

#define HTML_CHECK_DEPTH 64

static bool
html_check_entity(const char *s, size_t n, size_t *len)
{
	size_t		i = 1;

	if (i < n && s[i] == '#')
	{
		i++;
		while (i < n && isdigit((unsigned char) s[i]))
			i++;
		if (i == 2)
			return false;
	}
	else
	{
		while (i < n && isalpha((unsigned char) s[i]))
			i++;
		if (i == 1)
			return false;
	}
	if (i >= n || s[i] != ';')
		return false;
	*len = i + 1;
	return true;
}

static const char *
html_check(const char *s, size_t n, size_t *at)
{
	char		stack[HTML_CHECK_DEPTH][16];
	int			depth = 0;
	size_t		i = 0;

	while (i < n)
	{
		*at = i;
		if (s[i] == '&')
		{
			size_t		len;

			if (!html_check_entity(s + i, n - i, &len))
				return "& that does not start an entity";
			i += len;
			continue;
		}
		if (s[i] == '>')
			return "> in text";
		if (s[i] != '<')
		{
			i++;
			continue;
		}
		if (n - i > 9 && strncmp(s + i, "<!DOCTYPE", 9) == 0)
		{
			const char *e = memchr(s + i, '>', n - i);

			if (!e)
				return "unclosed DOCTYPE";
			i = (size_t) (e - s) + 1;
			continue;
		}
		if (i + 1 < n && s[i + 1] == '/')
		{
			size_t		j = i + 2,
						k = 0;
			char		name[16];

			while (j < n && isalnum((unsigned char) s[j]) && k < 15)
				name[k++] = s[j++];
			name[k] = '\0';
			if (j >= n || s[j] != '>')
				return "malformed end tag";
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
				return "end tag that closes nothing open";
			depth--;
			i = j + 1;
			continue;
		}
		{
			size_t		j = i + 1,
						k = 0;
			char		name[16];
			bool		self = false;
			bool		is_path = false;
			bool		saw_d = false;

			while (j < n && isalnum((unsigned char) s[j]) && k < 15)
				name[k++] = s[j++];
			name[k] = '\0';
			if (k == 0)
				return "< in text";
			is_path = strcmp(name, "path") == 0;
			for (;;)
			{
				char		attr[32];
				size_t		a = 0,
							v0;

				while (j < n && s[j] == ' ')
					j++;
				if (j >= n)
					return "unclosed tag";
				if (s[j] == '>')
				{
					j++;
					break;
				}
				if (s[j] == '/' && j + 1 < n && s[j + 1] == '>')
				{
					self = true;
					j += 2;
					break;
				}
				while (j < n && (isalnum((unsigned char) s[j]) || s[j] == '-') && a < 31)
					attr[a++] = s[j++];
				attr[a] = '\0';
				if (a == 0 || j + 1 >= n || s[j] != '=' || s[j + 1] != '"')
					return "attribute without a quoted value";
				j += 2;
				v0 = j;
				while (j < n && s[j] != '"')
				{
					if (s[j] == '<')
						return "< in an attribute";
					if (s[j] == '&')
					{
						size_t		len;

						if (!html_check_entity(s + j, n - j, &len))
							return "& in an attribute that does not start an entity";
						j += len;
						continue;
					}
					j++;
				}
				if (j >= n)
					return "unclosed attribute";
				if (strcmp(attr, "d") == 0 || strcmp(attr, "x") == 0 || strcmp(attr, "y") == 0 ||
					strcmp(attr, "cx") == 0 || strcmp(attr, "cy") == 0 || strcmp(attr, "r") == 0 ||
					((strcmp(attr, "width") == 0 || strcmp(attr, "height") == 0) && strcmp(name, "svg") != 0))
				{
					for (size_t q = v0; q < j; q++)
						if (!strchr("0123456789.- MLZ", s[q]))
						{
							*at = q;
							return "a geometry attribute with something other than numbers";
						}
					if (strcmp(attr, "d") == 0)
					{
						saw_d = true;
						if (j > v0 && s[v0] != 'M')
						{
							*at = v0;
							return "a path that does not start with M";
						}
					}
				}
				j++;
			}
			if (is_path && !saw_d)
				return "a path without d";
			if (strcmp(name, "style") == 0)
			{
				const char *e = strstr(s + j, "</style>");

				if (!e || (size_t) (e - s) > n)
					return "unclosed style";
				i = (size_t) (e - s) + 8;
				continue;
			}
			if (!self && strcmp(name, "meta") != 0)
			{
				if (depth == HTML_CHECK_DEPTH)
					return "too deep";
				strcpy(stack[depth++], name);
			}
			i = j;
		}
	}
	*at = n;
	return depth == 0 ? NULL : "elements left open at the end";
}

#endif
