/*
 * src/pack.h
 *
 * The board pack: the monthly scorecard rendered as one self-contained
 * HTML document (inline CSS and SVG, no script, no external file), A4
 * landscape.  Pure C, no PostgreSQL header: the glue (pack_sql.c) gathers
 * the rows of socialcare.scorecard() into the structures below and passes
 * an output sink; everything written (HTML escaping, SVG geometry, number
 * formatting, colours) is decided here.
 *
 * Charts are drawn from an sc_chart, a list of layers in the months' x
 * positions (bands, reference lines, the value line, markers), so a later
 * change adds layers without touching the geometry: SPC's centre line and
 * process limits are step layers, its special-cause points rings and
 * squares.
 */
#ifndef SOCIALCARE_PACK_H
#define SOCIALCARE_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Where the document goes: write(ctx, bytes, n), bytes not NUL-terminated. */
typedef struct sc_out
{
	void		(*write) (void *ctx, const char *bytes, size_t n);
	void	   *ctx;
} sc_out;

extern void sc_out_str(sc_out *out, const char *s);

/*
 * Text as HTML character data or a quoted attribute value: & < > " ' as
 * entities; C0 controls other than tab, LF and CR, DEL, and bytes that are
 * not valid UTF-8 as U+FFFD; everything else as it is.  n bytes (a NUL
 * among them is a control).
 */
extern void sc_html_escape(sc_out *out, const char *s, size_t n);
extern void sc_html_escape_str(sc_out *out, const char *s);

/*
 * A coordinate or length for SVG: one decimal, "-0.0" as "0.0", NaN as 0,
 * clamped to +-1e6 (so every number written is finite and short).  buf
 * holds at least SC_NUM_BYTES.
 */
#define SC_NUM_BYTES 32
extern const char *sc_svg_num(char *buf, double v);

/*
 * An axis label: v with decimals decimals (0 to 6), half away from zero
 * as printf rounds the double; non-finite as "" (never drawn).
 */
extern const char *sc_axis_label(char *buf, double v, int decimals);

/*
 * WCAG 2 contrast ratio of two sRGB colours 0xRRGGBB (1 to 21): AA needs
 * 4.5 for normal text.
 */
extern double sc_contrast_ratio(unsigned rgb_a, unsigned rgb_b);

/* The RAG cells' colours (background, text), tested for AA contrast. */
#define SC_PACK_RED_BG 0xB3261E
#define SC_PACK_RED_FG 0xFFFFFF
#define SC_PACK_AMBER_BG 0xF2A900
#define SC_PACK_AMBER_FG 0x000000
#define SC_PACK_GREEN_BG 0x1E7B34
#define SC_PACK_GREEN_FG 0xFFFFFF

/* Per KPI and month: -1 for none, otherwise sc_rag_status / sc_trend. */
#define SC_PACK_NONE (-2)

typedef struct sc_pack_month
{
	const char *label;			/* "Dec-18" */
	const char *shown;			/* the value as shown ("69.2%"); NULL: none */
	double		value;			/* for the charts (finite when has_value) */
	bool		has_value;
	bool		suppressed;		/* a small count withheld: shown as "c" */
	double		target,
				tolerance;
	bool		has_target;
	double		comparator[3];	/* statistical neighbours, England, region */
	bool		has_comparator[3];
	int			rag;			/* SC_PACK_NONE or sc_rag_status */
	/* SPC (scorecard_spc's XmR chart): the month is in its series */
	bool		spc;
	int			special;		/* SC_PACK_SPC_*: the point's special cause */
} sc_pack_month;

/* A point's special cause (spc_points' special_cause). */
#define SC_PACK_SPC_NONE 0
#define SC_PACK_SPC_IMPROVEMENT 1
#define SC_PACK_SPC_CONCERN 2
#define SC_PACK_SPC_NEUTRAL 3

