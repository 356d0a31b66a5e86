SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;  -- expect: require-index-for-foreign-key@1 "(account_id) of orders"
ALTER TABLE billing.invoices ADD FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;  -- expect: require-index-for-foreign-key@1 "billing.invoices"
CREATE TABLE payments (id bigint PRIMARY KEY, invoice_id bigint REFERENCES billing.invoices (id), amount numeric);  -- expect: require-index-for-foreign-key@1 "(invoice_id) of payments"
CREATE TABLE refunds (id bigint PRIMARY KEY, payment_id bigint, CONSTRAINT refunds_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id));  -- expect: require-index-for-foreign-key@1 "payment_id"
