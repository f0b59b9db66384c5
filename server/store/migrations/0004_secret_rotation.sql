-- Secret rotation with an optional grace period (API.md §3, rotate-secret's
-- grace_seconds). secret_gen counts rotations: access tokens carry the
-- generation of the secret they were issued for, so a rotation revokes the
-- tokens of the old secret (at once, or when its grace period ends).
-- prev_secret_enc is the secret before the last rotation, sealed with the
-- additional data "client_secret_prev:" || client_id, kept only while
-- prev_secret_until (RFC 3339 UTC) is in the future.
ALTER TABLE client_credentials ADD COLUMN secret_gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE client_credentials ADD COLUMN prev_secret_enc BLOB;
ALTER TABLE client_credentials ADD COLUMN prev_secret_until TEXT;
