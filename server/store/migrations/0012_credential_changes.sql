-- Issue 18 goal 4: a search's credential total stays valid across writes.
-- Counting a broad search at 1M walks every row matching by its own fields;
-- after a write, the total counted before is still right once each changed
-- credential's before and after are matched in Go (countCredentials). The
-- triggers log those: the eight searched fields folded (pam_fold, as the
-- indexes hold them) and active, before (NULL: inserted) and after (NULL:
-- deleted). A change the log cannot describe row by row (a device's
-- searched fields, a bulk load) logs recount = 1. Reveals, password changes
-- and custody are not logged: they change no total. The last 4096 changes
-- are kept; a total older than that is counted again.
CREATE TABLE pam_credential_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    recount    INTEGER NOT NULL DEFAULT 0,
    old_fields TEXT,    -- JSON array: identifier, username, credential_type, hostname, ip, type, vendor, model
    old_active INTEGER,
    new_fields TEXT,
    new_active INTEGER
);

CREATE TRIGGER pam_credential_changes_insert AFTER INSERT ON pam_credentials BEGIN
    INSERT INTO pam_credential_changes(new_fields, new_active)
    SELECT json_array(pam_fold(NEW.identifier), pam_fold(NEW.username), pam_fold(NEW.credential_type), pam_fold(d.hostname),
           pam_fold(d.ip), pam_fold(d.type), pam_fold(d.vendor), pam_fold(d.model)), NEW.active
    FROM pam_devices d WHERE d.id = NEW.device_id;
    DELETE FROM pam_credential_changes WHERE seq <= (SELECT MAX(seq) FROM pam_credential_changes) - 4096;
END;
CREATE TRIGGER pam_credential_changes_update AFTER UPDATE OF identifier, username, credential_type, device_id, active ON pam_credentials BEGIN
    INSERT INTO pam_credential_changes(old_fields, old_active, new_fields, new_active)
    SELECT json_array(pam_fold(OLD.identifier), pam_fold(OLD.username), pam_fold(OLD.credential_type), pam_fold(o.hostname),
           pam_fold(o.ip), pam_fold(o.type), pam_fold(o.vendor), pam_fold(o.model)), OLD.active,
           json_array(pam_fold(NEW.identifier), pam_fold(NEW.username), pam_fold(NEW.credential_type), pam_fold(n.hostname),
           pam_fold(n.ip), pam_fold(n.type), pam_fold(n.vendor), pam_fold(n.model)), NEW.active
    FROM pam_devices o, pam_devices n WHERE o.id = OLD.device_id AND n.id = NEW.device_id;
    DELETE FROM pam_credential_changes WHERE seq <= (SELECT MAX(seq) FROM pam_credential_changes) - 4096;
END;
CREATE TRIGGER pam_credential_changes_delete AFTER DELETE ON pam_credentials BEGIN
    INSERT INTO pam_credential_changes(old_fields, old_active)
    SELECT json_array(pam_fold(OLD.identifier), pam_fold(OLD.username), pam_fold(OLD.credential_type), pam_fold(d.hostname),
           pam_fold(d.ip), pam_fold(d.type), pam_fold(d.vendor), pam_fold(d.model)), OLD.active
    FROM pam_devices d WHERE d.id = OLD.device_id;
    DELETE FROM pam_credential_changes WHERE seq <= (SELECT MAX(seq) FROM pam_credential_changes) - 4096;
END;
CREATE TRIGGER pam_credential_changes_device AFTER UPDATE OF id, hostname, ip, type, vendor, model ON pam_devices BEGIN
    INSERT INTO pam_credential_changes(recount) VALUES (1);
END;
