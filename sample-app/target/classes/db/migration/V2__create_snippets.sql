CREATE TABLE snippets (
    id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title   VARCHAR(100) NOT NULL,
    content TEXT         NOT NULL,
    created DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires DATETIME     NOT NULL,
    user_id BIGINT       NOT NULL,
    CONSTRAINT snippets_fk_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE INDEX idx_snippets_created ON snippets (created);
