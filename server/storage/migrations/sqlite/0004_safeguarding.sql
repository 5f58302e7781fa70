-- Siang schema, version 4 (SQLite). The other backend's 0004 makes the same change.
--
-- The urgent view: a concern goes new → acknowledged → referred → closed,
-- each step kept with who and when (staff times may be exact); the hour it
-- was raised (never finer: the hour is what the logs keep too) measures the
-- 24-hour target; `alert` is the outbox of the e-mail to the programme's
-- safeguarding contacts. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE safeguarding_flags_v4 (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programmes(id),
    submission_id INTEGER REFERENCES submissions(id) ON DELETE CASCADE,
    source        TEXT NOT NULL CHECK (source IN ('question', 'moderator')),
    answer        TEXT,
    body          TEXT,
    urgent        BOOLEAN NOT NULL DEFAULT TRUE,
    state         TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'acknowledged', 'referred', 'closed')),
    created_on    TEXT NOT NULL,
    raised_hour   INTEGER NOT NULL,
    handled_by    INTEGER REFERENCES staff(id),
    notes         TEXT,
    alert         TEXT NOT NULL DEFAULT 'pending' CHECK (alert IN ('pending', 'sent', 'none')),
    alert_lease   INTEGER
);
-- Concerns from before alerts existed are not mailed now.
INSERT INTO safeguarding_flags_v4
    (id, programme_id, submission_id, source, answer, body, urgent, state, created_on, raised_hour, handled_by, notes, alert)
SELECT id, programme_id, submission_id, source, answer, body, urgent,
       CASE state WHEN 'open' THEN 'new' ELSE state END,
       created_on, CAST(strftime('%s', created_on) AS INTEGER), handled_by, notes, 'none'
FROM safeguarding_flags;
DROP TABLE safeguarding_flags;
ALTER TABLE safeguarding_flags_v4 RENAME TO safeguarding_flags;
CREATE INDEX safeguarding_flags_submission ON safeguarding_flags (submission_id);
CREATE INDEX safeguarding_flags_programme ON safeguarding_flags (programme_id, state);

CREATE TABLE safeguarding_steps (
    id       INTEGER PRIMARY KEY,
    flag_id  INTEGER NOT NULL REFERENCES safeguarding_flags(id) ON DELETE CASCADE,
    state    TEXT NOT NULL CHECK (state IN ('acknowledged', 'referred', 'closed')),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    at       INTEGER NOT NULL,
    note     TEXT
);
CREATE INDEX safeguarding_steps_flag ON safeguarding_steps (flag_id);

-- Who is alerted and what the team does, per programme: e-mail addresses
-- and referral steps, one per line (administrators edit them).
CREATE TABLE programme_safeguarding (
    programme_id   INTEGER PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
    contacts       TEXT NOT NULL DEFAULT '',
    referral_steps TEXT NOT NULL DEFAULT ''
);
