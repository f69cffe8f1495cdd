/*
 * src/bankholidays.c
 *
 * The bank holiday rules of each UK division, year by year.
 *
 * Each recurring holiday is a rule (a fixed date, an Easter offset, or
 * the first or last Monday of a month) in force for a range of years.
 * Fixed-date holidays that fall on a weekend are substituted by the next
 * weekday that is not already a holiday, which gives every substitute
 * GOV.UK lists: Christmas on a Saturday gives Monday 27 and Tuesday 28,
 * on a Sunday Boxing Day keeps Monday 26 and Christmas moves to Tuesday
 * 27; Scotland's 1 and 2 January likewise.  One-off proclamations either
 * move a rule's day in one year or add a day.
 */
#include <string.h>

#include "bankholidays.h"

#define EW	(1u << SC_ENGLAND_AND_WALES)
#define SCT (1u << SC_SCOTLAND)
#define NI	(1u << SC_NORTHERN_IRELAND)
#define ALL (EW | SCT | NI)

const char *const sc_division_names[SC_NUM_DIVISIONS] = {SC_DIVISION_NAMES};

enum rule_kind
{
	FIXED,						/* month/mday, substituted when on a weekend */
	EASTER,						/* days from Easter Sunday */
	FIRST_MONDAY,				/* first Monday of month */
	LAST_MONDAY					/* last Monday of month */
};

enum rule_id
{
	NEW_YEAR, JAN_2ND, ST_PATRICK, GOOD_FRIDAY, EASTER_MONDAY, EARLY_MAY,
	SPRING, BOYNE, SUMMER_FIRST, SUMMER_LAST, ST_ANDREW, CHRISTMAS, BOXING,
	NUM_RULES
};

typedef struct rule
{
	const char *name;
	unsigned	divisions;
	int			from;			/* first year in force */
	enum rule_kind kind;
	int			month;
	int			arg;			/* day of month, or Easter offset */
} rule;

/*
 * In rule order, which is also the order substitutes are assigned in:
 * Christmas before Boxing Day, 1 January before 2 January.
 */
static const rule rules[NUM_RULES] = {
	[NEW_YEAR] = {"New Year’s Day", EW | NI, 1974, FIXED, 1, 1},
	[JAN_2ND] = {"2nd January", SCT, SC_FIRST_YEAR, FIXED, 1, 2},
	[ST_PATRICK] = {"St Patrick’s Day", NI, SC_FIRST_YEAR, FIXED, 3, 17},
	[GOOD_FRIDAY] = {"Good Friday", ALL, SC_FIRST_YEAR, EASTER, 0, -2},
	[EASTER_MONDAY] = {"Easter Monday", EW | NI, SC_FIRST_YEAR, EASTER, 0, 1},
	[EARLY_MAY] = {"Early May bank holiday", EW | NI, 1978, FIRST_MONDAY, 5, 0},
	[SPRING] = {"Spring bank holiday", ALL, SC_FIRST_YEAR, LAST_MONDAY, 5, 0},
	[BOYNE] = {"Battle of the Boyne (Orangemen’s Day)", NI, SC_FIRST_YEAR, FIXED, 7, 12},
	[SUMMER_FIRST] = {"Summer bank holiday", SCT, SC_FIRST_YEAR, FIRST_MONDAY, 8, 0},
	[SUMMER_LAST] = {"Summer bank holiday", EW | NI, SC_FIRST_YEAR, LAST_MONDAY, 8, 0},
	[ST_ANDREW] = {"St Andrew’s Day", SCT, 2007, FIXED, 11, 30},
	[CHRISTMAS] = {"Christmas Day", ALL, SC_FIRST_YEAR, FIXED, 12, 25},
	[BOXING] = {"Boxing Day", EW | NI, SC_FIRST_YEAR, FIXED, 12, 26},
};

/*
 * Rules whose start differs by division: Scotland has had New Year's Day
 * and the first Monday in May since the 1971 Act (England, Wales and
 * Northern Ireland from 1974 and 1978), and Boxing Day only from 1974.
 */
typedef struct rule_extension
{
	enum rule_id rule;
	unsigned	divisions;
	int			from;
} rule_extension;

static const rule_extension extensions[] = {
	{NEW_YEAR, SCT, SC_FIRST_YEAR},
	{EARLY_MAY, SCT, SC_FIRST_YEAR},
	{BOXING, SCT, 1974},
};

/* A proclamation that moves one rule's day in one year (no substitution). */
typedef struct rule_move
{
	int			year;
	enum rule_id rule;
	int			month;
	int			mday;
	const char *name;			/* a new title, or NULL to keep the rule's */
} rule_move;

static const rule_move moves[] = {
	{1977, SPRING, 6, 6, NULL},
	{1995, EARLY_MAY, 5, 8, "Early May bank holiday (VE day)"},
	{2002, SPRING, 6, 4, NULL},
	{2012, SPRING, 6, 4, NULL},
	{2020, EARLY_MAY, 5, 8, "Early May bank holiday (VE day)"},
	{2022, SPRING, 6, 2, NULL},
};

