-- Siang schema, version 9 (sqlite). The other backend's 0009 makes the same change.
--
-- A programme's summary of a period (a month or a quarter) keeps every
-- saved text as a version, with who saved it and when; publishing names the
-- version designers read (its publisher is in the audit log too).
CREATE TABLE summary_versions (
    id         INTEGER PRIMARY KEY,
    summary_id INTEGER NOT NULL REFERENCES summaries(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    staff_id   INTEGER REFERENCES staff(id),
    at         INTEGER NOT NULL
);
CREATE INDEX summary_versions_summary ON summary_versions (summary_id);
ALTER TABLE summaries ADD COLUMN published_version INTEGER REFERENCES summary_versions(id);
CREATE UNIQUE INDEX summaries_period ON summaries (programme_id, period_start, period_end);
