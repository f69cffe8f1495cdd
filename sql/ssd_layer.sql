-- The SSD KPI layer's API (area ssd): socialcare.create_ssd_kpis over a
-- schema of SSD tables.  A small data set whose figures are worked out by
-- hand in the comments; the independent recomputation of every KPI is in
-- test/ssd.  Schema names with quotes, spaces and capitals throughout.
SET client_min_messages = warning;
-- JIT off, as doc/ssd.md tells councils to set it where the layer is read:
-- with it on, PostgreSQL 17 spent about 2 minutes compiling this file's
-- reads of kpi_monthly (1 s with it off).
SET jit = off;
SET datestyle = 'ISO, YMD';
SET TimeZone = 'UTC';
CREATE SCHEMA "Ssd ""Q"" 1";
SET search_path = "Ssd ""Q"" 1", pg_catalog;

-- The SSD tables, with only the columns the layer reads plus a few;
-- ssd_cin_episodes and ssd_cp_plans in another column order.
CREATE TABLE ssd_person (pers_person_id varchar(48) PRIMARY KEY, pers_sex varchar(20), pers_dob timestamp, pers_expected_dob timestamp);
CREATE TABLE ssd_contacts (cont_contact_id varchar(48), cont_person_id varchar(48), cont_contact_date timestamp, cont_contact_outcome_json varchar(4000));
CREATE TABLE ssd_cin_episodes (cine_close_date timestamp, cine_referral_nfa char(1), cine_referral_date timestamp, cine_person_id varchar(48), cine_referral_id varchar(48));
CREATE TABLE ssd_cin_assessments (cina_assessment_id varchar(48), cina_person_id varchar(48), cina_referral_id varchar(48), cina_assessment_auth_date timestamp);
CREATE TABLE ssd_s47_enquiry (s47e_s47_enquiry_id varchar(48), s47e_person_id varchar(48), s47e_s47_start_date timestamp);
CREATE TABLE ssd_initial_cp_conference (icpc_icpc_id varchar(48), icpc_s47_enquiry_id varchar(48), icpc_person_id varchar(48), icpc_icpc_transfer_in char(1), icpc_icpc_date timestamp);
CREATE TABLE ssd_cp_plans (cppl_cp_plan_ola varchar(10), cppl_cp_plan_end_date timestamp, cppl_cp_plan_start_date timestamp, cppl_person_id varchar(48), cppl_cp_plan_id varchar(48), cppl_extra text);
CREATE TABLE ssd_cp_visits (cppv_cp_visit_id varchar(48), cppv_person_id varchar(48), cppv_cp_plan_id varchar(48), cppv_cp_visit_date timestamp, cppv_cp_visit_seen char(1));
CREATE TABLE ssd_cp_reviews (cppr_cp_review_id varchar(48), cppr_person_id varchar(48), cppr_cp_plan_id varchar(48), cppr_cp_review_date timestamp);
CREATE TABLE ssd_cin_plans (cinp_cin_plan_id varchar(48), cinp_person_id varchar(48), cinp_cin_plan_start_date timestamp, cinp_cin_plan_end_date timestamp);
CREATE TABLE ssd_cin_visits (cinv_cin_visit_id varchar(48), cinv_person_id varchar(48), cinv_cin_visit_date timestamp, cinv_cin_visit_seen char(1));
CREATE TABLE ssd_cla_episodes (clae_cla_episode_id varchar(48), clae_person_id varchar(48), clae_cla_episode_start_date timestamp, clae_cla_episode_ceased_date timestamp,
	clae_cla_id varchar(48), clae_cla_placement_id varchar(48), clae_entered_care_date timestamp);
CREATE TABLE ssd_cla_placement (clap_cla_placement_id varchar(48), clap_cla_id varchar(48), clap_person_id varchar(48), clap_cla_placement_start_date timestamp,
	clap_cla_placement_end_date timestamp, clap_cla_placement_type varchar(100));
CREATE TABLE ssd_cla_reviews (clar_cla_review_id varchar(48), clar_cla_id varchar(48), clar_cla_review_date timestamp, clar_cla_review_cancelled char(1));
CREATE TABLE ssd_cla_visits (clav_cla_visit_id varchar(48), clav_cla_id varchar(48), clav_person_id varchar(48), clav_cla_visit_date timestamp, clav_cla_visit_seen char(1));
CREATE TABLE ssd_missing (miss_table_id varchar(48), miss_person_id varchar(48), miss_missing_episode_start_date timestamp, miss_missing_episode_end_date timestamp,
	miss_missing_rhi_accepted varchar(2));
