-- Siang schema, version 6 (sqlite). The other backend's 0006 makes the same change.
--
-- The codebook moderators tag submissions with: three facets (type,
-- programme component, theme). The default codebook (organisation NULL)
-- ships here, its labels in locales/ (code-<facet>-<key>); an
-- organisation's own codes carry their labels per language in tag_texts.
CREATE TABLE tag_texts (
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    label  TEXT NOT NULL,
    PRIMARY KEY (tag_id, locale)
);
CREATE INDEX submission_tags_tag ON submission_tags (tag_id);

-- A code on words of an answer (a moderator's span). Offsets are bytes of
-- the stored text and move with it when a detail in it is redacted.
CREATE TABLE span_codes (
    id        INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    start_at  INTEGER NOT NULL,
    end_at    INTEGER NOT NULL,
    tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE
);
CREATE INDEX span_codes_answer ON span_codes (answer_id);

INSERT INTO tags (organisation_id, facet, key) VALUES
    (NULL, 'type', 'thanks'), (NULL, 'type', 'question'), (NULL, 'type', 'suggestion'),
    (NULL, 'type', 'complaint'), (NULL, 'type', 'sensitive'),
    (NULL, 'component', 'shelter'), (NULL, 'component', 'case_management'),
    (NULL, 'component', 'health_care'), (NULL, 'component', 'counselling'),
    (NULL, 'component', 'education'), (NULL, 'component', 'vocational_training'),
    (NULL, 'component', 'legal_aid'), (NULL, 'component', 'family_reintegration'),
    (NULL, 'component', 'livelihood'),
    (NULL, 'theme', 'safety'), (NULL, 'theme', 'housing'), (NULL, 'theme', 'health'),
    (NULL, 'theme', 'wellbeing'), (NULL, 'theme', 'education'), (NULL, 'theme', 'work'),
    (NULL, 'theme', 'family'), (NULL, 'theme', 'community'), (NULL, 'theme', 'legal'),
    (NULL, 'theme', 'staff');
