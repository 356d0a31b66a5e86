-- Up Migration
ALTER TABLE orders ADD CONSTRAINT orders_note_length CHECK (length(note) <= 500) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_note_length;

-- Down Migration
ALTER TABLE orders DROP CONSTRAINT orders_note_length;
