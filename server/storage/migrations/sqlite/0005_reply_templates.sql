-- Siang schema, version 5 (SQLite). The other backend's 0005 makes the same change.
--
-- A reply may be corrected until the young person has read it: `seen` is
-- set when the reply is shown with their receipt (no time is kept for
-- them); `corrected_at` is the staff correction's time. Reply templates
-- are written by administrators, per organisation (or for everyone), one
-- body per language under one title.
ALTER TABLE replies ADD COLUMN seen BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE replies ADD COLUMN corrected_at INTEGER;

CREATE TABLE reply_templates (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    locale          TEXT NOT NULL,
    body            TEXT NOT NULL,
    updated_by      INTEGER REFERENCES staff(id),
    updated_at      INTEGER NOT NULL
);
-- NULLs are distinct here: installation-wide templates (organisation NULL)
-- are kept one per title and language by the storage layer (update, else
-- insert); two saves of the same new one at the same instant could make a
-- duplicate, which the page shows and an administrator can delete.
CREATE UNIQUE INDEX reply_templates_key ON reply_templates (organisation_id, title, locale);
