-- Siang schema, version 3 (sqlite). The other backend's 0003 makes the same change.
--
-- The moderation queue lists one programme's submissions in one state,
-- released days only, newest day first: this index serves it and the
-- per-state counts without reading the other states' rows. The "all states"
-- view keeps using the (programme, day) index.
CREATE INDEX submissions_queue ON submissions (programme_id, moderation, submitted_on);
