SET lock_timeout = '2s';
UPDATE users SET newsletter_opt_in = false WHERE id IN (SELECT id FROM users WHERE newsletter_opt_in IS NULL LIMIT 10000);
DELETE FROM sessions WHERE expires_at < now();
CREATE TABLE countries (code text, name text);
UPDATE countries SET name = upper(name);
