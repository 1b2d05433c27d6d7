-- Management reports (src/modules/reports/store.ts).
-- Open cases of an institution by department: backlog, overdue (due_on), per service and per official, read from the
-- index alone without touching the closed cases that make up most of the table. The predicate is written exactly as
-- in the reports' queries so the planner can use it.
CREATE INDEX case_open_report_idx ON "case" (institution_id, department_id, due_on) INCLUDE (service_version_id, assignee_id)
  WHERE status NOT IN ('issued', 'rejected', 'withdrawn', 'archived');
-- Cases answered in a period: the issue or rejection actions by day.
CREATE INDEX case_action_answer_idx ON case_action (day, case_id) WHERE type IN ('issued', 'rejected');
-- The inboxes' pool of unassigned open work (measured by `npm run bench -- inbox`, docs/benchmarks.md): with only
-- case_step_pool_idx, whose partial predicate also holds every closed case and whose department column comes after
-- the role, the planner walked case_step_due_idx through all open cases of the institution for every inbox page.
-- Department before role lets the pool's "department IS NULL OR department IN (…)" become two exact index ranges.
CREATE INDEX case_step_pool_open_idx ON "case" (institution_id, step_queue, step_department_id, step_due_on)
  WHERE step_assignee_id IS NULL AND step_queue <> 'closed' AND status NOT IN ('issued', 'rejected', 'withdrawn', 'archived');
