SET lock_timeout = '2s';
ALTER TABLE orders DISABLE TRIGGER ALL;  -- expect: ban-disable-trigger-all@1 "foreign keys"
ALTER TABLE public.payments DISABLE TRIGGER ALL, ENABLE TRIGGER payments_audit;  -- expect: ban-disable-trigger-all@1
ALTER TABLE ONLY line_items DISABLE TRIGGER ALL;  -- expect: ban-disable-trigger-all@1
