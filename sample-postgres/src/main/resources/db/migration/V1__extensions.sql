-- Many forks starting at once must not race on these: DbIsolation builds the template once.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
