-- what every test binary of the seed story ran at start-up, and raced on
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
