-- Up Migration
ALTER TABLE orders ADD COLUMN note_kind text;
CREATE INDEX CONCURRENTLY orders_note_kind_idx ON orders (note_kind);
ALTER TABLE orders ADD CONSTRAINT orders_note_kind_check CHECK (note_kind <> '') NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_note_kind_check;

-- Down Migration
DROP INDEX orders_note_kind_idx;
ALTER TABLE orders DROP COLUMN note_kind;
