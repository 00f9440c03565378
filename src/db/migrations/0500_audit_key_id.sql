-- The audit chain is keyed (HMAC-SHA-256, keys outside the database): each event names the key that
-- made its link, so that keys can rotate and old events still verify. NULL = a plain SHA-256 link
-- written before keying (verified as "unkeyed legacy"; refused after the first keyed event).
ALTER TABLE audit_events ADD COLUMN key_id text;
