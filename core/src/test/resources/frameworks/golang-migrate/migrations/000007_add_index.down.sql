-- expect-skipped
DROP INDEX orders_created_idx;
