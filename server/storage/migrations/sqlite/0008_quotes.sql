-- Siang schema, version 8 (sqlite). The other backend's 0008 makes the same change.
--
-- A quote is a redacted sentence of an approved submission, chosen by a
-- moderator under one of its theme codes. It goes with its submission when
-- the young person takes their answers back (the answer link alone only
-- emptied itself).
ALTER TABLE quotes ADD COLUMN submission_id INTEGER REFERENCES submissions(id) ON DELETE CASCADE;
ALTER TABLE quotes ADD COLUMN tag_id INTEGER REFERENCES tags(id);
CREATE INDEX quotes_programme ON quotes (programme_id, month);
CREATE INDEX quotes_submission ON quotes (submission_id);
