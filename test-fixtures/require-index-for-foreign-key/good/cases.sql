SET lock_timeout = '2s';
CREATE TABLE payments (id bigint PRIMARY KEY, invoice_id bigint REFERENCES billing.invoices (id), amount numeric);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);
CREATE TABLE order_tags (order_id bigint REFERENCES orders (id), tag text, PRIMARY KEY (order_id, tag));
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint NOT NULL, carrier text);
CREATE INDEX shipments_order_carrier_idx ON shipments (order_id, carrier);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
