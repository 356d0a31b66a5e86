-- expect-skipped
alter table shop.orders drop column note;
