CREATE INDEX "orders_created_idx" on "public"."orders" using btree ("created_at");  -- expect: require-concurrent-index@1, require-lock-timeout@1
