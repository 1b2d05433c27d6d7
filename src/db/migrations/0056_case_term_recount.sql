-- Terms extended before the counting was corrected keep a last day the law does not give. A petition's 15 days (and a
-- tacit-approval completion request's 10 or 5) were added to the 30th day already rolled to a working day, so a
-- petition whose 30 days ended on a weekend got one or two days more (registered 25.11.2026: 12.01.2027 instead of
-- 11.01.2027); a tacit-approval term grew again with each new completion request. The corrected count (Codul civil
-- art. 2553–2554, from registration, with the institution's closed days) is the application's, not SQL's: the open
-- cases that may carry such a term are listed here, and the daily deadline job counts each one again from its log
-- (recountCaseTerms), audited, before it sends reminders. Closed cases keep the day they were judged by.
CREATE TABLE IF NOT EXISTS case_term_recount (
  case_id uuid PRIMARY KEY REFERENCES "case" (id) ON DELETE CASCADE
);

INSERT INTO case_term_recount (case_id)
SELECT c.id
  FROM "case" c
 WHERE c.status IN ('registered', 'assigned', 'awaiting_applicant', 'in_approval', 'approved', 'signed')
   AND c.due_on IS NOT NULL
   AND EXISTS (SELECT 1 FROM case_action a WHERE a.case_id = c.id AND a.type IN ('extended', 'completion_requested'))
ON CONFLICT DO NOTHING;
