-- socialcare.scorecard_html, the board pack (doc/pack.md): structure,
-- values equal to scorecard_wide's, escaping, options and errors.  The
-- browser tests (test/pack/) check the rendering itself.
SET search_path = public;
SET datestyle = ISO, YMD;
SET TimeZone = 'UTC';
CREATE FUNCTION pack_count(doc text, pattern text) RETURNS integer
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT count(*)::integer FROM regexp_matches(doc, pattern, 'g') $$;

-- The empty catalogue: a page that says so.
SELECT pack_count(h, 'id="empty"') AS empty_notice, pack_count(h, '<tr class="kpi"') AS rows,
       h LIKE '<!DOCTYPE html>%</html>' || chr(10) AS whole
FROM socialcare.scorecard_html('2018-12-31', generated_at => '2026-12-02 17:30+00') AS h;

-- A NULL as_at gives NULL.
SELECT socialcare.scorecard_html(NULL::date) IS NULL AS null_as_at;

INSERT INTO socialcare.kpi (code, sort_order, title, frequency, service_area, polarity, unit, decimals, target, tolerance, description) VALUES
 ('PI1', 1, 'Contacts to MASH referral <b>timeliness</b>', 'monthly', 'Front Door', 'high', 'percent', 1, 85, 5, 'Within 24 hours & "on time"'),
 ('PI2', 2, 'Rate of Children on a CP Plan per 10,000', 'as at month end', 'Front Door', 'low', 'rate', 1, 60, 8, NULL),
 ('PI5', 3, 'Unallocated children', 'as at month end', 'Children <in> Need', 'low', 'count', 0, NULL, 0, NULL);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label) VALUES
 ('PI2', 'statistical neighbours', '2018-01-01', 57.9, NULL),
 ('PI2', 'england', '2018-01-01', 43.3, NULL),
 ('PI2', 'region', '2018-01-01', 45.3, 'West <script>alert(1)</script> Midlands');
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator)
SELECT t.kpi, m.month_end, t.vals[m.i], t.nums[m.i], t.dens[m.i]
FROM (VALUES
 ('PI1', '{83.0,74.0,78.9,81.7,70.1,82.8,69.4,57.5,73.5,73.8,75.4,66.6}'::numeric[],
         '{83,74,789,817,701,828,694,575,735,738,754,666}'::numeric[], '{100,100,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000}'::numeric[]),
 ('PI2', '{106.7,107.1,103.8,99.9,99.3,89.2,83,80.9,77.8,71.8,68,69.2}', NULL, NULL),
 -- a month with NULLs (Jun-18) and small counts (Oct-18 to Dec-18)
 ('PI5', '{46,45,61,17,12,NULL,38,8,13,3,5,17}', '{46,45,61,17,12,NULL,38,8,13,3,5,17}', NULL)) AS t (kpi, vals, nums, dens),
     LATERAL (SELECT e.month_end, row_number() OVER (ORDER BY e.month_end)::int AS i
              FROM socialcare.month_ends('2018-01-01', '2018-12-31') AS e (month_end)) AS m;

CREATE TEMP TABLE pack AS
SELECT socialcare.scorecard_html('2018-12-31', title => 'Board <script>alert("x")</script> & co',
                                 generated_at => '2026-12-02 17:30+00') AS h;

-- Structure: one document, two sections, three rows, three charts, the dates.
SELECT pack_count(h, '<!DOCTYPE html>') AS doctype, pack_count(h, '<section class="page') AS pages,
       pack_count(h, '<tr class="kpi"') AS rows, pack_count(h, '<div class="card"') AS charts,
       pack_count(h, '<svg class="spark"') AS sparklines, pack_count(h, '<svg class="chart"') AS chart_svgs,
       pack_count(h, '@page\{size:A4 landscape') AS a4,
       pack_count(h, 'As at 31 December 2018') AS as_at, pack_count(h, 'Generated on 2 December 2026, 17:30 UTC') AS generated,
       pack_count(h, '<script') AS raw_script, pack_count(h, '&lt;script&gt;') AS escaped_script,
       pack_count(h, 'src=|href=|<link|<img|url\(|@import|<script|<iframe|<object') AS external
FROM pack;
-- The title, a KPI's title and description, a service area and the region's name, escaped.
SELECT pack_count(h, 'Board &lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt; &amp; co') AS title,
       pack_count(h, 'Contacts to MASH referral &lt;b&gt;timeliness&lt;/b&gt;') AS kpi_title,
       pack_count(h, 'Within 24 hours &amp; &quot;on time&quot;') AS description,
       pack_count(h, 'Children &lt;in&gt; Need') AS area,
       pack_count(h, 'West &lt;script&gt;alert\(1\)&lt;/script&gt; Midlands') AS region
FROM pack;

