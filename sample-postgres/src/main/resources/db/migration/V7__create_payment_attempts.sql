CREATE TABLE payment_attempt (
	id BIGSERIAL PRIMARY KEY,
	account_id BIGINT NOT NULL REFERENCES account (id),
	total_cents INTEGER NOT NULL,
	attempted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
