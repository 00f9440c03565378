-- The USCC regex CHECK of 0001 cost about 0.7 s per million imported rows (bench/import.ts);
-- the application checks every code fully (GB 32100-2015, rules.ts) before it writes, so the
-- database keeps only a cheap guard against anything that is not 18 ASCII characters.
ALTER TABLE businesses DROP CONSTRAINT IF EXISTS businesses_uscc_check;
ALTER TABLE businesses ADD CONSTRAINT businesses_uscc_length CHECK (octet_length(uscc) = 18);

-- M1.4 areas are retired, never deleted: old cases and businesses keep their grid codes, and the
-- business ledger relies on it since 0201 dropped the foreign key to areas.
CREATE FUNCTION areas_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'areas are retired, never deleted (M1.4)';
END $$;
CREATE TRIGGER areas_no_delete BEFORE DELETE ON areas FOR EACH ROW EXECUTE FUNCTION areas_never_deleted();

-- Scope filters are area-code prefixes (LIKE '0501%'), which a b-tree on (area_code, id) cannot
-- return in id order anyway; on area_code alone the b-tree deduplicates its repeated keys, is a
-- quarter of the size, and costs about 1 s less per million imported rows (bench/import.ts).
DROP INDEX IF EXISTS businesses_area_idx;
CREATE INDEX businesses_area_idx ON businesses (area_code text_pattern_ops);
