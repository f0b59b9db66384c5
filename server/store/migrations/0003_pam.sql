-- PAM Core (API.md §4, seeds 001–004): devices, the credentials on them and
-- the registered device domains. Times are Unix seconds (UTC), NULL = never.
-- Credentials are deactivated, never erased.

-- Domains a device may belong to; only registered ones are accepted (1029).
CREATE TABLE pam_domains (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
INSERT INTO pam_domains(name) VALUES
    ('corp.example'), ('lab.example'), ('testlab.com'), ('demo.lab.com');

CREATE TABLE pam_devices (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    hostname       TEXT    NOT NULL UNIQUE COLLATE NOCASE, -- upsert key
    ip             TEXT    NOT NULL,
    type           TEXT    NOT NULL DEFAULT '',
    vendor         TEXT    NOT NULL DEFAULT '',
    model          TEXT    NOT NULL DEFAULT '',
    site           TEXT    NOT NULL DEFAULT '',
    domain         TEXT    NOT NULL DEFAULT '', -- comma-separated registered domains
    tags           TEXT    NOT NULL DEFAULT '',
    connectivities TEXT    NOT NULL DEFAULT '', -- comma-separated, e.g. "SSH,HTTPS"
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE pam_credentials (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT, -- list order (rowid)
    identifier            TEXT    NOT NULL UNIQUE,
    username              TEXT    NOT NULL,
    device_id             INTEGER NOT NULL REFERENCES pam_devices(id),
    password              BLOB,   -- AES-256-GCM, additional data "credential_password:<id>"; NULL = none
    credential_type       TEXT    NOT NULL DEFAULT 'Local User',
    additional            TEXT    NOT NULL DEFAULT '',
    tags                  TEXT    NOT NULL DEFAULT '',
    domain                TEXT    NOT NULL DEFAULT '',
    session_remote_config TEXT    NOT NULL DEFAULT '',
    notes                 TEXT    NOT NULL DEFAULT '',
    parent_id             INTEGER REFERENCES pam_credentials(id),
    execution_settings    TEXT,   -- JSON as sent
    session_settings      TEXT,
    additional_settings   TEXT,
    jit_settings          TEXT,
    automatic_change      INTEGER NOT NULL DEFAULT 0 CHECK (automatic_change IN (0, 1)),
    expiration            INTEGER,
    changed_at            INTEGER, -- last password change
    viewed_at             INTEGER, -- last reveal
    active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    in_custody            INTEGER NOT NULL DEFAULT 0 CHECK (in_custody IN (0, 1)),
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
-- Upsert match (username + hostname + ip resolves to device_id + username)
-- and username@hostname lookups; also serves "credentials of a device".
CREATE INDEX pam_credentials_device_username ON pam_credentials(device_id, username);
-- A narrow b-tree of ids only: COUNT(*) and OFFSET skipping walk ~150 pages
-- instead of the ~5,000 of the table itself at 100,000 rows (issue 7).
CREATE INDEX pam_credentials_id ON pam_credentials(id);
