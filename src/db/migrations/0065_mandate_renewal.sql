-- A representative whose mandate ends within 30 days (or has ended) sends the new one on the same representation: it
-- waits here for the registry while the current mandate stays in force, so there is no gap. Approved, it becomes the
-- mandate with its new end date (the previous document stays in the blob store, named by the audit entry
-- company_representative.renewed); refused, the current mandate is untouched and the reason is kept for the account page.
ALTER TABLE company_representative ADD COLUMN renewal_mandate_sha256 text;
ALTER TABLE company_representative ADD COLUMN renewal_mandate_filename text;
ALTER TABLE company_representative ADD COLUMN renewal_requested_at timestamptz;
ALTER TABLE company_representative ADD COLUMN renewal_refusal_reason text;
CREATE INDEX company_representative_renewal_idx ON company_representative (renewal_requested_at) WHERE renewal_requested_at IS NOT NULL;
