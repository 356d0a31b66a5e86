-- Up Migration
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL,
  note text
);

-- Down Migration
DROP TABLE orders;
