-- The audit entries about one record (entity, entity_id), newest first: a decision on a mandate request finds the
-- person's withdrawal there when the request's row is gone (findLastRepresentationEvent). Without this index that
-- search read the whole audit log. The hash chain does not read or cover indexes: sealing and verification are unchanged.
-- Migrations run in a transaction, so it is built without CONCURRENTLY and audited writes wait while it is built
-- (0.8 s for 200 000 entries on the 2-core development machine); on a large audit log create it beforehand, while the
-- platform runs, with CREATE INDEX CONCURRENTLY and the same name and columns: this statement then does nothing
-- (docs/operations.md, Audit log verification).
CREATE INDEX IF NOT EXISTS audit_entry_entity_idx ON audit_entry (entity, entity_id, id);
