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
 *
 * Every day carries its source (doc/working-days.md, "Where each day comes
 * from").  The 1971 Act substitutes only for a Sunday; any other weekend
 * substitute needs a proclamation.  Where none was made (Scotland, 2 January
 * 2010 and 1 January 2011) no_substitutes drops the substitute; Scottish
 * proclaimed substitutes before GOV.UK's list (2012) that have not been
 * checked in the Edinburgh Gazette are kept and their source says so.
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

/*
 * Where a rule comes from in one division, and the day the source itself
 * names when the rule's date is a Sunday (sunday_to days later; 0 when
 * the source names none, so that any weekend substitute is a
 * proclamation's).
 */
typedef struct rule_source
{
	const char *text;
	int			sunday_to;
} rule_source;

typedef struct rule
{
	const char *name;
	unsigned	divisions;
	int			from;			/* first year in force */
	enum rule_kind kind;
	int			month;
	int			arg;			/* day of month, or Easter offset */
	rule_source source[SC_NUM_DIVISIONS];	/* by division */
} rule;

#define ACT_EW "Banking and Financial Dealings Act 1971 Sch. 1 para 1"
#define ACT_SCT "Banking and Financial Dealings Act 1971 Sch. 1 para 2"
#define ACT_NI "Banking and Financial Dealings Act 1971 Sch. 1 para 3"
/*
 * Secondary sources date Scotland's Spring holiday (last Monday in May,
 * by proclamation) from 1978; the rules keep it from 1971, unverified.
 */
#define SCOTTISH_SPRING_BEFORE_1978 "Royal proclamation under s. 1(3) of the 1971 Act (not verified before 1978: secondary sources date it from 1978)"

/* The paragraph of Schedule 1 that names a division's Sunday substitutes. */
static const char *const act_paragraph[SC_NUM_DIVISIONS] = {ACT_EW, ACT_SCT, ACT_NI};

#define YEARLY "Royal proclamation under s. 1(3) of the 1971 Act, every year"
#define COMMON_LAW "Common law holiday (not in the 1971 Act)"
#define PROCLAIMED_SUBSTITUTE "Royal proclamation under s. 1 of the 1971 Act (weekend substitute)"
#define UNVERIFIED_SUBSTITUTE "Royal proclamation assumed (weekend substitute; not verified in the Edinburgh Gazette)"

/*
 * In rule order, which is also the order substitutes are assigned in:
 * Christmas before Boxing Day, 1 January before 2 January.  The Act's
 * Sunday substitutes: in Scotland New Year's Day and 2 January on a
 * Sunday give 3 January, Christmas Day 26 December; elsewhere 26 December
 * on a Sunday, and 25 December on a Sunday, give 27 December, and St
 * Patrick's Day on a Sunday 18 March.
 */
static const rule rules[NUM_RULES] = {
	[NEW_YEAR] = {"New Year’s Day", EW | NI, 1974, FIXED, 1, 1,
	{{"Royal proclamation under s. 1(3) of the 1971 Act, every year from 1974", 0},
	{ACT_SCT, 2}, {"Royal proclamation under s. 1(3) of the 1971 Act, every year from 1974", 0}}},
	[JAN_2ND] = {"2nd January", SCT, SC_FIRST_YEAR, FIXED, 1, 2,
	{{NULL, 0}, {ACT_SCT, 1}, {NULL, 0}}},
	[ST_PATRICK] = {"St Patrick’s Day", NI, SC_FIRST_YEAR, FIXED, 3, 17,
	{{NULL, 0}, {NULL, 0}, {ACT_NI, 1}}},
	[GOOD_FRIDAY] = {"Good Friday", ALL, SC_FIRST_YEAR, EASTER, 0, -2,
	{{COMMON_LAW, 0}, {ACT_SCT, 0}, {COMMON_LAW, 0}}},
	[EASTER_MONDAY] = {"Easter Monday", EW | NI, SC_FIRST_YEAR, EASTER, 0, 1,
	{{ACT_EW, 0}, {NULL, 0}, {ACT_NI, 0}}},
	[EARLY_MAY] = {"Early May bank holiday", EW | NI, 1978, FIRST_MONDAY, 5, 0,
	{{"Royal proclamation under s. 1(3) of the 1971 Act, every year from 1978", 0},
	{ACT_SCT, 0}, {"Royal proclamation under s. 1(3) of the 1971 Act, every year from 1978", 0}}},
	[SPRING] = {"Spring bank holiday", ALL, SC_FIRST_YEAR, LAST_MONDAY, 5, 0,
	{{ACT_EW, 0},
	{"Royal proclamation under s. 1(3) of the 1971 Act, every year", 0},
	{ACT_NI, 0}}},
	[BOYNE] = {"Battle of the Boyne (Orangemen’s Day)", NI, SC_FIRST_YEAR, FIXED, 7, 12,
	{{NULL, 0}, {NULL, 0}, {YEARLY, 0}}},
	[SUMMER_FIRST] = {"Summer bank holiday", SCT, SC_FIRST_YEAR, FIRST_MONDAY, 8, 0,
	{{NULL, 0}, {ACT_SCT, 0}, {NULL, 0}}},
	[SUMMER_LAST] = {"Summer bank holiday", EW | NI, SC_FIRST_YEAR, LAST_MONDAY, 8, 0,
	{{ACT_EW, 0}, {NULL, 0}, {ACT_NI, 0}}},
	[ST_ANDREW] = {"St Andrew’s Day", SCT, 2007, FIXED, 11, 30,
	{{NULL, 0}, {"St Andrew's Day Bank Holiday (Scotland) Act 2007 s. 1 (1971 Act Sch. 1 para 2)", -1}, {NULL, 0}}},
	[CHRISTMAS] = {"Christmas Day", ALL, SC_FIRST_YEAR, FIXED, 12, 25,
	{{COMMON_LAW, 2}, {ACT_SCT, 1}, {COMMON_LAW, 2}}},
	[BOXING] = {"Boxing Day", EW | NI, SC_FIRST_YEAR, FIXED, 12, 26,
	{{ACT_EW, 1}, {"Royal proclamation under s. 1(3) of the 1971 Act, every year from 1974", 0}, {ACT_NI, 1}}},
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
	unsigned	divisions;
	int			month;
	int			mday;
	const char *name;			/* a new title, or NULL to keep the rule's */
	const char *source;
} rule_move;

static const rule_move moves[] = {
	{1977, SPRING, ALL, 6, 6, NULL, "Royal proclamation (Silver Jubilee; moved from 30 May)"},
	{1995, EARLY_MAY, EW | NI, 5, 8, "Early May bank holiday (VE day)",
	"Royal proclamation (moved from 1 May); HC Deb 2 March 1995 vol 255 c709W"},
	{2002, SPRING, ALL, 6, 4, NULL, "Royal proclamation (Golden Jubilee; moved from 27 May)"},
	{2012, SPRING, ALL, 6, 4, NULL, "Royal proclamation (Diamond Jubilee; moved from 28 May)"},
	{2020, EARLY_MAY, ALL, 5, 8, "Early May bank holiday (VE day)", "Royal proclamation (VE day 75; moved from 4 May)"},
	{2022, SPRING, ALL, 6, 2, NULL, "Royal proclamation (Platinum Jubilee; moved from 30 May)"},
};

/* A proclamation that adds a day. */
typedef struct one_off
{
	int			year;
	int			month;
	int			mday;
	unsigned	divisions;
	const char *name;
	const char *source;
} one_off;

static const one_off one_offs[] = {
	{1973, 11, 14, ALL, "Bank holiday for the wedding of Princess Anne",
	"Royal proclamation (royal wedding; known from secondary sources only)"},
	{1977, 6, 7, ALL, "Silver Jubilee bank holiday", "Royal proclamation (Silver Jubilee)"},
	{1981, 7, 29, ALL, "Bank holiday for the wedding of the Prince of Wales", "Royal proclamation (royal wedding)"},
	{1995, 5, 8, SCT, "Bank holiday (VE day)",
	"Royal proclamation (in addition to 1 May); HC Deb 2 March 1995 vol 255 c709W"},
	{1999, 12, 31, ALL, "Millennium bank holiday", "Royal proclamation (millennium)"},
	{2002, 6, 3, ALL, "Golden Jubilee bank holiday", "Royal proclamation (Golden Jubilee)"},
	{2011, 4, 29, ALL, "Bank holiday for the royal wedding", "Royal proclamation (royal wedding)"},
	{2012, 6, 5, ALL, "Queen’s Diamond Jubilee", "Royal proclamation (Diamond Jubilee)"},
	{2022, 6, 3, ALL, "Platinum Jubilee bank holiday", "Royal proclamation (Platinum Jubilee)"},
	{2022, 9, 19, ALL, "Bank Holiday for the State Funeral of Queen Elizabeth II", "Royal proclamation (State Funeral)"},
	{2023, 5, 8, ALL, "Bank holiday for the coronation of King Charles III", "Royal proclamation (coronation)"},
	{2026, 6, 15, SCT, "World Cup bank holiday", "Royal proclamation (GOV.UK list)"},
};

/*
 * Weekend substitutes that need a proclamation and got none: the rule's
 * day falls on a weekend that year and no other day replaces it.
 */
typedef struct no_substitute
{
	int			year;
	enum rule_id rule;
	unsigned	divisions;
	const char *source;
} no_substitute;

static const no_substitute no_substitutes[] = {
	/* Sat 2 Jan 2010: no proclamation, so no 4 Jan 2010. */
	{2010, JAN_2ND, SCT, "no proclamation (Scottish Government via the Privy Council and the Edinburgh Gazette, January 2014)"},
	/* Sat 1 Jan 2011: Sun 2 Jan gives Mon 3 Jan by the Act; no 4 Jan 2011. */
	{2011, NEW_YEAR, SCT, "no proclamation (Scottish Government via the Privy Council and the Edinburgh Gazette, January 2014)"},
};

/*
 * Years before GOV.UK's list (2012) in which a Scottish weekend
 * substitute that needs a proclamation is known to have had one; the
 * others before 2012 are assumed, as was customary, and their source says
 * so.
 */
static const int scottish_substitutes_verified[] = {
	2005,						/* Tue 4 Jan 2005 for Sat 1 Jan: proclamation of 2004 */
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

static int
substitute_verified(int year)
{
	for (int i = 0; i < LENGTH(scottish_substitutes_verified); i++)
		if (scottish_substitutes_verified[i] == year)
			return 1;
	return 0;
}

static int
no_substitute_for(enum rule_id id, int division, int year)
{
	for (int i = 0; i < LENGTH(no_substitutes); i++)
		if (no_substitutes[i].year == year && no_substitutes[i].rule == id
			&& (no_substitutes[i].divisions & (1u << division)))
			return 1;
	return 0;
}

/*
 * The source of a weekend substitute on day: the statute where the day
 * is one the Act (or the 2007 Act) names for a rule on a Sunday that
 * year, else a proclamation (assumed, not verified, for Scotland before
 * 2012 but in the verified years).
 */
static const char *
substitute_source(const sc_day *nominal, const enum rule_id *ids, int npending,
				  int division, int year, sc_day day)
{
	for (int i = 0; i < npending; i++)
	{
		const rule_source *src = &rules[ids[i]].source[division];

		if (src->sunday_to < 0)
			return src->text;
		if (src->sunday_to > 0 && sc_weekday(nominal[i]) == SC_SUN
			&& nominal[i] + src->sunday_to == day)
			return act_paragraph[division];
	}
	if (division == SC_SCOTLAND && year < 2012 && !substitute_verified(year))
		return UNVERIFIED_SUBSTITUTE;
	return PROCLAIMED_SUBSTITUTE;
}

/*
 * The bank holidays of one division in one year, sorted by day, each with
 * its source.  Returns their number, or -1 for an unknown division or a
 * year outside SC_FIRST_YEAR..SC_LAST_YEAR.
 */
int
sc_bank_holidays_in_year(int division, int year,
						 sc_holiday out[SC_MAX_HOLIDAYS_PER_YEAR])
{
	sc_day		pending_day[NUM_RULES];
	enum rule_id pending_id[NUM_RULES];
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
		const char *source = r->source[division].text;
		int			moved = 0;

		if (!rule_in_force(id, division, year))
			continue;
		if (id == SPRING && division == SC_SCOTLAND && year < 1978)
			source = SCOTTISH_SPRING_BEFORE_1978;
		for (int i = 0; i < LENGTH(moves); i++)
			if (moves[i].year == year && moves[i].rule == (enum rule_id) id
				&& (moves[i].divisions & (1u << division)))
			{
				day = sc_day_from_ymd(year, moves[i].month, moves[i].mday);
				name = moves[i].name ? moves[i].name : name;
				source = moves[i].source;
				moved = 1;
			}
		if (r->kind == FIXED && !moved && is_weekend(day))
		{
			if (no_substitute_for(id, division, year))
				continue;
			pending_day[npending] = day;
			pending_id[npending] = id;
			pending_name[npending++] = name;
			continue;
		}
		out[n].day = day;
		out[n].name = name;
		out[n++].source = source;
	}
	for (int i = 0; i < LENGTH(one_offs); i++)
		if (one_offs[i].year == year
			&& (one_offs[i].divisions & (1u << division)))
		{
			out[n].day = sc_day_from_ymd(year, one_offs[i].month, one_offs[i].mday);
			out[n].name = one_offs[i].name;
			out[n++].source = one_offs[i].source;
		}

	/* Weekend days move to the next weekday not already a holiday. */
	for (int i = 0; i < npending; i++)
	{
		sc_day		day = pending_day[i] + 1;

		while (is_weekend(day) || taken(out, n, day))
			day++;
		out[n].day = day;
		out[n].name = pending_name[i];
		out[n++].source = substitute_source(pending_day, pending_id, npending,
											division, year, day);
	}
	sort_by_day(out, n);
	return n;
}
