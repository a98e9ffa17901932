CREATE TABLE members (
    id    UUID   NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
    email CITEXT NOT NULL UNIQUE
);
INSERT INTO members (email) VALUES ('Ada@example.com'), ('Grace@example.com');
