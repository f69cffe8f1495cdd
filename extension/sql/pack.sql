-- The SQL area "pack": the board pack, the monthly scorecard as one
-- self-contained HTML document (src/pack_sql.c reads scorecard(); the
-- pure-C src/pack.c writes the document).  Re-runnable.

CREATE OR REPLACE FUNCTION socialcare.scorecard_html(as_at date, months integer DEFAULT 12,
		kpis text[] DEFAULT NULL, by_service_area boolean DEFAULT false,
		title text DEFAULT 'Monthly performance scorecard', suppress_up_to integer DEFAULT NULL,
		places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3,
		compare_at text DEFAULT 'display', generated_at timestamptz DEFAULT pg_catalog.now())
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_scorecard_html'
	LANGUAGE C STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION socialcare.scorecard_html(date, integer, text[], boolean, text, integer, integer, numeric, integer, text, timestamptz) IS
'The board pack: the monthly scorecard as one self-contained HTML document (inline CSS and SVG, no script), A4 landscape for printing. A table in the seed''s layout (KPI, description, frequency, service area, polarity, comparators, the months months up to as_at (1 to 24: 12 or 24), arrows against the previous month, the average_months average and each comparator with the words better/worse by polarity, RAG as colour and word, an SVG sparkline, and the SPC variation and assurance of scorecard_spc for the same as_at and months in Making Data Count''s words), then one chart per KPI (values, target and tolerance band, comparators, the SPC mean and process limits with special causes marked by shape, gaps, suppressed months). kpis: the KPIs and their order (NULL: all; an unknown code is an error); by_service_area: a page per service area; suppress_up_to: months whose numerator is 1 to that shown as c; generated_at: the generated-on line. places, equal_within, average_months and compare_at as scorecard(). A NULL as_at gives NULL';

CREATE OR REPLACE FUNCTION socialcare.scorecard_html(as_at timestamp, months integer DEFAULT 12,
		kpis text[] DEFAULT NULL, by_service_area boolean DEFAULT false,
		title text DEFAULT 'Monthly performance scorecard', suppress_up_to integer DEFAULT NULL,
		places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3,
		compare_at text DEFAULT 'display', generated_at timestamptz DEFAULT pg_catalog.now())
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT socialcare.scorecard_html(CAST(as_at AS pg_catalog.date), months, kpis, by_service_area, title,
			suppress_up_to, places, equal_within, average_months, compare_at, generated_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard_html(timestamp, integer, text[], boolean, text, integer, integer, numeric, integer, text, timestamptz) IS
'The timestamp form of scorecard_html(date, ...): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.scorecard_html(as_at timestamptz, months integer DEFAULT 12,
		kpis text[] DEFAULT NULL, by_service_area boolean DEFAULT false,
		title text DEFAULT 'Monthly performance scorecard', suppress_up_to integer DEFAULT NULL,
		places integer DEFAULT NULL, equal_within numeric DEFAULT 0, average_months integer DEFAULT 3,
		compare_at text DEFAULT 'display', generated_at timestamptz DEFAULT pg_catalog.now())
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT socialcare.scorecard_html(CAST(as_at AS pg_catalog.date), months, kpis, by_service_area, title,
			suppress_up_to, places, equal_within, average_months, compare_at, generated_at);
	END;
COMMENT ON FUNCTION socialcare.scorecard_html(timestamptz, integer, text[], boolean, text, integer, integer, numeric, integer, text, timestamptz) IS
'The timestamptz form of scorecard_html(date, ...): a timestamptz counts as its calendar day in the session''s TimeZone';
