-- migrate:up
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);  -- expect: ban-concurrently-in-transaction@1, ban-work-after-access-exclusive-lock@1

-- migrate:down
ALTER TABLE orders DROP COLUMN note;
