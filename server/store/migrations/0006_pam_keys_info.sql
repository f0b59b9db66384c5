-- The rest of PAM Core (seed 002; PAMCORE-VENDOR.md §2, §4, §5).
-- (Numbered 0006: 0005 is taken on the features branch.)

-- A device's login expression (session_remote_config, e.g. "SSH:EXPECT:FILL").
ALTER TABLE pam_devices ADD COLUMN session_remote_config TEXT NOT NULL DEFAULT '';

-- SSH keys are credentials of type "SSH Key" (the vendor lists them in GET
-- credential); this table holds the key itself. The private key and its
-- passphrase are AES-256-GCM sealed with the additional data
-- "ssh_private_key:<credential id>" / "ssh_passphrase:<credential id>".
CREATE TABLE pam_ssh_keys (
    credential_id INTEGER PRIMARY KEY REFERENCES pam_credentials(id),
    key_name      TEXT    NOT NULL DEFAULT '',
    public_key    TEXT    NOT NULL,
    fingerprint   TEXT    NOT NULL DEFAULT '', -- OpenSSH SHA256:… of public_key; '' when unparsable
    private_key   BLOB    NOT NULL,
    passphrase    BLOB    -- NULL = none
);

-- Further devices a key is installed on (besides its credential's device).
CREATE TABLE pam_ssh_key_devices (
    credential_id INTEGER NOT NULL REFERENCES pam_credentials(id),
    device_id     INTEGER NOT NULL REFERENCES pam_devices(id),
    PRIMARY KEY (credential_id, device_id)
);

-- Protected information (deprecated by the vendor in 3.26, still called).
-- content is sealed with the additional data "info_content:<id>".
CREATE TABLE pam_info (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    identifier    TEXT    UNIQUE,               -- NULL = none (the vendor's "tag": null)
    name          TEXT    NOT NULL DEFAULT '',
    type          TEXT    NOT NULL DEFAULT '',
    service       TEXT    NOT NULL DEFAULT '',
    url           TEXT    NOT NULL DEFAULT '',
    users_allowed TEXT    NOT NULL DEFAULT '',
    content       BLOB    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
