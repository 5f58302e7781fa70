-- Siang schema, version 12 (postgres). The other backend's 0012 makes the same change.
--
-- Monthly roll-ups: what dashboards read instead of every answer. Kept
-- current in the same transaction as each submission, withdrawal, concern
-- and coding (src/rollups.rs); filled from the answers already stored the
-- first time the server migrates (setting rollups_built). Submissions that
-- became safeguarding concerns are never counted. Retention deletes words,
-- never these counts.
CREATE TABLE rollup_responses (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    version_id   BIGINT NOT NULL REFERENCES questionnaire_versions(id),
    n            BIGINT NOT NULL,
    PRIMARY KEY (programme_id, month, version_id)
);

-- answer: 'answered', 'dont_know' or 'prefer_not' (these partition the
-- responses that were not skipped), then 'r1'..'r5' for a face scale and
-- 'o:<option key>' for each option chosen.
CREATE TABLE rollup_answers (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    question_id  BIGINT NOT NULL REFERENCES questions(id),
    answer       TEXT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (programme_id, month, question_id, answer)
);

-- Submissions carrying each code (a submission may carry several).
CREATE TABLE rollup_codes (
    programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    tag_id       BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    n            BIGINT NOT NULL,
    PRIMARY KEY (programme_id, month, tag_id)
);
