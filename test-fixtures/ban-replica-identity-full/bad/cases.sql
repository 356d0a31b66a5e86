SET lock_timeout = '2s';
ALTER TABLE orders REPLICA IDENTITY FULL;  -- expect: ban-replica-identity-full@1 "on orders"
ALTER TABLE page_views REPLICA IDENTITY FULL;  -- expect: ban-replica-identity-full@1 "page_views"
ALTER TABLE ONLY audit."Changes" REPLICA IDENTITY FULL;  -- expect: ban-replica-identity-full@1 "Changes"
CREATE TABLE sessions (id bigint PRIMARY KEY, data text);
ALTER TABLE sessions REPLICA IDENTITY FULL;  -- expect: ban-replica-identity-full@1 "sessions"
