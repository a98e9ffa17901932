CREATE TABLE hours (
    hour         DATETIME NOT NULL PRIMARY KEY,
    availability ENUM ('available', 'not_available', 'training_scheduled') NOT NULL,
    version      INT      NOT NULL DEFAULT 0
) ENGINE = InnoDB;
