-- Issue 18 goal 4: the audit log at a million rows. GET audit/?search= is a
-- Unicode case-insensitive substring of actor, action, target, result or
-- actor_key (searchCond); audit_search indexes those fields folded by
-- pam_fold, as pam_credential_search does for credentials, so a page reads
-- the matching ids newest first instead of scanning the log. audit_count
-- keeps the number of rows, so a page without search does not count them.
-- Audit rows are only ever inserted; the update and delete triggers keep
-- both right should that change.
CREATE VIRTUAL TABLE audit_search USING fts5(
    actor, action, target, result, actor_key,
    content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);
INSERT INTO audit_search(rowid, actor, action, target, result, actor_key)
SELECT id, pam_fold(actor), pam_fold(action), pam_fold(target), pam_fold(result), pam_fold(actor_key) FROM audit ORDER BY id;

CREATE TABLE audit_count (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    rows INTEGER NOT NULL
);
INSERT INTO audit_count(id, rows) SELECT 1, COUNT(*) FROM audit;

CREATE TRIGGER audit_search_insert AFTER INSERT ON audit BEGIN
    INSERT INTO audit_search(rowid, actor, action, target, result, actor_key)
    VALUES (NEW.id, pam_fold(NEW.actor), pam_fold(NEW.action), pam_fold(NEW.target), pam_fold(NEW.result), pam_fold(NEW.actor_key));
    UPDATE audit_count SET rows = rows + 1;
END;
CREATE TRIGGER audit_search_update AFTER UPDATE ON audit BEGIN
    DELETE FROM audit_search WHERE rowid = OLD.id;
    INSERT INTO audit_search(rowid, actor, action, target, result, actor_key)
    VALUES (NEW.id, pam_fold(NEW.actor), pam_fold(NEW.action), pam_fold(NEW.target), pam_fold(NEW.result), pam_fold(NEW.actor_key));
END;
CREATE TRIGGER audit_search_delete AFTER DELETE ON audit BEGIN
    DELETE FROM audit_search WHERE rowid = OLD.id;
    UPDATE audit_count SET rows = rows - 1;
END;
