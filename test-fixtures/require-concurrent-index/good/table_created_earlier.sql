CREATE TABLE IF NOT EXISTS public.invoices (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    issued_at  timestamptz NOT NULL DEFAULT now()
);
-- No application uses the new table yet: a plain index build blocks nobody.
CREATE INDEX invoices_account_id_idx ON public.invoices (account_id);
CREATE INDEX invoices_issued_at_idx ON invoices (issued_at);
