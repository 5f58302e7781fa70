-- Siang schema, version 13 (sqlite). The other backend's 0013 makes the same change.
--
-- "You said, we did": an action's words live per language, each marked by
-- whether a machine drafted it (a machine draft is never shown to young
-- people until a person has reviewed it). An action names the month it is
-- planned for and the month it was done: months, because a young person
-- needs no more and a day would say more than the programme means to.
-- A programme may open a public results page (off until someone opts in).
CREATE TABLE action_texts (
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    locale    TEXT NOT NULL,
    you_said  TEXT NOT NULL,
    we_did    TEXT NOT NULL,
    reason    TEXT,
    machine   BOOLEAN NOT NULL DEFAULT FALSE,
    staff_id  INTEGER REFERENCES staff(id),
    at        INTEGER NOT NULL,
    PRIMARY KEY (action_id, locale)
);
-- Earlier actions were written in English.
INSERT INTO action_texts (action_id, locale, you_said, we_did, reason, machine, staff_id, at)
    SELECT id, 'en', you_said, we_did, reason, FALSE, staff_id, 0 FROM actions;
ALTER TABLE actions DROP COLUMN you_said;
ALTER TABLE actions DROP COLUMN we_did;
ALTER TABLE actions DROP COLUMN reason;
ALTER TABLE actions ADD COLUMN due_month TEXT;
ALTER TABLE actions ADD COLUMN done_month TEXT;
ALTER TABLE actions ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX actions_programme ON actions (programme_id, published_on);
ALTER TABLE programmes ADD COLUMN public_results BOOLEAN NOT NULL DEFAULT FALSE;
