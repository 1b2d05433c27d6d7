-- A service whose legal term is 0 days expects no answer (a notice that works start, a booking): its cases have no
-- legal deadline. They were given the registration day as one, so they showed as overdue from the next day, in the
-- applicant's tracking page, the officials' reports and the daily reminders. NULL = no answer expected; every
-- "overdue" / "due soon" comparison (due_on < today, due_on BETWEEN …) is false for it.
ALTER TABLE "case" ALTER COLUMN due_on DROP NOT NULL;

UPDATE "case" c
   SET due_on = NULL
  FROM service_version v
 WHERE v.id = c.service_version_id
   AND (v.definition -> 'term' ->> 'days')::int = 0;
