SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN position bigserial;  -- expect: ban-rewriting-add-column@1 "bigserial"
ALTER TABLE orders ADD COLUMN seq_no integer GENERATED ALWAYS AS IDENTITY;  -- expect: ban-rewriting-add-column@1 "identity"
ALTER TABLE orders ADD COLUMN total_with_tax numeric GENERATED ALWAYS AS (total * 1.2) STORED;  -- expect: ban-rewriting-add-column@1 "STORED"
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
ALTER TABLE orders ADD COLUMN quantity positive_int;  -- expect: ban-rewriting-add-column@1 "domain"
