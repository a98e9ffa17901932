CREATE TABLE authors (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT authors_uc_name UNIQUE (name)
);

CREATE TABLE books (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    isbn VARCHAR(20) NOT NULL,
    title VARCHAR(200) NOT NULL,
    copies INT NOT NULL,
    author_id BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT books_uc_isbn UNIQUE (isbn),
    CONSTRAINT books_fk_author FOREIGN KEY (author_id) REFERENCES authors (id)
);
