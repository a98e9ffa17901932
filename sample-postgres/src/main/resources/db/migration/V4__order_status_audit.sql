CREATE TABLE order_audit (
	id BIGSERIAL PRIMARY KEY,
	order_id BIGINT NOT NULL REFERENCES orders (id),
	old_status TEXT NOT NULL,
	new_status TEXT NOT NULL,
	changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION record_status_change() RETURNS trigger AS $$
BEGIN
	INSERT INTO order_audit (order_id, old_status, new_status) VALUES (OLD.id, OLD.status, NEW.status);
	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER orders_status_audit
	AFTER UPDATE OF status ON orders
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
	EXECUTE FUNCTION record_status_change();
