CREATE TABLE users (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name            VARCHAR(255) NOT NULL,
    email           VARCHAR(255) NOT NULL,
    hashed_password CHAR(60)     NOT NULL,
    created         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_uc_email UNIQUE (email)
) ENGINE = InnoDB;
