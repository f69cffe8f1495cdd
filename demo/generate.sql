-- demo/generate.sql: a deterministic synthetic authority the size of
-- Sandwell, set-based (no row-by-row loops).
--
-- psql variables (scripts/demo.sh sets them; defaults below):
--   seed           the pseudo-random seed (same seed, same data)
--   history_start  first day of recorded activity (the extract's history)
--   period_end     last day of data (the scorecard's last month)
--   scale          how many times the size of Sandwell (a whole number,
--                  default 1): children, referrals, periods of care,
--                  audits, posts and the population all grow with it (the
--                  benchmark test/bench/ssd_layer.sh uses 5)
--
-- Every random draw is demo.rnd(key): a hash of a text key that names the
-- draw (which record, which attribute), so a row's values do not depend
-- on how many rows come before it or on the plan's order.
--
-- The magnitudes follow the seed report (Sandwell, 2018): about 81,000
-- children aged 0-17, 5,000 referrals a year with about 22% re-referrals,
-- 560-900 children on CP plans, about 900 looked after.  Imperfections on
-- purpose: contacts and referrals on weekends and bank holidays (fewer),
-- decisions delayed by weekends and Christmas, contact times not recorded
-- (midnight), assessments never authorised, reviews not recorded, visits
-- not seen, RHI offers not recorded, same-day duplicate referrals, plans
-- of other local authorities, unallocated gaps between workers, audits not
-- returned.

\if :{?seed}
\else
\set seed 20181231
\endif
\if :{?history_start}
\else
\set history_start 2014-04-01
\endif
\if :{?period_end}
\else
\set period_end 2018-12-31
\endif
\if :{?scale}
\else
\set scale 1
\endif
SELECT (:'scale' ~ '^[1-9][0-9]{0,2}$') AS scale_ok \gset
\if :scale_ok
\else
\warn 'scale must be a whole number from 1 to 999'
\quit
\endif

SET search_path = demo, pg_catalog;
SET client_min_messages = warning;

-- A uniform draw in [0, 1) named by key: 53 bits of a 64-bit hash.
CREATE FUNCTION rnd(key text) RETURNS float8
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (hashtextextended(key, :seed) & 9007199254740991)::float8 / 9007199254740992.0;
-- A uniform integer in [lo, hi].
CREATE FUNCTION rint(key text, lo integer, hi integer) RETURNS integer
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN lo + floor(demo.rnd(key) * (hi - lo + 1))::integer;
-- Children: 12.33 born a day from 1995 (4,500 a year, so about 81,000 aged
-- 0-17 on any day).  Child k is born on day k / 12.33.
CREATE FUNCTION child_dob(k bigint) RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN date '1995-01-01' + floor(k / (12.33 * :scale))::integer;
-- The child born age_years before day d (one of that day's births).
CREATE FUNCTION child_at(d date, age_years float8, key text) RETURNS bigint
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN greatest(0, floor(((d - (age_years * 365.25)::integer) - date '1995-01-01') * 12.33 * :scale
						 + demo.rnd(key) * 12 * :scale)::bigint);
-- Staff and teams are drawn by number.
CREATE FUNCTION team_of(worker integer) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN 'T' || lpad((CASE WHEN worker > 200 THEN 1 + worker % 2 ELSE 3 + worker % 10 END)::text, 2, '0');
-- A date that lands on a weekend or bank holiday moves to the next working
-- day with probability p (most offices are closed; some work is done).
CREATE FUNCTION mostly_working(d date, p float8, key text) RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN CASE WHEN demo.rnd(key) < p THEN socialcare.working_day_on_or_after(d) ELSE d END;

-- The months the views report: the scorecard's 12 and the 3 before, which
-- its first months' arrows (last month, the previous three months'
-- average) compare with.
INSERT INTO ext_reporting_period
VALUES ((date_trunc('month', :'period_end'::date) - interval '14 months')::date, :'period_end');

-- Teams and staff -----------------------------------------------------------
INSERT INTO ssd_department
SELECT 'T' || lpad(t::text, 2, '0'),
	   CASE t WHEN 1 THEN 'MASH / single point of contact' WHEN 2 THEN 'Family solutions'
			  WHEN 3 THEN 'Single assessment team 1' WHEN 4 THEN 'Single assessment team 2'
			  WHEN 11 THEN 'Looked after children team 1' WHEN 12 THEN 'Looked after children team 2'
			  ELSE 'Care management team ' || (t - 4) END,
	   'T00', 'Children''s social care'
FROM generate_series(1, 12) AS t;

INSERT INTO ssd_professionals
SELECT 'W' || w, 'S' || (10000 + w), 'Worker ' || w, 'SW' || (50000 + w * 7),
	   CASE WHEN w % 25 = 0 THEN 'Senior social worker' ELSE 'Social worker' END,
	   NULL, (SELECT dept_team_name FROM ssd_department WHERE dept_team_id = team_of(w)),
	   CASE WHEN rnd('fte' || w) < 0.85 THEN 1.0 ELSE 0.6 END,
	   CASE WHEN rnd('agency' || w) < 0.28 THEN 'Y' ELSE 'N' END
FROM generate_series(1, 240) AS w;

-- Children --------------------------------------------------------------------
INSERT INTO ssd_person (pers_person_id, pers_sex, pers_gender, pers_ethnicity, pers_dob, pers_upn)
SELECT 'P' || k,
	   CASE WHEN rnd('sex' || k) < 0.512 THEN 'M' ELSE 'F' END,
	   NULL,
	   (ARRAY['WBRI','WBRI','WBRI','WBRI','WBRI','WBRI','AIND','AIND','APKN','ABAN','BCRB','BAFR','MWBC','WOTH','OOTH','REFU'])
		   [1 + floor(rnd('eth' || k) * 16)::integer],
	   child_dob(k),
	   NULL
FROM generate_series(0, floor((:'period_end'::date - date '1995-01-01') * 12.33 * :scale)::bigint) AS k;

-- Referral chains -----------------------------------------------------------
-- 3,650 first referrals a year; each is followed by another with
-- probability 0.27 (up to 4 more), 72% of them within 12 months:
-- about 22% of referrals are re-referrals.
CREATE TEMP TABLE g_ref AS
WITH base AS (
	SELECT b, :'history_start'::date
			  + floor(rnd('d0' || b) * (:'period_end'::date - :'history_start'::date + 1))::integer AS d0,
		   least(4, floor(ln(1 - rnd('len' || b)) / ln(0.27))::integer) AS extra
	FROM generate_series(1, floor(3650 * :scale * (:'period_end'::date - :'history_start'::date + 1) / 365.25)::integer) AS b
), chain AS (
	SELECT b, j, d0 + (sum(CASE WHEN j = 0 THEN 0
								WHEN rnd('gap' || b || '.' || j) < 0.72 THEN rint('gd' || b || '.' || j, 14, 365)
								ELSE rint('gd' || b || '.' || j, 366, 900) END)
						OVER (PARTITION BY b ORDER BY j))::integer AS d,
		   child_at(d0, rnd('age' || b) * 17.9, 'who' || b) AS k
	FROM base, generate_series(0, base.extra) AS j
), dated AS (
	SELECT 'R' || b || '.' || j AS rid, b, j, k,
		   mostly_working(d::date, 0.7, 'wk' || b || '.' || j) AS d
	FROM chain
	WHERE d <= :'period_end'::date
), timed AS (
	SELECT rid, b, j, k, d,
		   -- arrival: office hours mostly; 2% recorded without a time
		   CASE WHEN rnd('notime' || rid) < 0.02 THEN d::timestamp
				ELSE d + make_interval(mins => CASE WHEN rnd('eve' || rid) < 0.1 THEN rint('m' || rid, 1080, 1430)
													 ELSE rint('m' || rid, 480, 1050) END) END AS contact_ts,
		   -- decision delay in hours: most within a day, some held over
		   CASE WHEN rnd('dl' || rid) < 0.78 THEN 0.3 + rnd('dh' || rid) * 22
				WHEN rnd('dl2' || rid) < 0.75 THEN 24 + rnd('dh' || rid) * 48
				ELSE 72 + rnd('dh' || rid) * 100 END AS delay_h
	FROM dated
	WHERE d < child_dob(k) + interval '18 years' AND d >= child_dob(k)
)
SELECT rid, b, j, 'P' || k AS pid, child_dob(k) AS dob, contact_ts, decided AS ref_ts,
	   decided::date AS ref_date,
	   rnd('nfa' || rid) < 0.08 AS nfa,
	   -- assessment length in working days from the referral
	   CASE WHEN rnd('al' || rid) < 0.845 THEN rint('ad' || rid, 8, 45) ELSE rint('ad' || rid, 46, 85) END AS ass_wd,
	   rnd('amiss' || rid) < 0.01 AS ass_missing,
	   rnd('s47' || rid) < 0.27 AS s47,
	   rnd('icpc' || rid) < 0.8 AS icpc,
	   CASE WHEN rnd('iw' || rid) < 0.80 THEN rint('id' || rid, 4, 15) ELSE rint('id' || rid, 16, 32) END AS icpc_wd,
	   rnd('plan' || rid) AS plan_draw,
	   CASE WHEN rnd('pl' || rid) < 0.2 THEN 60 + rint('pd' || rid, 0, 60)
			WHEN rnd('pl2' || rid) < 0.69 THEN rint('pd' || rid, 240, 540)
			ELSE rint('pd' || rid, 540, 900) END AS plan_days,
	   rnd('cin' || rid) < 0.36 AS cinplan,
	   rint('cd' || rid, 60, 330) AS cin_days,
	   CASE WHEN rnd('alc' || rid) < 0.8 THEN rint('ald' || rid, 0, 2)
			WHEN rnd('alc2' || rid) < 0.4 THEN rint('ald' || rid, 3, 5)
			ELSE rint('ald' || rid, 6, 25) END AS alloc_wd
FROM timed,
	 LATERAL (SELECT contact_ts + make_interval(secs => delay_h * 3600) AS raw) r,
	 -- a decision that lands out of hours waits for the next working morning
	 LATERAL (SELECT CASE WHEN socialcare.is_working_day(r.raw::date) THEN r.raw
						  ELSE socialcare.working_day_on_or_after(r.raw::date) + time '09:30'
							   + make_interval(mins => rint('dm' || rid, 0, 300)) END AS decided) dd
WHERE decided::date <= :'period_end'::date;

-- Same-day duplicates: 0.5% of referrals were recorded twice.
INSERT INTO g_ref
SELECT rid || 'd', b, j + 100, pid, dob, contact_ts + interval '1 minute', ref_ts + interval '1 minute', ref_date,
	   true, ass_wd, ass_missing, false, false, icpc_wd, plan_draw, plan_days, false, cin_days, alloc_wd
FROM g_ref WHERE rnd('dup' || rid) < 0.005;

-- Timelines: assessment, s47, ICPC, CP plan, CIN plan, allocation, closure.
CREATE TEMP TABLE g_case AS
SELECT g.*,
	   a.auth_date, s.s47_start, c.icpc_date, p.plan_start, p.plan_end, ci.cin_start, ci.cin_end,
	   socialcare.add_working_days(g.ref_date, g.alloc_wd) AS alloc_date,
	   CASE WHEN g.nfa THEN g.ref_date + rint('nc' || g.rid, 0, 3)
			WHEN a.auth_date IS NULL THEN NULL
			WHEN p.plan_start IS NOT NULL THEN p.plan_end
			WHEN ci.cin_start IS NOT NULL THEN ci.cin_end
			ELSE a.auth_date + rint('cc' || g.rid, 1, 25) END AS close_raw
FROM g_ref g
	 LEFT JOIN LATERAL (SELECT socialcare.add_working_days(g.ref_date, g.ass_wd) AS auth_date
						WHERE NOT g.nfa AND NOT g.ass_missing) a ON true
	 LEFT JOIN LATERAL (SELECT socialcare.add_working_days(g.ref_date, rint('sd' || g.rid, 0, 3)) AS s47_start
						WHERE NOT g.nfa AND g.s47) s ON true
	 LEFT JOIN LATERAL (SELECT socialcare.add_working_days(s.s47_start, g.icpc_wd) AS icpc_date
						WHERE g.icpc) c ON s.s47_start IS NOT NULL
	 -- fewer ICPCs led to a plan from September 2017 (the seed's falling CP numbers)
	 LEFT JOIN LATERAL (SELECT c.icpc_date AS plan_start,
							   least(c.icpc_date + g.plan_days, (g.dob + interval '18 years')::date) AS plan_end
						WHERE g.plan_draw < CASE WHEN c.icpc_date < date '2017-09-01' THEN 0.95 ELSE 0.55 END) p
		 ON c.icpc_date IS NOT NULL
	 LEFT JOIN LATERAL (SELECT a.auth_date AS cin_start,
							   least(a.auth_date + g.cin_days, (g.dob + interval '18 years')::date) AS cin_end
						WHERE g.cinplan) ci ON a.auth_date IS NOT NULL AND p.plan_start IS NULL;

-- Looked-after children -----------------------------------------------------
-- Periods of care starting from 2004 (so the 2018 population is in steady
-- state): 250 a year, 330 a year from 2018 (the seed's rising numbers).
-- Each starts with its own referral; 1 to 4 placements.
CREATE TEMP TABLE g_lac AS
WITH starts AS (
	SELECT n, CASE WHEN n <= 3500 * :scale THEN date '2004-01-01' + floor(rnd('ls' || n) * (date '2018-01-01' - date '2004-01-01'))::integer
				   ELSE date '2018-01-01' + floor(rnd('ls' || n) * (:'period_end'::date - date '2018-01-01' + 1))::integer END AS d,
		   rnd('la' || n) * 16.5 AS age
	FROM generate_series(1, 3500 * :scale + floor(330 * :scale * (:'period_end'::date - date '2018-01-01' + 1) / 365.25)::integer) AS n
)
SELECT 'L' || n AS cla_id, n, 'P' || k AS pid, child_dob(k) AS dob, d AS entered,
	   nullif(least(d + CASE WHEN rnd('lt' || n) < 0.25 THEN rint('lq' || n, 20, 365)
							 WHEN rnd('lt2' || n) < 0.55 THEN rint('lq' || n, 366, 1460)
							 ELSE rint('lq' || n, 1461, 4400) END,
					(child_dob(k) + interval '18 years')::date,
					:'period_end'::date + 1), :'period_end'::date + 1) AS left_care,
	   rint('np' || n, 1, 4) AS placements
FROM starts, LATERAL (SELECT child_at(d, age, 'lw' || n) AS k) c
WHERE d <= :'period_end'::date;

CREATE TEMP TABLE g_placement AS
SELECT l.cla_id, l.pid, l.n, i AS pno,
	   'LP' || l.n || '.' || i AS placement_id,
	   l.entered + (span * (i - 1) / l.placements) AS pstart,
	   CASE WHEN i = l.placements THEN l.left_care ELSE l.entered + (span * i / l.placements) END AS pend,
	   (ARRAY['U1','U4','U1','U3','U3','U6','U5','K2','R1','P1'])[1 + floor(rnd('pt' || l.n || '.' || i) * 10)::integer] AS ptype
FROM g_lac l,
	 LATERAL (SELECT coalesce(l.left_care, :'period_end'::date) - l.entered AS span) s,
	 generate_series(1, l.placements) AS i;

-- SSD tables ------------------------------------------------------------------
INSERT INTO ssd_cin_episodes
SELECT rid, pid, ref_ts, 'N' || rint('need' || rid, 1, 8),
	   src, (ARRAY['Police','School','Health','Individual','LA services','Other'])[1 + rint('src' || rid, 0, 5)],
	   jsonb_build_object('SINGLE_ASSESSMENT_FLAG', CASE WHEN nfa THEN 'N' ELSE 'Y' END,
						  'NFA_FLAG', CASE WHEN nfa THEN 'Y' ELSE 'N' END,
						  'STRATEGY_DISCUSSION_FLAG', CASE WHEN s47_start IS NOT NULL THEN 'Y' ELSE 'N' END)::text,
	   CASE WHEN nfa THEN 'Y' ELSE 'N' END,
	   CASE WHEN close_date IS NULL THEN NULL WHEN nfa OR (plan_start IS NULL AND cin_start IS NULL) THEN 'RC8' ELSE 'RC1' END,
	   close_date,
	   'T01', 'W' || rint('rw' || rid, 201, 240)
FROM g_case,
	 LATERAL (SELECT (ARRAY['1A','2B','3A','4','5A','9'])[1 + rint('src' || rid, 0, 5)] AS src) s,
	 LATERAL (SELECT CASE WHEN close_raw <= :'period_end'::date THEN close_raw::timestamp END AS close_date) c;

-- Periods of care have their own referral, open while the child is in care.
INSERT INTO ssd_cin_episodes
SELECT 'RL' || n, pid, (entered - rint('lr' || n, 0, 20))::timestamp, 'N1', '3A', 'LA services',
	   jsonb_build_object('CLA_REQUEST_FLAG', 'Y')::text, 'N',
	   CASE WHEN left_care IS NOT NULL THEN 'RC1' END, left_care
FROM g_lac;

-- Contacts: one per referral, and 1.6 times as many that did not become one.
INSERT INTO ssd_contacts
SELECT 'C' || rid, pid, contact_ts, '1B', 'Police',
	   jsonb_build_object('NEW_REFERRAL_FLAG', 'Y', 'NFA_FLAG', 'N', 'ADVICE_FLAG', 'N')::text
FROM g_ref;
INSERT INTO ext_contact_decision SELECT 'C' || rid, ref_ts, rid, 'Y' FROM g_ref;

INSERT INTO ssd_contacts
SELECT 'CN' || c, 'P' || child_at(d, rnd('cna' || c) * 17.9, 'cnw' || c),
	   d + make_interval(mins => rint('cnm' || c, 420, 1300)), '2B', 'School',
	   jsonb_build_object('NEW_REFERRAL_FLAG', 'N', 'NFA_FLAG', CASE WHEN rnd('cnf' || c) < 0.6 THEN 'Y' ELSE 'N' END,
						  'ADVICE_FLAG', CASE WHEN rnd('cnf' || c) < 0.6 THEN 'N' ELSE 'Y' END)::text
FROM generate_series(1, (SELECT (count(*) * 1.6)::integer FROM g_ref)) AS c,
	 LATERAL (SELECT mostly_working(:'history_start'::date
									+ floor(rnd('cnd' || c) * (:'period_end'::date - :'history_start'::date + 1))::integer,
									0.75, 'cnk' || c) AS d) dd;

INSERT INTO ssd_cin_assessments
SELECT 'A' || rid, pid, rid, (ref_date + rint('as' || rid, 0, 2))::timestamp, CASE WHEN rnd('seen' || rid) < 0.97 THEN 'Y' ELSE 'N' END,
	   CASE WHEN auth_date <= :'period_end'::date THEN auth_date + time '16:00' END,
	   jsonb_build_object('NFA_FLAG', CASE WHEN plan_start IS NULL AND cin_start IS NULL THEN 'Y' ELSE 'N' END,
						  'PROV_OF_SERVICES_FLAG', CASE WHEN cin_start IS NOT NULL THEN 'Y' ELSE 'N' END)::text,
	   CASE WHEN plan_start IS NULL AND cin_start IS NULL THEN 'Y' ELSE 'N' END,
	   team_of(w), 'W' || w
FROM g_case, LATERAL (SELECT rint('aw' || rid, 1, 200) AS w) ww
WHERE NOT nfa;

INSERT INTO ssd_s47_enquiry
SELECT 'S' || rid, rid, pid, s47_start, CASE WHEN e <= :'period_end'::date THEN e::timestamp END,
	   CASE WHEN icpc_date IS NULL THEN 'Y' ELSE 'N' END,
	   jsonb_build_object('CP_CONFERENCE_FLAG', CASE WHEN icpc_date IS NULL THEN 'N' ELSE 'Y' END)::text,
	   'T01', 'W' || rint('sw' || rid, 201, 240)
FROM g_case, LATERAL (SELECT socialcare.add_working_days(s47_start, rint('se' || rid, 3, 14)) AS e) ee
WHERE s47_start IS NOT NULL AND s47_start <= :'period_end'::date;

-- ICPCs: one row per child; 3% are transfers in from another authority.
INSERT INTO ssd_initial_cp_conference
SELECT 'I' || rid, 'M' || rid, 'S' || rid, pid, CASE WHEN plan_start IS NOT NULL THEN 'CP' || rid END, rid,
	   CASE WHEN rnd('tin' || rid) < 0.03 THEN 'Y' ELSE 'N' END,
	   socialcare.add_working_days(s47_start, 15), icpc_date,
	   CASE WHEN plan_start IS NOT NULL THEN 'Y' ELSE 'N' END,
	   jsonb_build_object('CP_FLAG', CASE WHEN plan_start IS NOT NULL THEN 'Y' ELSE 'N' END)::text,
	   'T05', 'W' || rint('iw' || rid, 1, 200)
FROM g_case WHERE icpc_date <= :'period_end'::date;

-- CP plans; 1% belong to another local authority.
INSERT INTO ssd_cp_plans
SELECT 'CP' || rid, rid, 'I' || rid, pid, plan_start,
	   CASE WHEN plan_end <= :'period_end'::date THEN plan_end::timestamp END,
	   CASE WHEN rnd('ola' || rid) < 0.01 THEN 'Y' ELSE 'N' END, cat, cat
FROM g_case,
	 LATERAL (SELECT (ARRAY['Neglect','Neglect','Emotional abuse','Emotional abuse','Physical abuse','Sexual abuse','Multiple'])
					 [1 + rint('cat' || rid, 0, 6)] AS cat) c
WHERE plan_start <= :'period_end'::date;

INSERT INTO ssd_cin_plans
SELECT 'CN' || rid, rid, pid, cin_start, CASE WHEN cin_end <= :'period_end'::date THEN cin_end::timestamp END,
	   team_of(w), 'W' || w
FROM g_case, LATERAL (SELECT rint('aw' || rid, 1, 200) AS w) ww
WHERE cin_start <= :'period_end'::date;

-- Recurring events: gaps drawn per event, summed along the plan ---------------
-- CP visits: three quarters within 5 to 13 days of the last, the rest 15 to
-- 28; 4% of visits the child was not seen.
INSERT INTO ssd_cp_visits
SELECT 'V' || rid || '.' || i, pid, 'CP' || rid, v::timestamp + time '11:00',
	   CASE WHEN rnd('vs' || rid || '.' || i) < 0.96 THEN 'Y' ELSE 'N' END,
	   CASE WHEN rnd('va' || rid || '.' || i) < 0.7 THEN 'Y' ELSE 'N' END,
	   CASE WHEN rnd('vb' || rid || '.' || i) < 0.5 THEN 'Y' ELSE 'N' END
FROM (SELECT rid, pid, i, plan_start, coalesce(plan_end, :'period_end'::date) AS until,
			 mostly_working(plan_start + sum(CASE WHEN rnd('vg' || rid || '.' || i) < 0.75 THEN rint('vd' || rid || '.' || i, 5, 13)
												  ELSE rint('vd' || rid || '.' || i, 15, 28) END)
										 OVER (PARTITION BY rid ORDER BY i)::integer, 0.9, 'vw' || rid || '.' || i) AS v
	  FROM g_case, generate_series(1, (least(plan_end, :'period_end'::date) - plan_start) / 5 + 1) AS i
	  WHERE plan_start <= :'period_end'::date) x
WHERE v <= least(until, :'period_end'::date);

-- CP reviews: the first 3 months after the ICPC, then every 6 months; a
-- third held late (10 to 60 days); 3% held but never recorded.
INSERT INTO ssd_cp_reviews
SELECT 'RV' || rid || '.' || i, pid, 'CP' || rid,
	   CASE WHEN i = 1 THEN plan_start + interval '3 months' ELSE prev + interval '6 months' END,
	   held::timestamp, 'RM' || rid || '.' || i, CASE WHEN held < coalesce(until, 'infinity') THEN 'Y' ELSE 'N' END, 'Y', 'PN1'
FROM (SELECT rid, pid, i, plan_start, plan_end AS until, held, lag(held) OVER (PARTITION BY rid ORDER BY i) AS prev
	  FROM (SELECT rid, pid, i, plan_start, plan_end,
				   plan_start + sum(CASE WHEN i = 1 THEN 91 ELSE 182 END
									+ CASE WHEN rnd('rl' || rid || '.' || i) < 0.35 THEN rint('rd' || rid || '.' || i, 10, 60)
										   ELSE -rint('rd' || rid || '.' || i, 0, 14) END)
							OVER (PARTITION BY rid ORDER BY i)::integer AS held
			FROM g_case, generate_series(1, (least(plan_end, :'period_end'::date) - plan_start) / 150 + 1) AS i
			WHERE plan_start <= :'period_end'::date) r) x
WHERE held <= least(coalesce(until, :'period_end'::date), :'period_end'::date)
  AND rnd('rmiss' || rid || '.' || i) >= 0.03;

-- Supervision of CP cases: 30% within 2 to 4 weeks of the last, the rest
-- 4 to 9 weeks.
INSERT INTO ext_case_supervision
SELECT 'SU' || rid || '.' || i, pid, s::timestamp + time '14:00', 'W' || (200 + rint('sup' || rid, 1, 12)), 'T05'
FROM (SELECT rid, pid, i, coalesce(plan_end, :'period_end'::date) AS until,
			 socialcare.working_day_on_or_after(plan_start + sum(CASE WHEN rnd('sg' || rid || '.' || i) < 0.3 THEN rint('sdd' || rid || '.' || i, 14, 28)
																	  ELSE rint('sdd' || rid || '.' || i, 29, 63) END)
														 OVER (PARTITION BY rid ORDER BY i)::integer) AS s
	  FROM g_case, generate_series(1, (least(plan_end, :'period_end'::date) - plan_start) / 14 + 1) AS i
	  WHERE plan_start <= :'period_end'::date) x
WHERE s <= least(until, :'period_end'::date);

-- CIN visits: 35% within 10 to 27 days of the last, the rest 28 to 55.
INSERT INTO ssd_cin_visits
SELECT 'CV' || rid || '.' || i, pid, v::timestamp + time '10:00',
	   CASE WHEN rnd('cvs' || rid || '.' || i) < 0.95 THEN 'Y' ELSE 'N' END, 'N', 'N'
FROM (SELECT rid, pid, i, coalesce(cin_end, :'period_end'::date) AS until,
			 mostly_working(cin_start + sum(CASE WHEN rnd('cg' || rid || '.' || i) < 0.35 THEN rint('cvd' || rid || '.' || i, 10, 27)
												 ELSE rint('cvd' || rid || '.' || i, 28, 55) END)
										OVER (PARTITION BY rid ORDER BY i)::integer, 0.9, 'cw' || rid || '.' || i) AS v
	  FROM g_case, generate_series(1, (least(cin_end, :'period_end'::date) - cin_start) / 10 + 1) AS i
	  WHERE cin_start <= :'period_end'::date) x
WHERE v <= least(until, :'period_end'::date);

-- Allocations: the allocated worker from a few working days after the
-- referral until closure; 15% of long cases change worker halfway,
-- 30% of those with a gap of 3 to 20 working days.
CREATE TEMP TABLE g_alloc AS
SELECT rid, pid, alloc_date AS a_start, close_raw AS a_end FROM g_case WHERE NOT nfa AND alloc_date <= :'period_end'::date
UNION ALL
SELECT 'RL' || n, pid, entered - rint('lr' || n, 0, 20) + rint('lal' || n, 0, 3), left_care FROM g_lac;

INSERT INTO ssd_involvements
SELECT 'IV' || rid || '.' || part, 'W' || w, 'ALLOCATED CASE WORKER', team_of(w), pid,
	   s::timestamp + time '09:00', CASE WHEN e <= :'period_end'::date THEN e::timestamp + time '17:00' END,
	   CASE WHEN part = 2 THEN 'LEFTRL' END, rid
FROM g_alloc a,
	 LATERAL (SELECT rnd('chg' || rid) < 0.15 AND coalesce(a_end, :'period_end'::date) - a_start > 180 AS changes,
					 a_start + (coalesce(a_end, :'period_end'::date) - a_start) / 2 AS mid) c,
	 LATERAL (SELECT 1 AS part, a_start AS s, CASE WHEN changes THEN mid ELSE a_end END AS e
			  UNION ALL
			  SELECT 2, CASE WHEN rnd('gap' || rid) < 0.3 THEN socialcare.add_working_days(mid, rint('gw' || rid, 3, 20)) ELSE mid END, a_end
			  WHERE changes) p,
	 LATERAL (SELECT rint('who' || rid || '.' || part, 1, 200) AS w) ww
WHERE s <= :'period_end'::date AND (e IS NULL OR s <= e);

-- Looked after: episodes = placements (a new episode at each move).
INSERT INTO ssd_cla_episodes
SELECT 'E' || placement_id, p.pid, pstart, CASE WHEN pno = 1 THEN 'S' ELSE 'P' END, 'N1',
	   pend, CASE WHEN pend IS NULL THEN NULL WHEN pend = l.left_care THEN 'E13' ELSE 'X1' END,
	   p.cla_id, 'RL' || p.n, placement_id, l.entered, NULL
FROM g_placement p JOIN g_lac l USING (cla_id);

INSERT INTO ssd_cla_placement
SELECT placement_id, cla_id, pid, pstart, pend, ptype, 'PR' || rint('prov' || placement_id, 0, 5),
	   NULL, NULL, round((rnd('dist' || placement_id) * 40)::numeric, 1)::float8,
	   CASE WHEN pend IS NOT NULL THEN 'CARPL' END
FROM g_placement;

-- LAC visits: within a week of each placement (80%), then 3 to 6 weeks
-- apart (80%) or 6 to 9; long-term foster placements every 2 to 3 months
-- after the first year.
INSERT INTO ssd_cla_visits
SELECT 'LV' || placement_id || '.' || i, cla_id, pid, v::timestamp + time '15:00',
	   CASE WHEN rnd('lvs' || placement_id || '.' || i) < 0.97 THEN 'Y' ELSE 'N' END, 'Y'
FROM (SELECT placement_id, cla_id, pid, i, coalesce(pend, :'period_end'::date) AS until,
			 mostly_working(pstart + sum(CASE WHEN i = 1 THEN CASE WHEN rnd('lf' || placement_id) < 0.8 THEN rint('lfd' || placement_id, 1, 7) ELSE rint('lfd' || placement_id, 8, 14) END
											  WHEN ptype IN ('U1', 'U4') AND i > 9 THEN rint('lvd' || placement_id || '.' || i, 55, 95)
											  WHEN rnd('lg' || placement_id || '.' || i) < 0.8 THEN rint('lvd' || placement_id || '.' || i, 21, 42)
											  ELSE rint('lvd' || placement_id || '.' || i, 43, 63) END)
									 OVER (PARTITION BY placement_id ORDER BY i)::integer, 0.8, 'lvw' || placement_id || '.' || i) AS v
	  FROM g_placement, generate_series(1, (coalesce(pend, :'period_end'::date) - pstart) / 20 + 2) AS i) x
WHERE v <= least(until, :'period_end'::date) AND v >= :'history_start'::date - 365;

-- LAC reviews: the first within 20 working days of entering care, the second
-- 3 months later, then every 6 months; a fifth late by 1 to 30 days; 3% of
-- the rows are cancelled reviews (held again later, as the chain goes on).
INSERT INTO ssd_cla_reviews
SELECT 'LR' || n || '.' || i, cla_id, due::timestamp, held::timestamp, 'N', 'PN1'
FROM (SELECT n, cla_id, i, held, left_care,
			 CASE WHEN i = 1 THEN socialcare.add_working_days(entered, 20)
				  WHEN i = 2 THEN lag(held) OVER w + interval '3 months'
				  ELSE lag(held) OVER w + interval '6 months' END AS due
	  FROM (SELECT n, cla_id, entered, left_care, i,
				   CASE WHEN i = 1 THEN socialcare.add_working_days(entered, CASE WHEN rnd('r1' || n) < 0.8 THEN rint('r1d' || n, 10, 20) ELSE rint('r1d' || n, 21, 35) END)
						ELSE socialcare.add_working_days(entered, 20)
							 + sum(CASE WHEN i = 1 THEN 0 WHEN i = 2 THEN 91 ELSE 182 END
								   + CASE WHEN rnd('lrl' || n || '.' || i) < 0.2 THEN rint('lrd' || n || '.' || i, 1, 30)
										  ELSE -rint('lrd' || n || '.' || i, 0, 10) END)
							   OVER (PARTITION BY n ORDER BY i)::integer END AS held
			FROM g_lac, generate_series(1, (coalesce(left_care, :'period_end'::date) - entered) / 150 + 2) AS i) r
	  WINDOW w AS (PARTITION BY n ORDER BY i)) x
WHERE held <= least(coalesce(left_care, :'period_end'::date), :'period_end'::date)
  AND held >= :'history_start'::date - 365;

INSERT INTO ssd_cla_reviews
SELECT clar_cla_review_id || 'x', clar_cla_id, clar_cla_review_due_date, clar_cla_review_date - interval '7 days', 'Y', NULL
FROM ssd_cla_reviews WHERE rnd('canc' || clar_cla_review_id) < 0.03;

-- Missing episodes: children in care aged 11 or more; a few go missing often.
INSERT INTO ssd_missing
SELECT 'MS' || l.n || '.' || i, l.pid, ms, CASE WHEN rnd('mt' || l.n || '.' || i) < 0.7 THEN 'Missing' ELSE 'Away' END,
	   me, CASE WHEN o < 0.86 THEN 'Y' WHEN o < 0.96 THEN 'N' END,
	   CASE WHEN o < 0.86 THEN CASE WHEN rnd('acc' || l.n || '.' || i) < 0.57 THEN 'Y' ELSE 'N' END END
FROM g_lac l,
	 LATERAL (SELECT greatest(l.entered, (l.dob + interval '11 years')::date, :'history_start'::date) AS s,
					 coalesce(l.left_care, :'period_end'::date) AS e) w,
	 generate_series(1, floor(rnd('mn' || l.n) ^ 4 * 14 * (w.e - w.s) / 365.25)::integer) AS i,
	 LATERAL (SELECT w.s + make_interval(secs => rnd('md' || l.n || '.' || i) * (w.e - w.s) * 86400) AS ms) m,
	 LATERAL (SELECT m.ms + make_interval(hours => rint('mh' || l.n || '.' || i, 2, 72)) AS me,
					 rnd('off' || l.n || '.' || i) AS o) x
WHERE w.s < w.e AND me <= :'period_end'::date;

-- Return interviews: most accepted interviews are done, 62% within 72 hours.
INSERT INTO ext_return_interview
SELECT miss_table_id,
	   miss_missing_episode_end_date + make_interval(hours => CASE WHEN rnd('rh' || miss_table_id) < 0.62 THEN rint('rhh' || miss_table_id, 6, 71)
																 ELSE rint('rhh' || miss_table_id, 73, 240) END)
FROM ssd_missing
WHERE miss_missing_rhi_accepted = 'Y' AND rnd('rhd' || miss_table_id) < 0.95;

-- Workforce: 184 posts, 220 from February 2018 (the seed's footnote: the
-- establishment grew to the staff already working, so FTE in post does
-- not jump).  Permanent staff fill 68 to 73% of 220 posts, agency workers
-- nearly all the rest; teams 1 and 2 (front door, family solutions) hold
-- no cases.
INSERT INTO ext_workforce_month
SELECT m, t, est, perm, agency, round(rnd('ab' || m || t)::numeric * 3 * :scale, 2),
	   CASE WHEN t IN ('T01', 'T02') THEN perm + agency ELSE 0 END
FROM socialcare.month_ends(:'history_start', :'period_end') AS m,
	 generate_series(1, 12) AS tn,
	 LATERAL (SELECT 'T' || lpad(tn::text, 2, '0') AS t,
					 (CASE WHEN tn <= 8 THEN 18 ELSE 19 END * :scale)::numeric AS posts,
					 (CASE WHEN m >= date '2018-02-01' THEN CASE WHEN tn <= 8 THEN 18 ELSE 19 END
						   ELSE CASE WHEN tn <= 8 THEN 15 ELSE 16 END END * :scale)::numeric AS est) e,
	 LATERAL (SELECT round(e.posts * (0.68 + 0.05 * rnd('pm' || m || tn)::numeric), 2) AS perm) p,
	 LATERAL (SELECT round(greatest(e.posts - p.perm - rnd('ag' || m || tn)::numeric * 0.5, 0), 2) AS agency) a;

-- Case file audits: about 50 a month, a tenth not returned; grades after
-- moderation roughly half Requires improvement or better.
INSERT INTO ext_case_audit
SELECT 'AU' || a, 'P' || child_at(d, rnd('aua' || a) * 17.9, 'auw' || a),
	   CASE WHEN rnd('aur' || a) < 0.9 THEN d + time '12:00' END,
	   g, CASE WHEN rnd('mod' || a) < 0.6 THEN
				   CASE WHEN g IN ('Outstanding', 'Good') AND rnd('down' || a) < 0.6 THEN 'Requires improvement'
						WHEN g = 'Requires improvement' AND rnd('down' || a) < 0.15 THEN 'Inadequate' ELSE g END END,
	   'W' || rint('aud' || a, 201, 240), team_of(rint('aut' || a, 1, 200))
FROM generate_series(1, floor(50 * :scale * 12 * (:'period_end'::date - :'history_start'::date + 1) / 365.25)::integer) AS a,
	 LATERAL (SELECT socialcare.working_day_on_or_after(:'history_start'::date
				  + floor(rnd('aud' || a) * (:'period_end'::date - :'history_start'::date + 1))::integer) AS d) dd,
	 LATERAL (SELECT CASE WHEN u < 0.02 THEN 'Outstanding' WHEN u < 0.17 THEN 'Good'
						  WHEN u < 0.58 THEN 'Requires improvement' ELSE 'Inadequate' END AS g
			  FROM (SELECT rnd('gr' || a) AS u) uu) gg
WHERE d <= :'period_end'::date;

-- ONS mid-year estimates of the 0-17 population (the seed implies 79,840
-- for 2017-18 and 81,080 for 2018-19).
INSERT INTO ext_population
SELECT y, '0-17', p * :scale
FROM (VALUES (2012, 77200), (2013, 77900), (2014, 78500), (2015, 79200),
			 (2016, 79840), (2017, 81080), (2018, 81600)) AS v (y, p);

DROP TABLE g_ref, g_case, g_lac, g_placement, g_alloc;

-- Indexes the views use, then statistics.
CREATE INDEX ON ssd_cin_episodes (cine_person_id, cine_referral_date);
CREATE INDEX ON ssd_cp_visits (cppv_cp_plan_id, cppv_cp_visit_date);
CREATE INDEX ON ssd_cp_reviews (cppr_cp_plan_id, cppr_cp_review_date);
CREATE INDEX ON ssd_cin_visits (cinv_person_id, cinv_cin_visit_date);
CREATE INDEX ON ssd_cla_visits (clav_cla_id, clav_cla_visit_date);
CREATE INDEX ON ssd_involvements (invo_referral_id);
CREATE INDEX ON ext_case_supervision (person_id, supervision_date);
ANALYZE;
