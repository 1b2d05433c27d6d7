-- A mandate ends before its date: the registry revokes it (the company's written notice), or the representative gives
-- it up from their account. The representation becomes 'revoked' (its person no longer files for the company nor sees
-- its cases from the next request: the trigger of 0036 announces the change); when, by whom and why stay on the row for
-- the account page, and in the audit entry company_representative.revoked / company_representative.renounced.
ALTER TABLE company_representative ADD COLUMN revoked_at timestamptz;
ALTER TABLE company_representative ADD COLUMN revoked_by uuid REFERENCES account (id);
ALTER TABLE company_representative ADD COLUMN revocation_reason text;
