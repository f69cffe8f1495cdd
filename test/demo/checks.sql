-- test/demo/checks.sql: run against the demo database after scripts/demo.sh.
-- Prints one line per check: "ok - ..." or "not ok - ... # details";
-- test/demo.sh numbers them.
--
-- The independent computations use no socialcare function: working days
-- come from a calendar table built from GOV.UK's list
-- (test/data/bank-holidays-govuk.csv, loaded by test/demo.sh into
-- govuk_holiday), month ends from generate_series, re-referrals from a
-- self-join, rates from plain arithmetic.

SET search_path = demo, public;

-- idx(d) = number of working days on or before d, so the working days in
-- (s, f] are idx(f) - idx(s): the DfE convention (the start is day 0).
CREATE TEMP TABLE cal AS
SELECT d::date AS day,
	   sum(CASE WHEN extract(isodow FROM d) < 6 AND h.day IS NULL THEN 1 ELSE 0 END)
		   OVER (ORDER BY d) AS idx
FROM generate_series(date '2012-01-01', date '2020-12-31', interval '1 day') AS d
LEFT JOIN govuk_holiday h ON h.day = d::date;
CREATE UNIQUE INDEX ON cal (day);

CREATE TEMP TABLE months AS
SELECT (s + interval '1 month' - interval '1 day')::date AS month_end, s::date AS month_start
FROM ext_reporting_period r,
	 generate_series(date_trunc('month', r.period_start), date_trunc('month', r.period_end), interval '1 month') AS s;

CREATE TEMP TABLE got AS SELECT * FROM kpi_monthly;

-- A check's line: ok when every month agrees, else the first differences.
CREATE FUNCTION pg_temp.verdict(description text, bad text[]) RETURNS text
	LANGUAGE sql
	RETURN CASE WHEN cardinality(bad) = 0 THEN 'ok - ' || description
				ELSE 'not ok - ' || description || ' # ' || array_to_string(bad[1:3], '; ') END;

-- Plausibility -----------------------------------------------------------------
SELECT pg_temp.verdict('kpi_monthly has a value for each of 17 KPIs in each of the 12 months',
	   ARRAY(SELECT k || ' ' || m.month_end || ': no value'
			 FROM unnest(ARRAY['PI01','PI02','PI03','PI04','PI05','PI06','PI07','PI08','PI09','PI10',
							   'PI11','PI12','PI13','PI14','PI15','REREF','LACRATE']) AS k
			 CROSS JOIN months m
			 WHERE NOT EXISTS (SELECT FROM got g WHERE g.kpi_code = k AND g.month_end = m.month_end
											  AND g.value IS NOT NULL))
	   || ARRAY(SELECT 'unexpected ' || kpi_code || ' ' || month_end FROM got
				WHERE month_end NOT IN (SELECT month_end FROM months)));

SELECT pg_temp.verdict('percentages lie within 0 to 100, with numerator <= denominator',
	   ARRAY(SELECT kpi_code || ' ' || month_end || ' = ' || value FROM got
			 WHERE kpi_code NOT IN ('PI02', 'PI05', 'PI14', 'LACRATE')
			   AND NOT (value BETWEEN 0 AND 100 AND numerator <= denominator)));

-- The seed's magnitudes (Sandwell 2018): CP 69 to 107 per 10,000 (England
-- 43); looked after 96 to 111 (statistical neighbours 89); re-referrals
-- about 22%; caseloads 18.8 to 20.9; 7 to 61 unallocated.
SELECT pg_temp.verdict('rates, counts and ratios near the seed''s magnitudes',
	   ARRAY(SELECT kpi_code || ' ' || month_end || ' = ' || round(value, 2) FROM got
			 WHERE (kpi_code = 'PI02' AND value NOT BETWEEN 40 AND 130)
				OR (kpi_code = 'LACRATE' AND value NOT BETWEEN 70 AND 140)
				OR (kpi_code = 'REREF' AND value NOT BETWEEN 15 AND 30)
				OR (kpi_code = 'PI14' AND value NOT BETWEEN 12 AND 25)
				OR (kpi_code = 'PI05' AND value NOT BETWEEN 1 AND 80)
				OR (kpi_code = 'PI13' AND value NOT BETWEEN 5 AND 45)));

-- Independent computations ------------------------------------------------------

-- PI3: conferences held in the month (not transfers in), on time when at
-- most 15 working days after the s47's strategy discussion.
SELECT pg_temp.verdict('PI3 (ICPC within 15 working days) equals a calendar-table computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI03' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE cf.idx - cs.idx <= 15) AS num, count(*) AS den
				 FROM ssd_initial_cp_conference c
				 JOIN ssd_s47_enquiry s ON s.s47e_s47_enquiry_id = c.icpc_s47_enquiry_id
				 JOIN cal cs ON cs.day = s.s47e_s47_start_date::date
				 JOIN cal cf ON cf.day = c.icpc_icpc_date::date
				 WHERE c.icpc_icpc_transfer_in <> 'Y'
				   AND c.icpc_icpc_date >= m.month_start AND c.icpc_icpc_date < m.month_end + 1) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI4: assessments authorised in the month, on time when at most 45
