SET lock_timeout = '2s';
-- Attaching an index of a partition to the parent's index scans nothing.
ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_01_pkey;
ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_p2022_02_pkey;
ALTER INDEX payment_customer_idx ATTACH PARTITION payment_p2022_01_customer_idx;
