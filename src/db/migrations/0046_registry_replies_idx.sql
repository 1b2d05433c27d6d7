-- The register shows, on the line of a document, the replies registered to it ("răspuns cu nr. …"): looking them up
-- by the document they answer must not scan the whole register for every line printed.
CREATE INDEX registry_entry_replies_to_idx ON registry_entry (replies_to_entry_id) WHERE replies_to_entry_id IS NOT NULL;
