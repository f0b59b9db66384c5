-- Last use of a client credential (API.md §3, issue 16): when it last
-- obtained an access token, how many it was issued, and when one of its
-- tokens was last used on the API. last_used_at is written at most about
-- once a minute per credential (the server throttles it), so the request
-- path does not write on every call. None of these changes version or
-- updated_at: they are observations, not edits.
ALTER TABLE client_credentials ADD COLUMN last_token_at TEXT;  -- RFC 3339 UTC, NULL = never
ALTER TABLE client_credentials ADD COLUMN last_used_at TEXT;   -- RFC 3339 UTC, NULL = never
ALTER TABLE client_credentials ADD COLUMN tokens_issued INTEGER NOT NULL DEFAULT 0;
CREATE INDEX client_credentials_last_used ON client_credentials(last_used_at, id);
