-- Retention counts and deletes the words of old answers; without this
-- index that meant reading every old answer row (6.5 minutes for the
-- retention page and `siang retention run --dry-run` at a million
-- responses on SQLite; 2.6 s with it).
CREATE INDEX answers_with_text ON answers(submission_id) WHERE body IS NOT NULL;
