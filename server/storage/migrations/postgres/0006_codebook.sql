-- Siang schema, version 6 (postgres). The other backend's 0006 makes the same change.
--
-- The codebook moderators tag submissions with: three facets (type,
-- programme component, theme). The default codebook (organisation NULL)
-- ships here, its labels in locales/ (code-<facet>-<key>); an
-- organisation's own codes carry their labels per language in tag_texts.
CREATE TABLE tag_texts (
    tag_id BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    label  TEXT NOT NULL,
    PRIMARY KEY (tag_id, locale)
);
CREATE INDEX submission_tags_tag ON submission_tags (tag_id);

-- Rows written with explicit ids must not collide with the identity.
SELECT setval(pg_get_serial_sequence('tags', 'id'), COALESCE((SELECT MAX(id) FROM tags), 0) + 1, false);
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
