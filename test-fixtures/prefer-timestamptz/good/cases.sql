SET lock_timeout = '2s';
CREATE TABLE audit_log (
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamp with time zone,
  day date
);
ALTER TABLE audit_log ADD COLUMN archived_at timestamptz;
ALTER TABLE audit_log ADD COLUMN duration interval;
