/* Reporting dashboard: a new summary table, and an index on the existing events table. */
CREATE TABLE daily_revenue (
    day          date PRIMARY KEY,
    revenue_cents bigint NOT NULL
);
CREATE INDEX daily_revenue_revenue_idx ON daily_revenue (revenue_cents);

CREATE INDEX events_occurred_at_idx ON events USING brin (occurred_at);
