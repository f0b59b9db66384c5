-- Issue 17 §3/§4: uniqueness compares unitext.Key (NFKC, Unicode case
-- folding, TR 39 confusable skeleton), computed by the Go function pam_key
-- (server/store/unicode.go). Rows whose new key would collide with another
-- row's keep their old key (OR IGNORE): a lookalike pair that already
-- exists stays, new ones are refused.
UPDATE OR IGNORE client_credentials SET name_key = pam_key(name);

-- Device hostnames: the UNIQUE NOCASE column stays (ASCII case); the key
-- column finds the device an upsert means (same fold) or the one a new
-- hostname looks like. Triggers keep it current whoever writes the row.
ALTER TABLE pam_devices ADD COLUMN hostname_key TEXT;
UPDATE pam_devices SET hostname_key = pam_key(hostname);
CREATE INDEX pam_devices_hostname_key ON pam_devices(hostname_key);
CREATE TRIGGER pam_devices_key_insert AFTER INSERT ON pam_devices BEGIN
    UPDATE pam_devices SET hostname_key = pam_key(NEW.hostname) WHERE id = NEW.id;
END;
CREATE TRIGGER pam_devices_key_update AFTER UPDATE OF hostname ON pam_devices BEGIN
    UPDATE pam_devices SET hostname_key = pam_key(NEW.hostname) WHERE id = NEW.id;
END;
