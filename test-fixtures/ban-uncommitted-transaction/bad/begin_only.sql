BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE;  -- expect: ban-uncommitted-transaction@1
