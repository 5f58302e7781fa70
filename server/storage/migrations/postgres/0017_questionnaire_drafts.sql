-- The questionnaire editor (issue 11). A draft version is edited, then
-- published as the next version; submissions keep the version they
-- answered. A question continuing one of an earlier version (same meaning,
-- perhaps new words the administrator marked equivalent) points at it.
ALTER TABLE questions ADD COLUMN same_as BIGINT REFERENCES questions(id);
-- A version may need approval by a youth advisory group before it goes
-- live: who (a group's name, never a child's), when, what they said.
ALTER TABLE questionnaire_versions ADD COLUMN needs_signoff BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE version_signoffs (
    version_id  BIGINT PRIMARY KEY REFERENCES questionnaire_versions(id),
    group_name  TEXT NOT NULL,
    approved_on DATE NOT NULL,
    comments    TEXT
);
