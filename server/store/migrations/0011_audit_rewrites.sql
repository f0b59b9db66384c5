-- Issue 18 goal 4: a search's audit total stays valid across writes. Every
-- write appends audit rows, so the total of a search counted before is the
-- old total plus the matches among the new rows (ListAudit), as long as no
-- row was changed or erased: audit_count.rewrites counts those (the
-- application never does either; the triggers make sure a cached total
-- would not survive it).
ALTER TABLE audit_count ADD COLUMN rewrites INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER audit_search_update;
DROP TRIGGER audit_search_delete;
CREATE TRIGGER audit_search_update AFTER UPDATE ON audit BEGIN
    DELETE FROM audit_search WHERE rowid = OLD.id;
    INSERT INTO audit_search(rowid, actor, action, target, result, actor_key)
    VALUES (NEW.id, pam_fold(NEW.actor), pam_fold(NEW.action), pam_fold(NEW.target), pam_fold(NEW.result), pam_fold(NEW.actor_key));
    UPDATE audit_count SET rewrites = rewrites + 1;
END;
CREATE TRIGGER audit_search_delete AFTER DELETE ON audit BEGIN
    DELETE FROM audit_search WHERE rowid = OLD.id;
    UPDATE audit_count SET rows = rows - 1, rewrites = rewrites + 1;
END;
