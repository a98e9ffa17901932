-- hashed_password is a bcrypt hash of 'pa55word'
INSERT INTO users (id, name, email, hashed_password) VALUES
    (1, 'Admin', 'admin@snippetbox.test', '$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG'),
    (2, 'Demo', 'demo@snippetbox.test', '$2a$12$NuTjWXm3KKntReFwyBVHyuf/to.HEwTy.eS206TNfkGfr6HzGJSWG');
