-- Issue 18 goal 4: a page of GET credential?search= at a million
-- credentials. 0008 indexed the five device fields again for every
-- credential of the device, and counting a broad search walked every
-- matching row of that index. Now:
--   pam_device_search      the device fields, once per device;
--   pam_credential_search  the credential's own fields, and in column
--                          device_token one trigram naming its device, so
--                          "own fields match OR device matches" is one FTS5
--                          query in id order (pam_device_token below);
--   pam_credential_counts  credentials and active credentials per device
--                          (device_id 0: all), kept by triggers, so the
--                          credentials of matching devices are summed, not
--                          counted row by row, and a list without search
--                          costs the same at 1M as at 100k.
-- All text is folded by pam_fold (unitext.Fold), as search.go folds the
-- search; contentless; triggers keep everything current whoever writes.
-- pam_device_token(id) is three characters of the Supplementary Private Use
-- Area-A (16 bits of the id each): exactly one trigram, no folded field
-- text meets it because the query names its column.

DROP TRIGGER pam_credentials_search_insert;
DROP TRIGGER pam_credentials_search_update;
DROP TRIGGER pam_credentials_search_delete;
DROP TRIGGER pam_devices_search_update;
DROP TABLE pam_credentials_search;

CREATE VIRTUAL TABLE pam_device_search USING fts5(
    hostname, ip, device_type, vendor, model,
    content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);
INSERT INTO pam_device_search(rowid, hostname, ip, device_type, vendor, model)
SELECT id, pam_fold(hostname), pam_fold(ip), pam_fold(type), pam_fold(vendor), pam_fold(model) FROM pam_devices;

CREATE TRIGGER pam_device_search_insert AFTER INSERT ON pam_devices BEGIN
    INSERT INTO pam_device_search(rowid, hostname, ip, device_type, vendor, model)
    VALUES (NEW.id, pam_fold(NEW.hostname), pam_fold(NEW.ip), pam_fold(NEW.type), pam_fold(NEW.vendor), pam_fold(NEW.model));
    INSERT INTO pam_credential_counts(device_id) VALUES (NEW.id);
END;
CREATE TRIGGER pam_device_search_update AFTER UPDATE OF id, hostname, ip, type, vendor, model ON pam_devices BEGIN
    DELETE FROM pam_device_search WHERE rowid = OLD.id;
    INSERT INTO pam_device_search(rowid, hostname, ip, device_type, vendor, model)
    VALUES (NEW.id, pam_fold(NEW.hostname), pam_fold(NEW.ip), pam_fold(NEW.type), pam_fold(NEW.vendor), pam_fold(NEW.model));
END;
CREATE TRIGGER pam_device_search_delete AFTER DELETE ON pam_devices BEGIN
    DELETE FROM pam_device_search WHERE rowid = OLD.id;
    DELETE FROM pam_credential_counts WHERE device_id = OLD.id;
END;

CREATE VIRTUAL TABLE pam_credential_search USING fts5(
    identifier, username, credential_type, device_token,
    content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);
INSERT INTO pam_credential_search(rowid, identifier, username, credential_type, device_token)
SELECT id, pam_fold(identifier), pam_fold(username), pam_fold(credential_type), pam_device_token(device_id)
FROM pam_credentials ORDER BY id;

CREATE TRIGGER pam_credential_search_insert AFTER INSERT ON pam_credentials BEGIN
    INSERT INTO pam_credential_search(rowid, identifier, username, credential_type, device_token)
    VALUES (NEW.id, pam_fold(NEW.identifier), pam_fold(NEW.username), pam_fold(NEW.credential_type), pam_device_token(NEW.device_id));
END;
CREATE TRIGGER pam_credential_search_update AFTER UPDATE OF id, identifier, username, credential_type, device_id ON pam_credentials BEGIN
    DELETE FROM pam_credential_search WHERE rowid = OLD.id;
    INSERT INTO pam_credential_search(rowid, identifier, username, credential_type, device_token)
    VALUES (NEW.id, pam_fold(NEW.identifier), pam_fold(NEW.username), pam_fold(NEW.credential_type), pam_device_token(NEW.device_id));
END;
CREATE TRIGGER pam_credential_search_delete AFTER DELETE ON pam_credentials BEGIN
    DELETE FROM pam_credential_search WHERE rowid = OLD.id;
END;

CREATE TABLE pam_credential_counts (
    device_id   INTEGER PRIMARY KEY, -- 0: every credential
    credentials INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO pam_credential_counts(device_id, credentials, active)
SELECT 0, COUNT(*), COALESCE(SUM(active), 0) FROM pam_credentials;
INSERT INTO pam_credential_counts(device_id, credentials, active)
SELECT d.id, COUNT(c.id), COALESCE(SUM(c.active), 0) FROM pam_devices d LEFT JOIN pam_credentials c ON c.device_id = d.id GROUP BY d.id;

CREATE TRIGGER pam_credential_counts_insert AFTER INSERT ON pam_credentials BEGIN
    UPDATE pam_credential_counts SET credentials = credentials + 1, active = active + NEW.active
    WHERE device_id IN (0, NEW.device_id);
END;
CREATE TRIGGER pam_credential_counts_update AFTER UPDATE OF device_id, active ON pam_credentials
WHEN OLD.device_id IS NOT NEW.device_id OR OLD.active IS NOT NEW.active BEGIN
    UPDATE pam_credential_counts SET credentials = credentials - 1, active = active - OLD.active
    WHERE device_id IN (0, OLD.device_id);
    UPDATE pam_credential_counts SET credentials = credentials + 1, active = active + NEW.active
    WHERE device_id IN (0, NEW.device_id);
END;
CREATE TRIGGER pam_credential_counts_delete AFTER DELETE ON pam_credentials BEGIN
    UPDATE pam_credential_counts SET credentials = credentials - 1, active = active - OLD.active
    WHERE device_id IN (0, OLD.device_id);
END;
