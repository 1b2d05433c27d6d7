-- Days an institution is closed besides the public holidays: government decisions giving the public sector a
-- day off, or the institution's own closures. Legal terms skip them (Codul civil art. 2554).
CREATE TABLE institution_closure (
  institution_id uuid NOT NULL REFERENCES institution(id),
  day date NOT NULL,
  reason text NOT NULL,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, day)
);
