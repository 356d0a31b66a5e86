SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN coupon_code text;  -- expect: require-subscriber-schema-first@1 "add coupon_code on every subscriber first"
ALTER TABLE orders ALTER COLUMN total TYPE bigint;  -- expect: require-subscriber-schema-first@1 "change total", ban-column-type-change@1
ALTER TABLE billing.invoices DROP COLUMN legacy_ref;  -- expect: require-subscriber-schema-first@1 "drop legacy_ref here first", ban-drop-column@1
ALTER TABLE orders RENAME COLUMN note TO comment;  -- expect: require-subscriber-schema-first@1 "where orders is published", ban-rename-column@1