typedef struct sc_pack_kpi
{
	const char *code;
	const char *title;
	const char *description;	/* NULL: none */
	const char *frequency;
	const char *service_area;	/* NULL: none */
	bool		low_is_better;	/* polarity 'low' */
	int			decimals;		/* for axis labels */
	bool		percent;
	/* the latest month's comparators as shown, NULL: none */
	const char *comparator_shown[3];
	const char *region_name;	/* NULL: "Region" */
	const char *target_shown;	/* the latest month's target, NULL: none */
	/* the latest month's directions: SC_PACK_NONE or sc_trend */
	int			change,
				average,
				vs[3];
	/*
	 * SPC, scorecard_spc's: variation and assurance as it words them
	 * ("improving high", "common cause", "consistently hit", ...; NULL:
	 * none), the centre line and process limits (drawn at the months with
	 * spc, where has_*).
	 */
	const char *variation;
	const char *assurance;
	double		centre,
				lower_limit,
				upper_limit;
	bool		has_centre,
				has_lower,
				has_upper;
	int			nmonths;
	const sc_pack_month *months;
} sc_pack_kpi;

/*
 * Making Data Count's words for scorecard_spc's variation and assurance
 * ("improving high": "Special cause – improving (high)", "consistently
 * hit": "Consistently passing target"); NULL for NULL, the text itself
 * for one not known.
 */
extern const char *sc_pack_variation_words(const char *variation);
extern const char *sc_pack_assurance_words(const char *assurance);

typedef struct sc_pack
{
	const char *title;
	const char *as_at;			/* "31 December 2018" */
	const char *generated;		/* "2 December 2026 17:30 UTC" */
	const char *arrows_note;	/* how the arrows compare */
	int			average_months;
	bool		page_per_area;	/* each service area on a page of its own */
	int			nmonths;
	const char *const *month_labels;	/* the window's, nmonths */
	int			nkpis;
	const sc_pack_kpi *kpis;	/* in the order shown */
} sc_pack;

/* Upper bounds the glue checks before rendering. */
#define SC_PACK_MAX_MONTHS 24

/*
 * Write the whole document.  SC_MALFORMED: a KPI's nmonths is not the
 * pack's, or nmonths is outside 1 to SC_PACK_MAX_MONTHS (nothing written).
 */
extern sc_status sc_pack_render(const sc_pack *pack, sc_out *out);

/*
 * Charts.  x positions are the months 0 .. nmonths-1; a layer gives one
 * y per month (has[i] false: a gap).
 */
typedef enum sc_chart_layer_kind
{
	SC_LAYER_BAND,				/* between lo and hi, a step per month */
	SC_LAYER_STEP,				/* a reference line, a step per month */
	SC_LAYER_LINE,				/* the values: a line through the months,
								 * broken at gaps, a dot per value */
	SC_LAYER_MARK,				/* a column marked at each month with has
								 * (suppressed months) */
	SC_LAYER_RING,				/* a circle around the point at each month
								 * with has (special cause, improvement) */
	SC_LAYER_SQUARE				/* a square around the point at each month
								 * with has (special cause, concern) */
} sc_chart_layer_kind;

typedef struct sc_chart_layer
{
	sc_chart_layer_kind kind;
	const char *css_class;		/* a fixed class name, not escaped */
	const char *label;			/* end label (STEP), a point's title (RING,
								 * SQUARE); escaped */
	const double *lo;			/* BAND: lower; others: y */
	const double *hi;			/* BAND only */
	const bool *has;
} sc_chart_layer;

#define SC_CHART_MAX_LAYERS 16

typedef struct sc_chart
{
	const char *aria_label;		/* escaped */
	int			nmonths;
	const char *const *month_labels;
	int			decimals;		/* axis labels */
	int			nlayers;
	sc_chart_layer layers[SC_CHART_MAX_LAYERS];
	int			highlight_last; /* SC_PACK_NONE or the latest month's RAG:
								 * colours the last dot */
} sc_chart;

/* The chart's y range: every finite y of its layers, padded. */
extern void sc_chart_range(const sc_chart *chart, double *ymin, double *ymax);
extern void sc_chart_svg(const sc_chart *chart, sc_out *out);

#endif
