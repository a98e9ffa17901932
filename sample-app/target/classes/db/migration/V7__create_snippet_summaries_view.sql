CREATE VIEW snippet_summaries AS
SELECT s.id, s.title, u.name AS author, s.created, s.expires
FROM snippets s
         JOIN users u ON u.id = s.user_id;
