-- Two-factor: the last TOTP time step accepted per account, so the same code cannot be used twice
-- within its validity window (RFC 6238 §5.2).
CREATE TABLE totp_used_step (
  account_id uuid PRIMARY KEY REFERENCES account(id),
  last_step bigint NOT NULL,
  used_at timestamptz NOT NULL
);

-- Lists of an institution's officials and pending invitations.
CREATE INDEX membership_institution_idx ON membership (institution_id) WHERE revoked_at IS NULL;
CREATE INDEX invitation_institution_idx ON invitation (institution_id, created_at DESC);
