-- M2.2 / Q5 name contains-search over a million businesses: a trigram GIN index serves
-- name LIKE '%…%' for Chinese text as well (the database's UTF-8 ctype makes CJK characters
-- trigram characters, checked on PGlite and PostgreSQL 15). Queries of one or two characters yield
-- no trigram and fall back to a scan. USCC prefixes use the existing unique b-tree as a range.
CREATE INDEX businesses_name_trgm_idx ON businesses USING gin (name gin_trgm_ops);
