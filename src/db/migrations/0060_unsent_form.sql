-- A page sent after its session timed out (idle or absolute limit) arrives without a valid session: nothing of it is
-- saved. What was typed on it is kept for the same account's next sign-in, which offers to send it again
-- (src/modules/identity/keep-unsent-form.ts); the session records that it ended by its time limit, so a page sent
-- after signing out (or being signed out everywhere) is not kept.
ALTER TABLE session ADD COLUMN timed_out boolean NOT NULL DEFAULT false;

CREATE TABLE unsent_form (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  -- Where the page was sent (path and query of this site) and the page it was sent from.
  action text NOT NULL,
  back text,
  fields jsonb NOT NULL,
  -- A password, PIN or code was on the page: not kept, asked again.
  secrets_left_out boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX unsent_form_account_idx ON unsent_form (account_id, created_at);
