CREATE TABLE snippet_audit (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    snippet_id BIGINT      NOT NULL,
    action     VARCHAR(10) NOT NULL,
    at         DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE = InnoDB;

CREATE TRIGGER snippets_audit_insert
    AFTER INSERT
    ON snippets
    FOR EACH ROW INSERT INTO snippet_audit (snippet_id, action) VALUES (NEW.id, 'insert');
