SET lock_timeout = '2s';
CREATE TABLE customers (
  email text NOT NULL CHECK (char_length(email) <= 255),
  country text,
  name varchar
);
ALTER TABLE customers ADD COLUMN nickname text;
ALTER TABLE customers ADD COLUMN code varchar;
