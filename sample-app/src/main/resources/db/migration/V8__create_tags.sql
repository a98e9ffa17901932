CREATE TABLE tags (
    id   BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    CONSTRAINT tags_uc_name UNIQUE (name)
) ENGINE = InnoDB;

CREATE TABLE snippet_tags (
    snippet_id BIGINT NOT NULL,
    tag_id     BIGINT NOT NULL,
    PRIMARY KEY (snippet_id, tag_id),
    CONSTRAINT snippet_tags_fk_snippet FOREIGN KEY (snippet_id) REFERENCES snippets (id) ON DELETE CASCADE,
    CONSTRAINT snippet_tags_fk_tag FOREIGN KEY (tag_id) REFERENCES tags (id)
) ENGINE = InnoDB;

INSERT INTO tags (name) VALUES ('haiku'), ('nature'), ('seasons');
INSERT INTO snippet_tags (snippet_id, tag_id) VALUES (1, 1), (1, 2), (2, 1), (3, 1), (3, 3);
