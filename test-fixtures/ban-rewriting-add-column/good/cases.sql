SET lock_timeout = '2s';
-- Constant and STABLE defaults are stored once in the catalog (PostgreSQL 11+): no rewrite.
ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE accounts ADD COLUMN imported_at timestamptz DEFAULT now();
ALTER TABLE accounts ADD COLUMN note text;
-- A VIRTUAL generated column (PostgreSQL 18) is computed on read.
ALTER TABLE accounts ADD COLUMN balance_x2 int GENERATED ALWAYS AS (balance * 2) VIRTUAL;
CREATE TABLE wallets (id bigint);
ALTER TABLE wallets ADD COLUMN public_id uuid DEFAULT gen_random_uuid(), ADD COLUMN n bigserial;
