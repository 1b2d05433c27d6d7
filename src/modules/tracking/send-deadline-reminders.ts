import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { addDays, daysBetween, type IsoDate } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { translatePlural } from '../../platform/i18n/i18n.ts';
import { listCasesDue } from '../cases/list-cases-due.ts';
import { recountCaseTerms } from '../cases/recount-case-terms.ts';
import { lookAheadByInstitution } from '../organisation/closures.ts';
import { dueSoonUntil } from './domain/deadline.ts';
import { claimReminder, findHolders, findStaffContacts, type StaffContact } from './store.ts';

export const DEADLINE_JOB = 'tracking.deadline_reminders';
export const DUE_SOON_TEMPLATE = 'tracking.deadline_soon.v1';
export const OVERDUE_TEMPLATE = 'tracking.overdue.v1';

type Due = Awaited<ReturnType<typeof listCasesDue>>[number];

/** The head of the case's department; when it has none, the secretary general (who answers for every deadline). */
async function heads(tx: Tx, c: Due): Promise<StaffContact[]> {
  const own = c.departmentId ? await findHolders(tx, { institutionId: c.institutionId, departmentId: c.departmentId, role: 'head_of_department' }) : [];
  return own.length > 0 ? own : findHolders(tx, { institutionId: c.institutionId, departmentId: null, role: 'secretary_general' });
}

/**
 * The daily pass over the legal clocks (run by the job at 07:00 Bucharest time; tests call it with a `today`):
 * - open cases due within 3 working days of their institution (its closed days skipped) → one reminder to the assignee (or the head of department when nobody
 *   is assigned yet);
 * - open cases past their last valid day → flagged overdue (derived from due_on, see deadlineView) and one email to
 *   the head of department.
 * Each email is sent once per case and deadline (case_reminder), however often the job runs.
 */
export async function sendDeadlineReminders(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  input: { today: IsoDate },
): Promise<{ dueSoon: string[]; overdue: string[]; emailed: number }> {
  const { today } = input;
  // Terms extended before their counting was corrected are counted again first (once; migration 0056).
  await recountCaseTerms(deps);
  const window = await lookAheadByInstitution(deps.db, today, dueSoonUntil);
  const soon = (await listCasesDue(deps.db, { from: today, to: window.widest })).filter((c) => c.dueOn <= window.until(c.institutionId));
  const late = await listCasesDue(deps.db, { from: null, to: addDays(today, -1) });
  let emailed = 0;
  const at = deps.now();
  const send = async (c: Due, kind: 'due_soon' | 'overdue') => {
    await deps.db.transaction(async (tx) => {
      const to = kind === 'due_soon' && c.assigneeId ? await findStaffContacts(tx, [c.assigneeId]) : await heads(tx, c);
      if (to.length === 0) return;
      if (!(await claimReminder(tx, { caseId: c.id, kind, dueOn: c.dueOn, at }))) return;
      for (const person of to) {
        await deps.notifier.enqueue(tx, {
          template: kind === 'due_soon' ? DUE_SOON_TEMPLATE : OVERDUE_TEMPLATE,
          institutionId: c.institutionId,
          to: { accountId: person.accountId, email: person.email, locale: person.locale },
          data: {
            number: c.number,
            service: c.serviceName[person.locale],
            dueOn: formatDate(`${c.dueOn}T12:00:00Z`),
            days: translatePlural(person.locale, 'common.days', Math.abs(daysBetween(today, c.dueOn))),
            link: `${deps.config.baseUrl}/birou/dosare/${c.id}`,
          },
        });
        emailed++;
      }
    });
  };
  for (const c of soon) await send(c, 'due_soon');
  for (const c of late) await send(c, 'overdue');
  return { dueSoon: soon.map((c) => c.id), overdue: late.map((c) => c.id), emailed };
}
