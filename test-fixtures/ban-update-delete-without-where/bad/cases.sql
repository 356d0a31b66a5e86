SET lock_timeout = '2s';
UPDATE users SET newsletter_opt_in = false;  -- expect: ban-update-delete-without-where@1 "UPDATE without WHERE"
DELETE FROM sessions;  -- expect: ban-update-delete-without-where@1 "DELETE without WHERE"
UPDATE public.orders o SET total_cents = o.total * 100;  -- expect: ban-update-delete-without-where@1 "public.orders"
