-- Siang schema, version 15 (postgres). The other backend's 0015 makes the same change.
--
-- Helplines are data administrators keep: the day someone last confirmed a
-- line's number, shown to staff so a stale line stands out.
ALTER TABLE helplines ADD COLUMN verified_on DATE;
