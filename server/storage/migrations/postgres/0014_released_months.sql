-- Siang schema, version 14 (postgres). The other backend's 0014 makes the same change.
--
-- What the public sees of a closed month is fixed the first time anyone
-- asks for it: a copy of the month's roll-ups. A withdrawal or a concern
-- raised later still removes the answers themselves and the staff
-- dashboards' live counts, but never moves a public figure, so nobody can
-- set two copies of a public page side by side and read one child's answers.
CREATE TABLE released_months (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    PRIMARY KEY (programme_id, month)
);
CREATE TABLE released_responses (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    version_id   BIGINT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (programme_id, month, version_id)
);
CREATE TABLE released_answers (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    question_id  BIGINT NOT NULL,
    answer       TEXT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (programme_id, month, question_id, answer)
);
CREATE TABLE released_codes (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    tag_id       BIGINT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (programme_id, month, tag_id)
);
