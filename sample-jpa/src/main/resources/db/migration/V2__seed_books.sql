INSERT INTO authors (name) VALUES ('Matsuo Bashō'), ('Ursula K. Le Guin');
INSERT INTO books (isbn, title, copies, author_id) VALUES
    ('978-0140441857', 'The Narrow Road to the Deep North', 2, 1),
    ('978-0441478125', 'The Left Hand of Darkness', 3, 2),
    ('978-0547773742', 'A Wizard of Earthsea', 1, 2);
