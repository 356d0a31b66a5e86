ALTER TABLE "orders" ADD COLUMN "note" text;--> statement-breakpoint  -- expect: require-lock-timeout@1
CREATE INDEX IF NOT EXISTS "orders_note_idx" ON "orders" ("note");  -- expect: require-concurrent-index@1, ban-work-after-access-exclusive-lock@1
