-- A CNP typed at registration is only declared (0053). Unique over every account, a declaration by someone posing as
-- the person locked the real person out of registering with their own CNP until the registry confirmed someone. Any
-- number of accounts may now declare a CNP; only one may hold it confirmed (by ROeID or at the registry), and that
-- confirmation takes it off the accounts that only declared it.
ALTER TABLE person DROP CONSTRAINT person_cnp_key;
CREATE UNIQUE INDEX person_cnp_verified_key ON person (cnp) WHERE cnp_verified_at IS NOT NULL;
CREATE INDEX person_cnp_idx ON person (cnp);