CREATE TABLE ssd_involvements (invo_involvements_id varchar(48), invo_professional_id varchar(48), invo_professional_role_id varchar(200), invo_person_id varchar(48),
	invo_involvement_start_date timestamp, invo_involvement_end_date timestamp, invo_referral_id varchar(48));

-- The ext_* tables, all but two: PI08 and PI09 have no source yet.
SELECT * FROM socialcare.create_ssd_ext_tables('Ssd "Q" 1') AS created ORDER BY 1;
SELECT socialcare.create_ssd_ext_tables('Ssd "Q" 1');  -- again: none created
DROP TABLE ext_case_supervision, ext_return_interview;

-- Children: P1 born 2010; P2 turns 18 on 15 February 2024; P3 of unknown
-- birth; P4 unborn (expected June 2024).
INSERT INTO ssd_person VALUES ('P1', 'F', '2010-05-01', NULL), ('P2', 'M', '2006-02-15', NULL),
	('P3', 'M', NULL, NULL), ('P4', NULL, NULL, '2024-06-01');
-- CP plans: CP1 (P1) and CP2 (P2) open; CP3 ends before it starts; CP4
-- another authority's (ola y); CP5 a same-day duplicate of CP1; CP6 an
-- unknown flag value; CP7 P4's pre-birth plan from 5 January.
INSERT INTO ssd_cp_plans (cppl_cp_plan_id, cppl_person_id, cppl_cp_plan_start_date, cppl_cp_plan_end_date, cppl_cp_plan_ola) VALUES
	('CP1', 'P1', '2023-11-01 10:00', NULL, 'N'), ('CP2', 'P2', '2023-12-01', NULL, ' n'),
	('CP3', 'P3', '2024-02-10', '2024-01-01', 'N'), ('CP4', 'P3', '2024-01-05', NULL, 'y'),
	('CP5', 'P1', '2023-11-01 15:00', NULL, NULL), ('CP6', 'P3', '2024-01-02', NULL, 'maybe'),
	('CP7', 'P4', '2024-01-05', NULL, '');
-- Allocations: I1 'cw ' (CW, case and spaces aside), I2 a role 'SW' the
-- defaults do not know, I3 'Allocated Worker' of P2, I4 no worker named.
INSERT INTO ssd_involvements VALUES
	('I1', 'W1', 'cw ', 'P1', '2023-12-01', NULL, NULL), ('I2', 'W2', 'SW', 'P3', '2024-01-10', NULL, NULL),
	('I3', 'W3', 'Allocated Worker', 'P2', '2023-06-01', NULL, NULL), ('I4', NULL, 'CW', 'P4', '2024-01-01', NULL, NULL);
-- A referral dated 1899 (a typing error): outside the working-day
-- calendars, left out with its assessment, never an error in the view.
INSERT INTO ssd_cin_episodes (cine_referral_id, cine_person_id, cine_referral_date, cine_close_date, cine_referral_nfa) VALUES
	('R9', 'P1', '1899-12-31', NULL, 'N'), ('R1', 'P1', '2024-01-02 09:30', NULL, 'N');
INSERT INTO ssd_cin_assessments VALUES ('A9', 'P1', 'R9', '2024-01-20'), ('A1', 'P1', 'R1', '2024-01-31');
INSERT INTO ext_population VALUES (2022, '0-17', 10000), (2022, '18-24', 5000);
-- Two case-holding FTE a month, establishment 4 (PI13: 50%); none for March.
INSERT INTO ext_workforce_month VALUES ('2024-01-31', 'T1', 4, 2, 0, 0, 0), ('2024-02-29', 'T1', 4, 2, 0, 0, 0);

-- The report months: January to March 2024.
RESET client_min_messages;
SELECT * FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x', period_start => '2024-01-01', period_end => '2024-03-31')
WHERE status <> 'ok';
SET client_min_messages = warning;
SET search_path = "Kpi x", pg_catalog;
SELECT * FROM report_period;
SELECT * FROM report_month ORDER BY 1;
SELECT count(*) AS kpis, count(*) FILTER (WHERE status = 'ok') AS ok, min(ssd_schema) AS ssd_schema, min(ext_schema) AS ext_schema FROM kpi_status;

