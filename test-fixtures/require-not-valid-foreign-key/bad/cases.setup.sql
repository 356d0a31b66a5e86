-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE shops (id bigint PRIMARY KEY);
CREATE TABLE plans (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, shop_id bigint);
CREATE TABLE controllers (id bigint PRIMARY KEY);
CREATE TABLE workers (id bigint PRIMARY KEY);
CREATE TABLE tenants (id bigint PRIMARY KEY, controller_id bigint, worker_id bigint);
INSERT INTO users SELECT generate_series(1, 10);
INSERT INTO shops SELECT generate_series(1, 10);
INSERT INTO plans VALUES (1);
INSERT INTO controllers SELECT generate_series(1, 10);
INSERT INTO workers SELECT generate_series(1, 10);
INSERT INTO orders SELECT g, g % 10 + 1, g % 10 + 1 FROM generate_series(1, 100) g;
INSERT INTO tenants SELECT g, g % 10 + 1, g % 10 + 1 FROM generate_series(1, 20) g;
