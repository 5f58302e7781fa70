-- A programme's short codes that were replaced: never handed out again, so
-- an old poster or QR code can never lead a young person to another
-- organisation's programme.
CREATE TABLE retired_codes (
    code         TEXT PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id)
);
