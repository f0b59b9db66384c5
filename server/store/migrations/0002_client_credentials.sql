-- OAuth client credentials (API.md §3). The secret is sealed with
-- AES-256-GCM (additional data "client_secret:" || client_id).
CREATE TABLE client_credentials (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL UNIQUE,   -- lower(trim(name)): names are unique case-insensitively
    client_id   TEXT    NOT NULL UNIQUE,
    secret_enc  BLOB    NOT NULL,
    valid_from  TEXT    NOT NULL,          -- RFC 3339 UTC
    valid_till  TEXT    NOT NULL,
    scopes      TEXT    NOT NULL DEFAULT '[]', -- JSON array of scope keys
    protected   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX client_credentials_valid_till ON client_credentials(valid_till, id);

-- Server settings, e.g. the sealed JWT signing key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
