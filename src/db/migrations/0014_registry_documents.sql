-- Scans of documents registered at the registry (paper or e-mail): content-addressed blobs (SHA-256) with their metadata.
CREATE TABLE registry_document (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  registry_entry_id uuid NOT NULL REFERENCES registry_entry(id),
  filename text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  uploaded_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_document_entry_idx ON registry_document (registry_entry_id);
-- The register is searched newest first within an institution.
CREATE INDEX registry_entry_recent_idx ON registry_entry (institution_id, registered_at DESC);
-- The issuer's CNP or CUI, when the clerk typed one (validated on entry).
ALTER TABLE registry_entry ADD COLUMN issuer_code text;
