INSERT INTO desks (label) VALUES ('A1'), ('A2'), ('B1');
