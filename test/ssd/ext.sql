-- What the SSD lacks (the ext_* tables of the KPI layer), written for the
-- tests with the columns demo/schema.sql gives them.  ext_case_audit's grades
-- are plain text here, without the demo's CHECK, so that the tests can load
-- a grade the layer does not know ('unknown audit grade').
--
-- psql -v schema=NAME -f test/ssd/ext.sql  (the schema is created if absent)

CREATE SCHEMA IF NOT EXISTS :"schema";

CREATE TABLE :"schema".ext_reporting_period (
	period_start date NOT NULL,
	period_end   date NOT NULL,
	CHECK (period_start <= period_end)
);

CREATE TABLE :"schema".ext_contact_decision (
	cont_contact_id  varchar(48) PRIMARY KEY,
	decision_at      timestamp NOT NULL,
	cine_referral_id varchar(48),
	mash_flag        char(1)
);

CREATE TABLE :"schema".ext_population (
	mid_year   integer NOT NULL,
	age_band   text NOT NULL,
	population integer NOT NULL CHECK (population > 0),
	PRIMARY KEY (mid_year, age_band)
);

CREATE TABLE :"schema".ext_case_supervision (
	supervision_id   varchar(48) PRIMARY KEY,
	person_id        varchar(48) NOT NULL,
	supervision_date timestamp NOT NULL,
	supervisor_id    varchar(48),
	dept_team_id     varchar(48)
);

CREATE TABLE :"schema".ext_return_interview (
	miss_table_id    varchar(48) PRIMARY KEY,
	rhi_completed_at timestamp NOT NULL
);

CREATE TABLE :"schema".ext_workforce_month (
	month_end            date NOT NULL,
	dept_team_id         varchar(48) NOT NULL,
	establishment_fte    numeric(7,2) NOT NULL,
	permanent_fte        numeric(7,2) NOT NULL,
	agency_fte           numeric(7,2) NOT NULL,
	absent_fte           numeric(7,2) NOT NULL,
	non_case_holding_fte numeric(7,2) NOT NULL,
	PRIMARY KEY (month_end, dept_team_id)
);

CREATE TABLE :"schema".ext_case_audit (
	audit_id        varchar(48) PRIMARY KEY,
	person_id       varchar(48) NOT NULL,
	returned_date   timestamp,
	grade           text,
	moderated_grade text,
	auditor_id      varchar(48),
	dept_team_id    varchar(48)
);
