import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import type { CaseStatus } from './domain/case-state.ts';
import { findApplicantContact, findCaseView } from './store.ts';
import { followCasePath } from '../../platform/ids/tracking-code.ts';

/** Templates the tracking module registers; their texts are under `tracking.email.*`. */
export const STATUS_CHANGED_TEMPLATE = 'tracking.status_changed.v1';
export const NEW_MESSAGE_TEMPLATE = 'tracking.new_message.v1';
export const TERM_EXTENDED_TEMPLATE = 'tracking.term_extended.v1';
/** A public-information request's term extended to 30 days (Legea 544/2001 art. 7): its own wording and law. */
export const TERM_EXTENDED_INFORMATION_TEMPLATE = 'tracking.term_extended.information.v1';
/** The answer's last day moved when its term was counted again (recountCaseTerms): from which day to which. */
export const TERM_RECOUNTED_TEMPLATE = 'tracking.term_recounted.v1';

/**
 * The statuses the applicant is e-mailed about when a case reaches them: something is asked of them (documents), or
 * the case is closed for them (answered, refused, withdrawn, sent to another institution, joined to an earlier
 * petition). The steps inside the institution — taken by an official, sent for approval, approved, signed, returned
 * to an earlier step, sent to another department — are no news to the applicant: one request reached at every one
 * of them sent seven e-mails. Their case page's timeline still shows each step. Registration and a term's extension
 * have e-mails of their own, as have the answer, a redirection and a joining (their callers skip this one).
 */
export const STATUSES_TOLD_TO_APPLICANT = ['awaiting_applicant', 'issued', 'rejected', 'withdrawn', 'redirected', 'joined'] as const satisfies readonly CaseStatus[];

/** E-mails the applicant that their case reached `status`, when it is one they are told of (STATUSES_TOLD_TO_APPLICANT). */
export async function notifyStatusChanged(tx: Tx, deps: Pick<AppDeps, 'notifier' | 'config'>, caseId: string, status: CaseStatus): Promise<void> {
  if ((STATUSES_TOLD_TO_APPLICANT as readonly CaseStatus[]).includes(status)) await notifyApplicant(tx, deps, { caseId, template: STATUS_CHANGED_TEMPLATE });
}

/**
 * Writes to the applicant about their case, in the caller's transaction: to the account's address (with a link to
 * the case page) or, for a case registered at the counter without an account, to the email it recorded (with a
 * link to the public status check). Nothing is sent when there is no address or the person turned emails off.
 */
export async function notifyApplicant(
  tx: Tx,
  deps: Pick<AppDeps, 'notifier' | 'config'>,
  input: { caseId: string; template: string; data?: Record<string, string | number> },
): Promise<string[]> {
  const contact = await findApplicantContact(tx, input.caseId);
  const row = await findCaseView(tx, input.caseId);
  if (!contact?.email || !contact.notifyEmail || !row) return [];
  const locale = contact.locale;
  const link = `${deps.config.baseUrl}${followCasePath({ id: row.id, trackingCode: row.trackingCode, applicantAccountId: contact.accountId })}`;
  return deps.notifier.enqueue(tx, {
    template: input.template,
    institutionId: row.institutionId,
    to: { accountId: contact.accountId, email: contact.email, locale },
    data: {
      number: formatRegistryNumber(row.number, row.registeredOn),
      service: row.definition.name[locale],
      status: translate(locale, `tracking.status.${row.status satisfies CaseStatus}`),
      dueOn: row.dueOn === null ? translate(locale, 'tracking.email.no_term') : formatDate(`${row.dueOn}T12:00:00Z`),
      link,
      ...input.data,
    },
  });
}
