-- test/demo/checks.sql: run against the demo database after scripts/demo.sh.
-- Prints one line per check: "ok - ..." or "not ok - ... # details";
-- test/demo.sh numbers them.
--
-- The independent computations use no socialcare function: working days
-- come from a calendar table built from GOV.UK's list
-- (test/data/bank-holidays-govuk.csv, loaded by test/demo.sh into
-- govuk_holiday), month ends from generate_series, re-referrals from a
-- self-join, rates from plain arithmetic, ages from make_date.  They
-- follow the SSD layer's rules (doc/ssd.md): children under 18 at the
-- month end, same-day duplicates counted once (the smallest id), rows
-- with dates in the wrong order left out.

SET search_path = demo, public;

-- The day a child turns 18 (a 29 February birth: 1 March): under 18 at M
-- when M < adult_on(dob); no date of birth: counted.
CREATE FUNCTION pg_temp.adult_on(dob date) RETURNS date LANGUAGE sql
	RETURN make_date(extract(year FROM dob)::integer + 18, extract(month FROM dob)::integer, 1)
		   + (extract(day FROM dob)::integer - 1);
CREATE TEMP TABLE dob AS
SELECT pers_person_id AS person_id, coalesce(pers_dob, pers_expected_dob)::date AS dob FROM ssd_person;
CREATE UNIQUE INDEX ON dob (person_id);

-- Referrals the layer counts: not closed before they start, and of two on
-- one day for a child the one with the smallest id.
CREATE TEMP TABLE referral AS
SELECT e.* FROM ssd_cin_episodes e
WHERE e.cine_referral_date IS NOT NULL
  AND (e.cine_close_date IS NULL OR e.cine_close_date::date >= e.cine_referral_date::date)
  AND NOT EXISTS (SELECT FROM ssd_cin_episodes d
				  WHERE d.cine_person_id = e.cine_person_id AND d.cine_referral_date::date = e.cine_referral_date::date
					AND (d.cine_close_date IS NULL OR d.cine_close_date::date >= d.cine_referral_date::date)
					AND d.cine_referral_id COLLATE "C" < e.cine_referral_id COLLATE "C");
-- (the re-referral check looks a child's earlier referrals up by person)
CREATE INDEX ON referral (cine_person_id, (cine_referral_date::date));
ANALYZE referral;

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
FROM kpi.report_period r,
	 generate_series(date_trunc('month', r.period_start), date_trunc('month', r.period_end), interval '1 month') AS s;

CREATE TEMP TABLE got AS SELECT * FROM kpi.kpi_monthly WHERE kpi_code IN (SELECT code FROM socialcare.kpi);

-- A check's line: ok when every month agrees, else the first differences.
CREATE FUNCTION pg_temp.verdict(description text, bad text[]) RETURNS text
	LANGUAGE sql
	RETURN CASE WHEN cardinality(bad) = 0 THEN 'ok - ' || description
				ELSE 'not ok - ' || description || ' # ' || array_to_string(bad[1:3], '; ') END;

-- Plausibility -----------------------------------------------------------------
SELECT pg_temp.verdict('kpi_monthly has a value for each of 17 KPIs in each of the 15 reported months',
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
-- working days after the referral; not before the referral; one per child
-- and day.
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
				   AND a.cina_assessment_auth_date < m.month_end + 1
				   AND a.cina_assessment_auth_date::date >= e.cine_referral_date::date
				   AND NOT EXISTS (SELECT FROM ssd_cin_assessments a2
								   JOIN ssd_cin_episodes e2 ON e2.cine_referral_id = a2.cina_referral_id
								   WHERE a2.cina_person_id = a.cina_person_id
									 AND a2.cina_assessment_auth_date::date = a.cina_assessment_auth_date::date
									 AND a2.cina_assessment_auth_date::date >= e2.cine_referral_date::date
									 AND a2.cina_assessment_id COLLATE "C" < a.cina_assessment_id COLLATE "C")) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI5: children under 18 with an open referral (not NFA) at M, none of
-- whose open referrals has an allocation open at M, one of them
-- unallocated for more than 5 working days since the referral or the end
-- of its last allocation ended by M.
SELECT pg_temp.verdict('PI5 (unallocated over 5 working days) equals a NOT EXISTS computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI05' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE c.unallocated) AS num, count(*) AS den
				 FROM (SELECT o.cine_person_id,
							  NOT bool_or(o.allocated)
							  AND bool_or((SELECT idx FROM cal WHERE day = m.month_end)
										  - (SELECT idx FROM cal WHERE day = o.since) > 5) AS unallocated
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
										  AND i.invo_involvement_end_date < m.month_end + 1
										  AND i.invo_involvement_end_date > e.cine_referral_date),
									   e.cine_referral_date::date) AS since
					   FROM referral e
					   LEFT JOIN dob d ON d.person_id = e.cine_person_id
					   WHERE e.cine_referral_date < m.month_end + 1
						 AND (e.cine_close_date IS NULL OR e.cine_close_date >= m.month_end + 1)
						 AND e.cine_referral_nfa <> 'Y'
						 AND (d.dob IS NULL OR m.month_end < pg_temp.adult_on(d.dob))) o
				 GROUP BY o.cine_person_id) c) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI10: children under 18 on a CIN plan at M (one row each, the earliest
-- start of their open plans), their last seen visit since that start (or
-- the start) at most 20 working days before M.
SELECT pg_temp.verdict('PI10 (CIN visited in 20 working days) equals a calendar-table computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI10' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE (SELECT idx FROM cal WHERE day = m.month_end)
											   - (SELECT idx FROM cal WHERE day = v.clock) <= 20) AS num,
						count(*) AS den
				 FROM (SELECT c.start,
							  (SELECT v.cinv_cin_visit_date::date FROM ssd_cin_visits v
							   WHERE v.cinv_person_id = c.cinp_person_id AND v.cinv_cin_visit_seen = 'Y'
								 AND v.cinv_cin_visit_date < m.month_end + 1
							   ORDER BY v.cinv_cin_visit_date DESC LIMIT 1) AS last
					   FROM (SELECT p.cinp_person_id, min(p.cinp_cin_plan_start_date::date) AS start
							 FROM ssd_cin_plans p
							 LEFT JOIN dob d ON d.person_id = p.cinp_person_id
							 WHERE p.cinp_cin_plan_start_date < m.month_end + 1
							   AND (p.cinp_cin_plan_end_date IS NULL OR p.cinp_cin_plan_end_date >= m.month_end + 1)
							   AND (d.dob IS NULL OR m.month_end < pg_temp.adult_on(d.dob))
							 GROUP BY p.cinp_person_id) c) v0,
					  LATERAL (SELECT CASE WHEN v0.last IS NULL OR v0.last < v0.start THEN v0.start
										   ELSE v0.last END AS clock) v) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- Re-referrals: a referral is one when the child has another referral on
