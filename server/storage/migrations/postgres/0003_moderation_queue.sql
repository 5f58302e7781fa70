-- Siang schema, version 3 (postgres). The other backend's 0003 makes the same change.
--
-- The moderation queue lists one programme's submissions in one state,
-- released days only, newest day first: one index serves it (and the
-- per-state counts) without reading the other states' rows. It replaces the
-- (programme, day) index, whose every use it also serves, so a submission
-- still updates the same number of indexes.
DROP INDEX submissions_programme_day;
CREATE INDEX submissions_queue ON submissions (programme_id, moderation, submitted_on);
