-- Delivery bookkeeping for the outbox: when the message was last queued or attempted (the sweep re-queues
-- messages idle for too long), and a short lease so two jobs for the same message never send it twice at once.
ALTER TABLE outbox_message ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE outbox_message ADD COLUMN locked_until timestamptz;
CREATE INDEX outbox_message_queued_idx ON outbox_message (updated_at) WHERE status = 'queued';
