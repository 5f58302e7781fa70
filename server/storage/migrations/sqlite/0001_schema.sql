-- Siang schema, version 1 (SQLite). postgres/0001_schema.sql has the same tables.
-- Youth data carries no IP, user agent, referrer or time finer than the day.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_on TEXT NOT NULL
);

-- Staff. Staff actions may keep exact times (unix seconds).
CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT,
    totp_secret    TEXT,
    totp_last_step INTEGER,
    totp_required  BOOLEAN NOT NULL DEFAULT FALSE,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    failed_count   INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER,
    created_at     INTEGER NOT NULL
);

CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   INTEGER
);

-- Questionnaires are versioned: answers point at the version they were given
-- against, so editing a questionnaire never corrupts old answers.
CREATE TABLE questionnaires (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    slug            TEXT NOT NULL,
    name            TEXT NOT NULL,
    UNIQUE (organisation_id, slug)
);

CREATE TABLE questionnaire_versions (
    id               INTEGER PRIMARY KEY,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    published_on     TEXT,
    UNIQUE (questionnaire_id, version)
);

CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES questionnaire_versions(id),
    key         TEXT NOT NULL,
    area        TEXT NOT NULL,
    screen      INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('scale', 'single', 'multi', 'text')),
    max_chars   INTEGER NOT NULL DEFAULT 0,
    -- safeguarding questions are stored apart and never reach aggregates
    restricted  BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (version_id, key)
);

CREATE TABLE question_options (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES questions(id),
    key         TEXT NOT NULL,
    position    INTEGER NOT NULL,
    UNIQUE (question_id, key)
);

-- Per-locale texts of questions, areas and options; `reviewed` marks a native review.
CREATE TABLE question_texts (
    question_id INTEGER NOT NULL REFERENCES questions(id),
    locale      TEXT NOT NULL,
    prompt      TEXT NOT NULL,
    help        TEXT,
    reviewed    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (question_id, locale)
);

CREATE TABLE option_texts (
    option_id INTEGER NOT NULL REFERENCES question_options(id),
    locale    TEXT NOT NULL,
    label     TEXT NOT NULL,
    reviewed  BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (option_id, locale)
);

CREATE TABLE programmes (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
    code             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    country          TEXT NOT NULL,
    languages        TEXT NOT NULL,
    opens_on         TEXT,
    closes_on        TEXT,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
    team_name        TEXT NOT NULL,
    response_days    INTEGER NOT NULL DEFAULT 14,
    created_on       TEXT NOT NULL
);

-- Child-friendly description of a programme, per locale.
CREATE TABLE programme_texts (
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    locale       TEXT NOT NULL,
    name         TEXT NOT NULL,
    about        TEXT NOT NULL,
    PRIMARY KEY (programme_id, locale)
);

