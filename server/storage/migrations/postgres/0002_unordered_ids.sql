-- Siang schema, version 2 (PostgreSQL). sqlite/0002_unordered_ids.sql makes the same changes.
--
-- 1. Youth rows get identifiers that carry no order: submissions, answers,
--    redactions and safeguarding flags are numbered by the application with
--    random 63-bit integers from now on (no identity, no sequence), and the
--    rows already stored are renumbered here (every referencing column follows).
-- 2. submission_keys records what became of a key: sent, withdrawn, or
--    abandoned (the young person left with quick exit before sending).
-- 3. Recovery codes can be found by an index; programme and helpline names
--    can be translated; audit entries say which organisation they concern,
--    and a checkpoint lets the chain be verified incrementally.
--
-- sqlx runs this file in one transaction.

ALTER TABLE submissions ALTER COLUMN id DROP IDENTITY;
ALTER TABLE answers ALTER COLUMN id DROP IDENTITY;
ALTER TABLE redactions ALTER COLUMN id DROP IDENTITY;
ALTER TABLE safeguarding_flags ALTER COLUMN id DROP IDENTITY;

-- (2) A key without a submission could only come from a withdrawal.
ALTER TABLE submission_keys ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'
    CHECK (state IN ('sent', 'withdrawn', 'abandoned'));
UPDATE submission_keys SET state = 'withdrawn' WHERE submission_id IS NULL;

-- Every column referencing a submission or an answer gets an index, so a
-- withdrawal finds the children directly instead of reading whole tables.
CREATE INDEX submission_keys_submission ON submission_keys (submission_id);
CREATE INDEX safeguarding_flags_submission ON safeguarding_flags (submission_id);
CREATE INDEX replies_submission ON replies (submission_id);
CREATE INDEX redactions_answer ON redactions (answer_id);
CREATE INDEX quotes_answer ON quotes (answer_id);

-- (1) Renumber. The foreign keys are dropped around the update and recreated
-- exactly as 0001 made them (same names and actions); recreating them checks
-- every reference again.
ALTER TABLE answers DROP CONSTRAINT answers_submission_id_fkey;
ALTER TABLE submission_keys DROP CONSTRAINT submission_keys_submission_id_fkey;
ALTER TABLE safeguarding_flags DROP CONSTRAINT safeguarding_flags_submission_id_fkey;
ALTER TABLE submission_tags DROP CONSTRAINT submission_tags_submission_id_fkey;
ALTER TABLE replies DROP CONSTRAINT replies_submission_id_fkey;
ALTER TABLE redactions DROP CONSTRAINT redactions_answer_id_fkey;
ALTER TABLE quotes DROP CONSTRAINT quotes_answer_id_fkey;

-- 64 bits of md5 over gen_random_uuid() (the server's strong random source),
-- top bit cleared, 0 avoided. A collision (odds about n^2 / 2^64) fails a
-- unique constraint: the whole migration rolls back and the next start tries
-- again with new numbers.
CREATE FUNCTION siang_random_id() RETURNS BIGINT LANGUAGE sql VOLATILE AS $$
    SELECT greatest(1, ('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint
                       & 9223372036854775807)
$$;

CREATE TEMP TABLE siang_submission_ids (
    old_id BIGINT PRIMARY KEY,
    new_id BIGINT NOT NULL UNIQUE
);
INSERT INTO siang_submission_ids (old_id, new_id) SELECT id, siang_random_id() FROM submissions;

CREATE TEMP TABLE siang_answer_ids (
    old_id BIGINT PRIMARY KEY,
    new_id BIGINT NOT NULL UNIQUE
);
INSERT INTO siang_answer_ids (old_id, new_id) SELECT id, siang_random_id() FROM answers;

UPDATE answers t SET submission_id = m.new_id FROM siang_submission_ids m WHERE t.submission_id = m.old_id;
UPDATE submission_keys t SET submission_id = m.new_id FROM siang_submission_ids m WHERE t.submission_id = m.old_id;
UPDATE safeguarding_flags t SET submission_id = m.new_id FROM siang_submission_ids m WHERE t.submission_id = m.old_id;
UPDATE submission_tags t SET submission_id = m.new_id FROM siang_submission_ids m WHERE t.submission_id = m.old_id;
UPDATE replies t SET submission_id = m.new_id FROM siang_submission_ids m WHERE t.submission_id = m.old_id;
UPDATE submissions t SET id = m.new_id FROM siang_submission_ids m WHERE t.id = m.old_id;

UPDATE redactions t SET answer_id = m.new_id FROM siang_answer_ids m WHERE t.answer_id = m.old_id;
UPDATE quotes t SET answer_id = m.new_id FROM siang_answer_ids m WHERE t.answer_id = m.old_id;
UPDATE answers t SET id = m.new_id FROM siang_answer_ids m WHERE t.id = m.old_id;

-- Nothing references these two.
UPDATE redactions SET id = siang_random_id();
UPDATE safeguarding_flags SET id = siang_random_id();

DROP TABLE siang_submission_ids;
DROP TABLE siang_answer_ids;
DROP FUNCTION siang_random_id();

ALTER TABLE answers ADD CONSTRAINT answers_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE;
ALTER TABLE submission_keys ADD CONSTRAINT submission_keys_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE SET NULL;
ALTER TABLE safeguarding_flags ADD CONSTRAINT safeguarding_flags_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE;
ALTER TABLE submission_tags ADD CONSTRAINT submission_tags_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE;
ALTER TABLE replies ADD CONSTRAINT replies_submission_id_fkey
    FOREIGN KEY (submission_id) REFERENCES submissions(id) ON DELETE CASCADE;
ALTER TABLE redactions ADD CONSTRAINT redactions_answer_id_fkey
    FOREIGN KEY (answer_id) REFERENCES answers(id) ON DELETE CASCADE;
ALTER TABLE quotes ADD CONSTRAINT quotes_answer_id_fkey
    FOREIGN KEY (answer_id) REFERENCES answers(id) ON DELETE SET NULL;

-- (3) Recovery codes: `code_index` finds the one row to check with the slow
-- hash. Codes written before have none (NULL) and are checked one by one.
ALTER TABLE recovery_codes ADD COLUMN code_index TEXT;
CREATE INDEX recovery_codes_index ON recovery_codes (staff_id, code_index);

-- NULL: not translated, use the programme's own team name.
ALTER TABLE programme_texts ADD COLUMN team_name TEXT;

CREATE TABLE helpline_texts (
    helpline_id BIGINT NOT NULL REFERENCES helplines(id) ON DELETE CASCADE,
    locale      TEXT NOT NULL,
    name        TEXT NOT NULL,
    hours       TEXT,
    PRIMARY KEY (helpline_id, locale)
);

-- The organisation an audit entry concerns (NULL: none, or written before).
ALTER TABLE audit_log ADD COLUMN organisation_id BIGINT;

-- The last audit entry verified: later checks start after it. Not append-only.
CREATE TABLE audit_checkpoint (
    id        BIGINT PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
