-- A CNP typed at registration is only declared: anyone may type someone else's valid CNP. It is verified when an
-- identity provider (ROeID, an eIDAS node) asserts it, or when an official of the registry checks the person's
-- identity document at the counter. Services that reveal a person's data (a fiscal certificate, copies of civil
-- status records) are filed only with a verified identity.
ALTER TABLE person ADD COLUMN cnp_verified_at timestamptz;
ALTER TABLE person ADD COLUMN cnp_verified_by text;
