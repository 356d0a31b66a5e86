SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN plan text NOT NULL;  -- expect: require-default-for-not-null-column@1 "contains null values"
ALTER TABLE public.orders ADD COLUMN currency char(3) NOT NULL;  -- expect: require-default-for-not-null-column@1
ALTER TABLE accounts ADD COLUMN region_id bigint NOT NULL REFERENCES regions (id);  -- expect: require-default-for-not-null-column@1
