-- demo/schema.sql: the demo warehouse's tables, in schema demo.
--
-- ssd_*: the Standard Safeguarding Dataset (data-to-insight/ssd-data-model,
-- PostgreSQL/Eclipse edition): its table and field names and types, ids as
-- text, Y/N flags as CHAR(1), outcome JSON as text.  Only the fields the
-- KPIs use, plus a few that give the rows their shape.  As in the SSD
-- extract: primary keys, no foreign keys (joins match text ids).
--
-- ext_*: what the SSD lacks (see ssd-tables.md section 5), kept apart so
-- that the ssd_* tables stay faithful: contact decisions, population,
-- supervision, return interviews, workforce, audits, the reporting period.
--
-- The KPI views come from the extension's SSD layer:
-- socialcare.create_ssd_kpis('demo', 'kpi') (scripts/demo.sh, doc/ssd.md);
-- a council calls it on its own SSD schema and fills the ext_* tables.

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS demo CASCADE;
DROP SCHEMA IF EXISTS kpi CASCADE;
CREATE SCHEMA demo;
COMMENT ON SCHEMA demo IS 'socialcare demo warehouse: SSD-shaped record-level data (ssd_*) and what the SSD lacks (ext_*); the KPI views are in schema kpi';
SET search_path = demo, pg_catalog;

CREATE TABLE ssd_person (
	pers_person_id        VARCHAR(48) PRIMARY KEY,
	pers_legacy_id        VARCHAR(48),
	pers_sex              VARCHAR(20),
	pers_gender           VARCHAR(10),
	pers_ethnicity        VARCHAR(48),
	pers_dob              TIMESTAMP,
	pers_expected_dob     TIMESTAMP,
	pers_death_date       TIMESTAMP,
	pers_upn              VARCHAR(13),
	pers_single_unique_id VARCHAR(48)
);

CREATE TABLE ssd_contacts (
	cont_contact_id           VARCHAR(48) PRIMARY KEY,
	cont_person_id            VARCHAR(48),
	cont_contact_date         TIMESTAMP,
	cont_contact_source_code  VARCHAR(48),
	cont_contact_source_desc  VARCHAR(255),
	cont_contact_outcome_json VARCHAR(4000)
);

CREATE TABLE ssd_cin_episodes (
	cine_referral_id           VARCHAR(48) PRIMARY KEY,
	cine_person_id             VARCHAR(48),
	cine_referral_date         TIMESTAMP,
	cine_cin_primary_need_code VARCHAR(3),
	cine_referral_source_code  VARCHAR(48),
	cine_referral_source_desc  VARCHAR(255),
	cine_referral_outcome_json VARCHAR(4000),
	cine_referral_nfa          CHAR(1),
	cine_close_reason          VARCHAR(100),
	cine_close_date            TIMESTAMP,
	cine_referral_team         VARCHAR(48),
	cine_referral_worker_id    VARCHAR(100)
);

CREATE TABLE ssd_cin_assessments (
	cina_assessment_id           VARCHAR(48) PRIMARY KEY,
	cina_person_id               VARCHAR(48),
	cina_referral_id             VARCHAR(48),
	cina_assessment_start_date   TIMESTAMP,
	cina_assessment_child_seen   CHAR(1),
	cina_assessment_auth_date    TIMESTAMP,
	cina_assessment_outcome_json VARCHAR(1000),
	cina_assessment_outcome_nfa  CHAR(1),
	cina_assessment_team         VARCHAR(48),
	cina_assessment_worker_id    VARCHAR(100)
);

CREATE TABLE ssd_s47_enquiry (
	s47e_s47_enquiry_id             VARCHAR(48) PRIMARY KEY,
	s47e_referral_id                VARCHAR(48),
	s47e_person_id                  VARCHAR(48),
	s47e_s47_start_date             TIMESTAMP,
	s47e_s47_end_date               TIMESTAMP,
	s47e_s47_nfa                    CHAR(1),
	s47e_s47_outcome_json           VARCHAR(1000),
	s47e_s47_completed_by_team      VARCHAR(48),
	s47e_s47_completed_by_worker_id VARCHAR(100)
);

CREATE TABLE ssd_initial_cp_conference (
	icpc_icpc_id              VARCHAR(48) PRIMARY KEY,
	icpc_icpc_meeting_id      VARCHAR(48),
	icpc_s47_enquiry_id       VARCHAR(48),
	icpc_person_id            VARCHAR(48),
	icpc_cp_plan_id           VARCHAR(48),
	icpc_referral_id          VARCHAR(48),
	icpc_icpc_transfer_in     CHAR(1),
	icpc_icpc_target_date     TIMESTAMP,
	icpc_icpc_date            TIMESTAMP,
	icpc_icpc_outcome_cp_flag CHAR(1),
	icpc_icpc_outcome_json    VARCHAR(1000),
	icpc_icpc_team            VARCHAR(48),
	icpc_icpc_worker_id       VARCHAR(100)
);

