-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, state text, a int, b int, c int);
CREATE INDEX index_orders_on_user_id ON orders (user_id);
CREATE INDEX index_orders_on_state ON public.orders (state);
CREATE INDEX idx_a ON orders (a);
CREATE INDEX idx_b ON orders (b);
CREATE INDEX idx_c ON orders (c);
INSERT INTO orders SELECT g, g % 10, 'new', g, g, g FROM generate_series(1, 100) g;
