-- Issue 12 (filing rate): the audit log as several independent hash chains. One chain made every
-- audited write in the installation wait for the one before it to commit (its lock is held until
-- the commit, WAL flush included). Each event now links to the newest event of ITS chain; writers
-- on different chains commit in parallel. Within a chain the lock is still held from reading the
-- head to the commit, so that id order is link order there (verify-audit walks each chain in id
-- order). Events written before this migration are chain 0, whose links are unchanged.
ALTER TABLE audit_events ADD COLUMN chain smallint NOT NULL DEFAULT 0 CHECK (chain >= 0);
-- The head of a chain (the writer's read under the lock) and the heads of all chains (checkpoints).
CREATE INDEX audit_events_chain_idx ON audit_events (chain, id);

-- Chooses the transaction's chain, locks it (advisory, two-key form: lock_key, chain) until the
-- commit, and reads its head and the time, in one round trip. A transaction keeps the chain it
-- first took (the transaction-local setting mg.audit_chain), so that it never holds two chains'
-- locks and cannot deadlock against another writer on them; a caller may also set mg.audit_chain
-- first to pick the chain. Otherwise the first chain free at this moment is taken, starting from
-- one that depends on the connection, so that the connections of a pool spread over the chains
-- and a chain stays mostly with one connection; when all are taken it waits for its own.
-- A PL/pgSQL function takes a new snapshot for each statement, so the head is read after the lock
-- is held and sees every event committed on the chain before it (0530).
CREATE FUNCTION audit_chain_claim(lock_key integer, chains integer)
  RETURNS TABLE (chain integer, hash text, now_us text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  held text := current_setting('mg.audit_chain', true);
  c integer;
  got boolean := false;
BEGIN
  IF held IS NOT NULL AND held <> '' THEN
    c := held::integer;
    PERFORM pg_advisory_xact_lock(lock_key, c);
  ELSE
    c := pg_backend_pid() % chains;
    FOR i IN 0 .. chains - 1 LOOP
      IF pg_try_advisory_xact_lock(lock_key, (c + i) % chains) THEN
        c := (c + i) % chains;
        got := true;
        EXIT;
      END IF;
    END LOOP;
    IF NOT got THEN
      PERFORM pg_advisory_xact_lock(lock_key, c);
    END IF;
    PERFORM set_config('mg.audit_chain', c::text, true);
  END IF;
  RETURN QUERY SELECT c, (SELECT e.hash FROM audit_events e WHERE e.chain = c ORDER BY e.id DESC LIMIT 1),
    (extract(epoch FROM clock_timestamp()) * 1000000)::int8::text;
END
$$;

-- A server of the previous release still running while this is applied calls the old function and
-- inserts without a chain (0): it now takes chain 0's lock and reads chain 0's head, so that it
-- links where the new servers expect, instead of forking chain 0 after another chain's event.
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint) RETURNS TABLE (hash text, now_us text) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('mg.audit_chain', '0', true);
  RETURN QUERY SELECT h.hash, h.now_us FROM audit_chain_claim(lock_key::integer, 1) h;
END
$$;
