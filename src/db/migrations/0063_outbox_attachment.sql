-- An e-mail can carry files: a petition sent on to an institution outside the platform (OG 27/2002 art. 6¹) carries the
-- documents the petitioner filed with it. The outbox keeps which files, in order, by their SHA-256 in the blob store
-- (the case's documents are already there, content-addressed), not a second copy of the bytes.
CREATE TABLE outbox_attachment (
  message_id uuid NOT NULL REFERENCES outbox_message (id) ON DELETE CASCADE,
  position integer NOT NULL,
  filename text NOT NULL,
  media_type text NOT NULL,
  sha256 text NOT NULL,
  size_bytes integer NOT NULL,
  PRIMARY KEY (message_id, position)
);
