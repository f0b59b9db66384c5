-- Substring search of GET credential?search= (issue 18 goal 4): an FTS5
-- trigram index over the searched fields, folded by pam_fold (unitext.Fold,
-- search.go), so a page with search= reads the matching ids from
-- the index instead of scanning every credential. Contentless: the text
-- lives in the tables; triggers keep the index current whoever writes.
CREATE VIRTUAL TABLE pam_credentials_search USING fts5(
    identifier, username, credential_type, hostname, ip, device_type, vendor, model,
    content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);

INSERT INTO pam_credentials_search(rowid, identifier, username, credential_type, hostname, ip, device_type, vendor, model)
SELECT c.id, pam_fold(c.identifier), pam_fold(c.username), pam_fold(c.credential_type), pam_fold(d.hostname),
       pam_fold(d.ip), pam_fold(d.type), pam_fold(d.vendor), pam_fold(d.model)
FROM pam_credentials c JOIN pam_devices d ON d.id = c.device_id;

CREATE TRIGGER pam_credentials_search_insert AFTER INSERT ON pam_credentials BEGIN
    INSERT INTO pam_credentials_search(rowid, identifier, username, credential_type, hostname, ip, device_type, vendor, model)
    SELECT NEW.id, pam_fold(NEW.identifier), pam_fold(NEW.username), pam_fold(NEW.credential_type), pam_fold(d.hostname),
           pam_fold(d.ip), pam_fold(d.type), pam_fold(d.vendor), pam_fold(d.model)
    FROM pam_devices d WHERE d.id = NEW.device_id;
END;

CREATE TRIGGER pam_credentials_search_update AFTER UPDATE OF identifier, username, credential_type, device_id ON pam_credentials BEGIN
    DELETE FROM pam_credentials_search WHERE rowid = OLD.id;
    INSERT INTO pam_credentials_search(rowid, identifier, username, credential_type, hostname, ip, device_type, vendor, model)
    SELECT NEW.id, pam_fold(NEW.identifier), pam_fold(NEW.username), pam_fold(NEW.credential_type), pam_fold(d.hostname),
           pam_fold(d.ip), pam_fold(d.type), pam_fold(d.vendor), pam_fold(d.model)
    FROM pam_devices d WHERE d.id = NEW.device_id;
END;

CREATE TRIGGER pam_credentials_search_delete AFTER DELETE ON pam_credentials BEGIN
    DELETE FROM pam_credentials_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER pam_devices_search_update AFTER UPDATE OF hostname, ip, type, vendor, model ON pam_devices BEGIN
    DELETE FROM pam_credentials_search WHERE rowid IN (SELECT id FROM pam_credentials WHERE device_id = NEW.id);
    INSERT INTO pam_credentials_search(rowid, identifier, username, credential_type, hostname, ip, device_type, vendor, model)
    SELECT c.id, pam_fold(c.identifier), pam_fold(c.username), pam_fold(c.credential_type), pam_fold(NEW.hostname),
           pam_fold(NEW.ip), pam_fold(NEW.type), pam_fold(NEW.vendor), pam_fold(NEW.model)
    FROM pam_credentials c WHERE c.device_id = NEW.id;
END;
