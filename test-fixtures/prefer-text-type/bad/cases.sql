CREATE TABLE customers (
  email varchar(255) NOT NULL,  -- expect: prefer-text-type@3 "varchar(255)"
  country char(2),  -- expect: prefer-text-type@3 "pads values"
  name character varying(100)  -- expect: prefer-text-type@3
);
