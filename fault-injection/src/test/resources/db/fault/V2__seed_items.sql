INSERT INTO items (name) VALUES ('first'), ('second'), ('third');
