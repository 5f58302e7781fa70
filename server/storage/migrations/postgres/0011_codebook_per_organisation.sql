-- Siang schema, version 11 (postgres). The other backend's 0011 makes the same change.
--
-- An organisation's say over the default codebook: its own label for a
-- default code in a language (the shipped one in locales/ stands where it
-- has none), and codes it has retired (not offered for new coding; the
-- codes already on submissions, quotes and summaries stay and keep their
-- labels). Retiring works the same on the organisation's own codes.
CREATE TABLE organisation_tag_texts (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    tag_id          BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    locale          TEXT NOT NULL,
    label           TEXT NOT NULL,
    PRIMARY KEY (organisation_id, tag_id, locale)
);

CREATE TABLE retired_tags (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    tag_id          BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, tag_id)
);
