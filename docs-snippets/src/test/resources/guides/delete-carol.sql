DELETE FROM users WHERE email = 'carol@example.com';
