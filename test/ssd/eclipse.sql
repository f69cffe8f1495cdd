-- The SSD tables the KPI layer reads, as the OLM Eclipse PostgreSQL edition
-- defines them: every column, in its order, with its types.  Written for our
-- tests from the specification; not a copy of the SSD's files.
--
-- Source: data-to-insight/ssd-data-model at commit 4987c73 ("fix on 287"),
-- deployment_extracts/eclipse/live/ssd_deployment_individual_files/ssd_<table>.sql
-- (ssd_cla_placement from ssd_cla_placement_fix_needed.sql).  The Eclipse
-- extract declares a primary key on each id and no foreign keys; so do we.
--
-- psql -v schema=NAME -f test/ssd/eclipse.sql  (the schema is created if absent)

CREATE SCHEMA IF NOT EXISTS :"schema";

CREATE TABLE :"schema".ssd_person (
	pers_legacy_id         varchar(48),
	pers_person_id         varchar(48) PRIMARY KEY,
	pers_upn               varchar(13),
	pers_forename          varchar(100),
	pers_surname           varchar(255),
	pers_sex               varchar(20),
	pers_gender            varchar(10),
	pers_ethnicity         varchar(48),
	pers_dob               timestamp,
	pers_single_unique_id  varchar(48),
	pers_upn_unknown       varchar(6),
	pers_send_flag         char(5),
	pers_expected_dob      timestamp,
	pers_death_date        timestamp,
	pers_is_mother         char(1),
	pers_nationality       varchar(48)
);

CREATE TABLE :"schema".ssd_contacts (
	cont_contact_id           varchar(48) PRIMARY KEY,
	cont_person_id            varchar(48),
	cont_contact_date         timestamp,
	cont_contact_source_code  varchar(48),
	cont_contact_source_desc  varchar(255),
	cont_contact_outcome_json varchar(4000)
);

CREATE TABLE :"schema".ssd_cin_episodes (
	cine_referral_id           varchar(48) PRIMARY KEY,
	cine_person_id             varchar(48),
	cine_referral_date         timestamp,
	cine_cin_primary_need_code varchar(3),
	cine_referral_source_code  varchar(48),
	cine_referral_source_desc  varchar(255),
	cine_referral_outcome_json varchar(4000),
	cine_referral_nfa          char(1),
	cine_close_reason          varchar(100),
	cine_close_date            timestamp,
	cine_referral_team         varchar(48),
	cine_referral_worker_id    varchar(100)
);

CREATE TABLE :"schema".ssd_cin_assessments (
	cina_assessment_id           varchar(48) PRIMARY KEY,
	cina_person_id               varchar(48),
	cina_referral_id             varchar(48),
	cina_assessment_start_date   timestamp,
	cina_assessment_child_seen   char(1),
	cina_assessment_auth_date    timestamp,
	cina_assessment_outcome_json varchar(1000),
	cina_assessment_outcome_nfa  char(1),
	cina_assessment_team         varchar(48),
	cina_assessment_worker_id    varchar(100)
);

CREATE TABLE :"schema".ssd_s47_enquiry (
	s47e_s47_enquiry_id             varchar(48) PRIMARY KEY,
	s47e_referral_id                varchar(48),
	s47e_person_id                  varchar(48),
	s47e_s47_start_date             timestamp,
	s47e_s47_end_date               timestamp,
	s47e_s47_nfa                    char(1),
	s47e_s47_outcome_json           varchar(1000),
	s47e_s47_completed_by_team      varchar(48),
	s47e_s47_completed_by_worker_id varchar(100)
);

CREATE TABLE :"schema".ssd_initial_cp_conference (
	icpc_icpc_id              varchar(48) PRIMARY KEY,
	icpc_icpc_meeting_id      varchar(48),
	icpc_s47_enquiry_id       varchar(48),
	icpc_person_id            varchar(48),
	icpc_cp_plan_id           varchar(48),
	icpc_referral_id          varchar(48),
	icpc_icpc_transfer_in     char(1),
	icpc_icpc_target_date     timestamp,
	icpc_icpc_date            timestamp,
	icpc_icpc_outcome_cp_flag char(1),
	icpc_icpc_outcome_json    varchar(1000),
	icpc_icpc_team            varchar(48),
	icpc_icpc_worker_id       varchar(100)
);

CREATE TABLE :"schema".ssd_cp_plans (
	cppl_cp_plan_id               varchar(48) PRIMARY KEY,
	cppl_referral_id              varchar(48),
	cppl_icpc_id                  varchar(48),
	cppl_person_id                varchar(48),
	cppl_cp_plan_start_date       timestamp,
	cppl_cp_plan_end_date         timestamp,
	cppl_cp_plan_ola              char(1),
	cppl_cp_plan_initial_category varchar(100),
	cppl_cp_plan_latest_category  varchar(100)
);

CREATE TABLE :"schema".ssd_cp_reviews (
	cppr_cp_review_id                  varchar(48) PRIMARY KEY,
	cppr_person_id                     varchar(48),
	cppr_cp_plan_id                    varchar(48),
	cppr_cp_review_due                 timestamp NULL,
	cppr_cp_review_date                timestamp NULL,
	cppr_cp_review_meeting_id          varchar(48),
	cppr_cp_review_outcome_continue_cp char(1),
	cppr_cp_review_quorate             varchar(100),
	cppr_cp_review_participation       varchar(100)
);

