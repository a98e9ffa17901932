CREATE SEQUENCE order_number_seq START WITH 1000;

CREATE TABLE orders (
	id BIGSERIAL PRIMARY KEY,
	number BIGINT NOT NULL UNIQUE DEFAULT nextval('order_number_seq'),
	account_id BIGINT NOT NULL REFERENCES account (id),
	total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'shipped', 'cancelled'))
);
