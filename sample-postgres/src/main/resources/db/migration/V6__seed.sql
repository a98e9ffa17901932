INSERT INTO account (email, password_hash) VALUES
	('Ada@Example.com', crypt('lovelace', gen_salt('bf', 4))),
	('grace@example.com', crypt('hopper', gen_salt('bf', 4)));

INSERT INTO orders (account_id, total_cents, status) VALUES
	(1, 1200, 'paid'),
	(1, 800, 'open'),
	(2, 2500, 'shipped');
