import { formatMoney } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';

/** A case's fee as the applicant and the official read it: the amount in lei, or that the request is free. */
export function feeText(t: T, feeBani: number): string {
  return feeBani > 0 ? formatMoney(feeBani / 100, t.locale) : t('tracking.case.fee_none');
}
