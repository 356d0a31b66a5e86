-- Custom migration (drizzle-kit generate --custom): build the index without blocking writes.
CREATE INDEX CONCURRENTLY "orders_customer_id_idx" ON "orders" ("customer_id");
