-- A company representation asked with a mandate document is checked by an official (registry clerk or administrator):
-- approved (active) or rejected with a reason the person is told. Before, nothing could take a representation out of
-- 'pending', so a company's administrator could never act for it.
ALTER TABLE company_representative DROP CONSTRAINT company_representative_status_check;
ALTER TABLE company_representative ADD CONSTRAINT company_representative_status_check CHECK (status IN ('pending', 'active', 'rejected', 'revoked'));
ALTER TABLE company_representative ADD COLUMN decided_by uuid REFERENCES account(id);
ALTER TABLE company_representative ADD COLUMN decided_at timestamptz;
ALTER TABLE company_representative ADD COLUMN decision_reason text;
CREATE INDEX company_representative_pending_idx ON company_representative (created_at) WHERE status = 'pending';
