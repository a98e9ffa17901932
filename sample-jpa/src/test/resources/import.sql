INSERT INTO authors (name) VALUES ('N. K. Jemisin');
