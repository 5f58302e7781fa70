-- Siang schema, version 2 (SQLite). postgres/0002_unordered_ids.sql makes the same changes.
--
-- 1. Youth rows get identifiers that carry no order: submissions, answers,
--    redactions and safeguarding flags are numbered by the application with
--    random 63-bit integers from now on, and the rows already stored are
--    renumbered here (every referencing column follows).
-- 2. submission_keys becomes WITHOUT ROWID (its hidden rowid rose in arrival
--    order) and records what became of a key: sent, withdrawn, or abandoned
--    (the young person left with quick exit before sending).
-- 3. Recovery codes can be found by an index; programme and helpline names
--    can be translated; audit entries say which organisation they concern,
--    and a checkpoint lets the chain be verified incrementally.
--
-- sqlx runs this file in one transaction. Foreign keys are checked at commit,
-- so parents and children can be renumbered one table at a time.
PRAGMA defer_foreign_keys = ON;

-- (2) Rebuilt without a rowid, with its state. A key without a submission
-- could only come from a withdrawal.
CREATE TABLE submission_keys_v2 (
    key_hash      TEXT PRIMARY KEY,
    submission_id INTEGER REFERENCES submissions(id) ON DELETE SET NULL,
    created_on    TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'withdrawn', 'abandoned'))
) WITHOUT ROWID;
INSERT INTO submission_keys_v2 (key_hash, submission_id, created_on, state)
SELECT key_hash, submission_id, created_on,
       CASE WHEN submission_id IS NULL THEN 'withdrawn' ELSE 'sent' END
FROM submission_keys;
DROP TABLE submission_keys;
ALTER TABLE submission_keys_v2 RENAME TO submission_keys;

-- Every column referencing a submission or an answer gets an index: a
-- withdrawal (and the renumbering below) then finds the children directly
-- instead of reading whole tables.
CREATE INDEX submission_keys_submission ON submission_keys (submission_id);
CREATE INDEX safeguarding_flags_submission ON safeguarding_flags (submission_id);
CREATE INDEX replies_submission ON replies (submission_id);
CREATE INDEX redactions_answer ON redactions (answer_id);
CREATE INDEX quotes_answer ON quotes (answer_id);

-- (1) Renumber. random() is SQLite's generator (seeded from the operating
-- system); the top bit is cleared and 0 avoided. A collision (odds about
-- n^2 / 2^64) fails a unique constraint: the whole migration rolls back and
-- the next start tries again with new numbers.
CREATE TEMP TABLE siang_submission_ids (
    old_id INTEGER PRIMARY KEY,
    new_id INTEGER NOT NULL UNIQUE
);
INSERT INTO siang_submission_ids (old_id, new_id)
SELECT id, max(1, random() & 9223372036854775807) FROM submissions;

CREATE TEMP TABLE siang_answer_ids (
    old_id INTEGER PRIMARY KEY,
    new_id INTEGER NOT NULL UNIQUE
);
INSERT INTO siang_answer_ids (old_id, new_id)
SELECT id, max(1, random() & 9223372036854775807) FROM answers;

UPDATE answers SET submission_id =
    (SELECT new_id FROM siang_submission_ids WHERE old_id = answers.submission_id);
UPDATE submission_keys SET submission_id =
    (SELECT new_id FROM siang_submission_ids WHERE old_id = submission_keys.submission_id)
WHERE submission_id IS NOT NULL;
UPDATE safeguarding_flags SET submission_id =
    (SELECT new_id FROM siang_submission_ids WHERE old_id = safeguarding_flags.submission_id)
WHERE submission_id IS NOT NULL;
UPDATE submission_tags SET submission_id =
    (SELECT new_id FROM siang_submission_ids WHERE old_id = submission_tags.submission_id);
UPDATE replies SET submission_id =
    (SELECT new_id FROM siang_submission_ids WHERE old_id = replies.submission_id);
UPDATE submissions SET id =
    (SELECT new_id FROM siang_submission_ids WHERE old_id = submissions.id);

UPDATE redactions SET answer_id =
    (SELECT new_id FROM siang_answer_ids WHERE old_id = redactions.answer_id);
UPDATE quotes SET answer_id =
    (SELECT new_id FROM siang_answer_ids WHERE old_id = quotes.answer_id)
WHERE answer_id IS NOT NULL;
UPDATE answers SET id =
    (SELECT new_id FROM siang_answer_ids WHERE old_id = answers.id);

-- Nothing references these two.
UPDATE redactions SET id = max(1, random() & 9223372036854775807);
UPDATE safeguarding_flags SET id = max(1, random() & 9223372036854775807);

DROP TABLE siang_submission_ids;
DROP TABLE siang_answer_ids;

-- (3) Recovery codes: `code_index` finds the one row to check with the slow
-- hash. Codes written before have none (NULL) and are checked one by one.
ALTER TABLE recovery_codes ADD COLUMN code_index TEXT;
CREATE INDEX recovery_codes_index ON recovery_codes (staff_id, code_index);

-- NULL: not translated, use the programme's own team name.
ALTER TABLE programme_texts ADD COLUMN team_name TEXT;

CREATE TABLE helpline_texts (
    helpline_id INTEGER NOT NULL REFERENCES helplines(id) ON DELETE CASCADE,
    locale      TEXT NOT NULL,
    name        TEXT NOT NULL,
    hours       TEXT,
    PRIMARY KEY (helpline_id, locale)
);

-- The organisation an audit entry concerns (NULL: none, or written before).
ALTER TABLE audit_log ADD COLUMN organisation_id INTEGER;

-- The last audit entry verified: later checks start after it. Not append-only.
CREATE TABLE audit_checkpoint (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