-- an earlier day at most 12 calendar months before it; referrals of the
-- 12 months to M: from the first day of the month 11 months before M.
SELECT pg_temp.verdict('re-referral rate equals a self-join computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'REREF' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE EXISTS (
							SELECT FROM referral p
							WHERE p.cine_person_id = r.cine_person_id
							  AND p.cine_referral_date::date < r.cine_referral_date::date
							  AND p.cine_referral_date::date >= (r.cine_referral_date::date - interval '12 months')::date)) AS num,
						count(*) AS den
				 FROM referral r
				 WHERE r.cine_referral_date::date >= (m.month_start - interval '11 months')::date
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
				 LEFT JOIN dob d ON d.person_id = p.cppl_person_id
				 WHERE p.cppl_cp_plan_start_date < m.month_end + 1
				   AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date >= m.month_end + 1)
				   AND p.cppl_cp_plan_ola = 'N'
				   AND (d.dob IS NULL OR m.month_end < pg_temp.adult_on(d.dob))) x
			 WHERE round(g.value, 1) <> round(x.n * 10000.0 / x.pop, 1) OR g.numerator <> x.n));

-- PI12: reviews held (not cancelled) from 1 April to M, each in time when
-- the first is at most 20 working days after entering care (the DfE
-- convention: a review on the Saturday after the 20th working day is in
-- time), the second at most 3 calendar months after the previous review
-- day, the others 6 months.  Reviews on one day are one review; reviews
-- dated before entering care are left out.  The previous review by
-- correlated subqueries, not a window.
CREATE TEMP TABLE cla_reviewed AS  -- reviews held, not dated before entering care
SELECT r.clar_cla_id, r.clar_cla_review_date::date AS held, e.entered
FROM ssd_cla_reviews r
JOIN (SELECT clae_cla_id, min(clae_entered_care_date)::date AS entered
	  FROM ssd_cla_episodes GROUP BY clae_cla_id) e ON e.clae_cla_id = r.clar_cla_id
WHERE r.clar_cla_review_cancelled = 'N' AND r.clar_cla_review_date::date >= e.entered;
CREATE INDEX ON cla_reviewed (clar_cla_id, held);
ANALYZE cla_reviewed;

