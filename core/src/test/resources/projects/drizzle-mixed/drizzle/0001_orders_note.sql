ALTER TABLE "orders" ADD COLUMN "note" text;--> statement-breakpoint
CREATE INDEX CONCURRENTLY "orders_note_idx" ON "orders" ("note");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_positive" CHECK ("customer_id" > 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_customer_positive";
