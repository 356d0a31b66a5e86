-- expect-skipped
DROP INDEX IF EXISTS "public"."orders_created_idx";
