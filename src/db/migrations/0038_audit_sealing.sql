-- Audit entries are written in the business transaction without touching the chain head, and sealed into their
-- chain (seq, prev_hash, hash) by the sealer shortly after commit (src/platform/audit/audit.ts). Before this,
-- every audited write of an institution waited for the one before it to commit, on the chain's head row.
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_pkey;
ALTER TABLE audit_entry ADD COLUMN id bigserial PRIMARY KEY;
ALTER TABLE audit_entry ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_sealed CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL));
CREATE UNIQUE INDEX audit_entry_chain_seq ON audit_entry (chain, seq);
CREATE INDEX audit_entry_unsealed ON audit_entry (chain, id) WHERE seq IS NULL;
