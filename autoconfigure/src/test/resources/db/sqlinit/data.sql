INSERT INTO shapes (name) VALUES ('circle'), ('square');