-- Every value as scorecard_wide shows it (a gap as a dash), in its KPI's row, in month order.
SELECT w.kpi, ARRAY(SELECT coalesce(v, '&#8211;') FROM unnest(w.shown) AS v) = (SELECT array_agg(c[1] ORDER BY o)
                         FROM regexp_matches(substring(h FROM '<tr class="kpi" data-kpi="' || w.kpi || '">.*?</tr>'),
                                             '<td class="(?:num|gap|supp) m(?: latest)?"[^>]*>([^<]*)</td>', 'g')
                              WITH ORDINALITY AS x (c, o)) AS cells_as_shown,
       (SELECT array_agg(c[1] ORDER BY o)
        FROM regexp_matches(substring(h FROM '<tr class="kpi" data-kpi="' || w.kpi || '">.*?</tr>'),
                            '<td class="(?:num|gap|supp) m(?: latest)?"[^>]*>([^<]*)</td>', 'g')
             WITH ORDINALITY AS x (c, o)) AS cells,
       substring(h FROM '<tr class="kpi" data-kpi="' || w.kpi || '">.*?<td class="rag [^"]*">([^<]*)</td>') AS rag,
       w.rag AS wide_rag
FROM pack, socialcare.scorecard_wide('2018-12-31') AS w
ORDER BY w.kpi;

-- The latest month's arrows: the glyph and the word by polarity.
SELECT w.kpi, w.change_arrow, w.average_arrow, w.vs_statistical_neighbours_arrow AS vs_sn,
       (SELECT string_agg(c[1], ' ' ORDER BY o)
        FROM regexp_matches(substring(h FROM '<tr class="kpi" data-kpi="' || w.kpi || '">.*?</tr>'),
                            '<td class="arr [^"]*"[^>]*>(?:<span[^>]*>.</span>)?([^<]*)</td>', 'g') WITH ORDINALITY AS x (c, o)) AS words
FROM pack, socialcare.scorecard_wide('2018-12-31') AS w
ORDER BY w.kpi;

-- SPC: each KPI's variation and assurance in its row are scorecard_spc's for the same
-- as_at and months (data-spc) in Making Data Count's words; its chart has the mean and the
-- two process limits as SVG paths (NULL limits: none), labelled, and a ring (improvement)
-- or square (concern) at each point spc_points finds a special cause.
SELECT s.kpi,
       substring(r.tr FROM '<td class="spc var[^"]*" data-spc="([^"]*)"') IS NOT DISTINCT FROM s.variation AS variation_is_spc,
       substring(r.tr FROM '<td class="spc asr[^"]*" data-spc="([^"]*)"') IS NOT DISTINCT FROM s.assurance AS assurance_is_spc,
       substring(r.tr FROM '<td class="spc var[^"]*"[^>]*>([^<]*)</td>') = coalesce(
           CASE s.variation WHEN 'common cause' THEN 'Common cause'
                            WHEN 'improving high' THEN 'Special cause – improving (high)'
                            WHEN 'improving low' THEN 'Special cause – improving (low)'
                            WHEN 'concerning high' THEN 'Special cause – concerning (high)'
                            WHEN 'concerning low' THEN 'Special cause – concerning (low)' END, '&#8211;') AS variation_words,
       substring(r.tr FROM '<td class="spc asr[^"]*"[^>]*>([^<]*)</td>') = coalesce(
           CASE s.assurance WHEN 'consistently hit' THEN 'Consistently passing target'
                            WHEN 'consistently missed' THEN 'Consistently failing target'
                            WHEN 'hit and miss' THEN 'Hit and miss target' END, '&#8211;') AS assurance_words,
       substring(r.tr FROM '<td class="spc var[^"]*"[^>]*>([^<]*)</td>') AS variation_shown,
       substring(r.tr FROM '<td class="spc asr[^"]*"[^>]*>([^<]*)</td>') AS assurance_shown,
       pack_count(r.card, '<path class="spc-cl" d="M') AS mean_paths,
       pack_count(r.card, '<path class="spc-lim" d="M') AS limit_paths,
       (s.lower_limit IS NOT NULL)::int + (s.upper_limit IS NOT NULL)::int AS limits_given,
       pack_count(r.card, '>UPL</text>') + pack_count(r.card, '>LPL</text>') + pack_count(r.card, '>Mean</text>') AS labels,
       pack_count(r.card, '<circle class="spc-imp"') AS rings, pack_count(r.card, '<rect class="spc-con"') AS squares,
       (SELECT count(*) FILTER (WHERE p.special_cause = 'improvement') || '/' || count(*) FILTER (WHERE p.special_cause = 'concern')
        FROM socialcare.spc_points(
                 ARRAY(SELECT v.month FROM socialcare.kpi_value v WHERE v.kpi = s.kpi ORDER BY v.month),
                 ARRAY(SELECT v.value::float8 FROM socialcare.kpi_value v WHERE v.kpi = s.kpi ORDER BY v.month),
                 s.polarity, s.target::float8) AS p) AS spc_points_imp_con
FROM pack, socialcare.scorecard_spc('2018-12-31', 12) AS s,
     LATERAL (SELECT substring(h FROM '<tr class="kpi" data-kpi="' || s.kpi || '">.*?</tr>') AS tr,
                     substring(h FROM '<div class="card" data-kpi="' || s.kpi || '">.*?</svg>') AS card) AS r
ORDER BY s.kpi;

