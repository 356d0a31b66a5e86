-- +goose Up
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN note text;  -- expect: require-lock-timeout@1 "ACCESS EXCLUSIVE lock on accounts"
ALTER TABLE accounts DROP COLUMN legacy_note;  -- expect: ban-drop-column@1
