CREATE TABLE trainings (
    id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    hour    DATETIME     NOT NULL,
    user_id BIGINT       NOT NULL,
    notes   VARCHAR(1000),
    CONSTRAINT trainings_uc_hour UNIQUE (hour),
    CONSTRAINT trainings_fk_hour FOREIGN KEY (hour) REFERENCES hours (hour),
    CONSTRAINT trainings_fk_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB;
