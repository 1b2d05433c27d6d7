-- Each message belongs to the institution that sent it, so an administrator reads only their institution's
-- messages (an administrator of one institution must not read a citizen's e-mails about another's case).
-- Account e-mails (registration, password) are the deployment's own institution's (the top-level one).
ALTER TABLE outbox_message ADD COLUMN institution_id uuid REFERENCES institution(id);
UPDATE outbox_message SET institution_id = (SELECT id FROM institution WHERE parent_id IS NULL ORDER BY created_at, slug LIMIT 1);
CREATE INDEX outbox_message_institution_idx ON outbox_message (institution_id, created_at DESC);
