INSERT INTO snippets (title, content, expires, user_id) VALUES
    ('An old silent pond', 'An old silent pond...\nA frog jumps into the pond,\nsplash! Silence again.', '2099-01-01', 1),
    ('Over the wintry forest', 'Over the wintry\nforest, winds howl in rage\nwith no leaves to blow.', '2099-01-01', 1),
    ('First autumn morning', 'First autumn morning\nthe mirror I stare into\nshows my father''s face.', '2099-01-01', 2);
