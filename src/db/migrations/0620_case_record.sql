-- Issue 12 item 9 (Record): a case's printable record lists the audit events of the case. Without
-- an index that read scans the whole log (tens of millions of events in a few years). Partial, so
-- that only case events pay for it, with the id for the chain order.
CREATE INDEX audit_events_case_idx ON audit_events (object_id, id) WHERE object_type = 'case';