-- PI02: Jan P1, P2, P4 (unborn: under 18) = 3 per 10,000 = 3.0; Feb and
-- Mar P1, P4 = 2 (P2 is 18 from 15 February).
SELECT * FROM kpi_02_cp_rate ORDER BY 1;
-- PI13: 2 of 4 vacant = 50%; March has no figures: NULL.
SELECT * FROM kpi_13_vacancy_rate ORDER BY 1;
-- PI14: Jan P1 (I1), P2 (I3) = 2 / 2 FTE = 1; Feb P1 = 0.5; Mar no FTE.
SELECT * FROM kpi_14_caseload ORDER BY 1;
-- PI04: A1, 21 working days after its referral: 1 of 1 in January.
-- PI05: P1's referral R1 (R9 left out), allocated by child (I1): 0 of 1.
SELECT kpi_code, month_end, numerator, denominator, value FROM kpi_monthly
WHERE kpi_code IN ('PI04', 'PI05') ORDER BY 1, 2;
-- The stub views: the same columns, NULL figures.
SELECT * FROM kpi_08_cp_supervision_4w ORDER BY 1;
SELECT * FROM data_quality ORDER BY table_name, problem;
SELECT * FROM data_quality_rows WHERE table_name = 'ssd_cp_plans' ORDER BY row_id, problem;

-- value_map: the council's edits change the figures at once and survive
-- a re-run.  'SW' allocated: P3 counted (age unknown) in PI14 from
-- January (3, 2, 2); then CW set inactive: I1 (P1) no longer (2, 1, 1).
INSERT INTO value_map (kind, code, note) VALUES ('allocated_worker_role', 'SW', 'our CMS');
SELECT * FROM kpi_14_caseload ORDER BY 1;
UPDATE value_map SET active = false WHERE kind = 'allocated_worker_role' AND code = 'CW';
SELECT * FROM kpi_14_caseload ORDER BY 1;
-- A user's view over ours survives a re-run.
CREATE VIEW my_caseload AS SELECT month_end, value FROM kpi_monthly WHERE kpi_code = 'PI14';

-- The missing tables created and the call run again (a superset of the
-- earlier: no WARNING, every KPI ok); the period and value_map kept.
SELECT * FROM socialcare.create_ssd_ext_tables('Ssd "Q" 1') AS created ORDER BY 1;
RESET client_min_messages;
SELECT count(*) FILTER (WHERE status = 'ok') AS ok FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x');
SET client_min_messages = warning;
SELECT * FROM report_period;
SELECT kind, code, active FROM value_map WHERE kind = 'allocated_worker_role' ORDER BY code;
SELECT * FROM my_caseload ORDER BY 1;
-- PI08, no supervision recorded: the plans' starts + 28 days.  Jan: CP1
-- (1 Nov) and CP2 (1 Dec) late, CP7 (5 Jan: 2 Feb) in time: 1 of 3; Feb
-- and Mar: CP1 and CP7 late (P2 is 18): 0 of 2.
SELECT * FROM kpi_08_cp_supervision_4w ORDER BY 1;
-- Idempotent: a third run gives the same figures.
CREATE TEMP TABLE before_rerun AS SELECT * FROM kpi_monthly;
SELECT count(*) FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x');
SELECT count(*) AS differences FROM (
	(SELECT * FROM kpi_monthly EXCEPT SELECT * FROM before_rerun)
	UNION ALL (SELECT * FROM before_rerun EXCEPT SELECT * FROM kpi_monthly)) d;

-- A date column of another type: the KPIs that need it have no source,
-- the detail says the type found.
CREATE SCHEMA "other SSD";
DO $$
DECLARE t record;
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = '"Ssd ""Q"" 1"'::regnamespace AND c.relkind = 'r' LOOP
		EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I)', 'other SSD', t.relname, 'Ssd "Q" 1', t.relname);
	END LOOP;
END $$;
ALTER TABLE "other SSD".ssd_cla_reviews ALTER COLUMN clar_cla_review_date TYPE text;
INSERT INTO "other SSD".ssd_cp_plans SELECT * FROM "Ssd ""Q"" 1".ssd_cp_plans WHERE cppl_cp_plan_id = 'CP1';
INSERT INTO "other SSD".ext_population SELECT * FROM "Ssd ""Q"" 1".ext_population;
RESET client_min_messages;
SELECT * FROM socialcare.create_ssd_kpis('other SSD', 'Kpi x') WHERE status <> 'ok';
SET client_min_messages = warning;
-- Another ssd_schema replaces the views: PI02 now reads "other SSD" (CP1 only).
SELECT DISTINCT ssd_schema, ext_schema FROM kpi_status;
SELECT * FROM kpi_02_cp_rate ORDER BY 1;
SELECT * FROM my_caseload ORDER BY 1;  -- no involvements there: 0 cases, no FTE