CREATE TEMP TABLE lac_review AS
SELECT r.clar_cla_id, r.held, r.entered,
	   (SELECT count(DISTINCT q.held) FROM cla_reviewed q
		WHERE q.clar_cla_id = r.clar_cla_id AND q.held < r.held) AS earlier,
	   (SELECT max(q.held) FROM cla_reviewed q
		WHERE q.clar_cla_id = r.clar_cla_id AND q.held < r.held) AS previous
FROM cla_reviewed r;

SELECT pg_temp.verdict('PI12 (LAC reviews in timescale, year to date) equals a correlated-subquery computation',
	   ARRAY(SELECT m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 JOIN got g ON g.kpi_code = 'PI12' AND g.month_end = m.month_end
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE CASE r.earlier
							WHEN 0 THEN (SELECT idx FROM cal WHERE day = r.held)
										- (SELECT idx FROM cal WHERE day = r.entered) <= 20
							WHEN 1 THEN r.held <= (r.previous + interval '3 months')::date
							ELSE r.held <= (r.previous + interval '6 months')::date END) AS num,
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
-- last visit: a later visit's due date is never earlier.  One row per
-- child under 18: the episode open at M that started last.
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
				 LEFT JOIN dob d ON d.person_id = e.clae_person_id
				 WHERE e.clae_cla_episode_start_date < m.month_end + 1
				   AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date >= m.month_end + 1)
				   AND (d.dob IS NULL OR m.month_end < pg_temp.adult_on(d.dob))
				   AND NOT EXISTS (SELECT FROM ssd_cla_episodes l
								   WHERE l.clae_person_id = e.clae_person_id
									 AND l.clae_cla_episode_start_date < m.month_end + 1
									 AND (l.clae_cla_episode_ceased_date IS NULL OR l.clae_cla_episode_ceased_date >= m.month_end + 1)
									 AND (l.clae_cla_episode_start_date > e.clae_cla_episode_start_date
										  OR (l.clae_cla_episode_start_date = e.clae_cla_episode_start_date
											  AND l.clae_cla_episode_id COLLATE "C" < e.clae_cla_episode_id COLLATE "C")))) x
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- PI6, PI7, PI8: children on a plan of ours at M (not other authorities'),
-- in time when the last seen visit of the plan, the last review conference
-- of the plan, or the last supervision of the child, each on or after the
-- plan's start (else the start itself), is at most 14 days, 6 calendar
-- months, 28 days before M.  Plain date arithmetic, no chain.
SELECT pg_temp.verdict('PI6, PI7, PI8 (CP visits 2 weeks, reviews 6 months, supervision 4 weeks) equal a date-arithmetic computation',
	   ARRAY(SELECT k || ' ' || m.month_end || ': view ' || g.numerator || '/' || g.denominator || ', expected ' || x.num || '/' || x.den
			 FROM months m
			 CROSS JOIN LATERAL (
				 SELECT count(*) FILTER (WHERE m.month_end - coalesce(c.visit, c.start) <= 14) AS v_num,
						count(*) FILTER (WHERE (coalesce(c.review, c.start) + interval '6 months')::date >= m.month_end) AS r_num,
						count(*) FILTER (WHERE m.month_end - coalesce(c.supervision, c.start) <= 28) AS s_num,
						count(*) AS den
				 FROM (SELECT p.cppl_cp_plan_start_date::date AS start,
							  (SELECT max(v.cppv_cp_visit_date)::date FROM ssd_cp_visits v
							   WHERE v.cppv_cp_plan_id = p.cppl_cp_plan_id AND v.cppv_cp_visit_seen = 'Y'
								 AND v.cppv_cp_visit_date >= p.cppl_cp_plan_start_date::date
								 AND v.cppv_cp_visit_date < m.month_end + 1) AS visit,
							  (SELECT max(r.cppr_cp_review_date)::date FROM ssd_cp_reviews r
							   WHERE r.cppr_cp_plan_id = p.cppl_cp_plan_id
								 AND r.cppr_cp_review_date >= p.cppl_cp_plan_start_date::date
								 AND r.cppr_cp_review_date < m.month_end + 1) AS review,
							  (SELECT max(s.supervision_date)::date FROM ext_case_supervision s
							   WHERE s.person_id = p.cppl_person_id
								 AND s.supervision_date >= p.cppl_cp_plan_start_date::date
								 AND s.supervision_date < m.month_end + 1) AS supervision
					   FROM ssd_cp_plans p
					   LEFT JOIN dob d ON d.person_id = p.cppl_person_id
					   WHERE p.cppl_cp_plan_start_date < m.month_end + 1
						 AND (p.cppl_cp_plan_end_date IS NULL OR p.cppl_cp_plan_end_date >= m.month_end + 1)
						 AND p.cppl_cp_plan_ola = 'N'
						 AND (d.dob IS NULL OR m.month_end < pg_temp.adult_on(d.dob))) c) y
			 CROSS JOIN LATERAL (VALUES ('PI06', y.v_num, y.den), ('PI07', y.r_num, y.den), ('PI08', y.s_num, y.den)) AS x (k, num, den)
			 JOIN got g ON g.kpi_code = x.k AND g.month_end = m.month_end
			 WHERE (g.numerator, g.denominator) <> (x.num, x.den)));

-- The KPI catalogue (demo/catalogue.sql) ------------------------------------------

-- The 17 KPIs with the seed's "Better Performance" (Table 2a; re-referrals
-- and the looked-after rate: lower is better, S001:L262 and L1311) and its
-- comparators, transcribed again here.
SELECT pg_temp.verdict('the catalogue has the 17 KPIs with the seed''s polarity and comparators',
	   ARRAY(SELECT coalesce(e.code, k.code) || ': catalogue ' || coalesce(k.polarity || ' ' || k.cmp, 'missing')
					|| ', seed ' || coalesce(e.polarity || ' ' || e.cmp, 'none')
			 FROM (VALUES ('PI01', 'high', ''), ('PI02', 'low', 'england 43.3 region 45.3 statistical neighbours 57.9'),
						  ('PI03', 'high', 'england 76.9 region 77.0 statistical neighbours 81.5'),
						  ('PI04', 'high', 'england 82.7 region 84.6 statistical neighbours 82.3'),
						  ('PI05', 'low', ''), ('PI06', 'high', ''), ('PI07', 'high', ''), ('PI08', 'high', ''),
						  ('PI09', 'high', ''), ('PI10', 'high', ''), ('PI11', 'high', ''), ('PI12', 'high', ''),
						  ('PI13', 'low', 'england 17 region 19.2 statistical neighbours 20'),
						  ('PI14', 'low', 'england 17.8 region 18.7 statistical neighbours 19.1'),
						  ('PI15', 'high', ''), ('REREF', 'low', ''), ('LACRATE', 'low', 'statistical neighbours 89'))
				  AS e (code, polarity, cmp)
			 FULL JOIN (SELECT k.code, k.polarity,
							   coalesce((SELECT string_agg(c.comparator || ' ' || c.value, ' ' ORDER BY c.comparator)
										 FROM socialcare.kpi_comparator c WHERE c.kpi = k.code), '') AS cmp
						FROM socialcare.kpi k) k ON k.code = e.code
			 WHERE (e.polarity, e.cmp) IS DISTINCT FROM (k.polarity, k.cmp)));

