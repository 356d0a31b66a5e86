CREATE TABLE audit_log (
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamp with time zone,
  day date
);
