-- A published service can be withdrawn from the online catalogue (published by mistake, no longer offered online)
-- and republished later, without a new version. Its versions and the cases submitted under them stay as they were.
-- The service table already notifies pd_config_changed on every change (0040), so every process sees a withdrawal
-- at once (the citizen's "start a request" and "submit" read the service through the config cache).
ALTER TABLE service ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE service ADD COLUMN withdrawn_by uuid REFERENCES account (id);
