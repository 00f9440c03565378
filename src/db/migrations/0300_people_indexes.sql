-- M2.3 Personnel ledger lookups. Duties are filtered by area-code prefix (scope, "under"); the
-- core index on (area_code, role) serves equality only under a non-C collation.
CREATE INDEX person_roles_area_prefix_idx ON person_roles (area_code text_pattern_ops, person_id);
-- Name search in the ledger (ILIKE '%…%').
CREATE INDEX people_name_trgm_idx ON people USING gin (name gin_trgm_ops);
