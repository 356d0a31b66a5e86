SET lock_timeout = '2s';
DO $$
BEGIN
  -- lockstep-ignore ban-rename-column -- nothing reads legacy_state since release 2.0
  ALTER TABLE orders RENAME COLUMN legacy_state TO state_v1;
END $$;
