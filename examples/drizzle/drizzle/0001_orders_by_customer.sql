-- Custom migration (drizzle-kit generate --custom): build the index without blocking writes.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "orders_customer_id_idx" ON "orders" ("customer_id");
