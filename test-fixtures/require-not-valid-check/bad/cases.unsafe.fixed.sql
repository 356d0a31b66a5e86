SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT balance_nonneg CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_nonneg;  -- expect: require-not-valid-check@1 "balance_nonneg"
ALTER TABLE accounts ADD CHECK (char_length(code) = 8) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_code_check;  -- expect: require-not-valid-check@1 "accounts_code_check"
ALTER TABLE accounts ADD COLUMN score int CHECK (score > 0);  -- expect: require-not-valid-check@1 "accounts_score_check"
