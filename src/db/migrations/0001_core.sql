-- Organisation: institutions (tenants) and their department tree.
CREATE TABLE institution (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES institution(id),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  short_name text NOT NULL,
  cui text NOT NULL,
  siruta text,
  address text NOT NULL,
  email text,
  phone text,
  website text,
  working_hours jsonb NOT NULL DEFAULT '[]'::jsonb,
  logo_svg text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE department (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  parent_id uuid REFERENCES department(id),
  kind text NOT NULL CHECK (kind IN ('directie', 'serviciu', 'birou', 'compartiment')),
  code text NOT NULL,
  name text NOT NULL,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);
CREATE INDEX department_parent_idx ON department (parent_id);

-- Identity: one account per person who signs in (citizen, company representative or official).
CREATE TABLE account (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  email_verified_at timestamptz,
  password_hash text,
  display_name text NOT NULL,
  phone text,
  locale text NOT NULL DEFAULT 'ro' CHECK (locale IN ('ro', 'en')),
  notify_email boolean NOT NULL DEFAULT true,
  notify_sms boolean NOT NULL DEFAULT false,
  totp_secret text,
  totp_enabled_at timestamptz,
  is_official boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  deletion_requested_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_email_idx ON account (lower(email));

CREATE TABLE person (
  account_id uuid PRIMARY KEY REFERENCES account(id),
  cnp text UNIQUE,
  first_name text NOT NULL,
  last_name text NOT NULL,
  address text
);

CREATE TABLE company (
  id uuid PRIMARY KEY,
  cui text NOT NULL UNIQUE,
  name text NOT NULL,
  trade_register_no text,
  address text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A person acts for a company under a mandate document (blob hash) until it is revoked or expires.
CREATE TABLE company_representative (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES company(id),
  account_id uuid NOT NULL REFERENCES account(id),
  role text NOT NULL DEFAULT 'representative',
  mandate_sha256 text,
  mandate_filename text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'revoked')),
  valid_until date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (company_id, account_id)
);

-- An official's role, scoped to the whole institution (department_id null) or one department.
CREATE TABLE membership (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  institution_id uuid NOT NULL REFERENCES institution(id),
  department_id uuid REFERENCES department(id),
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX membership_account_idx ON membership (account_id) WHERE revoked_at IS NULL;

CREATE TABLE invitation (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  department_id uuid REFERENCES department(id),
  role text NOT NULL,
  email text NOT NULL,
  display_name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL REFERENCES account(id),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Server-side sessions; the cookie carries a random token, the table only its SHA-256.
CREATE TABLE session (
  id text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  mfa_passed boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text,
  revoked_at timestamptz
);
CREATE INDEX session_account_idx ON session (account_id) WHERE revoked_at IS NULL;

-- Single-use emailed tokens (email verification, password reset).
CREATE TABLE account_token (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recovery_code (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  code_hash text NOT NULL,
  used_at timestamptz
);
CREATE INDEX recovery_code_account_idx ON recovery_code (account_id);

-- Progressive lockout: counters live in the database so every web process sees them.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oidc_identity (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  issuer text NOT NULL,
  subject text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, subject)
);

-- Audit: append-only, hash-chained per chain (an institution id, or 'platform' for accounts).
CREATE TABLE audit_chain (
  chain text PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text NOT NULL
);

CREATE TABLE audit_entry (
  chain text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  subject_id uuid,
  entity text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_entry_subject_idx ON audit_entry (subject_id, at DESC);

-- Every email and SMS, whatever the mode: the developers' outbox and the delivery log.
CREATE TABLE outbox_message (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL,
  account_id uuid REFERENCES account(id),
  template text NOT NULL,
  locale text NOT NULL,
  subject text,
  body_text text NOT NULL,
  body_html text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_message_created_idx ON outbox_message (created_at DESC);
CREATE INDEX outbox_message_recipient_idx ON outbox_message (lower(recipient));
