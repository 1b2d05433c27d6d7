import { formatDate } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';

/**
 * A case's answer deadline as printed on receipts, slips and registry pages: the date, or — for a service that expects
 * no answer (a term of 0 days, no due day) — that its registration is the confirmation.
 */
export function dueDayText(t: T, dueOn: string | null): string {
  return dueOn === null ? t('tracking.no_answer_expected') : formatDate(`${dueOn}T12:00:00Z`);
}
