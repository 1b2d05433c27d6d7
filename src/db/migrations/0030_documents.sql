-- Answer documents: versioned templates per institution and service, the documents generated from them (one row
-- per version; a correction is a new version, a signed version is never changed) and their signatures, one per
-- incremental PDF revision. The PDF bytes are content-addressed blobs (SHA-256).
CREATE TABLE document_template (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  service_code text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL,
  body text NOT NULL,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, service_code, version)
);

CREATE TABLE answer_document (
  -- Public: the QR code on the document points at /verificare/<id>.
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES "case"(id),
  institution_id uuid NOT NULL REFERENCES institution(id),
  version integer NOT NULL CHECK (version > 0),
  -- signing: waiting for signatures; signed: every planned signature is there; issued: delivered (final);
  -- superseded: replaced by a later version before it was issued.
  status text NOT NULL CHECK (status IN ('signing', 'signed', 'issued', 'superseded')),
  title text NOT NULL,
  body text NOT NULL,
  template_version integer,
  -- The outgoing registry entry (taken at the first generation, kept by corrections): printed before signing.
  outgoing_entry_id uuid NOT NULL REFERENCES registry_entry(id),
  -- Who signs, in order: [{ accountId, name, role }].
  signers jsonb NOT NULL,
  unsigned_sha256 text NOT NULL,
  current_sha256 text NOT NULL,
  size_bytes integer NOT NULL,
  case_document_id uuid REFERENCES case_document(id),
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  issued_at timestamptz,
  UNIQUE (case_id, version)
);
CREATE INDEX answer_document_sha_idx ON answer_document (current_sha256);

CREATE TABLE document_signature (
  document_id uuid NOT NULL REFERENCES answer_document(id),
  seq integer NOT NULL,
  -- null for the institution's seal
  account_id uuid REFERENCES account(id),
  role text NOT NULL,
  signer_name text NOT NULL,
  method text NOT NULL CHECK (method IN ('pkcs12', 'csc', 'seal')),
  signed_at timestamptz NOT NULL,
  -- SHA-256 of the whole file once this revision was appended (a prefix of every later revision).
  sha256 text NOT NULL,
  transaction_id text NOT NULL,
  PRIMARY KEY (document_id, seq),
  UNIQUE (document_id, transaction_id)
);
CREATE INDEX document_signature_sha_idx ON document_signature (sha256);
