-- The electronic registry (registratură): one gapless sequence per institution per calendar year.
CREATE TABLE registry_counter (
  institution_id uuid NOT NULL REFERENCES institution(id),
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (institution_id, year)
);

-- One row per registered document, with the mandatory fields of the register (Instrucțiunile 217/1996).
CREATE TABLE registry_entry (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  year integer NOT NULL,
  number integer NOT NULL,
  registered_at timestamptz NOT NULL,
  registered_on date NOT NULL,
  direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
  channel text NOT NULL CHECK (channel IN ('online', 'counter', 'email', 'post', 'internal')),
  issuer_name text NOT NULL,
  issuer_reference text,
  issuer_date date,
  addressee text,
  summary text NOT NULL,
  page_count integer,
  annex_count integer NOT NULL DEFAULT 0,
  department_id uuid REFERENCES department(id),
  sent_on date,
  resolution text,
  file_code text,
  linked_entry_id uuid REFERENCES registry_entry(id),
  replies_to_entry_id uuid REFERENCES registry_entry(id),
  case_id uuid,
  registered_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, year, number)
);
CREATE INDEX registry_entry_day_idx ON registry_entry (institution_id, registered_on, number);
CREATE INDEX registry_entry_case_idx ON registry_entry (case_id);
