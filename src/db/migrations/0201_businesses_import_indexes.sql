-- Q5 / M2.4 The business ledger's indexes, chosen so that a million-row import stays within a
-- quarter of a bare COPY's speed (figures in docs/decisions.md, from bench/import.ts):
--
-- * businesses_grid_idx goes: a placed business's area_code is its grid_code (the constraint
--   below makes that a rule), so a grid filter reads `area_code = $1 AND grid_code = $1` from
--   businesses_area_idx. One b-tree fewer on every insert.
-- * businesses_location_idx (GiST) goes: it cost about as much per inserted row as the other
--   indexes together. Re-placement after a boundary change finds the affected businesses through
--   their grid codes instead (placement.ts, replaceBusinessesWithin).
-- * businesses_name_trgm_idx (0200) stays for name search; an import writes into its pending list
--   and merges it once at the end through merge_business_name_index(), which is far cheaper than
--   row by row.
-- * The foreign key grid_code → areas(code) goes: its per-row check (a FOR KEY SHARE lookup in
--   areas) cost ~45 % on top of the import's COPY. Every writer takes grid codes from the live
--   grids (view `grids`) in the same transaction, and areas are never deleted (M1.4: retired,
--   kept), so a code cannot dangle; the constraint below still ties placed rows to their area.
ALTER TABLE businesses DROP CONSTRAINT IF EXISTS businesses_grid_code_fkey;
DROP INDEX IF EXISTS businesses_grid_idx;
DROP INDEX IF EXISTS businesses_location_idx;

ALTER TABLE businesses ADD CONSTRAINT businesses_placed_in_own_area CHECK (grid_code IS NULL OR area_code = grid_code);

-- gin_clean_pending_list needs the index's owner; the application role may not be (app-role.ts).
CREATE FUNCTION merge_business_name_index() RETURNS bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT gin_clean_pending_list('public.businesses_name_trgm_idx'::regclass) $$;
