-- Deploy shop:add_note to pg
\set ON_ERROR_STOP on
begin;
set local lock_timeout = '2s';
alter table shop.orders add column note text;
commit;