/* A proclamation that adds a day. */
typedef struct one_off
{
	int			year;
	int			month;
	int			mday;
	unsigned	divisions;
	const char *name;
} one_off;

static const one_off one_offs[] = {
	{1973, 11, 14, ALL, "Bank holiday for the wedding of Princess Anne"},
	{1977, 6, 7, ALL, "Silver Jubilee bank holiday"},
	{1981, 7, 29, ALL, "Bank holiday for the wedding of the Prince of Wales"},
	{1999, 12, 31, ALL, "Millennium bank holiday"},
	{2002, 6, 3, ALL, "Golden Jubilee bank holiday"},
	{2011, 4, 29, ALL, "Bank holiday for the royal wedding"},
	{2012, 6, 5, ALL, "Queen’s Diamond Jubilee"},
	{2022, 6, 3, ALL, "Platinum Jubilee bank holiday"},
	{2022, 9, 19, ALL, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
	{2023, 5, 8, ALL, "Bank holiday for the coronation of King Charles III"},
	{2026, 6, 15, SCT, "World Cup bank holiday"},
};

#define LENGTH(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* The division of a name: SC_OK and *division, or SC_UNKNOWN_NAME. */
sc_status
sc_division_from_name(const char *name, int *division)
{
	for (int d = 0; d < SC_NUM_DIVISIONS; d++)
		if (strcmp(name, sc_division_names[d]) == 0)
		{
			*division = d;
			return SC_OK;
		}
	return SC_UNKNOWN_NAME;
}

static int
rule_in_force(enum rule_id id, int division, int year)
{
	unsigned	bit = 1u << division;

	if ((rules[id].divisions & bit) && year >= rules[id].from)
		return 1;
	for (int i = 0; i < LENGTH(extensions); i++)
		if (extensions[i].rule == id && (extensions[i].divisions & bit)
			&& year >= extensions[i].from)
			return 1;
	return 0;
}

/* The rule's nominal day, before any substitution. */
static sc_day
rule_day(const rule *r, int year)
{
	switch (r->kind)
	{
		case FIXED:
			return sc_day_from_ymd(year, r->month, r->arg);
		case EASTER:
			return sc_easter_sunday(year) + r->arg;
		case FIRST_MONDAY:
			return sc_nth_weekday(year, r->month, SC_MON, 1);
		case LAST_MONDAY:
			return sc_last_weekday(year, r->month, SC_MON);
	}
	return 0;
}

static int
is_weekend(sc_day day)
{
	return sc_weekday(day) >= SC_SAT;
}

static int
taken(const sc_holiday *h, int n, sc_day day)
{
	for (int i = 0; i < n; i++)
		if (h[i].day == day)
			return 1;
	return 0;
}

static void
sort_by_day(sc_holiday *h, int n)
{
	for (int i = 1; i < n; i++)
	{
		sc_holiday	x = h[i];
		int			j = i;

		for (; j > 0 && h[j - 1].day > x.day; j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
}

/*
 * The bank holidays of one division in one year, sorted by day.  Returns
 * their number, or -1 for an unknown division or a year outside
 * SC_FIRST_YEAR..SC_LAST_YEAR.
 */
int
sc_bank_holidays_in_year(int division, int year,
						 sc_holiday out[SC_MAX_HOLIDAYS_PER_YEAR])
{
	sc_day		pending_day[NUM_RULES];
	const char *pending_name[NUM_RULES];
	int			npending = 0;
	int			n = 0;

	if (division < 0 || division >= SC_NUM_DIVISIONS
		|| year < SC_FIRST_YEAR || year > SC_LAST_YEAR)
		return -1;

	/* Days that stand where they fall: weekdays, moves and one-offs. */
	for (int id = 0; id < NUM_RULES; id++)
	{
		const rule *r = &rules[id];
		sc_day		day = rule_day(r, year);
		const char *name = r->name;
		int			moved = 0;

		if (!rule_in_force(id, division, year))
			continue;
		for (int i = 0; i < LENGTH(moves); i++)
			if (moves[i].year == year && moves[i].rule == (enum rule_id) id)
			{
				day = sc_day_from_ymd(year, moves[i].month, moves[i].mday);
				name = moves[i].name ? moves[i].name : name;
				moved = 1;
			}
		if (r->kind == FIXED && !moved && is_weekend(day))
		{
			pending_day[npending] = day;
			pending_name[npending++] = name;
			continue;
		}
		out[n].day = day;
		out[n++].name = name;
	}
	for (int i = 0; i < LENGTH(one_offs); i++)
		if (one_offs[i].year == year
			&& (one_offs[i].divisions & (1u << division)))
		{
			out[n].day = sc_day_from_ymd(year, one_offs[i].month, one_offs[i].mday);
			out[n++].name = one_offs[i].name;
		}

	/* Weekend days move to the next weekday not already a holiday. */
	for (int i = 0; i < npending; i++)
	{
		sc_day		day = pending_day[i] + 1;

		while (is_weekend(day) || taken(out, n, day))
			day++;
		out[n].day = day;
		out[n++].name = pending_name[i];
	}
	sort_by_day(out, n);
	return n;
}