-- working days after the referral.
SELECT pg_temp.verdict('PI4 (assessments within 45 working days) equals a calendar-table computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI04' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE cf.idx - cs.idx <= 45) AS num, count(*) AS den
				 FROM ssd_cin_assessments a
				 JOIN ssd_cin_episodes e ON e.cine_referral_id = a.cina_referral_id
				 JOIN cal cs ON cs.day = e.cine_referral_date::date
				 JOIN cal cf ON cf.day = a.cina_assessment_auth_date::date
				 WHERE a.cina_assessment_auth_date >= m.month_start
				   AND a.cina_assessment_auth_date < m.month_end + 1) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI5: open cases (not NFA) with no allocation open at M, unallocated for
-- more than 5 working days since the referral or the last allocation's end.
SELECT pg_temp.verdict('PI5 (unallocated over 5 working days) equals a NOT EXISTS computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI05' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(DISTINCT o.cine_person_id) FILTER (
							WHERE NOT o.allocated
							  AND (SELECT idx FROM cal WHERE day = m.month_end)
								  - (SELECT idx FROM cal WHERE day = o.since) > 5) AS num,
						count(DISTINCT o.cine_person_id) AS den
				 FROM (SELECT e.cine_person_id,
							  EXISTS (SELECT FROM ssd_involvements i
									  WHERE i.invo_referral_id = e.cine_referral_id
										AND i.invo_professional_role_id = 'ALLOCATED CASE WORKER'
										AND i.invo_professional_id IS NOT NULL
										AND i.invo_involvement_start_date < m.month_end + 1
										AND (i.invo_involvement_end_date IS NULL
											 OR i.invo_involvement_end_date >= m.month_end + 1)) AS allocated,
							  coalesce((SELECT max(i.invo_involvement_end_date)::date FROM ssd_involvements i
										WHERE i.invo_referral_id = e.cine_referral_id
										  AND i.invo_professional_role_id = 'ALLOCATED CASE WORKER'
										  AND i.invo_professional_id IS NOT NULL
										  AND i.invo_involvement_start_date < m.month_end + 1
										  AND i.invo_involvement_end_date > e.cine_referral_date),
									   e.cine_referral_date::date) AS since
					   FROM ssd_cin_episodes e
					   WHERE e.cine_referral_date < m.month_end + 1
						 AND (e.cine_close_date IS NULL OR e.cine_close_date >= m.month_end + 1)
						 AND e.cine_referral_nfa <> 'Y') o) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI10: children on a CIN plan at M, their last seen visit (or the plan's
-- start) at most 20 working days before M.
SELECT pg_temp.verdict('PI10 (CIN visited in 20 working days) equals a calendar-table computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI10' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE (SELECT idx FROM cal WHERE day = m.month_end)
											   - (SELECT idx FROM cal WHERE day = v.clock) <= 20) AS num,
						count(*) AS den
				 FROM (SELECT p.cinp_cin_plan_start_date::date AS start,
							  (SELECT v.cinv_cin_visit_date::date FROM ssd_cin_visits v
							   WHERE v.cinv_person_id = p.cinp_person_id AND v.cinv_cin_visit_seen = 'Y'
								 AND v.cinv_cin_visit_date < m.month_end + 1
							   ORDER BY v.cinv_cin_visit_date DESC LIMIT 1) AS last
					   FROM ssd_cin_plans p
					   WHERE p.cinp_cin_plan_start_date < m.month_end + 1
						 AND (p.cinp_cin_plan_end_date IS NULL OR p.cinp_cin_plan_end_date >= m.month_end + 1)) v0,
					  LATERAL (SELECT CASE WHEN v0.last IS NULL OR v0.last < v0.start THEN v0.start
										   ELSE v0.last END AS clock) v) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- Re-referrals: a referral is one when the child has another referral on
-- an earlier day at most 12 calendar months before it; referrals of the
-- 12 months to M.
SELECT pg_temp.verdict('re-referral rate equals a self-join computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'REREF' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE EXISTS (
							SELECT FROM ssd_cin_episodes p
							WHERE p.cine_person_id = r.cine_person_id
							  AND p.cine_referral_date::date < r.cine_referral_date::date
							  AND p.cine_referral_date::date >= (r.cine_referral_date::date - interval '12 months')::date)) AS num,
						count(*) AS den
				 FROM ssd_cin_episodes r
				 WHERE r.cine_referral_date::date > (m.month_end - interval '12 months')::date
				   AND r.cine_referral_date::date <= m.month_end) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI2: distinct children on a plan of ours at M per 10,000 of the mid-year
