SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN touched_at timestamptz DEFAULT clock_timestamp();  -- expect: ban-rewriting-add-column@1 "clock_timestamp"
ALTER TABLE accounts ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();  -- expect: ban-rewriting-add-column@1 "gen_random_uuid"
ALTER TABLE accounts ADD COLUMN bucket float8 DEFAULT random();  -- expect: ban-rewriting-add-column@1 "random"
