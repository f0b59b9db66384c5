-- The audit log: one row per write or reveal, written in the same
-- transaction as the change it describes. Never holds a secret.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL,            -- RFC 3339 UTC
    actor       TEXT    NOT NULL DEFAULT '', -- client credential name
    actor_id    TEXT    NOT NULL DEFAULT '', -- its client_id
    actor_key   TEXT    NOT NULL DEFAULT '', -- SSH key fingerprint, when known
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL DEFAULT '',
    result      TEXT    NOT NULL DEFAULT 'ok'
);
CREATE INDEX audit_at ON audit(at DESC, id DESC);
