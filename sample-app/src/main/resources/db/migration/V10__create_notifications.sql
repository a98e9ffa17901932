CREATE TABLE notifications (
    id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT       NOT NULL,
    message VARCHAR(255) NOT NULL,
    created DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT notifications_fk_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB;