CREATE TABLE ssd_cp_plans (
	cppl_cp_plan_id               VARCHAR(48) PRIMARY KEY,
	cppl_referral_id              VARCHAR(48),
	cppl_icpc_id                  VARCHAR(48),
	cppl_person_id                VARCHAR(48),
	cppl_cp_plan_start_date       TIMESTAMP,
	cppl_cp_plan_end_date         TIMESTAMP,
	cppl_cp_plan_ola              CHAR(1),
	cppl_cp_plan_initial_category VARCHAR(100),
	cppl_cp_plan_latest_category  VARCHAR(100)
);

CREATE TABLE ssd_cp_reviews (
	cppr_cp_review_id                  VARCHAR(48) PRIMARY KEY,
	cppr_person_id                     VARCHAR(48),
	cppr_cp_plan_id                    VARCHAR(48),
	cppr_cp_review_due                 TIMESTAMP,
	cppr_cp_review_date                TIMESTAMP,
	cppr_cp_review_meeting_id          VARCHAR(48),
	cppr_cp_review_outcome_continue_cp CHAR(1),
	cppr_cp_review_quorate             VARCHAR(100),
	cppr_cp_review_participation       VARCHAR(100)
);

CREATE TABLE ssd_cp_visits (
	cppv_cp_visit_id         VARCHAR(48) PRIMARY KEY,
	cppv_person_id           VARCHAR(48),
	cppv_cp_plan_id          VARCHAR(48),
	cppv_cp_visit_date       TIMESTAMP,
	cppv_cp_visit_seen       CHAR(1),
	cppv_cp_visit_seen_alone CHAR(1),
	cppv_cp_visit_bedroom    CHAR(1)
);

CREATE TABLE ssd_cin_plans (
	cinp_cin_plan_id         VARCHAR(48) PRIMARY KEY,
	cinp_referral_id         VARCHAR(48),
	cinp_person_id           VARCHAR(48),
	cinp_cin_plan_start_date TIMESTAMP,
	cinp_cin_plan_end_date   TIMESTAMP,
	cinp_cin_plan_team       VARCHAR(48),
	cinp_cin_plan_worker_id  VARCHAR(100)
);

CREATE TABLE ssd_cin_visits (
	cinv_cin_visit_id         VARCHAR(48) PRIMARY KEY,
	cinv_person_id            VARCHAR(48),
	cinv_cin_visit_date       TIMESTAMP,
	cinv_cin_visit_seen       CHAR(1),
	cinv_cin_visit_seen_alone CHAR(1),
	cinv_cin_visit_bedroom    CHAR(1)
);

CREATE TABLE ssd_cla_episodes (
	clae_cla_episode_id            VARCHAR(48) PRIMARY KEY,
	clae_person_id                 VARCHAR(48),
	clae_cla_episode_start_date    TIMESTAMP,
	clae_cla_episode_start_reason  VARCHAR(100),
	clae_cla_primary_need_code     VARCHAR(3),
	clae_cla_episode_ceased_date   TIMESTAMP,
	clae_cla_episode_ceased_reason VARCHAR(255),
	clae_cla_id                    VARCHAR(48),
	clae_referral_id               VARCHAR(48),
	clae_cla_placement_id          VARCHAR(48),
	clae_entered_care_date         TIMESTAMP,
	clae_cla_last_iro_contact_date TIMESTAMP
);

CREATE TABLE ssd_cla_placement (
	clap_cla_placement_id            VARCHAR(48) PRIMARY KEY,
	clap_cla_id                      VARCHAR(48),
	clap_person_id                   VARCHAR(48),
	clap_cla_placement_start_date    TIMESTAMP,
	clap_cla_placement_end_date      TIMESTAMP,
	clap_cla_placement_type          VARCHAR(100),
	clap_cla_placement_provider      VARCHAR(48),
	clap_cla_placement_urn           VARCHAR(48),
	clap_cla_placement_postcode      VARCHAR(8),
	clap_cla_placement_distance      DOUBLE PRECISION,
	clap_cla_placement_change_reason VARCHAR(100)
);

CREATE TABLE ssd_cla_reviews (
	clar_cla_review_id            VARCHAR(48) PRIMARY KEY,
	clar_cla_id                   VARCHAR(48),
	clar_cla_review_due_date      TIMESTAMP,
	clar_cla_review_date          TIMESTAMP,
	clar_cla_review_cancelled     CHAR(1),
	clar_cla_review_participation VARCHAR(100)
);

