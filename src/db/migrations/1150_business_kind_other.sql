-- Organisations whose code another authority issued (GB 32100 authority 1 机构编制, 5 民政, …) are
-- none of the market regulator's three kinds: 'other' (issue 13 §6). The CHECK of 0001 is unnamed;
-- both PostgreSQL 15 and 18 name it businesses_kind_check.
ALTER TABLE businesses DROP CONSTRAINT IF EXISTS businesses_kind_check;
ALTER TABLE businesses ADD CONSTRAINT businesses_kind_check CHECK (kind IN ('enterprise', 'individual', 'cooperative', 'other'));