SELECT pg_temp.verdict('the catalogue''s values equal kpi_monthly, numerator and denominator included, every KPI and month',
	   ARRAY(SELECT coalesce(g.kpi_code, v.kpi) || ' ' || coalesce(g.month_end, v.month) || ': view '
					|| coalesce(g.numerator || '/' || g.denominator || '=' || g.value, 'none') || ', catalogue '
					|| coalesce(v.numerator || '/' || v.denominator || '=' || v.value, 'none')
			 FROM got g
			 FULL JOIN socialcare.kpi_value v ON v.kpi = g.kpi_code AND v.month = g.month_end
			 WHERE (g.value, g.numerator, g.denominator) IS DISTINCT FROM (v.value, v.numerator, v.denominator)));

-- The scorecard for the 12 months to the period's end, against plain SQL
-- over kpi_monthly: one row per KPI and month; the RAG of a KPI with a
-- target, from its target and tolerance (high: green at or above the
-- target, amber down to target - tolerance, red below; low mirrored); the
-- direction against last month, the mean of the 3 months before, and each
-- comparator, values rounded to whole numbers half away from zero (the
-- seed's rule: numeric round(), asked for with compare_at => 'whole'; the
-- default compares at each KPI's decimals).  Every month has its 3 months
-- before in the catalogue, so every arrow with something to compare is there.
CREATE TEMP TABLE card AS
SELECT * FROM socialcare.scorecard(as_at => (SELECT max(month_end) FROM months), months => 12, compare_at => 'whole');

-- up, down or no change of value against baseline, both rounded to whole
-- numbers; NULL when either is NULL.
CREATE FUNCTION pg_temp.dir(value numeric, baseline numeric) RETURNS text
	LANGUAGE sql
	RETURN CASE sign(round(value) - round(baseline)) WHEN 1 THEN 'up' WHEN -1 THEN 'down' WHEN 0 THEN 'no change' END;

CREATE TEMP TABLE expected_card AS
WITH series AS (
	SELECT g.kpi_code, g.month_end, g.value,
		   lag(g.value) OVER w AS last_month,
		   CASE WHEN count(g.value) OVER w3 = 3 THEN avg(g.value) OVER w3 END AS average
	FROM got g
	WINDOW w AS (PARTITION BY g.kpi_code ORDER BY g.month_end),
		   w3 AS (w ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING))
SELECT s.kpi_code, s.month_end,
	   CASE WHEN k.target IS NULL THEN NULL
			WHEN (k.polarity = 'high' AND s.value >= k.target) OR (k.polarity = 'low' AND s.value <= k.target) THEN 'green'
			WHEN (k.polarity = 'high' AND s.value >= k.target - k.tolerance)
			  OR (k.polarity = 'low' AND s.value <= k.target + k.tolerance) THEN 'amber'
			ELSE 'red' END AS rag,
	   pg_temp.dir(s.value, s.last_month) AS change_direction,
	   pg_temp.dir(s.value, s.average) AS average_direction,
	   pg_temp.dir(s.value, (SELECT value FROM socialcare.kpi_comparator c
						   WHERE c.kpi = s.kpi_code AND c.comparator = 'statistical neighbours')) AS vs_sn,
	   pg_temp.dir(s.value, (SELECT value FROM socialcare.kpi_comparator c
						   WHERE c.kpi = s.kpi_code AND c.comparator = 'england')) AS vs_england,
	   pg_temp.dir(s.value, (SELECT value FROM socialcare.kpi_comparator c
						   WHERE c.kpi = s.kpi_code AND c.comparator = 'region')) AS vs_region
FROM series s
JOIN socialcare.kpi k ON k.code = s.kpi_code
WHERE s.month_end > (SELECT max(month_end) FROM months) - interval '12 months';

SELECT pg_temp.verdict('the scorecard has one row per KPI and month: 17 KPIs by the 12 months to the period''s end',
	   ARRAY(SELECT 'rows ' || count(*) || ', KPIs ' || count(DISTINCT kpi) || ', months ' || count(DISTINCT month)
					|| ', pairs ' || count(DISTINCT (kpi, month)) || ', latest ' || max(month) FILTER (WHERE is_latest)
			 FROM card
			 HAVING (count(*), count(DISTINCT kpi), count(DISTINCT month), count(DISTINCT (kpi, month)))
					<> (204, 17, 12, 204)
				 OR max(month) FILTER (WHERE is_latest) <> (SELECT max(month_end) FROM months)));

SELECT pg_temp.verdict('the scorecard''s RAG equals target and tolerance in plain SQL, and every KPI with a target has one every month',
	   ARRAY(SELECT c.kpi || ' ' || c.month || ': scorecard ' || coalesce(c.rag::text, 'none') || ', expected '
					|| coalesce(e.rag, 'none')
			 FROM card c JOIN expected_card e ON e.kpi_code = c.kpi AND e.month_end = c.month
			 WHERE c.rag::text IS DISTINCT FROM e.rag)
	   || ARRAY(SELECT c.kpi || ' ' || c.month || ': no RAG' FROM card c
				WHERE c.rag IS NULL AND c.kpi <> 'LACRATE'));

SELECT pg_temp.verdict('the scorecard''s arrows (last month, 3-month average, comparators) equal plain SQL, every month',
	   ARRAY(SELECT c.kpi || ' ' || c.month || ': scorecard '
					|| concat_ws('/', c.change_direction, c.average_direction, c.vs_statistical_neighbours, c.vs_england, c.vs_region)
					|| ', expected ' || concat_ws('/', e.change_direction, e.average_direction, e.vs_sn, e.vs_england, e.vs_region)
			 FROM card c JOIN expected_card e ON e.kpi_code = c.kpi AND e.month_end = c.month
			 WHERE (c.change_direction, c.average_direction, c.vs_statistical_neighbours, c.vs_england, c.vs_region)
				   IS DISTINCT FROM (e.change_direction, e.average_direction, e.vs_sn, e.vs_england, e.vs_region))
	   || ARRAY(SELECT 'arrows against last month ' || count(c.change_direction) || ', the average ' || count(c.average_direction)
					   || ', SN ' || count(c.vs_statistical_neighbours) || ', England ' || count(c.vs_england)
					   || ', region ' || count(c.vs_region) || '; expected 204, 204, 72, 60, 60'
				FROM card c
				HAVING (count(c.change_direction), count(c.average_direction), count(c.vs_statistical_neighbours),
						count(c.vs_england), count(c.vs_region)) <> (204, 204, 72, 60, 60)));