CREATE TABLE ssd_cla_visits (
	clav_cla_visit_id         VARCHAR(48) PRIMARY KEY,
	clav_cla_id               VARCHAR(48),
	clav_person_id            VARCHAR(48),
	clav_cla_visit_date       TIMESTAMP,
	clav_cla_visit_seen       CHAR(1),
	clav_cla_visit_seen_alone CHAR(1)
);

CREATE TABLE ssd_missing (
	miss_table_id                   VARCHAR(48) PRIMARY KEY,
	miss_person_id                  VARCHAR(48),
	miss_missing_episode_start_date TIMESTAMP,
	miss_missing_episode_type       VARCHAR(100),
	miss_missing_episode_end_date   TIMESTAMP,
	miss_missing_rhi_offered        VARCHAR(2),
	miss_missing_rhi_accepted       VARCHAR(2)
);

CREATE TABLE ssd_involvements (
	invo_involvements_id        VARCHAR(48) PRIMARY KEY,
	invo_professional_id        VARCHAR(48),
	invo_professional_role_id   VARCHAR(200),
	invo_professional_team      VARCHAR(48),
	invo_person_id              VARCHAR(48),
	invo_involvement_start_date TIMESTAMP,
	invo_involvement_end_date   TIMESTAMP,
	invo_worker_change_reason   VARCHAR(200),
	invo_referral_id            VARCHAR(48)
);

CREATE TABLE ssd_professionals (
	prof_professional_id               VARCHAR(48) PRIMARY KEY,
	prof_staff_id                      VARCHAR(48),
	prof_professional_name             VARCHAR(300),
	prof_social_worker_registration_no VARCHAR(48),
	prof_professional_job_title        VARCHAR(500),
	prof_professional_caseload         INTEGER,
	prof_professional_department       VARCHAR(100),
	prof_full_time_equivalency         DOUBLE PRECISION,
	prof_agency_worker_flag            CHAR(1)
);

CREATE TABLE ssd_department (
	dept_team_id          VARCHAR(48) PRIMARY KEY,
	dept_team_name        VARCHAR(255),
	dept_team_parent_id   VARCHAR(48),
	dept_team_parent_name VARCHAR(255)
);

-- What the SSD lacks: the ext_* tables as the KPI layer ships them
-- (socialcare.create_ssd_ext_tables, doc/ssd.md).
SELECT count(*) AS ext_tables_created FROM socialcare.create_ssd_ext_tables('demo') \gset

COMMENT ON TABLE ssd_person IS 'SSD: one row per child (PERS); pers_dob is the date of birth';
COMMENT ON TABLE ssd_contacts IS 'SSD: contacts received by the front door (CONT); cont_contact_date keeps the time';
COMMENT ON TABLE ssd_cin_episodes IS 'SSD: referrals and the CIN episodes they open (CINE); the source of re-referrals; cine_close_date NULL = open';
COMMENT ON TABLE ssd_cin_assessments IS 'SSD: single assessments (CINA); cina_assessment_auth_date is the completion';
COMMENT ON TABLE ssd_s47_enquiry IS 'SSD: section 47 enquiries (S47E); s47e_s47_start_date is the strategy discussion that started it';
COMMENT ON TABLE ssd_initial_cp_conference IS 'SSD: initial child protection conferences, one row per child (ICPC)';
COMMENT ON TABLE ssd_cp_plans IS 'SSD: child protection plans (CPPL); cppl_cp_plan_ola = Y for another authority''s plan';
COMMENT ON TABLE ssd_cp_reviews IS 'SSD: CP review conferences (CPPR)';
COMMENT ON TABLE ssd_cp_visits IS 'SSD: visits to children on CP plans (CPPV)';
COMMENT ON TABLE ssd_cin_plans IS 'SSD: children in need plans (CINP)';
COMMENT ON TABLE ssd_cin_visits IS 'SSD: visits to children in need (CINV), linked to the child only';
COMMENT ON TABLE ssd_cla_episodes IS 'SSD: looked-after episodes (CLAE), a new one at each placement or legal status change; clae_cla_id groups a period of care';
COMMENT ON TABLE ssd_cla_placement IS 'SSD: placements (CLAP); U1 and U4 are long-term fostering';
COMMENT ON TABLE ssd_cla_reviews IS 'SSD: looked-after reviews (CLAR), by period of care';
COMMENT ON TABLE ssd_cla_visits IS 'SSD: statutory visits to looked-after children (CLAV)';
COMMENT ON TABLE ssd_missing IS 'SSD: missing and away episodes (MISS); the end is the return, the return interview clock''s start';
COMMENT ON TABLE ssd_involvements IS 'SSD: allocations of workers and teams (INVO); the allocated case worker has role ALLOCATED CASE WORKER';
COMMENT ON TABLE ssd_professionals IS 'SSD: workers (PROF)';
COMMENT ON TABLE ssd_department IS 'SSD: teams (DEPT)';
