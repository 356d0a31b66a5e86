SET lock_timeout = '2s';
CREATE TABLE addresses (user_id bigint PRIMARY KEY, street text, city text);
INSERT INTO addresses (user_id, street, city) SELECT id, street, city FROM users;
ALTER TABLE users DROP COLUMN street, DROP COLUMN city;  -- expect: ban-drop-column@1 "users.street", ban-drop-column@1 "users.city"
