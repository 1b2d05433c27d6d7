import type { AppDeps } from '../../app.ts';
import { addDays, type IsoDate } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { MANDATE_NOTICE_DAYS } from './domain/mandate.ts';
import { listRepresentativesInForce, lockExpiringMandates, markExpiryNoticeSent } from './store.ts';
import { TEMPLATES } from './templates.ts';

export const MANDATE_EXPIRY_JOB = 'identity.mandate_expiry_notices';
/** Every morning at 06:00 Bucharest time: the notices are waiting when people start their day. */
export const MANDATE_EXPIRY_CRON = '0 6 * * *';

/**
 * The daily pass over mandates with an end date (tests call it with a `today`): a mandate whose last day is at most
 * MANDATE_NOTICE_DAYS away is announced once — to its representative (after that day they can no longer file or see
 * the company's requests; a new mandate is needed) and to the company's other representatives in force, so the
 * company is not left without anyone who can act for it. Sent once per mandate, however often the job runs; a mandate
 * approved with an end date already that close is announced on the next pass.
 */
export async function notifyExpiringMandates(deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>, input: { today: IsoDate }): Promise<{ mandates: number; emailed: number }> {
  const { today } = input;
  const at = deps.now();
  let emailed = 0;
  const mandates = await deps.db.transaction(async (tx) => {
    const expiring = await lockExpiringMandates(tx, today, addDays(today, MANDATE_NOTICE_DAYS));
    for (const m of expiring) {
      const data = { company: m.companyName, cui: m.cui, person: m.personName, date: formatDate(`${m.validUntil}T12:00:00Z`), url: `${deps.config.baseUrl}/cont` };
      for (const to of await listRepresentativesInForce(tx, m.companyId, today)) {
        const own = to.accountId === m.accountId;
        await deps.notifier.enqueue(tx, {
          template: own ? TEMPLATES.mandateExpiring : TEMPLATES.mandateExpiringOther,
          to: { accountId: to.accountId, email: to.email, locale: to.locale },
          data: { ...data, name: to.displayName },
        });
        emailed++;
      }
      await markExpiryNoticeSent(tx, m.id, at);
    }
    return expiring.length;
  });
  return { mandates, emailed };
}
