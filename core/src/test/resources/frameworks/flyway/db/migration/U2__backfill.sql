-- expect-skipped
ALTER TABLE customers DROP COLUMN tier;
