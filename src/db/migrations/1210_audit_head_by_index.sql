-- Issue 12 (filing rate): audit_chain_claim reads its chain's head, the newest event of the chain,
-- which the index (chain, id) finds in one step whatever the size of the table. PL/pgSQL keeps the
-- plan of that read for the life of the connection, planned once: on a young installation (or a
-- database freshly copied, as the benchmark's) the table's statistics still say "a few rows", the
-- plan kept was a scan of the whole table, and it read more at every event while the table grew
-- (2.6 ms per claim after 15,000 filings, measured). With sequential scans off inside the function
-- the plan kept is the index's, which costs the same on ten rows as on ten million. The setting is
-- the function's alone: PostgreSQL restores it when the function returns.
ALTER FUNCTION audit_chain_claim(integer, integer) SET enable_seqscan = off;
