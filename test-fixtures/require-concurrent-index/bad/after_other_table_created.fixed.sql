SET lock_timeout = '2s';
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb);
CREATE INDEX audit_log_payload_idx ON audit_log USING gin (payload);
-- The earlier CREATE TABLE does not exempt a different, existing table,
-- nor a table of the same name in another schema.
CREATE INDEX CONCURRENTLY ON events (created_at); -- expect: require-concurrent-index@1 "events"
CREATE INDEX CONCURRENTLY ON archive.audit_log (id); -- expect: require-concurrent-index@1
