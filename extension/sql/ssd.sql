-- Area ssd: the KPI layer over a schema of Standard Safeguarding Dataset
-- tables (doc/ssd.md).  socialcare.create_ssd_kpis writes tables and views
-- into a schema of the caller's; the extension keeps no table of its own
-- here, so an update just runs this file again.  Every view is built from a
-- template whose @ssd@, @ext@ and @kpi@ are replaced by quote_ident'ed
-- schema names while search_path is pg_catalog, pg_temp: what a view calls
-- is bound then (views store OIDs), whatever the caller's search_path holds
-- later.  No SQL is built from table data.

CREATE OR REPLACE FUNCTION socialcare.ssd_kpi_definitions()
	RETURNS TABLE (kpi_code text, view_name text, title text, polarity text, frequency text,
				   needs text[], rule text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT d.kpi_code, d.view_name, d.title, d.polarity, d.frequency, d.needs, d.rule
		FROM (VALUES
			(1, 'PI01', 'kpi_01_contact_referral_24h', 'Contacts that became a referral, decided within 24 hours', 'high', 'monthly',
			 '{ssd_contacts,ext_contact_decision}'::text[],
			 'Contacts received in the month (cont_contact_date) that became a referral (a key of new_referral_json_key in cont_contact_outcome_json is yes; JSON missing or malformed: ext_contact_decision.cine_referral_id set): decision_at within 24 clock hours of the contact. No decision row: counted as late; decision before the contact: left out'),
			(2, 'PI02', 'kpi_02_cp_rate', 'Children on a CP plan per 10,000 children', 'low', 'as at month end',
			 '{ssd_cp_plans,ssd_person,ext_population}',
			 'Children (distinct) with a CP plan open at the month end, not of another authority (cppl_cp_plan_ola), under 18, per 10,000 of the 0-17 population'),
			(3, 'PI03', 'kpi_03_icpc_15wd', 'ICPCs within 15 working days of the strategy discussion', 'high', 'monthly',
			 '{ssd_initial_cp_conference,ssd_s47_enquiry}',
			 'ICPCs held in the month, not transfer-in, one per child and day: working_days(s47e_s47_start_date, icpc_icpc_date) <= 15. No s47 enquiry or no start: left out'),
			(4, 'PI04', 'kpi_04_assessment_45wd', 'Assessments within 45 working days of the referral', 'high', 'monthly',
			 '{ssd_cin_assessments,ssd_cin_episodes}',
			 'Assessments authorised in the month, one per child and day: working_days(cine_referral_date, cina_assessment_auth_date) <= 45'),
			(5, 'PI05', 'kpi_05_unallocated_5wd', 'Children unallocated for more than 5 working days', 'low', 'as at month end',
			 '{ssd_cin_episodes,ssd_involvements,ssd_person}',
			 'Children under 18 with a referral open at the month end (not NFA): those none of whose open referrals has an allocated worker at the month end, unallocated for more than 5 working days (since the referral or the end of its last allocation). Value = numerator'),
			(6, 'PI06', 'kpi_06_cp_visits_2w', 'CP children visited in the last 2 weeks', 'high', 'as at month end',
			 '{ssd_cp_plans,ssd_cp_visits,ssd_person}',
			 'CP plans open at the month end (PI02''s cohort, one row per plan): last visit with the child seen (or the plan''s start) + 14 days >= month end'),
			(7, 'PI07', 'kpi_07_cp_reviewed_6m', 'CP plans reviewed within 6 months', 'high', 'as at month end',
			 '{ssd_cp_plans,ssd_cp_reviews,ssd_person}',
			 'CP plans open at the month end: last review conference (or the plan''s start) + 6 months >= month end'),
			(8, 'PI08', 'kpi_08_cp_supervision_4w', 'CP cases supervised in the last 4 weeks', 'high', 'as at month end',
			 '{ssd_cp_plans,ext_case_supervision,ssd_person}',
			 'CP plans open at the month end: last case supervision of the child on or after the plan''s start (or the start) + 28 days >= month end'),
			(9, 'PI09', 'kpi_09_return_interview_72h', 'Return interviews within 72 hours', 'high', 'monthly',
			 '{ssd_missing,ext_return_interview}',
			 'Missing episodes ended in the month with the return interview accepted: completed within 72 clock hours of the return. No interview: counted as late; interview before the return: left out'),
			(10, 'PI10', 'kpi_10_cin_visits_20wd', 'CIN children visited in the last 20 working days', 'high', 'as at month end',
			 '{ssd_cin_plans,ssd_cin_visits,ssd_person}',
			 'Children under 18 with a CIN plan open at the month end: working_days(last visit with the child seen on or after the earliest open plan''s start, or that start, month end) <= 20'),
			(11, 'PI11', 'kpi_11_lac_visits', 'Looked-after children visited within timescales', 'high', 'as at month end',
			 '{ssd_cla_episodes,ssd_cla_placement,ssd_cla_visits,ssd_person}',
			 'Looked-after children under 18 at the month end (not on a short break): not overdue a statutory visit (chain lac_visit, lac_visit_long_term for long-term fostering) counted from the current placement''s start'),
			(12, 'PI12', 'kpi_12_lac_reviews_ytd', 'LAC reviews within timescales, year to date', 'high', 'year to date',
			 '{ssd_cla_reviews,ssd_cla_episodes}',
			 'LAC reviews held (not cancelled) from 1 April to the month end, one per period of care and day: on time under the chain lac_review over the period of care (from its first entered-care date)'),
			(13, 'PI13', 'kpi_13_vacancy_rate', 'Social worker vacancy rate', 'low', 'as at month end',
			 '{ext_workforce_month}',
			 '(establishment - permanent FTE) / establishment at the month end, in %'),
			(14, 'PI14', 'kpi_14_caseload', 'Average caseload', 'low', 'as at month end',
			 '{ssd_involvements,ext_workforce_month,ssd_person}',
			 'Children under 18 with an allocated worker at the month end / case-holding FTE (permanent + agency - absent - non-case-holding)'),
			(15, 'PI15', 'kpi_15_audits_ri_or_better', 'Case file audits rated Requires improvement or better', 'high', 'monthly',
			 '{ext_case_audit}',
			 'Audits returned in the month with a grade: the grade (moderated grade if set) is in audit_grade_ri_or_better; unknown grade: left out'),
			(16, 'REREF', 'kpi_rereferral_12m', 'Re-referrals within 12 months', 'low', '12 months to month end',
			 '{ssd_cin_episodes}',
			 'Referrals (one per child and day) in the 12 months to the month end made within 12 months of a previous referral of the child (is_rereferral over the whole history)'),
			(17, 'LACRATE', 'kpi_lac_rate', 'Looked-after children per 10,000 children', 'low', 'as at month end',
			 '{ssd_cla_episodes,ssd_person,ext_population}',
			 'Looked-after children under 18 at the month end (not on a short break) per 10,000 of the 0-17 population'),
			(18, 'REPEATCP', 'kpi_repeat_cp_plans_12m', 'CP plans that are a second or later plan', 'low', '12 months to month end',
			 '{ssd_cp_plans}',
			 'CP plans (not of another authority, one per child and start day) starting in the 12 months to the month end: those of a child with an earlier plan (is_repeat_plan)'),
			(19, 'CP2Y', 'kpi_cp_plans_2y_12m', 'CP plans ended that lasted 2 years or more', 'low', '12 months to month end',
			 '{ssd_cp_plans}',
			 'CP plans (not of another authority) ending in the 12 months to the month end: lasted_two_years_or_more(start, end)'),
			(20, 'LAC3PL', 'kpi_lac_3_placements_12m', 'Looked-after children with 3 or more placements', 'low', '12 months to month end',
			 '{ssd_cla_episodes,ssd_cla_placement,ssd_person}',
			 'Looked-after children under 18 at the month end: 3 or more placements (by clap_person_id) in the 12 months to it (placement_in_year)'),
			(21, 'ICPC15_12M', 'kpi_icpc_15wd_12m', 'ICPCs within 15 working days, 12 months', 'high', '12 months to month end',
			 '{ssd_initial_cp_conference,ssd_s47_enquiry}',
			 'PI03 over the 12 months to the month end'),
			(22, 'ASSESS45_12M', 'kpi_assessment_45wd_12m', 'Assessments within 45 working days, 12 months', 'high', '12 months to month end',
			 '{ssd_cin_assessments,ssd_cin_episodes}',
			 'PI04 over the 12 months to the month end'))
			AS d (ord, kpi_code, view_name, title, polarity, frequency, needs, rule)
		ORDER BY d.ord;
	END;
COMMENT ON FUNCTION socialcare.ssd_kpi_definitions() IS
'The KPIs socialcare.create_ssd_kpis builds: code, view, title, polarity (high or low is better), frequency, the SSD and ext_* tables each needs, and its rule (doc/ssd.md)';

CREATE OR REPLACE FUNCTION socialcare.ssd_default_value_map()
	RETURNS TABLE (kind text, code text, note text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT v.kind, v.code, v.note
		FROM (VALUES
			(1, 'yes', 'Y', 'flag value read as yes'), (2, 'yes', 'YES', 'flag value read as yes'),
			(3, 'yes', 'TRUE', 'flag value read as yes'), (4, 'yes', 'T', 'flag value read as yes'),
			(5, 'yes', '1', 'flag value read as yes'),
			(6, 'no', 'N', 'flag value read as no'), (7, 'no', 'NO', 'flag value read as no'),
			(8, 'no', 'FALSE', 'flag value read as no'), (9, 'no', 'F', 'flag value read as no'),
			(10, 'no', '0', 'flag value read as no'),
			(11, 'allocated_worker_role', 'ALLOCATED CASE WORKER', 'Eclipse edition'),
			(12, 'allocated_worker_role', 'CW', 'SystemC / LiquidLogic edition'),
			(13, 'allocated_worker_role', 'Allocated Worker', 'Mosaic'),
			(14, 'long_term_fostering', 'U1', 'placed with a relative or friend, long-term fostering (PI11: lac_visit_long_term)'),
			(15, 'long_term_fostering', 'U4', 'placed with another foster carer, long-term fostering (PI11: lac_visit_long_term)'),
			(16, 'audit_grade_ri_or_better', 'Outstanding', 'PI15 numerator'),
			(17, 'audit_grade_ri_or_better', 'Good', 'PI15 numerator'),
			(18, 'audit_grade_ri_or_better', 'Requires improvement', 'PI15 numerator'),
			(19, 'audit_grade_below_ri', 'Inadequate', 'PI15 denominator only'),
			(20, 'new_referral_json_key', 'NEW_REFERRAL_FLAG', 'key of cont_contact_outcome_json read for PI01, matched exactly'),
			(21, 'short_break_legal_status', 'V3', 'single short break (left out of LAC measures when ssd_legal_status exists)'),
			(22, 'short_break_legal_status', 'V4', 'series of short breaks (left out of LAC measures when ssd_legal_status exists)'),
			(23, 'no', 'NA', 'not applicable, read as no (the SSD allows it in miss_missing_rhi_offered and miss_missing_rhi_accepted)'))
			AS v (ord, kind, code, note)
		ORDER BY v.ord;
	END;
COMMENT ON FUNCTION socialcare.ssd_default_value_map() IS
'The codes socialcare.create_ssd_kpis puts in a new value_map (kind, code, note): flag values, allocated-worker roles of both SSD editions, long-term fostering placement types, audit grades, the outcome JSON key of new referrals, short-break legal statuses';

CREATE OR REPLACE FUNCTION socialcare.ssd_expand(template text, ssd_schema name, ext_schema name, into_schema name,
												 has_expected_dob boolean)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
			pg_catalog.regexp_replace(pg_catalog.regexp_replace(template,
				-- @flag{expr}@: the flag expr as boolean, by value_map: NULL or '' is
				-- no (not recorded), a code of kind yes or no, else NULL (unknown)
				'@flag\{(.*?)\}@',
				'(CASE WHEN nullif(btrim((\1)::text), '''') IS NULL THEN false'
				' WHEN upper(btrim((\1)::text)) IN (SELECT upper(btrim(v.code)) FROM @kpi@.value_map v WHERE v.kind = ''yes'' AND v.active) THEN true'
				' WHEN upper(btrim((\1)::text)) IN (SELECT upper(btrim(v.code)) FROM @kpi@.value_map v WHERE v.kind = ''no'' AND v.active) THEN false END)',
				'g'),
				-- @in{kind}@: IN the active codes of that kind, normalised
				'@in\{([a-z_]+)\}@',
				'IN (SELECT upper(btrim(v.code)) FROM @kpi@.value_map v WHERE v.kind = ''\1'' AND v.active)', 'g'),
			'@expected_dob@', CASE WHEN has_expected_dob THEN 'p.pers_expected_dob::date' ELSE 'NULL::date' END),
			'@kpi@', pg_catalog.quote_ident(into_schema)),
			'@ssd@', pg_catalog.quote_ident(ssd_schema)),
			'@ext@', pg_catalog.quote_ident(ext_schema));
	END;
COMMENT ON FUNCTION socialcare.ssd_expand(text, name, name, name, boolean) IS
'(internal) A view template of create_ssd_kpis with its placeholders replaced: @flag{expr}@, @in{kind}@, @expected_dob@ and the quote_ident''ed schemas @kpi@, @ssd@, @ext@';

CREATE OR REPLACE FUNCTION socialcare.create_ssd_ext_tables(ext_schema name)
	RETURNS SETOF text
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $fn$
	DECLARE
		t record;
	BEGIN
		IF ext_schema IS NULL THEN
			RAISE EXCEPTION 'socialcare.create_ssd_ext_tables: ext_schema is NULL'
				USING ERRCODE = '22004', HINT = 'Name the schema of the SSD tables, e.g. create_ssd_ext_tables(''ssd'').';
		END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = ext_schema) THEN
			RAISE EXCEPTION 'socialcare.create_ssd_ext_tables: schema % does not exist', pg_catalog.quote_ident(ext_schema)
				USING ERRCODE = '3F000', HINT = 'Create it first (CREATE SCHEMA), or name the schema of the SSD tables.';
		END IF;
		FOR t IN
			SELECT d.name, d.columns, d.comment
			FROM (VALUES
				(1, 'ext_reporting_period',
				 'period_start date NOT NULL, period_end date NOT NULL, CHECK (period_start <= period_end)',
				 'One row: the months the KPI views report (every month end from period_start to period_end); create_ssd_kpis seeds its report_period from it'),
				(2, 'ext_contact_decision',
				 'cont_contact_id varchar(48) PRIMARY KEY, decision_at timestamp NOT NULL, cine_referral_id varchar(48), mash_flag char(1)',
				 'PI01: when the front door decided a contact (the SSD has no decision time) and the referral it became'),
				(3, 'ext_population',
				 'mid_year integer NOT NULL, age_band text NOT NULL, population integer NOT NULL CHECK (population > 0), PRIMARY KEY (mid_year, age_band)',
				 'ONS mid-year estimates of the child population (age_band 0-17): the denominator of rates per 10,000'),
				(4, 'ext_case_supervision',
				 'supervision_id varchar(48) PRIMARY KEY, person_id varchar(48) NOT NULL, supervision_date timestamp NOT NULL, supervisor_id varchar(48), dept_team_id varchar(48)',
				 'PI08: case supervisions recorded on a child''s file (the SSD has no supervision object)'),
				(5, 'ext_return_interview',
				 'miss_table_id varchar(48) PRIMARY KEY, rhi_completed_at timestamp NOT NULL',
				 'PI09: when the return home interview of a missing episode was completed (the SSD has no date or completion flag)'),
				(6, 'ext_workforce_month',
				 'month_end date NOT NULL, dept_team_id varchar(48) NOT NULL, establishment_fte numeric(7,2) NOT NULL, permanent_fte numeric(7,2) NOT NULL, agency_fte numeric(7,2) NOT NULL, absent_fte numeric(7,2) NOT NULL, non_case_holding_fte numeric(7,2) NOT NULL, PRIMARY KEY (month_end, dept_team_id)',
				 'PI13 and PI14: social worker establishment and FTE in post per team at each month end (HR data; the SSD keeps no history); absent_fte: on long-term sickness or maternity leave; non_case_holding_fte: in post, holding no cases'),
				(7, 'ext_case_audit',
				 'audit_id varchar(48) PRIMARY KEY, person_id varchar(48) NOT NULL, returned_date timestamp, grade text, moderated_grade text, auditor_id varchar(48), dept_team_id varchar(48)',
				 'PI15: case file audits; moderated_grade, when set, replaces the auditor''s grade (codes in value_map: audit_grade_ri_or_better, audit_grade_below_ri); returned_date NULL = not returned yet'))
				AS d (ord, name, columns, comment)
			ORDER BY d.ord
		LOOP
			CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
								  WHERE n.nspname = ext_schema AND c.relname = t.name);
			EXECUTE pg_catalog.format('CREATE TABLE %I.%I (%s)', ext_schema, t.name, t.columns);
			EXECUTE pg_catalog.format('COMMENT ON TABLE %I.%I IS %L', ext_schema, t.name, t.comment);
			RETURN NEXT t.name;
		END LOOP;
	END;
$fn$;
COMMENT ON FUNCTION socialcare.create_ssd_ext_tables(name) IS
'Creates in ext_schema the ext_* tables the SSD KPI layer reads besides the SSD (reporting period, contact decisions, population, case supervision, return interviews, workforce, case audits), those not there yet; returns the names created (doc/ssd.md)';

CREATE OR REPLACE FUNCTION socialcare.ssd_view_templates()
	RETURNS TABLE (ord integer, view_name text, needs text[], columns text, template text, comment text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT t.ord, t.view_name, t.needs, t.columns, t.template, t.comment
		FROM (VALUES
	(1, 'checked_person', '{ssd_person}'::text[], 'person_id text, dob date, problems text[], problem text', $v$
		SELECT p.pers_person_id::text AS person_id, coalesce(p.pers_dob::date, @expected_dob@) AS dob,
			   '{}'::text[] AS problems, NULL::text AS problem
		FROM @ssd@.ssd_person p
	$v$, 'ssd_person: the child''s date of birth (pers_dob, else pers_expected_dob)'),

	(2, 'checked_population', '{ext_population}', 'mid_year integer, age_band text, population numeric, problems text[], problem text', $v$
		SELECT p.mid_year::integer, p.age_band::text, p.population::numeric, '{}'::text[], NULL::text
		FROM @ext@.ext_population p
	$v$, 'ext_population'),

	(3, 'report_month', '{}', 'month_end date, month_start date, fy_start date, population numeric', $v$
		SELECT m.month_end, date_trunc('month', m.month_end)::date AS month_start,
			   socialcare.financial_year_start(m.month_end) AS fy_start,
			   (SELECT p.population FROM @kpi@.checked_population p
				WHERE p.age_band = '0-17'
				  AND p.mid_year <= date_part('year', socialcare.financial_year_start(m.month_end))::integer - 1
				ORDER BY p.mid_year DESC LIMIT 1) AS population
		FROM @kpi@.report_period r, socialcare.month_ends(r.period_start, r.period_end) AS m (month_end)
	$v$, 'The month ends reported (report_period), with the financial year start and the 0-17 population of the latest mid-year estimate before it'),

	(4, 'checked_legal_status', '{ssd_legal_status}', 'person_id text, started date, ended date, short_break boolean, problems text[], problem text', $v$
		SELECT l.lega_person_id::text, l.lega_legal_status_start_date::date, l.lega_legal_status_end_date::date,
			   coalesce(upper(btrim(l.lega_legal_status::text)) @in{short_break_legal_status}@, false),
			   '{}'::text[], NULL::text
		FROM @ssd@.ssd_legal_status l
	$v$, 'ssd_legal_status (optional): short-break legal statuses leave a child out of the LAC measures'),

	(5, 'checked_contact_decision', '{ext_contact_decision}', 'contact_id text, decided_at timestamptz, referral_id text, problems text[], problem text', $v$
		SELECT d.cont_contact_id::text, d.decision_at::timestamptz, d.cine_referral_id::text, '{}'::text[], NULL::text
		FROM @ext@.ext_contact_decision d
	$v$, 'ext_contact_decision'),

	(6, 'checked_contacts', '{ssd_contacts}',
	 'contact_id text, person_id text, contacted_at timestamptz, contact_day date, json_state text, decided_at timestamptz, referral_id text, became_referral boolean, problems text[], problem text', $v$
		SELECT x.contact_id, x.person_id, x.contacted_at, x.contact_day, x.json_state, x.decided_at, x.referral_id,
			   b.became_referral,
			   array_remove(ARRAY[
				   CASE WHEN x.contact_day IS NULL THEN 'start date missing' END,
				   CASE x.json_state WHEN 'missing' THEN 'outcome JSON missing' WHEN 'malformed' THEN 'malformed outcome JSON' END,
				   CASE WHEN x.json_state = 'ok' AND x.json_flag IS NULL THEN 'unknown flag value' END,
				   CASE WHEN b.became_referral AND NOT x.has_decision THEN 'no decision recorded' END,
				   CASE WHEN x.decided_at < x.contacted_at THEN 'decision before contact' END], NULL) AS problems,
			   CASE WHEN x.contact_day IS NULL THEN 'start date missing'
					WHEN b.became_referral IS NULL THEN
						CASE x.json_state WHEN 'missing' THEN 'outcome JSON missing' WHEN 'malformed' THEN 'malformed outcome JSON'
										  ELSE 'unknown flag value' END
					WHEN x.decided_at < x.contacted_at THEN 'decision before contact' END AS problem
		FROM (SELECT c.cont_contact_id::text AS contact_id, c.cont_person_id::text AS person_id,
					 c.cont_contact_date::timestamptz AS contacted_at, c.cont_contact_date::date AS contact_day,
					 CASE WHEN nullif(btrim(c.cont_contact_outcome_json::text), '') IS NULL THEN 'missing'
						  WHEN socialcare.json_problem(c.cont_contact_outcome_json::text) IS NOT NULL THEN 'malformed'
						  ELSE 'ok' END AS json_state,
					 -- any key yes: yes; else any unknown value: unknown; else no
					 (SELECT CASE WHEN bool_or(f.flag) THEN true WHEN bool_or(f.flag IS NULL) THEN NULL ELSE false END
					  FROM (SELECT @flag{socialcare.json_field(c.cont_contact_outcome_json::text, k.code)}@ AS flag
							FROM @kpi@.value_map k WHERE k.kind = 'new_referral_json_key' AND k.active) f) AS json_flag,
					 d.decided_at, d.referral_id, d.contact_id IS NOT NULL AS has_decision
			  FROM @ssd@.ssd_contacts c
			  LEFT JOIN @kpi@.checked_contact_decision d ON d.contact_id = c.cont_contact_id::text) x
		CROSS JOIN LATERAL (SELECT CASE WHEN x.json_state = 'ok' THEN x.json_flag
										WHEN x.referral_id IS NOT NULL THEN true END AS became_referral) b
	$v$, 'ssd_contacts with their decision (ext_contact_decision) and whether they became a referral (PI01)'),

	(7, 'checked_cin_episodes', '{ssd_cin_episodes}',
	 'referral_id text, person_id text, referred date, closed date, nfa boolean, dob date, duplicate boolean, problems text[], problem text', $v$
		SELECT y.referral_id, y.person_id, y.referred, y.closed, y.nfa, y.dob, y.duplicate,
			   array_remove(ARRAY[y.base_problem, CASE WHEN y.nfa IS NULL THEN 'unknown flag value' END,
								  CASE WHEN y.duplicate THEN 'same-day duplicate' END], NULL),
			   coalesce(y.base_problem, CASE WHEN y.duplicate THEN 'same-day duplicate' END)
		FROM (SELECT x.*,
					 x.base_problem IS NULL AND x.referred IS NOT NULL
					 AND row_number() OVER (PARTITION BY coalesce(x.person_id, x.referral_id), x.referred, x.base_problem IS NULL
											ORDER BY x.referral_id COLLATE "C") > 1 AS duplicate
			  FROM (SELECT e.cine_referral_id::text AS referral_id, e.cine_person_id::text AS person_id,
						   e.cine_referral_date::date AS referred, e.cine_close_date::date AS closed,
						   @flag{e.cine_referral_nfa}@ AS nfa, p.dob,
						   CASE WHEN e.cine_referral_date IS NULL THEN 'start date missing'
								WHEN e.cine_referral_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' THEN 'date out of range'
								WHEN e.cine_close_date::date < e.cine_referral_date::date THEN 'end before start' END AS base_problem
					FROM @ssd@.ssd_cin_episodes e
					LEFT JOIN @kpi@.checked_person p ON p.person_id = e.cine_person_id::text) x) y
	$v$, 'ssd_cin_episodes: referrals'),

	(8, 'checked_cin_assessments', '{ssd_cin_assessments,ssd_cin_episodes}',
	 'assessment_id text, person_id text, referral_id text, authorised date, referred date, duplicate boolean, problems text[], problem text', $v$
		SELECT y.assessment_id, y.person_id, y.referral_id, y.authorised, y.referred, y.duplicate,
			   array_remove(ARRAY[y.base_problem, CASE WHEN y.duplicate THEN 'same-day duplicate' END], NULL),
			   coalesce(y.base_problem, CASE WHEN y.duplicate THEN 'same-day duplicate' END)
		FROM (SELECT x.*,
					 x.base_problem IS NULL AND x.authorised IS NOT NULL
					 AND row_number() OVER (PARTITION BY coalesce(x.person_id, x.assessment_id), x.authorised, x.base_problem IS NULL
											ORDER BY x.assessment_id COLLATE "C") > 1 AS duplicate
			  FROM (SELECT a.cina_assessment_id::text AS assessment_id,
						   coalesce(a.cina_person_id::text, e.cine_person_id::text) AS person_id,
						   a.cina_referral_id::text AS referral_id, a.cina_assessment_auth_date::date AS authorised,
						   e.cine_referral_date::date AS referred,
						   CASE WHEN a.cina_assessment_auth_date IS NULL THEN NULL
								WHEN e.cine_referral_date IS NULL THEN 'no matching referral'
								WHEN a.cina_assessment_auth_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' OR e.cine_referral_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' THEN 'date out of range'
								WHEN a.cina_assessment_auth_date::date < e.cine_referral_date::date THEN 'before its referral' END AS base_problem
					FROM @ssd@.ssd_cin_assessments a
					LEFT JOIN @ssd@.ssd_cin_episodes e ON e.cine_referral_id::text = a.cina_referral_id::text) x) y
	$v$, 'ssd_cin_assessments with their referral''s date'),

	(9, 'checked_s47_enquiry', '{ssd_s47_enquiry}', 's47_id text, person_id text, started date, problems text[], problem text', $v$
		SELECT s.s47e_s47_enquiry_id::text, s.s47e_person_id::text, s.s47e_s47_start_date::date, '{}'::text[], NULL::text
		FROM @ssd@.ssd_s47_enquiry s
	$v$, 'ssd_s47_enquiry: s47e_s47_start_date is the strategy discussion'),

	(10, 'checked_initial_cp_conference', '{ssd_initial_cp_conference,ssd_s47_enquiry}',
	 'icpc_id text, person_id text, s47_id text, held date, transfer_in boolean, s47_started date, duplicate boolean, problems text[], problem text', $v$
		SELECT y.icpc_id, y.person_id, y.s47_id, y.held, y.transfer_in, y.s47_started, y.duplicate,
			   array_remove(ARRAY[CASE WHEN y.transfer_in IS NULL THEN 'unknown flag value' END, y.s47_problem,
								  CASE WHEN y.duplicate THEN 'same-day duplicate' END], NULL),
			   coalesce(y.base_problem, CASE WHEN y.duplicate THEN 'same-day duplicate' END)
		FROM (SELECT x.*,
					 x.base_problem IS NULL AND x.held IS NOT NULL AND NOT x.transfer_in
					 AND row_number() OVER (PARTITION BY coalesce(x.person_id, x.icpc_id), x.held,
													 x.base_problem IS NULL AND NOT x.transfer_in
											ORDER BY x.icpc_id COLLATE "C") > 1 AS duplicate
			  FROM (SELECT w.*, coalesce(CASE WHEN w.transfer_in IS NULL THEN 'unknown flag value' END, w.s47_problem) AS base_problem
					FROM (SELECT c.icpc_icpc_id::text AS icpc_id, coalesce(c.icpc_person_id::text, s.s47e_person_id::text) AS person_id,
								 c.icpc_s47_enquiry_id::text AS s47_id, c.icpc_icpc_date::date AS held,
								 @flag{c.icpc_icpc_transfer_in}@ AS transfer_in, s.s47e_s47_start_date::date AS s47_started,
								 CASE WHEN c.icpc_icpc_date IS NULL OR @flag{c.icpc_icpc_transfer_in}@ IS NOT FALSE THEN NULL
									  WHEN s.s47e_s47_start_date IS NULL THEN 'no matching s47 enquiry'
									  WHEN c.icpc_icpc_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' OR s.s47e_s47_start_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' THEN 'date out of range'
									  WHEN c.icpc_icpc_date::date < s.s47e_s47_start_date::date THEN 'before its strategy discussion' END AS s47_problem
						  FROM @ssd@.ssd_initial_cp_conference c
						  LEFT JOIN @ssd@.ssd_s47_enquiry s ON s.s47e_s47_enquiry_id::text = c.icpc_s47_enquiry_id::text) w) x) y
	$v$, 'ssd_initial_cp_conference with its s47 enquiry''s start'),

	(11, 'checked_cp_plans', '{ssd_cp_plans}',
	 'plan_id text, person_id text, started date, ended date, ola boolean, dob date, duplicate boolean, problems text[], problem text', $v$
		SELECT y.plan_id, y.person_id, y.started, y.ended, y.ola, y.dob, y.duplicate,
			   array_remove(ARRAY[y.date_problem, CASE WHEN y.ola IS NULL THEN 'unknown flag value' END,
								  CASE WHEN y.duplicate THEN 'same-day duplicate' END], NULL),
			   coalesce(y.base_problem, CASE WHEN y.duplicate THEN 'same-day duplicate' END)
		FROM (SELECT x.*,
					 x.base_problem IS NULL
					 AND row_number() OVER (PARTITION BY coalesce(x.person_id, x.plan_id), x.started, x.base_problem IS NULL
											ORDER BY x.plan_id COLLATE "C") > 1 AS duplicate
			  FROM (SELECT w.*, coalesce(w.date_problem, CASE WHEN w.ola IS NULL THEN 'unknown flag value' END) AS base_problem
					FROM (SELECT c.cppl_cp_plan_id::text AS plan_id, c.cppl_person_id::text AS person_id,
								 c.cppl_cp_plan_start_date::date AS started, c.cppl_cp_plan_end_date::date AS ended,
								 @flag{c.cppl_cp_plan_ola}@ AS ola, p.dob,
								 CASE WHEN c.cppl_cp_plan_start_date IS NULL THEN 'start date missing'
									  WHEN c.cppl_cp_plan_end_date::date < c.cppl_cp_plan_start_date::date THEN 'end before start' END AS date_problem
						  FROM @ssd@.ssd_cp_plans c
						  LEFT JOIN @kpi@.checked_person p ON p.person_id = c.cppl_person_id::text) w) x) y
	$v$, 'ssd_cp_plans'),

	(12, 'checked_cp_visits', '{ssd_cp_visits,ssd_cp_plans}',
	 'visit_id text, person_id text, plan_id text, visit_day date, seen boolean, problems text[], problem text', $v$
		SELECT x.visit_id, x.person_id, x.plan_id, x.visit_day, x.seen,
			   array_remove(ARRAY[x.plan_problem, CASE WHEN x.seen IS NULL THEN 'unknown flag value' END], NULL),
			   coalesce(x.plan_problem, CASE WHEN x.seen IS NULL THEN 'unknown flag value' END)
		FROM (SELECT v.cppv_cp_visit_id::text AS visit_id, v.cppv_person_id::text AS person_id, v.cppv_cp_plan_id::text AS plan_id,
					 v.cppv_cp_visit_date::date AS visit_day, @flag{v.cppv_cp_visit_seen}@ AS seen,
					 CASE WHEN v.cppv_cp_visit_date::date < c.cppl_cp_plan_start_date::date THEN 'visit before its plan' END AS plan_problem
			  FROM @ssd@.ssd_cp_visits v
			  LEFT JOIN @ssd@.ssd_cp_plans c ON c.cppl_cp_plan_id::text = v.cppv_cp_plan_id::text) x
	$v$, 'ssd_cp_visits'),

	(13, 'checked_cp_reviews', '{ssd_cp_reviews}', 'review_id text, person_id text, plan_id text, review_day date, problems text[], problem text', $v$
		SELECT r.cppr_cp_review_id::text, r.cppr_person_id::text, r.cppr_cp_plan_id::text, r.cppr_cp_review_date::date,
			   '{}'::text[], NULL::text
		FROM @ssd@.ssd_cp_reviews r
	$v$, 'ssd_cp_reviews: review conferences'),

	(14, 'checked_case_supervision', '{ext_case_supervision}', 'supervision_id text, person_id text, supervision_day date, problems text[], problem text', $v$
		SELECT s.supervision_id::text, s.person_id::text, s.supervision_date::date, '{}'::text[], NULL::text
		FROM @ext@.ext_case_supervision s
	$v$, 'ext_case_supervision'),

	(15, 'checked_missing', '{ssd_missing}',
	 'miss_id text, person_id text, started_at timestamptz, returned_at timestamptz, return_day date, accepted boolean, problems text[], problem text', $v$
		SELECT x.miss_id, x.person_id, x.started_at, x.returned_at, x.return_day, x.accepted,
			   array_remove(ARRAY[x.date_problem, CASE WHEN x.accepted IS NULL THEN 'unknown flag value' END], NULL),
			   coalesce(x.date_problem, CASE WHEN x.accepted IS NULL THEN 'unknown flag value' END)
		FROM (SELECT s.miss_table_id::text AS miss_id, s.miss_person_id::text AS person_id,
					 s.miss_missing_episode_start_date::timestamptz AS started_at,
					 s.miss_missing_episode_end_date::timestamptz AS returned_at,
					 s.miss_missing_episode_end_date::date AS return_day,
					 @flag{s.miss_missing_rhi_accepted}@ AS accepted,
					 CASE WHEN s.miss_missing_episode_end_date::timestamptz < s.miss_missing_episode_start_date::timestamptz
						  THEN 'end before start' END AS date_problem
			  FROM @ssd@.ssd_missing s) x
	$v$, 'ssd_missing: missing episodes; the end is the return'),

	(16, 'checked_return_interview', '{ext_return_interview,ssd_missing}',
	 'miss_id text, completed_at timestamptz, problems text[], problem text', $v$
		SELECT x.miss_id, x.completed_at, array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT r.miss_table_id::text AS miss_id, r.rhi_completed_at::timestamptz AS completed_at,
					 CASE WHEN r.rhi_completed_at::timestamptz < s.miss_missing_episode_end_date::timestamptz
						  THEN 'interview before return' END AS p
			  FROM @ext@.ext_return_interview r
			  LEFT JOIN @ssd@.ssd_missing s ON s.miss_table_id::text = r.miss_table_id::text) x
	$v$, 'ext_return_interview'),

	(17, 'checked_cin_plans', '{ssd_cin_plans}',
	 'plan_id text, person_id text, started date, ended date, dob date, problems text[], problem text', $v$
		SELECT x.plan_id, x.person_id, x.started, x.ended, x.dob, array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT c.cinp_cin_plan_id::text AS plan_id, c.cinp_person_id::text AS person_id,
					 c.cinp_cin_plan_start_date::date AS started, c.cinp_cin_plan_end_date::date AS ended, p.dob,
					 CASE WHEN c.cinp_cin_plan_start_date IS NULL THEN 'start date missing'
						  WHEN c.cinp_cin_plan_start_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' THEN 'date out of range'
						  WHEN c.cinp_cin_plan_end_date::date < c.cinp_cin_plan_start_date::date THEN 'end before start' END AS p
			  FROM @ssd@.ssd_cin_plans c
			  LEFT JOIN @kpi@.checked_person p ON p.person_id = c.cinp_person_id::text) x
	$v$, 'ssd_cin_plans'),

	(18, 'checked_cin_visits', '{ssd_cin_visits}', 'visit_id text, person_id text, visit_day date, seen boolean, problems text[], problem text', $v$
		SELECT x.visit_id, x.person_id, x.visit_day, x.seen, array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT v.cinv_cin_visit_id::text AS visit_id, v.cinv_person_id::text AS person_id, v.cinv_cin_visit_date::date AS visit_day,
					 @flag{v.cinv_cin_visit_seen}@ AS seen,
					 CASE WHEN @flag{v.cinv_cin_visit_seen}@ IS NULL THEN 'unknown flag value'
						  WHEN v.cinv_cin_visit_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' THEN 'date out of range' END AS p
			  FROM @ssd@.ssd_cin_visits v) x
	$v$, 'ssd_cin_visits: linked to the child only'),

	(19, 'checked_cla_episodes', '{ssd_cla_episodes}',
	 'episode_id text, person_id text, cla_id text, placement_id text, started date, ceased date, entered date, dob date, problems text[], problem text', $v$
		SELECT x.episode_id, x.person_id, x.cla_id, x.placement_id, x.started, x.ceased, x.entered, x.dob,
			   array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT e.clae_cla_episode_id::text AS episode_id, e.clae_person_id::text AS person_id, e.clae_cla_id::text AS cla_id,
					 e.clae_cla_placement_id::text AS placement_id, e.clae_cla_episode_start_date::date AS started,
					 e.clae_cla_episode_ceased_date::date AS ceased, e.clae_entered_care_date::date AS entered, p.dob,
					 CASE WHEN e.clae_cla_episode_start_date IS NULL THEN 'start date missing'
						  WHEN e.clae_cla_episode_ceased_date::date < e.clae_cla_episode_start_date::date THEN 'end before start' END AS p
			  FROM @ssd@.ssd_cla_episodes e
			  LEFT JOIN @kpi@.checked_person p ON p.person_id = e.clae_person_id::text) x
	$v$, 'ssd_cla_episodes: clae_cla_id groups a period of care'),

	(20, 'checked_cla_placement', '{ssd_cla_placement}',
	 'placement_id text, cla_id text, person_id text, started date, ended date, placement_type text, long_term boolean, problems text[], problem text', $v$
		SELECT x.placement_id, x.cla_id, x.person_id, x.started, x.ended, x.placement_type, x.long_term,
			   array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT c.clap_cla_placement_id::text AS placement_id, c.clap_cla_id::text AS cla_id, c.clap_person_id::text AS person_id,
					 c.clap_cla_placement_start_date::date AS started, c.clap_cla_placement_end_date::date AS ended,
					 c.clap_cla_placement_type::text AS placement_type,
					 coalesce(upper(btrim(c.clap_cla_placement_type::text)) @in{long_term_fostering}@, false) AS long_term,
					 CASE WHEN c.clap_cla_placement_start_date IS NULL THEN 'start date missing'
						  WHEN c.clap_cla_placement_end_date::date < c.clap_cla_placement_start_date::date THEN 'end before start' END AS p
			  FROM @ssd@.ssd_cla_placement c) x
	$v$, 'ssd_cla_placement'),

	(21, 'checked_cla_reviews', '{ssd_cla_reviews,ssd_cla_episodes}',
	 'review_id text, cla_id text, review_day date, cancelled boolean, entered date, duplicate boolean, problems text[], problem text', $v$
		SELECT y.review_id, y.cla_id, y.review_day, y.cancelled, y.entered, y.duplicate,
			   array_remove(ARRAY[y.care_problem, CASE WHEN y.cancelled IS NULL THEN 'unknown flag value' END,
								  CASE WHEN y.duplicate THEN 'same-day duplicate' END], NULL),
			   coalesce(y.base_problem, CASE WHEN y.duplicate THEN 'same-day duplicate' END)
		FROM (SELECT x.*,
					 x.base_problem IS NULL AND x.review_day IS NOT NULL AND NOT x.cancelled
					 AND row_number() OVER (PARTITION BY coalesce(x.cla_id, x.review_id), x.review_day,
													 x.base_problem IS NULL AND NOT x.cancelled
											ORDER BY x.review_id COLLATE "C") > 1 AS duplicate
			  FROM (SELECT w.*, coalesce(w.care_problem, CASE WHEN w.cancelled IS NULL THEN 'unknown flag value' END) AS base_problem
					FROM (SELECT r.clar_cla_review_id::text AS review_id, r.clar_cla_id::text AS cla_id,
								 r.clar_cla_review_date::date AS review_day, @flag{r.clar_cla_review_cancelled}@ AS cancelled, c.entered,
								 CASE WHEN r.clar_cla_review_date IS NULL THEN NULL
									  WHEN c.entered IS NULL THEN 'no matching period of care'
									  WHEN r.clar_cla_review_date::date NOT BETWEEN date '1971-01-01' AND date '2199-12-31' OR c.entered NOT BETWEEN date '1971-01-01' AND date '2199-12-31' THEN 'date out of range'
									  WHEN r.clar_cla_review_date::date < c.entered THEN 'before entering care' END AS care_problem
						  FROM @ssd@.ssd_cla_reviews r
						  LEFT JOIN (SELECT e.clae_cla_id::text AS cla_id, min(e.clae_entered_care_date::date) AS entered
									 FROM @ssd@.ssd_cla_episodes e GROUP BY 1) c ON c.cla_id = r.clar_cla_id::text) w) x) y
	$v$, 'ssd_cla_reviews with the first entered-care date of the period of care'),

	(22, 'checked_cla_visits', '{ssd_cla_visits}',
	 'visit_id text, cla_id text, person_id text, visit_day date, seen boolean, problems text[], problem text', $v$
		SELECT x.visit_id, x.cla_id, x.person_id, x.visit_day, x.seen, array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT v.clav_cla_visit_id::text AS visit_id, v.clav_cla_id::text AS cla_id, v.clav_person_id::text AS person_id,
					 v.clav_cla_visit_date::date AS visit_day, @flag{v.clav_cla_visit_seen}@ AS seen,
					 CASE WHEN @flag{v.clav_cla_visit_seen}@ IS NULL THEN 'unknown flag value' END AS p
			  FROM @ssd@.ssd_cla_visits v) x
	$v$, 'ssd_cla_visits'),

	(23, 'checked_involvements', '{ssd_involvements}',
	 'involvement_id text, professional_id text, role text, person_id text, referral_id text, started date, ended date, allocated boolean, dob date, problems text[], problem text', $v$
		SELECT x.involvement_id, x.professional_id, x.role, x.person_id, x.referral_id, x.started, x.ended, x.allocated, x.dob,
			   array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT i.invo_involvements_id::text AS involvement_id, i.invo_professional_id::text AS professional_id,
					 i.invo_professional_role_id::text AS role, i.invo_person_id::text AS person_id,
					 i.invo_referral_id::text AS referral_id, i.invo_involvement_start_date::date AS started,
					 i.invo_involvement_end_date::date AS ended,
					 i.invo_professional_id IS NOT NULL
					 AND coalesce(upper(btrim(i.invo_professional_role_id::text)) @in{allocated_worker_role}@, false) AS allocated,
					 p.dob,
					 CASE WHEN i.invo_involvement_start_date IS NULL THEN 'start date missing'
						  WHEN i.invo_involvement_end_date::date < i.invo_involvement_start_date::date THEN 'end before start' END AS p
			  FROM @ssd@.ssd_involvements i
			  LEFT JOIN @kpi@.checked_person p ON p.person_id = i.invo_person_id::text) x
	$v$, 'ssd_involvements: allocated = a role of allocated_worker_role and a worker named'),

	(24, 'checked_workforce_month', '{ext_workforce_month}',
	 'month_end date, team_id text, establishment numeric, permanent numeric, agency numeric, absent numeric, non_case_holding numeric, problems text[], problem text', $v$
		SELECT w.month_end::date, w.dept_team_id::text, w.establishment_fte::numeric, w.permanent_fte::numeric, w.agency_fte::numeric,
			   w.absent_fte::numeric, w.non_case_holding_fte::numeric, '{}'::text[], NULL::text
		FROM @ext@.ext_workforce_month w
	$v$, 'ext_workforce_month'),

	(25, 'checked_case_audit', '{ext_case_audit}',
	 'audit_id text, person_id text, returned_day date, grade text, ri_or_better boolean, problems text[], problem text', $v$
		SELECT x.audit_id, x.person_id, x.returned_day, x.grade, x.ri_or_better, array_remove(ARRAY[x.p], NULL), x.p
		FROM (SELECT w.*, CASE WHEN w.grade IS NOT NULL AND w.ri_or_better IS NULL THEN 'unknown audit grade' END AS p
			  FROM (SELECT a.audit_id::text AS audit_id, a.person_id::text AS person_id, a.returned_date::date AS returned_day, g.grade,
						   CASE WHEN upper(btrim(g.grade)) @in{audit_grade_ri_or_better}@ THEN true
								WHEN upper(btrim(g.grade)) @in{audit_grade_below_ri}@ THEN false END AS ri_or_better
					FROM @ext@.ext_case_audit a
					CROSS JOIN LATERAL (SELECT coalesce(nullif(btrim(a.moderated_grade::text), ''), nullif(btrim(a.grade::text), '')) AS grade) g) w) x
	$v$, 'ext_case_audit: grade after moderation'),

	(26, 'cp_open_at_month_end', '{}', 'month_end date, plan_id text, person_id text, started date', $v$
		SELECT m.month_end, p.plan_id, p.person_id, p.started
		FROM (SELECT r.month_end FROM @kpi@.report_month r OFFSET 0) m
		JOIN @kpi@.checked_cp_plans p
		  ON p.problem IS NULL AND NOT p.ola
		 AND p.started <= m.month_end AND (p.ended IS NULL OR p.ended > m.month_end)
		 AND CASE WHEN p.dob IS NULL OR p.dob > m.month_end THEN true ELSE socialcare.under_18_at(p.dob, m.month_end) END
	$v$, 'CP plans of this authority open at each report month end, child under 18 (the cohort of PI02, PI06 to PI08)'),

	(27, 'lac_at_month_end', '{}', 'month_end date, episode_id text, person_id text, cla_id text, placement_id text, started date', $v$
		SELECT DISTINCT ON (m.month_end, e.person_id) m.month_end, e.episode_id, e.person_id, e.cla_id, e.placement_id, e.started
		FROM (SELECT r.month_end FROM @kpi@.report_month r OFFSET 0) m
		JOIN @kpi@.checked_cla_episodes e
		  ON e.problem IS NULL
		 AND e.started <= m.month_end AND (e.ceased IS NULL OR e.ceased > m.month_end)
		 AND CASE WHEN e.dob IS NULL OR e.dob > m.month_end THEN true ELSE socialcare.under_18_at(e.dob, m.month_end) END
		WHERE NOT EXISTS (SELECT 1 FROM @kpi@.checked_legal_status l
						  WHERE l.person_id = e.person_id AND l.short_break
							AND l.started <= m.month_end AND (l.ended IS NULL OR l.ended > m.month_end))
		ORDER BY m.month_end, e.person_id, e.started DESC, e.episode_id COLLATE "C"
	$v$, 'Looked-after children under 18 at each report month end, one per child (the episode open then with the latest start), not on a short break (the cohort of PI11, LACRATE, LAC3PL)')
		) AS t (ord, view_name, needs, columns, template, comment)
		ORDER BY t.ord;
	END;
COMMENT ON FUNCTION socialcare.ssd_view_templates() IS
'(internal) The row-checking views create_ssd_kpis writes before the KPI views: name, the tables each needs, its columns (those of the stub written when one lacks) and its template';

CREATE OR REPLACE FUNCTION socialcare.ssd_kpi_templates()
	RETURNS TABLE (kpi_code text, template text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	BEGIN ATOMIC
		WITH t (kpi_code, template) AS (VALUES
	('PI01', $v$
		WITH m AS MATERIALIZED (SELECT * FROM @kpi@.report_month),
		c AS MATERIALIZED (
			SELECT c.contact_day, coalesce(c.decided_at - c.contacted_at <= interval '24 hours', false) AS on_time
			FROM @kpi@.checked_contacts c
			WHERE c.problem IS NULL AND c.became_referral
			  AND c.contact_day >= (SELECT min(m.month_start) FROM m) AND c.contact_day <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(c.on_time) FILTER (WHERE c.on_time)::numeric AS numerator,
			   count(c.on_time)::numeric AS denominator, socialcare.pct(c.on_time) AS value
		FROM m LEFT JOIN c ON c.contact_day BETWEEN m.month_start AND m.month_end
		GROUP BY m.month_end
	$v$),
	('PI02', $v$
		SELECT m.month_end, count(DISTINCT c.person_id)::numeric AS numerator, m.population AS denominator,
			   socialcare.rate(count(DISTINCT c.person_id), m.population) AS value
		FROM @kpi@.report_month m
		LEFT JOIN @kpi@.cp_open_at_month_end c ON c.month_end = m.month_end
		GROUP BY m.month_end, m.population
	$v$),
	-- PI03 and PI04 over the month; ICPC15_12M and ASSESS45_12M (below) are
	-- the same templates over the 12 months to M (from_day).
	('PI03', $v$
		WITH m AS MATERIALIZED (SELECT r.month_end, r.month_start AS from_day FROM @kpi@.report_month r),
		i AS MATERIALIZED (
			SELECT c.held, socialcare.working_days(c.s47_started, c.held) <= 15 AS on_time
			FROM @kpi@.checked_initial_cp_conference c
			WHERE c.problem IS NULL AND NOT c.transfer_in
			  AND c.held >= (SELECT min(m.from_day) FROM m) AND c.held <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(i.on_time) FILTER (WHERE i.on_time)::numeric AS numerator,
			   count(i.on_time)::numeric AS denominator, socialcare.pct(i.on_time) AS value
		FROM m LEFT JOIN i ON i.held BETWEEN m.from_day AND m.month_end
		GROUP BY m.month_end
	$v$),
	('PI04', $v$
		WITH m AS MATERIALIZED (SELECT r.month_end, r.month_start AS from_day FROM @kpi@.report_month r),
		a AS MATERIALIZED (
			SELECT a.authorised, socialcare.working_days(a.referred, a.authorised) <= 45 AS on_time
			FROM @kpi@.checked_cin_assessments a
			WHERE a.problem IS NULL
			  AND a.authorised >= (SELECT min(m.from_day) FROM m) AND a.authorised <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(a.on_time) FILTER (WHERE a.on_time)::numeric AS numerator,
			   count(a.on_time)::numeric AS denominator, socialcare.pct(a.on_time) AS value
		FROM m LEFT JOIN a ON a.authorised BETWEEN m.from_day AND m.month_end
		GROUP BY m.month_end
	$v$),
	('PI05', $v$
		WITH m AS MATERIALIZED (SELECT * FROM @kpi@.report_month),
		r AS MATERIALIZED (  -- referrals open at M, not NFA, child under 18
			SELECT m.month_end, e.referral_id, e.person_id, e.referred
			FROM m
			JOIN @kpi@.checked_cin_episodes e
			  ON e.problem IS NULL AND e.nfa IS NOT NULL AND NOT e.nfa
			 AND e.referred <= m.month_end AND (e.closed IS NULL OR e.closed > m.month_end)
			 AND CASE WHEN e.dob IS NULL OR e.dob > m.month_end THEN true ELSE socialcare.under_18_at(e.dob, m.month_end) END),
		a AS MATERIALIZED (
			SELECT i.referral_id, i.person_id, i.started, i.ended
			FROM @kpi@.checked_involvements i WHERE i.problem IS NULL AND i.allocated),
		link AS (  -- allocations of the referral, or of the child with no referral named
			SELECT r.month_end, r.referral_id, a.started, a.ended
			FROM r JOIN a ON a.referral_id = r.referral_id AND a.started <= r.month_end
			UNION ALL
			SELECT r.month_end, r.referral_id, a.started, a.ended
			FROM r JOIN a ON a.referral_id IS NULL AND a.person_id = r.person_id AND a.started <= r.month_end),
		per_referral AS (
			SELECT r.month_end, r.person_id,
				   coalesce(bool_or(l.started IS NOT NULL AND (l.ended IS NULL OR l.ended > r.month_end)), false) AS allocated,
				   greatest(r.referred, max(l.ended) FILTER (WHERE l.ended <= r.month_end)) AS since
			FROM r LEFT JOIN link l ON l.month_end = r.month_end AND l.referral_id = r.referral_id
			GROUP BY r.month_end, r.referral_id, r.person_id, r.referred),
		per_child AS (
			SELECT p.month_end, p.person_id,
				   NOT bool_or(p.allocated) AND bool_or(socialcare.working_days(p.since, p.month_end) > 5) AS unallocated
			FROM per_referral p GROUP BY p.month_end, p.person_id)
		SELECT m.month_end, count(c.person_id) FILTER (WHERE c.unallocated)::numeric AS numerator,
			   count(c.person_id)::numeric AS denominator,
			   count(c.person_id) FILTER (WHERE c.unallocated)::numeric AS value
		FROM m LEFT JOIN per_child c ON c.month_end = m.month_end
		GROUP BY m.month_end
	$v$),
	('PI06', $v$
		WITH cp AS MATERIALIZED (SELECT * FROM @kpi@.cp_open_at_month_end),
		v AS MATERIALIZED (
			SELECT v.plan_id, v.person_id, v.visit_day FROM @kpi@.checked_cp_visits v
			WHERE v.problem IS NULL AND v.seen AND v.visit_day IS NOT NULL),
		last AS (
			SELECT x.month_end, x.plan_id, max(x.visit_day) AS last_visit
			FROM (SELECT cp.month_end, cp.plan_id, v.visit_day
				  FROM cp JOIN v ON v.plan_id = cp.plan_id AND v.visit_day BETWEEN cp.started AND cp.month_end
				  UNION ALL
				  SELECT cp.month_end, cp.plan_id, v.visit_day
				  FROM cp JOIN v ON v.plan_id IS NULL AND v.person_id = cp.person_id AND v.visit_day BETWEEN cp.started AND cp.month_end) x
			GROUP BY x.month_end, x.plan_id),
		c AS (
			SELECT cp.month_end, coalesce(l.last_visit, cp.started) + 14 >= cp.month_end AS on_time
			FROM cp LEFT JOIN last l ON l.month_end = cp.month_end AND l.plan_id = cp.plan_id)
		SELECT m.month_end, count(c.on_time) FILTER (WHERE c.on_time)::numeric AS numerator,
			   count(c.on_time)::numeric AS denominator, socialcare.pct(c.on_time) AS value
		FROM @kpi@.report_month m LEFT JOIN c ON c.month_end = m.month_end
		GROUP BY m.month_end
	$v$),
	('PI07', $v$
		WITH cp AS MATERIALIZED (SELECT * FROM @kpi@.cp_open_at_month_end),
		v AS MATERIALIZED (
			SELECT v.plan_id, v.person_id, v.review_day FROM @kpi@.checked_cp_reviews v
			WHERE v.problem IS NULL AND v.review_day IS NOT NULL),
		last AS (
			SELECT x.month_end, x.plan_id, max(x.review_day) AS last_review
			FROM (SELECT cp.month_end, cp.plan_id, v.review_day
				  FROM cp JOIN v ON v.plan_id = cp.plan_id AND v.review_day BETWEEN cp.started AND cp.month_end
				  UNION ALL
				  SELECT cp.month_end, cp.plan_id, v.review_day
				  FROM cp JOIN v ON v.plan_id IS NULL AND v.person_id = cp.person_id AND v.review_day BETWEEN cp.started AND cp.month_end) x
			GROUP BY x.month_end, x.plan_id),
		c AS (
			SELECT cp.month_end, (coalesce(l.last_review, cp.started) + interval '6 months')::date >= cp.month_end AS on_time
			FROM cp LEFT JOIN last l ON l.month_end = cp.month_end AND l.plan_id = cp.plan_id)
		SELECT m.month_end, count(c.on_time) FILTER (WHERE c.on_time)::numeric AS numerator,
			   count(c.on_time)::numeric AS denominator, socialcare.pct(c.on_time) AS value
		FROM @kpi@.report_month m LEFT JOIN c ON c.month_end = m.month_end
		GROUP BY m.month_end
	$v$),
	('PI08', $v$
		WITH cp AS MATERIALIZED (SELECT * FROM @kpi@.cp_open_at_month_end),
		s AS MATERIALIZED (
			SELECT s.person_id, s.supervision_day FROM @kpi@.checked_case_supervision s
			WHERE s.problem IS NULL AND s.supervision_day IS NOT NULL),
		last AS (
			SELECT cp.month_end, cp.plan_id, max(s.supervision_day) AS last_supervision
			FROM cp JOIN s ON s.person_id = cp.person_id AND s.supervision_day BETWEEN cp.started AND cp.month_end
			GROUP BY cp.month_end, cp.plan_id),
		c AS (
			SELECT cp.month_end, coalesce(l.last_supervision, cp.started) + 28 >= cp.month_end AS on_time
			FROM cp LEFT JOIN last l ON l.month_end = cp.month_end AND l.plan_id = cp.plan_id)
		SELECT m.month_end, count(c.on_time) FILTER (WHERE c.on_time)::numeric AS numerator,
			   count(c.on_time)::numeric AS denominator, socialcare.pct(c.on_time) AS value
		FROM @kpi@.report_month m LEFT JOIN c ON c.month_end = m.month_end
		GROUP BY m.month_end
	$v$),
	('PI09', $v$
		WITH m AS MATERIALIZED (SELECT * FROM @kpi@.report_month),
		x AS MATERIALIZED (
			SELECT s.return_day, coalesce(r.completed_at <= s.returned_at + interval '72 hours', false) AS on_time
			FROM @kpi@.checked_missing s
			LEFT JOIN @kpi@.checked_return_interview r ON r.miss_id = s.miss_id
			WHERE s.problem IS NULL AND s.accepted AND r.problem IS NULL
			  AND s.return_day >= (SELECT min(m.month_start) FROM m) AND s.return_day <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(x.on_time) FILTER (WHERE x.on_time)::numeric AS numerator,
			   count(x.on_time)::numeric AS denominator, socialcare.pct(x.on_time) AS value
		FROM m LEFT JOIN x ON x.return_day BETWEEN m.month_start AND m.month_end
		GROUP BY m.month_end
	$v$),
	('PI10', $v$
		WITH m AS MATERIALIZED (SELECT * FROM @kpi@.report_month),
		c AS MATERIALIZED (  -- one row per child: the earliest start of the CIN plans open at M
			SELECT m.month_end, p.person_id, min(p.started) AS started
			FROM m JOIN @kpi@.checked_cin_plans p
			  ON p.problem IS NULL AND p.started <= m.month_end AND (p.ended IS NULL OR p.ended > m.month_end)
			 AND CASE WHEN p.dob IS NULL OR p.dob > m.month_end THEN true ELSE socialcare.under_18_at(p.dob, m.month_end) END
			GROUP BY m.month_end, p.person_id),
		v AS MATERIALIZED (
			SELECT v.person_id, v.visit_day FROM @kpi@.checked_cin_visits v
			WHERE v.problem IS NULL AND v.seen AND v.visit_day IS NOT NULL),
		last AS (
			SELECT c.month_end, c.person_id, max(v.visit_day) AS last_visit
			FROM c JOIN v ON v.person_id = c.person_id AND v.visit_day BETWEEN c.started AND c.month_end
			GROUP BY c.month_end, c.person_id),
		x AS (
			SELECT c.month_end, socialcare.working_days(coalesce(l.last_visit, c.started), c.month_end) <= 20 AS on_time
			FROM c LEFT JOIN last l ON l.month_end = c.month_end AND l.person_id = c.person_id)
		SELECT m.month_end, count(x.on_time) FILTER (WHERE x.on_time)::numeric AS numerator,
			   count(x.on_time)::numeric AS denominator, socialcare.pct(x.on_time) AS value
		FROM m LEFT JOIN x ON x.month_end = m.month_end
		GROUP BY m.month_end
	$v$),
	('PI11', $v$
		WITH l AS MATERIALIZED (
			SELECT c.month_end, c.cla_id, c.person_id, p.started AS placed, p.long_term
			FROM @kpi@.lac_at_month_end c
			JOIN @kpi@.checked_cla_placement p ON p.placement_id = c.placement_id AND p.problem IS NULL
										   AND p.started <= c.month_end),
		v AS MATERIALIZED (
			SELECT v.cla_id, v.person_id, v.visit_day FROM @kpi@.checked_cla_visits v
			WHERE v.problem IS NULL AND v.seen AND v.visit_day IS NOT NULL),
		last AS (
			SELECT x.month_end, x.person_id, max(x.visit_day) AS last_visit
			FROM (SELECT l.month_end, l.person_id, v.visit_day
				  FROM l JOIN v ON v.cla_id = l.cla_id AND v.visit_day BETWEEN l.placed AND l.month_end
				  UNION ALL
				  SELECT l.month_end, l.person_id, v.visit_day
				  FROM l JOIN v ON v.cla_id IS NULL AND v.person_id = l.person_id AND v.visit_day BETWEEN l.placed AND l.month_end) x
			GROUP BY x.month_end, x.person_id),
		x AS (
			SELECT l.month_end,
				   NOT socialcare.chain_overdue(CASE WHEN l.long_term THEN 'lac_visit_long_term' ELSE 'lac_visit' END,
												l.placed, (v.last_visit IS NOT NULL)::integer::bigint, v.last_visit, l.month_end) AS on_time
			FROM l LEFT JOIN last v ON v.month_end = l.month_end AND v.person_id = l.person_id)
		SELECT m.month_end, count(x.on_time) FILTER (WHERE x.on_time)::numeric AS numerator,
			   count(x.on_time)::numeric AS denominator, socialcare.pct(x.on_time) AS value
		FROM @kpi@.report_month m LEFT JOIN x ON x.month_end = m.month_end
		GROUP BY m.month_end
	$v$),
	('PI12', $v$
		WITH chain AS MATERIALIZED (
			SELECT r.review_day,
				   socialcare.chain_on_time('lac_review', r.review_day, r.entered)
					   OVER (PARTITION BY r.cla_id ORDER BY r.review_day) AS on_time
			FROM @kpi@.checked_cla_reviews r
			WHERE r.problem IS NULL AND NOT r.cancelled AND r.review_day IS NOT NULL)
		SELECT m.month_end, count(c.on_time) FILTER (WHERE c.on_time)::numeric AS numerator,
			   count(c.on_time)::numeric AS denominator, socialcare.pct(c.on_time) AS value
		FROM @kpi@.report_month m
		LEFT JOIN chain c ON c.review_day BETWEEN m.fy_start AND m.month_end
		GROUP BY m.month_end
	$v$),
	('PI13', $v$
		SELECT m.month_end, sum(w.establishment - w.permanent) AS numerator, sum(w.establishment) AS denominator,
			   socialcare.percent(sum(w.establishment - w.permanent), sum(w.establishment)) AS value
		FROM @kpi@.report_month m
		LEFT JOIN @kpi@.checked_workforce_month w ON w.month_end = m.month_end AND w.problem IS NULL
		GROUP BY m.month_end
	$v$),
	('PI14', $v$
		WITH m AS MATERIALIZED (SELECT * FROM @kpi@.report_month),
		c AS (
			SELECT m.month_end, count(DISTINCT i.person_id)::numeric AS cases
			FROM m JOIN @kpi@.checked_involvements i
			  ON i.problem IS NULL AND i.allocated AND i.person_id IS NOT NULL
			 AND i.started <= m.month_end AND (i.ended IS NULL OR i.ended > m.month_end)
			 AND CASE WHEN i.dob IS NULL OR i.dob > m.month_end THEN true ELSE socialcare.under_18_at(i.dob, m.month_end) END
			GROUP BY m.month_end),
		f AS (
			SELECT w.month_end, sum(w.permanent + w.agency - w.absent - w.non_case_holding) AS fte
			FROM @kpi@.checked_workforce_month w WHERE w.problem IS NULL GROUP BY w.month_end)
		SELECT m.month_end, coalesce(c.cases, 0::numeric) AS numerator, f.fte AS denominator,
			   round(coalesce(c.cases, 0::numeric) / nullif(f.fte, 0::numeric), 10) AS value
		FROM m LEFT JOIN c ON c.month_end = m.month_end LEFT JOIN f ON f.month_end = m.month_end
	$v$),
	('PI15', $v$
		SELECT m.month_end, count(a.ri_or_better) FILTER (WHERE a.ri_or_better)::numeric AS numerator,
			   count(a.ri_or_better)::numeric AS denominator, socialcare.pct(a.ri_or_better) AS value
		FROM @kpi@.report_month m
		LEFT JOIN @kpi@.checked_case_audit a
			   ON a.problem IS NULL AND a.grade IS NOT NULL AND a.returned_day BETWEEN m.month_start AND m.month_end
		GROUP BY m.month_end
	$v$),
	('REREF', $v$
		WITH m AS MATERIALIZED (SELECT r.month_end, lower(socialcare.rolling_months(r.month_end)) AS from_day FROM @kpi@.report_month r),
		f AS MATERIALIZED (
			SELECT x.referred, x.rereferral FROM (
				SELECT e.referred,
					   socialcare.is_rereferral(e.referred) OVER (PARTITION BY e.person_id ORDER BY e.referred) AS rereferral
				FROM @kpi@.checked_cin_episodes e WHERE e.problem IS NULL) x
			WHERE x.referred >= (SELECT min(m.from_day) FROM m) AND x.referred <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(f.rereferral) FILTER (WHERE f.rereferral)::numeric AS numerator,
			   count(f.rereferral)::numeric AS denominator, socialcare.pct(f.rereferral) AS value
		FROM m LEFT JOIN f ON f.referred BETWEEN m.from_day AND m.month_end
		GROUP BY m.month_end
	$v$),
	('LACRATE', $v$
		SELECT m.month_end, count(DISTINCT c.person_id)::numeric AS numerator, m.population AS denominator,
			   socialcare.rate(count(DISTINCT c.person_id), m.population) AS value
		FROM @kpi@.report_month m
		LEFT JOIN @kpi@.lac_at_month_end c ON c.month_end = m.month_end
		GROUP BY m.month_end, m.population
	$v$),
	('REPEATCP', $v$
		WITH m AS MATERIALIZED (SELECT r.month_end, lower(socialcare.rolling_months(r.month_end)) AS from_day FROM @kpi@.report_month r),
		f AS MATERIALIZED (
			SELECT x.started, x.repeat FROM (
				SELECT p.started, socialcare.is_repeat_plan(p.started) OVER (PARTITION BY p.person_id ORDER BY p.started) AS repeat
				FROM @kpi@.checked_cp_plans p WHERE p.problem IS NULL AND NOT p.ola) x
			WHERE x.started >= (SELECT min(m.from_day) FROM m) AND x.started <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(f.repeat) FILTER (WHERE f.repeat)::numeric AS numerator,
			   count(f.repeat)::numeric AS denominator, socialcare.pct(f.repeat) AS value
		FROM m LEFT JOIN f ON f.started BETWEEN m.from_day AND m.month_end
		GROUP BY m.month_end
	$v$),
	('CP2Y', $v$
		WITH m AS MATERIALIZED (SELECT r.month_end, lower(socialcare.rolling_months(r.month_end)) AS from_day FROM @kpi@.report_month r),
		f AS MATERIALIZED (
			SELECT p.ended, socialcare.lasted_two_years_or_more(p.started, p.ended) AS two_years
			FROM @kpi@.checked_cp_plans p
			WHERE p.problem IS NULL AND NOT p.ola
			  AND p.ended >= (SELECT min(m.from_day) FROM m) AND p.ended <= (SELECT max(m.month_end) FROM m))
		SELECT m.month_end, count(f.two_years) FILTER (WHERE f.two_years)::numeric AS numerator,
			   count(f.two_years)::numeric AS denominator, socialcare.pct(f.two_years) AS value
		FROM m LEFT JOIN f ON f.ended BETWEEN m.from_day AND m.month_end
		GROUP BY m.month_end
	$v$),
	('LAC3PL', $v$
		WITH c AS MATERIALIZED (SELECT l.month_end, l.person_id FROM @kpi@.lac_at_month_end l),
		p AS MATERIALIZED (
			SELECT p.person_id, p.started, p.ended FROM @kpi@.checked_cla_placement p
			WHERE p.problem IS NULL AND p.person_id IN (SELECT c.person_id FROM c)),
		x AS (
			SELECT c.month_end, c.person_id,
				   count(*) FILTER (WHERE socialcare.placement_in_year(p.started, p.ended, c.month_end)) >= 3 AS three
			FROM c LEFT JOIN p ON p.person_id = c.person_id
			GROUP BY c.month_end, c.person_id)
		SELECT m.month_end, count(x.three) FILTER (WHERE x.three)::numeric AS numerator,
			   count(x.three)::numeric AS denominator, socialcare.pct(x.three) AS value
		FROM @kpi@.report_month m LEFT JOIN x ON x.month_end = m.month_end
		GROUP BY m.month_end
	$v$)
		)
		SELECT t.kpi_code, t.template FROM t
		UNION ALL
		SELECT x.twelve, pg_catalog.replace(t.template, 'r.month_start AS from_day',
											'lower(socialcare.rolling_months(r.month_end)) AS from_day')
		FROM t JOIN (VALUES ('PI03', 'ICPC15_12M'), ('PI04', 'ASSESS45_12M')) AS x (monthly, twelve)
				 ON x.monthly OPERATOR(pg_catalog.=) t.kpi_code;
	END;
COMMENT ON FUNCTION socialcare.ssd_kpi_templates() IS
'(internal) The template of each KPI view create_ssd_kpis writes (columns month_end, numerator, denominator, value; one row per report month)';

CREATE OR REPLACE FUNCTION socialcare.ssd_quality_template()
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT $v$
		WITH m AS MATERIALIZED (SELECT * FROM @kpi@.report_month),
		span AS MATERIALIZED (SELECT min(m.month_start) AS first_day, max(m.month_end) AS last_day FROM m),
		found (table_name, row_id, problem, treatment) AS (
			-- PI01 reads the contacts of the report months only
			SELECT 'ssd_contacts', c.contact_id, p.problem,
				   CASE WHEN p.problem IN ('outcome JSON missing', 'malformed outcome JSON')
						THEN CASE WHEN c.became_referral IS NULL THEN 'left out' ELSE 'counted' END END
			FROM @kpi@.checked_contacts c, unnest(c.problems) AS p (problem), span
			WHERE c.contact_day IS NULL OR c.contact_day BETWEEN span.first_day AND span.last_day
			UNION ALL SELECT 'ssd_cin_episodes', c.referral_id, p.problem, NULL FROM @kpi@.checked_cin_episodes c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cin_assessments', c.assessment_id, p.problem, NULL FROM @kpi@.checked_cin_assessments c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_initial_cp_conference', c.icpc_id, p.problem, NULL FROM @kpi@.checked_initial_cp_conference c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cp_plans', c.plan_id, p.problem, NULL FROM @kpi@.checked_cp_plans c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cp_visits', c.visit_id, p.problem, NULL FROM @kpi@.checked_cp_visits c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_missing', c.miss_id, p.problem, NULL FROM @kpi@.checked_missing c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ext_return_interview', c.miss_id, p.problem, NULL FROM @kpi@.checked_return_interview c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cin_plans', c.plan_id, p.problem, NULL FROM @kpi@.checked_cin_plans c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cin_visits', c.visit_id, p.problem, NULL FROM @kpi@.checked_cin_visits c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cla_episodes', c.episode_id, p.problem, NULL FROM @kpi@.checked_cla_episodes c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cla_placement', c.placement_id, p.problem, NULL FROM @kpi@.checked_cla_placement c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cla_reviews', c.review_id, p.problem, NULL FROM @kpi@.checked_cla_reviews c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_cla_visits', c.visit_id, p.problem, NULL FROM @kpi@.checked_cla_visits c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ssd_involvements', c.involvement_id, p.problem, NULL FROM @kpi@.checked_involvements c, unnest(c.problems) AS p (problem)
			UNION ALL SELECT 'ext_case_audit', c.audit_id, p.problem, NULL FROM @kpi@.checked_case_audit c, unnest(c.problems) AS p (problem)
			-- relations between tables
			UNION ALL
			SELECT 'ssd_cla_episodes', e.episode_id, 'no matching placement', NULL
			FROM @kpi@.checked_cla_episodes e
			WHERE e.problem IS NULL
			  AND NOT EXISTS (SELECT 1 FROM @kpi@.checked_cla_placement p WHERE p.placement_id = e.placement_id)
			UNION ALL
			SELECT 'ssd_missing', s.miss_id, 'no return interview recorded', NULL
			FROM @kpi@.checked_missing s, span
			WHERE s.problem IS NULL AND s.accepted AND s.return_day BETWEEN span.first_day AND span.last_day
			  AND NOT EXISTS (SELECT 1 FROM @kpi@.checked_return_interview r WHERE r.miss_id = s.miss_id)
			-- child measures: a row in a cohort at a report month end when the child is 18 or
			-- over, or of unknown age (listed once)
			UNION ALL
			SELECT 'ssd_cp_plans', c.plan_id, CASE WHEN c.dob IS NULL THEN 'date of birth unknown' ELSE '18 or over' END, NULL
			FROM @kpi@.checked_cp_plans c
			WHERE c.problem IS NULL AND NOT c.ola
			  AND EXISTS (SELECT 1 FROM m WHERE c.started <= m.month_end AND (c.ended IS NULL OR c.ended > m.month_end)
							AND CASE WHEN c.dob IS NULL THEN true WHEN c.dob > m.month_end THEN false ELSE NOT socialcare.under_18_at(c.dob, m.month_end) END)
			UNION ALL
			SELECT 'ssd_cin_episodes', c.referral_id, CASE WHEN c.dob IS NULL THEN 'date of birth unknown' ELSE '18 or over' END, NULL
			FROM @kpi@.checked_cin_episodes c
			WHERE c.problem IS NULL AND c.nfa IS NOT NULL AND NOT c.nfa
			  AND EXISTS (SELECT 1 FROM m WHERE c.referred <= m.month_end AND (c.closed IS NULL OR c.closed > m.month_end)
							AND CASE WHEN c.dob IS NULL THEN true WHEN c.dob > m.month_end THEN false ELSE NOT socialcare.under_18_at(c.dob, m.month_end) END)
			UNION ALL
			SELECT 'ssd_cin_plans', c.plan_id, CASE WHEN c.dob IS NULL THEN 'date of birth unknown' ELSE '18 or over' END, NULL
			FROM @kpi@.checked_cin_plans c
			WHERE c.problem IS NULL
			  AND EXISTS (SELECT 1 FROM m WHERE c.started <= m.month_end AND (c.ended IS NULL OR c.ended > m.month_end)
							AND CASE WHEN c.dob IS NULL THEN true WHEN c.dob > m.month_end THEN false ELSE NOT socialcare.under_18_at(c.dob, m.month_end) END)
			UNION ALL
			SELECT 'ssd_cla_episodes', c.episode_id, CASE WHEN c.dob IS NULL THEN 'date of birth unknown' ELSE '18 or over' END, NULL
			FROM @kpi@.checked_cla_episodes c
			WHERE c.problem IS NULL
			  AND EXISTS (SELECT 1 FROM m WHERE c.started <= m.month_end AND (c.ceased IS NULL OR c.ceased > m.month_end)
							AND CASE WHEN c.dob IS NULL THEN true WHEN c.dob > m.month_end THEN false ELSE NOT socialcare.under_18_at(c.dob, m.month_end) END)
			UNION ALL
			SELECT 'ssd_involvements', c.involvement_id, CASE WHEN c.dob IS NULL THEN 'date of birth unknown' ELSE '18 or over' END, NULL
			FROM @kpi@.checked_involvements c
			WHERE c.problem IS NULL AND c.allocated
			  AND EXISTS (SELECT 1 FROM m WHERE c.started <= m.month_end AND (c.ended IS NULL OR c.ended > m.month_end)
							AND CASE WHEN c.dob IS NULL THEN true WHEN c.dob > m.month_end THEN false ELSE NOT socialcare.under_18_at(c.dob, m.month_end) END)
			-- report months without their figures
			UNION ALL
			SELECT 'ext_population', m.month_end::text, 'no population estimate', NULL FROM m WHERE m.population IS NULL
			UNION ALL
			SELECT 'ext_workforce_month', m.month_end::text, 'no workforce figures', NULL FROM m
			WHERE NOT EXISTS (SELECT 1 FROM @kpi@.checked_workforce_month w WHERE w.month_end = m.month_end AND w.problem IS NULL)),
		treat (table_name, problem, treatment, kpi_codes) AS (VALUES
			('ssd_contacts', 'start date missing', 'left out', '{PI01}'::text[]),
			('ssd_contacts', 'outcome JSON missing', NULL, '{PI01}'),
			('ssd_contacts', 'malformed outcome JSON', NULL, '{PI01}'),
			('ssd_contacts', 'unknown flag value', 'left out', '{PI01}'),
			('ssd_contacts', 'no decision recorded', 'counted as late', '{PI01}'),
			('ssd_contacts', 'decision before contact', 'left out', '{PI01}'),
			('ssd_cin_episodes', 'start date missing', 'left out', '{PI05,REREF}'),
			('ssd_cin_episodes', 'end before start', 'left out', '{PI05,REREF}'),
			('ssd_cin_episodes', 'date out of range', 'left out', '{PI05,REREF}'),
			('ssd_cin_episodes', 'unknown flag value', 'left out', '{PI05}'),
			('ssd_cin_episodes', 'same-day duplicate', 'counted once', '{PI05,REREF}'),
			('ssd_cin_episodes', '18 or over', 'left out', '{PI05}'),
			('ssd_cin_episodes', 'date of birth unknown', 'counted', '{PI05}'),
			('ssd_cin_assessments', 'no matching referral', 'left out', '{PI04,ASSESS45_12M}'),
			('ssd_cin_assessments', 'before its referral', 'left out', '{PI04,ASSESS45_12M}'),
			('ssd_cin_assessments', 'date out of range', 'left out', '{PI04,ASSESS45_12M}'),
			('ssd_cin_assessments', 'same-day duplicate', 'counted once', '{PI04,ASSESS45_12M}'),
			('ssd_initial_cp_conference', 'unknown flag value', 'left out', '{PI03,ICPC15_12M}'),
			('ssd_initial_cp_conference', 'no matching s47 enquiry', 'left out', '{PI03,ICPC15_12M}'),
			('ssd_initial_cp_conference', 'before its strategy discussion', 'left out', '{PI03,ICPC15_12M}'),
			('ssd_initial_cp_conference', 'date out of range', 'left out', '{PI03,ICPC15_12M}'),
			('ssd_initial_cp_conference', 'same-day duplicate', 'counted once', '{PI03,ICPC15_12M}'),
			('ssd_cp_plans', 'start date missing', 'left out', '{PI02,PI06,PI07,PI08,REPEATCP,CP2Y}'),
			('ssd_cp_plans', 'end before start', 'left out', '{PI02,PI06,PI07,PI08,REPEATCP,CP2Y}'),
			('ssd_cp_plans', 'unknown flag value', 'left out', '{PI02,PI06,PI07,PI08,REPEATCP,CP2Y}'),
			('ssd_cp_plans', 'same-day duplicate', 'counted once', '{PI02,PI06,PI07,PI08,REPEATCP,CP2Y}'),
			('ssd_cp_plans', '18 or over', 'left out', '{PI02,PI06,PI07,PI08}'),
			('ssd_cp_plans', 'date of birth unknown', 'counted', '{PI02,PI06,PI07,PI08}'),
			('ssd_cp_visits', 'visit before its plan', 'left out', '{PI06}'),
			('ssd_cp_visits', 'unknown flag value', 'left out', '{PI06}'),
			('ssd_missing', 'end before start', 'left out', '{PI09}'),
			('ssd_missing', 'unknown flag value', 'left out', '{PI09}'),
			('ssd_missing', 'no return interview recorded', 'counted as late', '{PI09}'),
			('ext_return_interview', 'interview before return', 'left out', '{PI09}'),
			('ssd_cin_plans', 'start date missing', 'left out', '{PI10}'),
			('ssd_cin_plans', 'end before start', 'left out', '{PI10}'),
			('ssd_cin_plans', 'date out of range', 'left out', '{PI10}'),
			('ssd_cin_plans', '18 or over', 'left out', '{PI10}'),
			('ssd_cin_plans', 'date of birth unknown', 'counted', '{PI10}'),
			('ssd_cin_visits', 'unknown flag value', 'left out', '{PI10}'),
			('ssd_cin_visits', 'date out of range', 'left out', '{PI10}'),
			('ssd_cla_episodes', 'start date missing', 'left out', '{PI11,LACRATE,LAC3PL}'),
			('ssd_cla_episodes', 'end before start', 'left out', '{PI11,LACRATE,LAC3PL}'),
			('ssd_cla_episodes', 'no matching placement', 'left out', '{PI11}'),
			('ssd_cla_episodes', '18 or over', 'left out', '{PI11,LACRATE,LAC3PL}'),
			('ssd_cla_episodes', 'date of birth unknown', 'counted', '{PI11,LACRATE,LAC3PL}'),
			('ssd_cla_placement', 'start date missing', 'left out', '{PI11,LAC3PL}'),
			('ssd_cla_placement', 'end before start', 'left out', '{PI11,LAC3PL}'),
			('ssd_cla_reviews', 'no matching period of care', 'left out', '{PI12}'),
			('ssd_cla_reviews', 'before entering care', 'left out', '{PI12}'),
			('ssd_cla_reviews', 'date out of range', 'left out', '{PI12}'),
			('ssd_cla_reviews', 'unknown flag value', 'left out', '{PI12}'),
			('ssd_cla_reviews', 'same-day duplicate', 'counted once', '{PI12}'),
			('ssd_cla_visits', 'unknown flag value', 'left out', '{PI11}'),
			('ssd_involvements', 'start date missing', 'left out', '{PI05,PI14}'),
			('ssd_involvements', 'end before start', 'left out', '{PI05,PI14}'),
			('ssd_involvements', '18 or over', 'left out', '{PI14}'),
			('ssd_involvements', 'date of birth unknown', 'counted', '{PI14}'),
			('ext_case_audit', 'unknown audit grade', 'left out', '{PI15}'),
			('ext_population', 'no population estimate', 'left out', '{PI02,LACRATE}'),
			('ext_workforce_month', 'no workforce figures', 'left out', '{PI13,PI14}'))
		SELECT f.table_name::text, f.row_id::text, f.problem::text, coalesce(f.treatment, t.treatment)::text AS treatment,
			   t.kpi_codes
		FROM found f
		LEFT JOIN treat t ON t.table_name = f.table_name AND t.problem = f.problem
		$v$;
	END;
COMMENT ON FUNCTION socialcare.ssd_quality_template() IS
'(internal) The template of the view data_quality_rows that create_ssd_kpis writes: every (row, problem) the checked_* views find, its treatment and the KPIs it affects';

CREATE OR REPLACE FUNCTION socialcare.create_ssd_kpis(ssd_schema name, into_schema name DEFAULT 'kpi',
													  ext_schema name DEFAULT NULL,
													  period_start date DEFAULT NULL, period_end date DEFAULT NULL)
	RETURNS TABLE (kpi_code text, view_name text, status text, detail text)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $fn$
	DECLARE
		prefix constant text := 'socialcare SSD layer: ';
		ext name := coalesce(ext_schema, ssd_schema);
		ours text[];
		clash record;
		lacks jsonb;             -- table name -> what it lacks (absent: usable)
		has_expected_dob boolean;
		v record;
		body text;
		col_names text;          -- a view's column list, quoted
		stub text;               -- its columns as NULLs: the view when a table it needs lacks
		p_start date;
		p_end date;
		n_stub integer;
		n_all integer;
		warn text;
	BEGIN
		IF ssd_schema IS NULL OR into_schema IS NULL THEN
			RAISE EXCEPTION 'socialcare.create_ssd_kpis: ssd_schema and into_schema must not be NULL'
				USING ERRCODE = '22004', HINT = 'Name the schema of the SSD tables and the schema for the views, e.g. create_ssd_kpis(''ssd'', ''kpi'').';
		END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = ssd_schema) THEN
			RAISE EXCEPTION 'socialcare.create_ssd_kpis: schema % does not exist', pg_catalog.quote_ident(ssd_schema)
				USING ERRCODE = '3F000', HINT = 'Name the schema that holds the SSD tables (ssd_person, ssd_cin_episodes, ...).';
		END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = ext) THEN
			RAISE EXCEPTION 'socialcare.create_ssd_kpis: schema % does not exist', pg_catalog.quote_ident(ext)
				USING ERRCODE = '3F000', HINT = 'Name the schema of the ext_* tables in ext_schema, or leave it NULL for ssd_schema.';
		END IF;
		IF period_start > period_end THEN
			RAISE EXCEPTION 'socialcare.create_ssd_kpis: period_start % is after period_end %', period_start, period_end
				USING ERRCODE = '22023', HINT = 'Give the first and the last day of the months to report, in that order.';
		END IF;
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = into_schema) THEN
			IF NOT pg_catalog.has_schema_privilege(into_schema, 'CREATE') THEN
				RAISE EXCEPTION 'socialcare.create_ssd_kpis: permission denied to create the KPI views in schema %', pg_catalog.quote_ident(into_schema)
					USING ERRCODE = '42501',
						  HINT = pg_catalog.format('GRANT CREATE ON SCHEMA %I TO %I, or name another into_schema.', into_schema, current_user);
			END IF;
		ELSIF NOT pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE') THEN
			RAISE EXCEPTION 'socialcare.create_ssd_kpis: permission denied to create schema % for the KPI views', pg_catalog.quote_ident(into_schema)
				USING ERRCODE = '42501',
					  HINT = pg_catalog.format('Create the schema as a role that may (GRANT CREATE ON DATABASE %I TO %I), or name an existing schema you may create in.',
											   pg_catalog.current_database(), current_user);
		END IF;

		-- Our names.  An object of one of them that is not ours stops the call.
		ours := ARRAY['value_map', 'report_period', 'kpi_status', 'kpi_monthly', 'data_quality_rows', 'data_quality']
			|| ARRAY(SELECT t.view_name FROM socialcare.ssd_view_templates() t)
			|| ARRAY(SELECT d.view_name FROM socialcare.ssd_kpi_definitions() d);
		FOR clash IN
			SELECT c.relname
			FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = into_schema AND c.relname = ANY (ours)
			  AND (c.relkind NOT IN ('r', 'v')
				   OR NOT coalesce(pg_catalog.starts_with(pg_catalog.obj_description(c.oid, 'pg_class'), prefix), false))
			ORDER BY c.relname
			LIMIT 1
		LOOP
			RAISE EXCEPTION 'socialcare.create_ssd_kpis: %.% exists and is not an object of the SSD KPI layer',
				pg_catalog.quote_ident(into_schema), pg_catalog.quote_ident(clash.relname)
				USING ERRCODE = '42P07',
					  HINT = 'Drop or rename it, or give create_ssd_kpis another into_schema.';
		END LOOP;

		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = into_schema) THEN
			EXECUTE pg_catalog.format('CREATE SCHEMA %I', into_schema);
		END IF;

		-- The council's tables: kept across calls.
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
					   WHERE n.nspname = into_schema AND c.relname = 'value_map') THEN
			EXECUTE pg_catalog.format(
				'CREATE TABLE %I.value_map (kind text, code text, active boolean NOT NULL DEFAULT true, note text, PRIMARY KEY (kind, code))',
				into_schema);
		END IF;
		EXECUTE pg_catalog.format('COMMENT ON TABLE %I.value_map IS %L', into_schema,
			prefix || 'the codes the KPI views match (case and spaces ignored), by kind; edit freely: a default set inactive stays so');
		EXECUTE pg_catalog.format(
			'INSERT INTO %I.value_map (kind, code, note) SELECT d.kind, d.code, d.note FROM socialcare.ssd_default_value_map() d ON CONFLICT (kind, code) DO NOTHING',
			into_schema);
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
					   WHERE n.nspname = into_schema AND c.relname = 'report_period') THEN
			EXECUTE pg_catalog.format(
				'CREATE TABLE %I.report_period (period_start date NOT NULL, period_end date NOT NULL, CHECK (period_start <= period_end))',
				into_schema);
		END IF;
		EXECUTE pg_catalog.format('COMMENT ON TABLE %I.report_period IS %L', into_schema,
			prefix || 'one row: the views report every month end from period_start to period_end');
		EXECUTE pg_catalog.format('SELECT min(r.period_start), min(r.period_end) FROM %I.report_period r', into_schema)
			INTO p_start, p_end;
		IF period_start IS NOT NULL OR period_end IS NOT NULL OR p_start IS NULL THEN
			IF p_start IS NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
										   WHERE n.nspname = ext AND c.relname = 'ext_reporting_period') THEN
				EXECUTE pg_catalog.format('SELECT min(r.period_start::date), min(r.period_end::date) FROM %I.ext_reporting_period r', ext)
					INTO p_start, p_end;
			END IF;
			p_end := coalesce(period_end, p_end, (pg_catalog.date_trunc('month', current_date) - interval '1 day')::date);
			p_start := coalesce(period_start, p_start, (pg_catalog.date_trunc('month', p_end) - interval '11 months')::date);
			IF p_start > p_end THEN
				RAISE EXCEPTION 'socialcare.create_ssd_kpis: the report period would start on % after its end %', p_start, p_end
					USING ERRCODE = '22023', HINT = 'Give both period_start and period_end.';
			END IF;
			EXECUTE pg_catalog.format('DELETE FROM %I.report_period', into_schema);
			EXECUTE pg_catalog.format('INSERT INTO %I.report_period VALUES ($1, $2)', into_schema) USING p_start, p_end;
		END IF;

		-- What each table lacks: the table, a column, or a date column's type.
		WITH req (ord, tbl, col, kind) AS (VALUES
			(1, 'ssd_person', 'pers_person_id', 'any'), (2, 'ssd_person', 'pers_dob', 'date'),
			(3, 'ssd_contacts', 'cont_contact_id', 'any'), (4, 'ssd_contacts', 'cont_person_id', 'any'),
			(5, 'ssd_contacts', 'cont_contact_date', 'date'), (6, 'ssd_contacts', 'cont_contact_outcome_json', 'any'),
			(7, 'ext_contact_decision', 'cont_contact_id', 'any'), (8, 'ext_contact_decision', 'decision_at', 'date'),
			(9, 'ext_contact_decision', 'cine_referral_id', 'any'),
			(10, 'ssd_cin_episodes', 'cine_referral_id', 'any'), (11, 'ssd_cin_episodes', 'cine_person_id', 'any'),
			(12, 'ssd_cin_episodes', 'cine_referral_date', 'date'), (13, 'ssd_cin_episodes', 'cine_close_date', 'date'),
			(14, 'ssd_cin_episodes', 'cine_referral_nfa', 'any'),
			(15, 'ssd_cin_assessments', 'cina_assessment_id', 'any'), (16, 'ssd_cin_assessments', 'cina_person_id', 'any'),
			(17, 'ssd_cin_assessments', 'cina_referral_id', 'any'), (18, 'ssd_cin_assessments', 'cina_assessment_auth_date', 'date'),
			(19, 'ssd_s47_enquiry', 's47e_s47_enquiry_id', 'any'), (20, 'ssd_s47_enquiry', 's47e_person_id', 'any'),
			(21, 'ssd_s47_enquiry', 's47e_s47_start_date', 'date'),
			(22, 'ssd_initial_cp_conference', 'icpc_icpc_id', 'any'), (23, 'ssd_initial_cp_conference', 'icpc_s47_enquiry_id', 'any'),
			(24, 'ssd_initial_cp_conference', 'icpc_person_id', 'any'), (25, 'ssd_initial_cp_conference', 'icpc_icpc_transfer_in', 'any'),
			(26, 'ssd_initial_cp_conference', 'icpc_icpc_date', 'date'),
			(27, 'ssd_cp_plans', 'cppl_cp_plan_id', 'any'), (28, 'ssd_cp_plans', 'cppl_person_id', 'any'),
			(29, 'ssd_cp_plans', 'cppl_cp_plan_start_date', 'date'), (30, 'ssd_cp_plans', 'cppl_cp_plan_end_date', 'date'),
			(31, 'ssd_cp_plans', 'cppl_cp_plan_ola', 'any'),
			(32, 'ssd_cp_visits', 'cppv_cp_visit_id', 'any'), (33, 'ssd_cp_visits', 'cppv_person_id', 'any'),
			(34, 'ssd_cp_visits', 'cppv_cp_plan_id', 'any'), (35, 'ssd_cp_visits', 'cppv_cp_visit_date', 'date'),
			(36, 'ssd_cp_visits', 'cppv_cp_visit_seen', 'any'),
			(37, 'ssd_cp_reviews', 'cppr_cp_review_id', 'any'), (38, 'ssd_cp_reviews', 'cppr_person_id', 'any'),
			(39, 'ssd_cp_reviews', 'cppr_cp_plan_id', 'any'), (40, 'ssd_cp_reviews', 'cppr_cp_review_date', 'date'),
			(41, 'ext_case_supervision', 'supervision_id', 'any'), (42, 'ext_case_supervision', 'person_id', 'any'),
			(43, 'ext_case_supervision', 'supervision_date', 'date'),
			(44, 'ssd_missing', 'miss_table_id', 'any'), (45, 'ssd_missing', 'miss_person_id', 'any'),
			(46, 'ssd_missing', 'miss_missing_episode_start_date', 'date'), (47, 'ssd_missing', 'miss_missing_episode_end_date', 'date'),
			(48, 'ssd_missing', 'miss_missing_rhi_accepted', 'any'),
			(49, 'ext_return_interview', 'miss_table_id', 'any'), (50, 'ext_return_interview', 'rhi_completed_at', 'date'),
			(51, 'ssd_cin_plans', 'cinp_cin_plan_id', 'any'), (52, 'ssd_cin_plans', 'cinp_person_id', 'any'),
			(53, 'ssd_cin_plans', 'cinp_cin_plan_start_date', 'date'), (54, 'ssd_cin_plans', 'cinp_cin_plan_end_date', 'date'),
			(55, 'ssd_cin_visits', 'cinv_cin_visit_id', 'any'), (56, 'ssd_cin_visits', 'cinv_person_id', 'any'),
			(57, 'ssd_cin_visits', 'cinv_cin_visit_date', 'date'), (58, 'ssd_cin_visits', 'cinv_cin_visit_seen', 'any'),
			(59, 'ssd_cla_episodes', 'clae_cla_episode_id', 'any'), (60, 'ssd_cla_episodes', 'clae_person_id', 'any'),
			(61, 'ssd_cla_episodes', 'clae_cla_episode_start_date', 'date'), (62, 'ssd_cla_episodes', 'clae_cla_episode_ceased_date', 'date'),
			(63, 'ssd_cla_episodes', 'clae_cla_id', 'any'), (64, 'ssd_cla_episodes', 'clae_cla_placement_id', 'any'),
			(65, 'ssd_cla_episodes', 'clae_entered_care_date', 'date'),
			(66, 'ssd_cla_placement', 'clap_cla_placement_id', 'any'), (67, 'ssd_cla_placement', 'clap_cla_id', 'any'),
			(68, 'ssd_cla_placement', 'clap_person_id', 'any'), (69, 'ssd_cla_placement', 'clap_cla_placement_start_date', 'date'),
			(70, 'ssd_cla_placement', 'clap_cla_placement_end_date', 'date'), (71, 'ssd_cla_placement', 'clap_cla_placement_type', 'any'),
			(72, 'ssd_cla_reviews', 'clar_cla_review_id', 'any'), (73, 'ssd_cla_reviews', 'clar_cla_id', 'any'),
			(74, 'ssd_cla_reviews', 'clar_cla_review_date', 'date'), (75, 'ssd_cla_reviews', 'clar_cla_review_cancelled', 'any'),
			(76, 'ssd_cla_visits', 'clav_cla_visit_id', 'any'), (77, 'ssd_cla_visits', 'clav_cla_id', 'any'),
			(78, 'ssd_cla_visits', 'clav_person_id', 'any'), (79, 'ssd_cla_visits', 'clav_cla_visit_date', 'date'),
			(80, 'ssd_cla_visits', 'clav_cla_visit_seen', 'any'),
			(81, 'ssd_involvements', 'invo_involvements_id', 'any'), (82, 'ssd_involvements', 'invo_professional_id', 'any'),
			(83, 'ssd_involvements', 'invo_professional_role_id', 'any'), (84, 'ssd_involvements', 'invo_person_id', 'any'),
			(85, 'ssd_involvements', 'invo_involvement_start_date', 'date'), (86, 'ssd_involvements', 'invo_involvement_end_date', 'date'),
			(87, 'ssd_involvements', 'invo_referral_id', 'any'),
			(88, 'ext_population', 'mid_year', 'number'), (89, 'ext_population', 'age_band', 'any'),
			(90, 'ext_population', 'population', 'number'),
			(91, 'ext_workforce_month', 'month_end', 'date'), (92, 'ext_workforce_month', 'dept_team_id', 'any'),
			(93, 'ext_workforce_month', 'establishment_fte', 'number'), (94, 'ext_workforce_month', 'permanent_fte', 'number'),
			(95, 'ext_workforce_month', 'agency_fte', 'number'), (96, 'ext_workforce_month', 'absent_fte', 'number'),
			(97, 'ext_workforce_month', 'non_case_holding_fte', 'number'),
			(98, 'ext_case_audit', 'audit_id', 'any'), (99, 'ext_case_audit', 'person_id', 'any'),
			(100, 'ext_case_audit', 'returned_date', 'date'), (101, 'ext_case_audit', 'grade', 'any'),
			(102, 'ext_case_audit', 'moderated_grade', 'any'),
			(103, 'ssd_legal_status', 'lega_person_id', 'any'), (104, 'ssd_legal_status', 'lega_legal_status', 'any'),
			(105, 'ssd_legal_status', 'lega_legal_status_start_date', 'date'), (106, 'ssd_legal_status', 'lega_legal_status_end_date', 'date')),
		rel AS (
			SELECT DISTINCT r.tbl, c.oid
			FROM req r
			LEFT JOIN (pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace)
				   ON c.relname = r.tbl AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
				  AND n.nspname = CASE WHEN r.tbl LIKE 'ext\_%' THEN ext ELSE ssd_schema END),
		lack AS (
			SELECT r.tbl,
				   CASE WHEN rel.oid IS NULL THEN r.tbl
						WHEN a.atttypid IS NULL THEN r.tbl || '.' || r.col
						WHEN r.kind = 'date' AND a.atttypid NOT IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype)
							THEN r.tbl || '.' || r.col || ' of type ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
								 || ' (wanted date, timestamp or timestamptz)'
						WHEN r.kind = 'number' AND a.atttypid NOT IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype,
																	  'numeric'::regtype, 'real'::regtype, 'double precision'::regtype)
							THEN r.tbl || '.' || r.col || ' of type ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
								 || ' (wanted a number)' END AS what,
				   r.ord
			FROM req r JOIN rel ON rel.tbl = r.tbl
			LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid AND a.attname = r.col AND a.attnum > 0 AND NOT a.attisdropped)
		SELECT coalesce(pg_catalog.jsonb_object_agg(x.tbl, x.what), '{}')
		FROM (SELECT l.tbl, pg_catalog.string_agg(DISTINCT l.what, ', ') AS what
			  FROM lack l WHERE l.what IS NOT NULL GROUP BY l.tbl) x
		INTO lacks;
		has_expected_dob := EXISTS (
			SELECT 1 FROM pg_catalog.pg_attribute a
			JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ssd_schema AND c.relname = 'ssd_person' AND a.attname = 'pers_expected_dob'
			  AND a.attnum > 0 AND NOT a.attisdropped
			  AND a.atttypid IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype));

		-- The row-checking views, then the KPI views: each from its template, or a
		-- stub of the same columns where a table it needs lacks.
		FOR v IN SELECT t.* FROM socialcare.ssd_view_templates() t ORDER BY t.ord LOOP
			SELECT pg_catalog.string_agg(pg_catalog.quote_ident(pg_catalog.split_part(c.col, ' ', 1)), ', ' ORDER BY c.n),
				   'SELECT ' || pg_catalog.string_agg('NULL::' || pg_catalog.split_part(c.col, ' ', 2)
													  || ' AS ' || pg_catalog.quote_ident(pg_catalog.split_part(c.col, ' ', 1)), ', ' ORDER BY c.n)
				   || ' WHERE false'
			FROM pg_catalog.unnest(pg_catalog.string_to_array(v.columns, ',')) WITH ORDINALITY AS u (raw, n),
				 LATERAL (SELECT pg_catalog.btrim(u.raw) AS col, u.n) c
			INTO col_names, stub;
			IF EXISTS (SELECT 1 FROM pg_catalog.unnest(v.needs) AS n (tbl) WHERE lacks ? n.tbl) THEN
				body := stub;
			ELSE
				body := socialcare.ssd_expand(v.template, ssd_schema, ext, into_schema, has_expected_dob);
			END IF;
			-- named by the column list: the stub and the template's give the same
			EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %I.%I (%s) AS %s', into_schema, v.view_name, col_names, body);
			EXECUTE pg_catalog.format('COMMENT ON VIEW %I.%I IS %L', into_schema, v.view_name, prefix || v.comment
				|| CASE WHEN body LIKE '% WHERE false' THEN ' (empty: a table it needs lacks)' ELSE '' END);
		END LOOP;

		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
					   WHERE n.nspname = into_schema AND c.relname = 'kpi_status') THEN
			EXECUTE pg_catalog.format(
				'CREATE TABLE %I.kpi_status (kpi_code text PRIMARY KEY, view_name text NOT NULL, status text NOT NULL, detail text, ssd_schema name NOT NULL, ext_schema name NOT NULL, created_at timestamptz NOT NULL)',
				into_schema);
		END IF;
		EXECUTE pg_catalog.format('COMMENT ON TABLE %I.kpi_status IS %L', into_schema,
			prefix || 'each KPI view as the last create_ssd_kpis call made it: ok, or no source (and what lacks)');
		EXECUTE pg_catalog.format('DELETE FROM %I.kpi_status', into_schema);

		FOR v IN
			SELECT d.kpi_code, d.view_name, d.title, d.rule, t.template,
				   (SELECT pg_catalog.string_agg(n.tbl || CASE WHEN lacks ->> n.tbl = n.tbl THEN '' ELSE ' (' || (lacks ->> n.tbl) || ')' END,
												 ', ' ORDER BY n.ord)
					FROM pg_catalog.unnest(d.needs) WITH ORDINALITY AS n (tbl, ord) WHERE lacks ? n.tbl) AS lacking
			FROM socialcare.ssd_kpi_definitions() WITH ORDINALITY AS d
			JOIN socialcare.ssd_kpi_templates() t ON t.kpi_code = d.kpi_code
			ORDER BY d.ordinality
		LOOP
			IF v.lacking IS NULL THEN
				body := socialcare.ssd_expand(v.template, ssd_schema, ext, into_schema, has_expected_dob);
			ELSE
				body := socialcare.ssd_expand(
					'SELECT m.month_end, NULL::numeric AS numerator, NULL::numeric AS denominator, NULL::numeric AS value FROM @kpi@.report_month m',
					ssd_schema, ext, into_schema, has_expected_dob);
			END IF;
			EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %I.%I AS %s', into_schema, v.view_name, body);
			EXECUTE pg_catalog.format('COMMENT ON VIEW %I.%I IS %L', into_schema, v.view_name,
				prefix || v.kpi_code || ' ' || v.title || ': ' || v.rule
				|| CASE WHEN v.lacking IS NULL THEN '' ELSE ' (NULL: no source; needs ' || v.lacking || ')' END);
			EXECUTE pg_catalog.format('INSERT INTO %I.kpi_status VALUES ($1, $2, $3, $4, $5, $6, now())', into_schema)
				USING v.kpi_code, v.view_name, CASE WHEN v.lacking IS NULL THEN 'ok' ELSE 'no source' END,
					  CASE WHEN v.lacking IS NULL THEN NULL ELSE 'needs ' || v.lacking END, ssd_schema, ext;
		END LOOP;

		SELECT 'SELECT ' || pg_catalog.string_agg(pg_catalog.format('%L::text AS kpi_code, k.month_end, k.numerator, k.denominator, k.value FROM %I.%I k',
																	 d.kpi_code, into_schema, d.view_name), E'\nUNION ALL SELECT ' ORDER BY d.ordinality)
		FROM socialcare.ssd_kpi_definitions() WITH ORDINALITY AS d
		INTO body;
		EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %I.kpi_monthly AS %s', into_schema, body);
		EXECUTE pg_catalog.format('COMMENT ON VIEW %I.kpi_monthly IS %L', into_schema,
			prefix || 'every KPI at every report month end, long form (kpi_code, month_end, numerator, denominator, value)');

		EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %I.data_quality_rows AS %s', into_schema,
			socialcare.ssd_expand(socialcare.ssd_quality_template(), ssd_schema, ext, into_schema, has_expected_dob));
		EXECUTE pg_catalog.format('COMMENT ON VIEW %I.data_quality_rows IS %L', into_schema,
			prefix || 'one row per source row and problem: the treatment (left out, counted as late, counted, counted once) and the KPIs it affects');
		EXECUTE pg_catalog.format(
			'CREATE OR REPLACE VIEW %1$I.data_quality AS SELECT r.table_name, r.problem, r.treatment, r.kpi_codes, count(*) AS row_count, '
			'(array_agg(r.row_id ORDER BY r.row_id COLLATE "C"))[1:5] AS example_ids FROM %1$I.data_quality_rows r '
			'GROUP BY r.table_name, r.problem, r.treatment, r.kpi_codes', into_schema);
		EXECUTE pg_catalog.format('COMMENT ON VIEW %I.data_quality IS %L', into_schema,
			prefix || 'data_quality_rows counted by table, problem and treatment, with up to 5 example ids');

		-- the WARNING says what kpi_status now holds
		EXECUTE pg_catalog.format(
			'SELECT pg_catalog.count(*) FILTER (WHERE s.detail IS NOT NULL), pg_catalog.count(*),
					pg_catalog.string_agg(s.kpi_code || '' '' || s.detail, ''; '' ORDER BY d.ordinality) FILTER (WHERE s.detail IS NOT NULL)
			 FROM %I.kpi_status s JOIN socialcare.ssd_kpi_definitions() WITH ORDINALITY AS d ON d.kpi_code = s.kpi_code',
			into_schema)
		INTO n_stub, n_all, warn;
		IF n_stub > 0 THEN
			RAISE WARNING 'socialcare: % of % KPIs have no source in schema %: %', n_stub, n_all,
				CASE WHEN ext = ssd_schema THEN pg_catalog.quote_ident(ssd_schema)
					 ELSE pg_catalog.quote_ident(ssd_schema) || ' (ext_* in ' || pg_catalog.quote_ident(ext) || ')' END, warn
				USING HINT = pg_catalog.format('Their views give NULL until the tables are there: create the ext_* tables with socialcare.create_ssd_ext_tables(%L) and load them, or load the SSD tables named; then run socialcare.create_ssd_kpis again.', ext);
		END IF;

		RETURN QUERY EXECUTE pg_catalog.format(
			'SELECT s.kpi_code, s.view_name, s.status, s.detail FROM %I.kpi_status s
			 JOIN socialcare.ssd_kpi_definitions() WITH ORDINALITY AS d ON d.kpi_code = s.kpi_code ORDER BY d.ordinality', into_schema);
	END;
$fn$;
COMMENT ON FUNCTION socialcare.create_ssd_kpis(name, name, name, date, date) IS
'Creates or replaces, in into_schema, the KPI views over the SSD tables of ssd_schema and the ext_* tables of ext_schema (default ssd_schema): value_map, report_period, the checked_* row views, one view per KPI, kpi_monthly, kpi_status, data_quality_rows and data_quality; returns each KPI''s status. A KPI whose tables lack gives NULL, with one WARNING (doc/ssd.md)';
