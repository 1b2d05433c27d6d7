import type { AppDeps } from '../../app.ts';
import { addDays, type Closures, type IsoDate, legalDeadline } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { lookAheadByInstitution } from '../organisation/closures.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { stepOf } from './domain/workflow-definition.ts';
import { getWorkflowFor } from './step-context.ts';
import { enterWorkflow } from './enter-workflow.ts';
import { claimStepReminder, findStepHolders, listStepsDue, listUnstartedCases, type StepDueRow } from './store.ts';

export const STEP_JOB = 'workflow.step_reminders';
export const STEP_DUE_SOON_TEMPLATE = 'workflow.step_due_soon.v1';
export const STEP_OVERDUE_TEMPLATE = 'workflow.step_overdue.v1';

/** A step is "due soon" from the working day before its due day (the institution's closed days are not working days). */
export const stepDueSoonUntil = (today: IsoDate, closures?: Closures) => legalDeadline(today, { days: 1, unit: 'working' }, closures);

/**
 * Cases registered since the last run enter their workflow: their first step (the registry) gets its due day,
 * counted from the registration day.
 */
export async function startNewCases(deps: Pick<AppDeps, 'db'>): Promise<number> {
  let started = 0;
  for (;;) {
    const batch = await listUnstartedCases(deps.db, 200);
    if (batch.length === 0) return started;
    let progressed = 0;
    for (const c of batch) {
      if (await deps.db.transaction((tx) => enterWorkflow(tx, c.id))) progressed++;
    }
    // A case whose service has no usable workflow stays unstarted: stop instead of reading it again forever.
    if (progressed === 0) return started;
    started += progressed;
  }
}

/**
 * The daily pass over step deadlines (tracking's job handles the legal term of the case):
 * - a step due today or on the institution's next working day → one reminder to whoever must act (its assignee, else the
 *   holders of its role over its department);
 * - a step past its due day → one escalation to the head of the step's department (the secretary general for
 *   steps of the whole institution or a department without a head).
 * Each goes out once per case, step entry and kind, however often the job runs. Tests call it with a `today`.
 */
export async function sendStepReminders(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  input: { today: IsoDate },
): Promise<{ started: number; dueSoon: string[]; overdue: string[]; emailed: number }> {
  const started = await startNewCases(deps);
  const { today } = input;
  const window = await lookAheadByInstitution(deps.db, today, stepDueSoonUntil);
  const soon = (await listStepsDue(deps.db, { from: today, to: window.widest })).filter((c) => c.stepDueOn !== null && c.stepDueOn <= window.until(c.institutionId));
  const late = await listStepsDue(deps.db, { from: null, to: addDays(today, -1) });
  const at = deps.now();
  let emailed = 0;
  const send = async (c: StepDueRow, kind: 'due_soon' | 'overdue') => {
    await deps.db.transaction(async (tx) => {
      const inst = await loadInstitution(tx, c.institutionId);
      if (!inst || !c.stepKey) return;
      const { workflow } = await getWorkflowFor(tx, c.institutionId, c.serviceCode);
      const step = stepOf(workflow, c.stepKey);
      const dept = c.stepDepartmentId ?? c.departmentId;
      let to: { accountId: string; email: string; locale: 'ro' | 'en' }[];
      if (kind === 'due_soon') {
        to = c.stepAssigneeId
          ? await findStepHolders(tx, { institutionId: c.institutionId, role: null, departmentIds: null, accountIds: [c.stepAssigneeId] })
          : await findStepHolders(tx, { institutionId: c.institutionId, role: c.stepRole, departmentIds: c.stepDepartmentId ? inst.pathOf(c.stepDepartmentId) : null });
      } else {
        to = dept ? await findStepHolders(tx, { institutionId: c.institutionId, role: 'head_of_department', departmentIds: [dept] }) : [];
        if (to.length === 0) to = await findStepHolders(tx, { institutionId: c.institutionId, role: 'secretary_general', departmentIds: null });
      }
      if (to.length === 0) return;
      if (!(await claimStepReminder(tx, { caseId: c.id, stepSeq: c.stepSeq, kind, stepKey: c.stepKey, at }))) return;
      for (const person of to) {
        await deps.notifier.enqueue(tx, {
          institutionId: c.institutionId,
          template: kind === 'due_soon' ? STEP_DUE_SOON_TEMPLATE : STEP_OVERDUE_TEMPLATE,
          to: { accountId: person.accountId, email: person.email, locale: person.locale },
          data: {
            number: formatRegistryNumber(c.number, c.registeredOn),
            service: c.serviceName[person.locale],
            step: step?.name[person.locale] ?? c.stepKey,
            dueOn: c.stepDueOn ? formatDate(`${c.stepDueOn}T12:00:00Z`) : '',
            link: `${deps.config.baseUrl}/birou/dosare/${c.id}`,
          },
        });
        emailed++;
      }
    });
  };
  for (const c of soon) await send(c, 'due_soon');
  for (const c of late) await send(c, 'overdue');
  return { started, dueSoon: soon.map((c) => c.id), overdue: late.map((c) => c.id), emailed };
}
