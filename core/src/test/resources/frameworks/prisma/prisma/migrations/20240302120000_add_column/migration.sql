BEGIN;
SET LOCAL lock_timeout = '2s';
-- AlterTable
ALTER TABLE "orders" ADD COLUMN "note" TEXT;
COMMIT;
