CREATE TABLE customers (
  email text NOT NULL CHECK (char_length(email) <= 255),
  country text,
  name varchar
);
