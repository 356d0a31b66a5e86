-- Only a new table is touched: nothing can queue behind it.
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric);
ALTER TABLE invoices ADD COLUMN paid_at timestamptz;
CREATE INDEX invoices_paid_at_idx ON invoices (paid_at);
ALTER TABLE accounts SET (fillfactor = 90);
COMMENT ON TABLE accounts IS 'customer accounts';