CREATE TABLE :"schema".ssd_cp_visits (
	cppv_cp_visit_id         varchar(48) PRIMARY KEY,
	cppv_person_id           varchar(48),
	cppv_cp_plan_id          varchar(48),
	cppv_cp_visit_date       timestamp,
	cppv_cp_visit_seen       char(1),
	cppv_cp_visit_seen_alone char(1),
	cppv_cp_visit_bedroom    char(1)
);

CREATE TABLE :"schema".ssd_cin_plans (
	cinp_cin_plan_id         varchar(48) PRIMARY KEY,
	cinp_referral_id         varchar(48),
	cinp_person_id           varchar(48),
	cinp_cin_plan_start_date timestamp,
	cinp_cin_plan_end_date   timestamp,
	cinp_cin_plan_team       varchar(48),
	cinp_cin_plan_worker_id  varchar(100)
);

CREATE TABLE :"schema".ssd_cin_visits (
	cinv_cin_visit_id         varchar(48) PRIMARY KEY,
	cinv_person_id            varchar(48),
	cinv_cin_visit_date       timestamp,
	cinv_cin_visit_seen       char(1),
	cinv_cin_visit_seen_alone char(1),
	cinv_cin_visit_bedroom    char(1)
);

CREATE TABLE :"schema".ssd_cla_episodes (
	clae_cla_episode_id            varchar(48) PRIMARY KEY,
	clae_person_id                 varchar(48),
	clae_cla_placement_id          varchar(48),
	clae_cla_episode_start_date    timestamp,
	clae_cla_episode_start_reason  varchar(100),
	clae_cla_primary_need_code     varchar(3),
	clae_cla_episode_ceased_date   timestamp,
	clae_cla_episode_ceased_reason varchar(255),
	clae_cla_id                    varchar(48),
	clae_referral_id               varchar(48),
	clae_cla_last_iro_contact_date timestamp,
	clae_entered_care_date         timestamp
);

CREATE TABLE :"schema".ssd_cla_placement (
	clap_cla_placement_id            varchar(48) PRIMARY KEY,
	clap_cla_id                      varchar(48),
	clap_person_id                   varchar(48),
	clap_cla_placement_start_date    timestamp,
	clap_cla_placement_type          varchar(100),
	clap_cla_placement_urn           varchar(48),
	clap_cla_placement_distance      double precision,
	clap_cla_placement_provider      varchar(48),
	clap_cla_placement_postcode      varchar(8),
	clap_cla_placement_end_date      timestamp,
	clap_cla_placement_change_reason varchar(100)
);

-- Eclipse (like the SSD's YAML) has no person id on the LAC reviews.
CREATE TABLE :"schema".ssd_cla_reviews (
	clar_cla_review_id            varchar(48) PRIMARY KEY,
	clar_cla_id                   varchar(48),
	clar_cla_review_due_date      timestamp NULL,
	clar_cla_review_date          timestamp NULL,
	clar_cla_review_cancelled     char(1),
	clar_cla_review_participation varchar(100)
);

CREATE TABLE :"schema".ssd_cla_visits (
	clav_cla_visit_id         varchar(48) PRIMARY KEY,
	clav_cla_id               varchar(48),
	clav_person_id            varchar(48),
	clav_cla_visit_date       timestamp,
	clav_cla_visit_seen       char(1),
	clav_cla_visit_seen_alone char(1)
);

CREATE TABLE :"schema".ssd_missing (
	miss_table_id                   varchar(48) PRIMARY KEY,
	miss_person_id                  varchar(48),
	miss_missing_episode_start_date timestamp,
	miss_missing_episode_type       varchar(100),
	miss_missing_episode_end_date   timestamp,
	miss_missing_rhi_offered        varchar(2),
	miss_missing_rhi_accepted       varchar(2)
);

CREATE TABLE :"schema".ssd_involvements (
	invo_involvements_id        varchar(48) PRIMARY KEY,
	invo_professional_id        varchar(48),
	invo_professional_role_id   varchar(200),
	invo_professional_team      varchar(48),
	invo_person_id              varchar(48),
	invo_involvement_start_date timestamp,
	invo_involvement_end_date   timestamp,
	invo_worker_change_reason   varchar(200),
	invo_referral_id            varchar(48)
);

CREATE TABLE :"schema".ssd_legal_status (
	lega_legal_status_id         varchar(48) PRIMARY KEY,
	lega_person_id               varchar(48),
	lega_legal_status            varchar(100),
	lega_legal_status_start_date timestamp,
	lega_legal_status_end_date   timestamp
);

CREATE TABLE :"schema".ssd_professionals (
	prof_professional_id               varchar(48) PRIMARY KEY,
	prof_staff_id                      varchar(48),
	prof_professional_name             varchar(300),
	prof_social_worker_registration_no varchar(48),
	prof_agency_worker_flag            char(1),
	prof_professional_job_title        varchar(500),
	prof_professional_caseload         integer,
	prof_professional_department       varchar(100),
	prof_full_time_equivalency         double precision
);

CREATE TABLE :"schema".ssd_department (
	dept_team_id          varchar(48) PRIMARY KEY,
	dept_team_name        varchar(255),
	dept_team_parent_id   varchar(48),
	dept_team_parent_name varchar(255)
);
