-- socialcare, area timescales: the shipped rows (statute and statutory
-- guidance).
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

INSERT INTO socialcare.timescale
	(code, description, amount, unit, from_event, to_event, source, reference, shipped, owner)
VALUES
	('referral_decision', 'Decision on the response to a referral', 1, 'working days',
	 'referral received', 'decision on the type of response', 'guidance', 'Working Together, chapter 1', true, NULL),
	('assessment', 'Assessment completed', 45, 'working days',
	 'referral', 'assessment authorised', 'guidance', 'Working Together 2023 (45 working days from the point of referral)', true, NULL),
	('icpc', 'Initial child protection conference', 15, 'working days',
	 'strategy discussion at which the section 47 enquiry was initiated', 'initial child protection conference', 'guidance', 'Working Together 2018 and 2023', true, NULL),
	('core_group_1', 'First core group meeting', 10, 'working days',
	 'initial child protection conference', 'first core group meeting', 'guidance', 'Working Together 2018', true, NULL),
	('cp_review_1', 'First child protection review conference', 3, 'months',
	 'initial child protection conference', 'first review conference', 'guidance', 'Working Together: within three months of the initial conference', true, NULL),
	('cp_review_next', 'Next child protection review conference', 6, 'months',
	 'review conference', 'next review conference', 'guidance', 'Working Together: thereafter at intervals of not more than six months', true, NULL),
	('lac_review_1', 'First looked-after review', 20, 'working days',
	 'child becomes looked after', 'first review', 'statute', 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1)', true, NULL),
	('lac_review_2', 'Second looked-after review', 3, 'months',
	 'first review', 'second review', 'statute', 'CPPCR (England) Regulations 2010, reg 33(2)(a)', true, NULL),
	('lac_review_next', 'Subsequent looked-after review', 6, 'months',
	 'previous review', 'next review', 'statute', 'CPPCR (England) Regulations 2010, reg 33(2)(b)', true, NULL),
	('lac_visit_1', 'First visit to a looked-after child in a placement', 1, 'weeks',
	 'start of the placement', 'first visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(a)', true, NULL),
	('lac_visit_next', 'Next visit to a looked-after child', 6, 'weeks',
	 'previous visit', 'next visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(b) and (c)(ii)', true, NULL),
	('lac_visit_long_term', 'Next visit after the first year of a placement intended to last until 18', 3, 'months',
	 'previous visit', 'next visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(c)(i)', true, NULL),
	('return_interview', 'Return home interview after a missing episode', 72, 'hours',
	 'return from missing', 'return home interview', 'guidance', 'Statutory guidance on children who run away or go missing from home or care (2014)', true, NULL);

INSERT INTO socialcare.timescale_chain
	(chain, step, timescale, after_months, description, shipped, owner)
VALUES
	('lac_review', 1, 'lac_review_1', NULL, 'Looked-after reviews (reg 33): first within 20 working days of becoming looked after', true, NULL),
	('lac_review', 2, 'lac_review_2', NULL, 'second not more than 3 months after the first', true, NULL),
	('lac_review', 3, 'lac_review_next', NULL, 'then not more than 6 months after the previous', true, NULL),
	('cp_review', 1, 'cp_review_1', NULL, 'Child protection reviews: first within 3 months of the initial conference', true, NULL),
	('cp_review', 2, 'cp_review_next', NULL, 'then at intervals of not more than 6 months', true, NULL),
	('lac_visit', 1, 'lac_visit_1', NULL, 'Visits (reg 28(2)): within 1 week of the start of the placement', true, NULL),
	('lac_visit', 2, 'lac_visit_next', NULL, 'then at intervals of not more than 6 weeks', true, NULL),
	('lac_visit_long_term', 1, 'lac_visit_1', NULL, 'Visits, placement intended to last until 18 (reg 28(2)): within 1 week of the start', true, NULL),
	('lac_visit_long_term', 2, 'lac_visit_next', NULL, 'then not more than 6 weeks in the first year', true, NULL),
	('lac_visit_long_term', 3, 'lac_visit_long_term', 12, 'after the first year, not more than 3 months', true, NULL);
