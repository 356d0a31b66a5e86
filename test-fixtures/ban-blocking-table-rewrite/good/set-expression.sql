SET lock_timeout = '2s';
-- A table this migration creates is empty: recomputing its column costs nothing.
CREATE TABLE drafts (id bigint PRIMARY KEY, amount numeric, doubled numeric GENERATED ALWAYS AS (amount * 2) STORED);
ALTER TABLE drafts ALTER COLUMN doubled SET EXPRESSION AS (amount * 3);
-- Dropping the expression keeps the stored values: no rewrite.
ALTER TABLE products ALTER COLUMN price_with_tax DROP EXPRESSION;
-- A virtual generated column (PostgreSQL 18) is computed when read: adding one rewrites nothing.
ALTER TABLE products ADD COLUMN price_doubled numeric GENERATED ALWAYS AS (price * 2) VIRTUAL;
