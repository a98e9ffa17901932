CREATE VIEW account_totals AS
SELECT a.email, count(o.id) AS order_count, coalesce(sum(o.total_cents), 0) AS total_cents
FROM account a LEFT JOIN orders o ON o.account_id = a.id AND o.status <> 'cancelled'
GROUP BY a.email;
