ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;  -- expect: require-lock-timeout@1 "on orders and on the table its foreign key references"
