-- A mandate (împuternicire) is valid until a date written in it. valid_until (0001) is now set by the official who
-- approves it; from the next day the representative no longer acts for the company (decided on every request against
-- the day, so no row has to change at midnight). Some days before, the representative and the company's other
-- representatives are e-mailed once (job identity.mandate_expiry_notices): expiry_notice_sent_at records it.
ALTER TABLE company_representative ADD COLUMN expiry_notice_sent_at timestamptz;
CREATE INDEX company_representative_valid_until_idx ON company_representative (valid_until) WHERE status = 'active' AND valid_until IS NOT NULL;
