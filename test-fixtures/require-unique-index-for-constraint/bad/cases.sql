SET lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);  -- expect: require-unique-index-for-constraint@1 "UNIQUE users_email_key"
ALTER TABLE items ADD PRIMARY KEY (id);  -- expect: require-unique-index-for-constraint@1 "PRIMARY KEY items_pkey"
ALTER TABLE users ADD UNIQUE (tenant_id, login);  -- expect: require-unique-index-for-constraint@1 "users_tenant_id_login_key"
ALTER TABLE users ADD COLUMN api_key text UNIQUE;  -- expect: require-unique-index-for-constraint@1 "users_api_key_key"
