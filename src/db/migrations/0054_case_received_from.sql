-- A petition sent to the wrong institution is sent on to the competent one (OG 27/2002 art. 6¹). When that one is
-- on this platform the petition becomes a case there, registered under its own number: received_from_case_id links
-- it to the case it came from. Unique: the same petition sent on twice (a retried request) opens one case only.
ALTER TABLE "case" ADD COLUMN received_from_case_id uuid REFERENCES "case" (id);
CREATE UNIQUE INDEX case_received_from_idx ON "case" (received_from_case_id) WHERE received_from_case_id IS NOT NULL;