-- Missing tables: one WARNING naming every KPI without a source.
CREATE SCHEMA "bare";
CREATE TABLE bare.ssd_cin_episodes (cine_referral_id text, cine_person_id text, cine_referral_date date, cine_close_date date, cine_referral_nfa text);
RESET client_min_messages;
SELECT status, count(*) FROM socialcare.create_ssd_kpis('bare', 'kpi bare') GROUP BY 1 ORDER BY 1;
SET client_min_messages = warning;
SELECT kpi_code, detail FROM "kpi bare".kpi_status WHERE kpi_code IN ('PI01', 'PI13', 'REREF') ORDER BY 1;

-- Errors.
SELECT * FROM socialcare.create_ssd_kpis('no such schema', 'Kpi x');
CREATE SCHEMA clash;
CREATE TABLE clash.kpi_lac_rate (month_end date);
SELECT * FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'clash');
SELECT * FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x', period_start => '2024-03-01', period_end => '2024-01-31');
CREATE ROLE regress_ssd_reader;
GRANT USAGE ON SCHEMA "Ssd ""Q"" 1", "Kpi x" TO regress_ssd_reader;
SET ROLE regress_ssd_reader;
SELECT * FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x');
SELECT * FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'kpi of reader');
RESET ROLE;

-- Hostile objects: functions and operators in public and in the SSD schema
-- that would shadow pg_catalog's when the caller's search_path puts them
-- first.  The views bind to pg_catalog and socialcare when they are made.
CREATE FUNCTION public.btrim(text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hostile btrim called'; END $$;
CREATE FUNCTION public.upper(text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hostile upper called'; END $$;
CREATE FUNCTION public.hostile_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hostile = called'; END $$;
CREATE OPERATOR public.= (FUNCTION = public.hostile_eq, LEFTARG = text, RIGHTARG = text);
CREATE FUNCTION "Ssd ""Q"" 1".hostile_le(date, date) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hostile <= called'; END $$;
CREATE OPERATOR "Ssd ""Q"" 1".<= (FUNCTION = "Ssd ""Q"" 1".hostile_le, LEFTARG = date, RIGHTARG = date);
CREATE FUNCTION "Ssd ""Q"" 1".count(text) RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hostile count called'; END $$;
SET search_path = "Ssd ""Q"" 1", public, pg_catalog;
-- (this query's own operators qualified: the caller's search_path is theirs)
SELECT s.status, pg_catalog.count(*) FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x') s GROUP BY 1;
CREATE TEMP TABLE hostile_figures AS SELECT * FROM "Kpi x".kpi_monthly;
CREATE TEMP TABLE hostile_quality AS SELECT * FROM "Kpi x".data_quality;
RESET search_path;
-- The same figures with a clean search_path.
SELECT * FROM socialcare.create_ssd_kpis('Ssd "Q" 1', 'Kpi x') WHERE status <> 'ok';
SELECT count(*) AS differences FROM (
	(SELECT * FROM "Kpi x".kpi_monthly EXCEPT SELECT * FROM hostile_figures)
	UNION ALL (SELECT * FROM hostile_figures EXCEPT SELECT * FROM "Kpi x".kpi_monthly)) d;
SELECT count(*) AS rows, sum(row_count) AS problems FROM hostile_quality;
-- PI06: every plan older than 14 days unvisited: 0 of 3, 0 of 2; PI07: no
-- plan 6 months old: all in time.
SELECT kpi_code, month_end, numerator, denominator, value FROM hostile_figures
WHERE kpi_code IN ('PI02', 'PI06', 'PI07', 'PI08', 'PI14') ORDER BY 1, 2;

DROP SCHEMA "Ssd ""Q"" 1", "Kpi x", "other SSD", bare, "kpi bare", clash CASCADE;
DROP FUNCTION public.btrim(text), public.upper(text);
DROP OPERATOR public.= (text, text);
DROP FUNCTION public.hostile_eq(text, text);
DROP ROLE regress_ssd_reader;
