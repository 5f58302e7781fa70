-- Retention per organisation (issue 11): closed safeguarding records are
-- kept for their own period (default six years), apart from the response
-- they came with. The installation default row (organisation NULL) exists
-- since 0001; an organisation's own rule is a row with its id.
ALTER TABLE retention ADD COLUMN safeguarding_months BIGINT NOT NULL DEFAULT 72;
