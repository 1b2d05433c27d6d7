import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actOnCase } from './act-on-case.ts';
import { isAllowed, TERM_EXTENSION_DAYS } from './domain/case-state.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { notifyApplicant, TERM_EXTENDED_INFORMATION_TEMPLATE, TERM_EXTENDED_TEMPLATE } from './notify-applicant.ts';
import { caseText } from './send-case-message.ts';
import { listActions } from './store.ts';

/**
 * Extends a petition's term once, by at most 15 days (OG 27/2002 art. 9), or a public-information request's from 10
 * to at most 30 days from registration (Legea 544/2001 art. 7(1)), with a reason, before the term has run out — for a
 * public-information request that is within its first 10 days, as the law asks; the applicant is told by email.
 * Other kinds of case have no such extension.
 */
export async function extendCaseTerm(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; days: unknown; reason: unknown; transactionId: string },
): Promise<{ dueOn: string; duplicate: boolean }> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'cases.extend');
    const actions = await listActions(tx, row.id);
    if (row.dueOn === null) throw new AppError('tracking.extend.no_term', 'conflict');
    if (actions.some((a) => a.transactionId === input.transactionId)) return { dueOn: row.dueOn, duplicate: true };
    const max = TERM_EXTENSION_DAYS[row.kind];
    if (max === null) throw new AppError('tracking.extend.not_petition', 'conflict');
    if (actions.some((a) => a.type === 'extended')) throw new AppError('tracking.extend.already', 'conflict');
    if (!isAllowed(row.status, 'extended')) throw new AppError('tracking.extend.not_now', 'conflict');
    if (bucharestDay(at) > row.dueOn) throw new AppError('tracking.extend.too_late', 'conflict');
    const days = Number(input.days);
    if (!Number.isInteger(days) || days < 1 || days > max) {
      throw new AppError('tracking.extend.days', 'invalid', { max }, { days: 'tracking.extend.days' });
    }
    const reason = caseText(input.reason, 'reason', 1000);
    const r = await actOnCase(tx, deps, { caseId: row.id, type: 'extended', actorId: actor.accountId, transactionId: input.transactionId, payload: { days, reason }, at });
    const template = row.kind === 'information' ? TERM_EXTENDED_INFORMATION_TEMPLATE : TERM_EXTENDED_TEMPLATE;
    await notifyApplicant(tx, deps, { caseId: row.id, template, data: { days, reason } });
    return { dueOn: r.dueOn ?? row.dueOn, duplicate: false };
  });
}
