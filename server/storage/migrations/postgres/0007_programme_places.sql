-- Siang schema, version 7 (postgres). The other backend's 0007 makes the same change.
--
-- Places whose names identify a child (the shelter, villages nearby): an
-- administrator keeps the list per programme, one per line, and the
-- personal-details finder marks them in free text as [place].
ALTER TABLE programmes ADD COLUMN places TEXT NOT NULL DEFAULT '';