-- Suppressing counts of 1 to 5: Oct-18 (3) and Nov-18 (5) of PI5 shown as c, Jun-18 a gap.
SELECT pack_count(h, '<td class="supp m[^"]*"[^>]*>c</td>') AS suppressed,
       pack_count(h, '<td class="gap m[^"]*"[^>]*>&#8211;</td>') AS gaps,
       pack_count(h, '<rect class="supp"') AS chart_marks
FROM socialcare.scorecard_html('2018-12-31', suppress_up_to => 5) AS h;

-- Options: a subset in the order asked, 24 months, a page per service area.
SELECT (SELECT array_agg(m[1] ORDER BY o) FROM regexp_matches(h, '<tr class="kpi" data-kpi="([^"]*)"', 'g') WITH ORDINALITY AS x (m, o)) AS order_asked,
       pack_count(h, '<th class="mon">') AS month_columns
FROM socialcare.scorecard_html('2018-12-31', kpis => '{PI5,PI1,PI5}') AS h;
SELECT pack_count(h, '<th class="mon">') AS month_columns, pack_count(h, '<table class="sc m24">') AS compact,
       pack_count(h, '<td class="gap m') AS gaps_before_2018
FROM socialcare.scorecard_html('2018-12-31', months => 24) AS h;
SELECT (SELECT array_agg(m[1] ORDER BY o) FROM regexp_matches(h, 'Performance scorecard: ([^<]*)</h2>', 'g') WITH ORDINALITY AS x (m, o)) AS area_pages
FROM socialcare.scorecard_html('2018-12-31', by_service_area => true) AS h;
-- compare_at passed through: the note under the table.
SELECT substring(h FROM 'Arrows compare [^<]*') AS note FROM socialcare.scorecard_html('2018-12-31', compare_at => 'whole') AS h;
SELECT substring(h FROM 'Arrows compare [^<]*') AS note FROM socialcare.scorecard_html('2018-12-31', places => 2) AS h;

-- No values in the window: a page that says so.
SELECT pack_count(h, 'id="novalues"') AS notice, pack_count(h, '<tr class="kpi"') AS rows,
       pack_count(h, 'No values in these months') AS empty_charts
FROM socialcare.scorecard_html('2016-06-30') AS h;

-- The timestamp forms give the same document.
SELECT socialcare.scorecard_html('2018-12-31 23:00'::timestamp, generated_at => '2026-12-02 17:30+00')
       = socialcare.scorecard_html('2018-12-31'::date, generated_at => '2026-12-02 17:30+00') AS timestamp_form,
       socialcare.scorecard_html('2018-12-31 23:00+00'::timestamptz, generated_at => '2026-12-02 17:30+00')
       = socialcare.scorecard_html('2018-12-31'::date, generated_at => '2026-12-02 17:30+00') AS timestamptz_form;

-- An as_at within a month shows that whole month, as scorecard() does: the
-- same month labels as at the month's end, ending Dec-18.
SELECT (SELECT pg_catalog.array_agg(m[1]) FROM regexp_matches(socialcare.scorecard_html('2018-12-05'), '>([A-Z][a-z]{2}-[0-9]{2})<', 'g') AS m)
       = (SELECT pg_catalog.array_agg(m[1]) FROM regexp_matches(socialcare.scorecard_html('2018-12-31'), '>([A-Z][a-z]{2}-[0-9]{2})<', 'g') AS m) AS same_labels,
       (SELECT pg_catalog.count(*) FROM regexp_matches(socialcare.scorecard_html('2018-12-05'), '>Dec-18<', 'g')) > 0 AS shows_dec_18;

-- Errors, each naming the bad value with a hint.
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT socialcare.scorecard_html('2018-12-31', kpis => '{PI1,PI99}');
SELECT socialcare.scorecard_html('2018-12-31', kpis => '{PI1,NULL}');
SELECT socialcare.scorecard_html('2018-12-31', months => 25);
SELECT socialcare.scorecard_html('2018-12-31', months => 0);
SELECT socialcare.scorecard_html('2018-12-31', months => NULL);
SELECT socialcare.scorecard_html('2018-12-31', compare_at => 'rounded');
SELECT socialcare.scorecard_html('2018-12-31', average_months => 0);
SELECT socialcare.scorecard_html('infinity');

\set SHOW_CONTEXT errors
-- What a role puts on its search_path changes nothing.
CREATE TEMP TABLE plain AS SELECT socialcare.scorecard_html('2018-12-31', generated_at => '2026-12-02 17:30+00') AS h;
CREATE SCHEMA trap;
CREATE FUNCTION trap.round(numeric, integer) RETURNS numeric LANGUAGE sql AS 'SELECT 0::numeric';
CREATE FUNCTION trap.to_char(date, text) RETURNS text LANGUAGE sql AS 'SELECT ''trapped''::text';
SET search_path = trap, public;
SELECT socialcare.scorecard_html('2018-12-31', generated_at => '2026-12-02 17:30+00') = (SELECT h FROM plain) AS same_document;
RESET search_path;
DROP SCHEMA trap CASCADE;
DELETE FROM socialcare.kpi_value;
DELETE FROM socialcare.kpi_comparator;
DELETE FROM socialcare.kpi;
