CREATE INDEX invoices_due_at_idx ON invoices (due_at);
