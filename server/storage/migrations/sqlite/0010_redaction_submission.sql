-- Siang schema, version 10 (sqlite). The other backend's 0010 makes the same change.
--
-- The queue's "suspected personal details" filter asked every pending span
-- for its answer's submission (a look-up in the biggest table per span: 65
-- ms at 100,000 submissions). Each span now carries its submission, and an
-- index on (state, submission) answers the filter by itself.
ALTER TABLE redactions ADD COLUMN submission_id INTEGER;
UPDATE redactions SET submission_id = (SELECT a.submission_id FROM answers a WHERE a.id = redactions.answer_id);
CREATE INDEX redactions_pending ON redactions (state, submission_id);