-- population before the financial year (mid-2016 for January to March
-- 2018, mid-2017 from April 2018), to 1 decimal place.
SELECT pg_temp.verdict('PI2 (CP rate per 10,000) equals count / population * 10,000',
	   ARRAY(SELECT m.month_end || ': view ' || round(g.value, 1) || ', expected ' || round(x.n * 10000.0 / x.pop, 1)
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI02' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(DISTINCT p.cppl_person_id) AS n,
						(SELECT population FROM ext_population
						 WHERE age_band = '0-17'
						   AND mid_year = extract(year FROM m.month_end)::integer
										  - CASE WHEN extract(month FROM m.month_end) < 4 THEN 2 ELSE 1 END) AS pop
				 FROM ssd_cp_plans p
				 WHERE p.cppl_cp_plan_start_date < m.month_end + 1
				   AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date >= m.month_end + 1)
				   AND p.cppl_cp_plan_ola = 'N') x
			 WHERE round(g.value, 1) <> round(x.n * 10000.0 / x.pop, 1) OR g.numerator <> x.n));

-- PI12: reviews held (not cancelled) from 1 April to M, each on or before
-- its due date: 20 working days after entering care for the first, 3
-- calendar months after the previous review for the second, 6 months for
-- the others.  The previous review by a correlated subquery, not a window.
CREATE TEMP TABLE lac_review AS
SELECT r.clar_cla_id, r.clar_cla_review_date::date AS held,
	   (SELECT count(*) FROM ssd_cla_reviews q
		WHERE q.clar_cla_id = r.clar_cla_id AND q.clar_cla_review_cancelled = 'N'
		  AND q.clar_cla_review_date < r.clar_cla_review_date) AS earlier,
	   (SELECT max(q.clar_cla_review_date)::date FROM ssd_cla_reviews q
		WHERE q.clar_cla_id = r.clar_cla_id AND q.clar_cla_review_cancelled = 'N'
		  AND q.clar_cla_review_date < r.clar_cla_review_date) AS previous,
	   (SELECT min(e.clae_entered_care_date)::date FROM ssd_cla_episodes e
		WHERE e.clae_cla_id = r.clar_cla_id) AS entered
FROM ssd_cla_reviews r
WHERE r.clar_cla_review_cancelled = 'N';

SELECT pg_temp.verdict('PI12 (LAC reviews in timescale, year to date) equals a correlated-subquery computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI12' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE r.held <= CASE r.earlier
							WHEN 0 THEN (SELECT min(c.day) FROM cal c
										 WHERE c.idx = (SELECT idx FROM cal WHERE day = r.entered) + 20)
							WHEN 1 THEN (r.previous + interval '3 months')::date
							ELSE (r.previous + interval '6 months')::date END) AS num,
						count(*) AS den
				 FROM lac_review r
				 WHERE r.held >= make_date(extract(year FROM m.month_end)::integer
										   - CASE WHEN extract(month FROM m.month_end) < 4 THEN 1 ELSE 0 END, 4, 1)
				   AND r.held <= m.month_end) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI11: a looked-after child at M is in time when the current placement
-- began at most 7 days before M with no visit yet, or some visit in the
-- placement (child seen) on or before M has its next visit due on or after
-- M: 6 weeks later, or 3 months when the visit was a year or more into a
-- long-term foster placement (U1, U4).  An EXISTS over all visits, not the
-- last visit: a later visit's due date is never earlier.
SELECT pg_temp.verdict('PI11 (LAC visits in statutory timescale) equals an EXISTS computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI11' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE
							EXISTS (SELECT FROM ssd_cla_visits v
									WHERE v.clav_cla_id = e.clae_cla_id AND v.clav_cla_visit_seen = 'Y'
									  AND v.clav_cla_visit_date >= p.clap_cla_placement_start_date::date
									  AND v.clav_cla_visit_date < m.month_end + 1
									  AND m.month_end <= CASE WHEN p.clap_cla_placement_type IN ('U1', 'U4')
																AND v.clav_cla_visit_date >= p.clap_cla_placement_start_date::date + interval '1 year'
														   THEN (v.clav_cla_visit_date::date + interval '3 months')::date
														   ELSE v.clav_cla_visit_date::date + 42 END)
							OR (m.month_end <= p.clap_cla_placement_start_date::date + 7
								AND NOT EXISTS (SELECT FROM ssd_cla_visits v
												WHERE v.clav_cla_id = e.clae_cla_id AND v.clav_cla_visit_seen = 'Y'
												  AND v.clav_cla_visit_date >= p.clap_cla_placement_start_date::date
												  AND v.clav_cla_visit_date < m.month_end + 1))) AS num,
						count(*) AS den
				 FROM ssd_cla_episodes e
				 JOIN ssd_cla_placement p ON p.clap_cla_placement_id = e.clae_cla_placement_id
				 WHERE e.clae_cla_episode_start_date < m.month_end + 1
				   AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date >= m.month_end + 1)) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));
