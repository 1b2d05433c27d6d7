-- Signing keys of officials: a PKCS#12 sealed at rest (AES-256-GCM, secret-box) and opened with the official's
-- PIN at signing time, or a credential at a remote CSC v2 signing service (its client secret sealed likewise).
CREATE TABLE signing_key (
  account_id uuid PRIMARY KEY REFERENCES account(id),
  kind text NOT NULL CHECK (kind IN ('pkcs12', 'csc')),
  sealed_p12 text,
  csc_url text,
  csc_client_id text,
  sealed_csc_secret text,
  csc_credential_id text,
  certificate_subject text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'pkcs12' AND sealed_p12 IS NOT NULL) OR (kind = 'csc' AND csc_url IS NOT NULL AND csc_client_id IS NOT NULL AND sealed_csc_secret IS NOT NULL))
);

-- The institution's electronic seal (automatic, applied at issue) and its time-stamping authority, if any.
CREATE TABLE institution_seal (
  institution_id uuid PRIMARY KEY REFERENCES institution(id),
  sealed_p12 text NOT NULL,
  sealed_password text NOT NULL,
  certificate_subject text NOT NULL,
  tsa_url text,
  created_at timestamptz NOT NULL DEFAULT now()
);
