-- Issue 12 (filing rate): the audit chain's lock and the read of its head in one round trip. A
-- PL/pgSQL function takes a new snapshot for each statement, so the head is read after the lock is
-- held and sees every event committed before it (one SELECT could not: its snapshot predates the lock).
CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS TABLE (hash text, now_us text) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN QUERY SELECT (SELECT e.hash FROM audit_events e ORDER BY e.id DESC LIMIT 1),
    (extract(epoch FROM clock_timestamp()) * 1000000)::int8::text;
END
$$;
