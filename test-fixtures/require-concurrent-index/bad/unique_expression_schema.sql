SET lock_timeout = '2s';
-- Case-insensitive unique e-mails (Rails structure.sql style, multi-line).
CREATE UNIQUE INDEX IF NOT EXISTS index_users_on_lower_email  -- expect: require-concurrent-index@1 "public.users"
    ON public.users
    USING btree (lower((email)::text));

  create index "Ünïcode_idx" on "Ünïcode table" (naïve_column); -- expect: require-concurrent-index@3