CREATE TABLE helplines (
    id       INTEGER PRIMARY KEY,
    country  TEXT NOT NULL,
    name     TEXT NOT NULL,
    phone    TEXT NOT NULL,
    url      TEXT,
    hours    TEXT,
    verified BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE submissions (
    id                 INTEGER PRIMARY KEY,
    programme_id       INTEGER NOT NULL REFERENCES programmes(id),
    version_id         INTEGER NOT NULL REFERENCES questionnaire_versions(id),
    locale             TEXT NOT NULL,
    submitted_on       TEXT NOT NULL,
    -- slow salted hash of the receipt code; the code itself is never stored
    receipt_hash       TEXT NOT NULL UNIQUE,
    status             TEXT NOT NULL DEFAULT 'received'
                       CHECK (status IN ('received', 'read', 'replied')),
    moderation         TEXT NOT NULL DEFAULT 'new'
                       CHECK (moderation IN ('new', 'in_review', 'approved', 'archived')),
    personal_data_hint BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX submissions_programme_day ON submissions (programme_id, submitted_on);

-- One row per idempotency key (stored as a hash). It outlives a withdrawn
-- submission so that a replayed form cannot bring it back.
CREATE TABLE submission_keys (
    key_hash      TEXT PRIMARY KEY,
    submission_id INTEGER REFERENCES submissions(id) ON DELETE SET NULL,
    created_on    TEXT NOT NULL
);

CREATE TABLE answers (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    question_id   INTEGER NOT NULL REFERENCES questions(id),
    -- 'value', 'skipped', 'dont_know' (did not get this), 'prefer_not'
    state         TEXT NOT NULL CHECK (state IN ('value', 'skipped', 'dont_know', 'prefer_not')),
    rating        INTEGER CHECK (rating BETWEEN 1 AND 5),
    choices       TEXT,
    body          TEXT,
    UNIQUE (submission_id, question_id)
);

-- Spans of free text that look like personal details, found at submission
-- or by a moderator; applied ones are replaced in `answers.body`.
CREATE TABLE redactions (
    id        INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    start_at  INTEGER NOT NULL,
    end_at    INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    state     TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested', 'applied', 'dismissed')),
    staff_id  INTEGER REFERENCES staff(id)
);

-- Safeguarding concerns live apart from answers and never reach aggregates.
CREATE TABLE safeguarding_flags (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programmes(id),
    submission_id INTEGER REFERENCES submissions(id) ON DELETE CASCADE,
    source        TEXT NOT NULL CHECK (source IN ('question', 'moderator')),
    answer        TEXT,
    body          TEXT,
    urgent        BOOLEAN NOT NULL DEFAULT TRUE,
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'referred', 'closed')),
    created_on    TEXT NOT NULL,
    handled_by    INTEGER REFERENCES staff(id),
    notes         TEXT
);

CREATE TABLE tags (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    facet           TEXT NOT NULL CHECK (facet IN ('type', 'component', 'theme')),
    key             TEXT NOT NULL,
    UNIQUE (organisation_id, facet, key)
);

CREATE TABLE submission_tags (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    tag_id        INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (submission_id, tag_id)
);

CREATE TABLE replies (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    staff_id      INTEGER REFERENCES staff(id),
    body          TEXT NOT NULL,
    created_on    TEXT NOT NULL
);

-- Quotes are redacted copies chosen by a moderator, never shown with demographics.
CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    answer_id    INTEGER REFERENCES answers(id) ON DELETE SET NULL,
    body         TEXT NOT NULL,
    month        TEXT NOT NULL,
    published    BOOLEAN NOT NULL DEFAULT FALSE,
    staff_id     INTEGER REFERENCES staff(id)
);

CREATE TABLE summaries (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
    staff_id     INTEGER REFERENCES staff(id),
    published_on TEXT
);

-- "You said, we did": answers a programme publishes to the young people.
CREATE TABLE actions (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    tag_id       INTEGER REFERENCES tags(id),
    you_said     TEXT NOT NULL,
    we_did       TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done', 'not_done')),
    reason       TEXT,
    published_on TEXT,
    staff_id     INTEGER REFERENCES staff(id)
);

-- A grant is installation-wide (no organisation), per organisation, or narrowed to one programme.
CREATE TABLE role_grants (
    id              INTEGER PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'designer')),
    organisation_id INTEGER REFERENCES organisations(id),
    programme_id    INTEGER REFERENCES programmes(id),
    granted_at      INTEGER NOT NULL
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    -- set once the second factor is done (or not required)
    verified     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_staff ON sessions (staff_id);

-- One-time links (set password). The public id finds the row; the secret
-- part is checked against a salted slow hash.
CREATE TABLE one_time_tokens (
    id          TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('set_password')),
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE sign_ins (
    id       INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    success  BOOLEAN NOT NULL
);

-- Append-only, hash-chained: each row's hash covers the previous row's hash.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    actor_id     INTEGER REFERENCES staff(id),
    action       TEXT NOT NULL,
    programme_id INTEGER,
    target       TEXT,
    detail       TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Retention per organisation or programme (NULL = installation default).
CREATE TABLE retention (
    id                 INTEGER PRIMARY KEY,
    organisation_id    INTEGER REFERENCES organisations(id),
    programme_id       INTEGER REFERENCES programmes(id),
    free_text_months   INTEGER NOT NULL DEFAULT 12,
    submission_months  INTEGER NOT NULL DEFAULT 36
);
INSERT INTO retention (organisation_id, programme_id, free_text_months, submission_months)
VALUES (NULL, NULL, 12, 36);
