import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { formatDate, formatDateTime, formatMoney } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode, statusCheckPath } from '../../platform/ids/tracking-code.ts';
import { PdfWriter, pdfLanguage } from '../../platform/pdf/pdf-document.ts';
import { getCounterCase } from '../cases/get-counter-case.ts';
import { findInstitution } from '../organisation/store.ts';

/**
 * The receipt the person takes home from the counter: the registration number, the tracking code, the answer's
 * due date, the public status check's address (also as a QR code, like the online receipt), and how to attach the
 * request to an account later.
 */
export async function counterReceipt(
  deps: Pick<AppDeps, 'db' | 'config'>,
  input: { actor: Actor; caseId: string; t: T },
): Promise<{ pdf: Uint8Array; number: string }> {
  const { t } = input;
  const c = await getCounterCase(deps, input);
  const institution = await findInstitution(deps.db, c.institutionId);
  const name = institution?.name ?? '';
  const pdf = await PdfWriter.create({ title: `${t('assisted.receipt.title')} ${c.number}`, author: name, language: pdfLanguage(t.locale) }, { footer: name });
  pdf.text(name, { size: 12, bold: true, gapAfter: 2 });
  if (institution?.address) pdf.text(institution.address, { size: 9, color: 'grey', gapAfter: 10 });
  pdf.heading(t('assisted.receipt.title'));
  const statusUrl = `${deps.config.baseUrl}${statusCheckPath(c.trackingCode)}`;
  await pdf.qr(statusUrl, 100, t('assisted.receipt.qr_caption'));
  pdf.text(t('assisted.receipt.number', { number: c.number }), { size: 16, bold: true, gapAfter: 4 });
  pdf.text(t('assisted.receipt.tracking', { code: formatTrackingCode(c.trackingCode) }), { size: 14, bold: true, gapAfter: 8 });
  pdf.keyValues([
    [t('assisted.receipt.service'), c.serviceName[t.locale]],
    [t('assisted.receipt.submitted_at'), formatDateTime(c.submittedAt)],
    [t('assisted.receipt.applicant'), c.applicant.name],
    [t('assisted.receipt.id_document'), c.applicant.idDocument ?? ''],
    [t('assisted.receipt.due'), formatDate(`${c.dueOn}T12:00:00Z`)],
    [t('assisted.receipt.fee'), formatMoney(c.feeBani / 100, t.locale)],
  ]);
  pdf.space(8);
  pdf.text(t('assisted.receipt.next'), { size: 10 });
  pdf.text(t('assisted.receipt.status', { url: statusUrl }), { size: 10 });
  pdf.text(t('assisted.receipt.claim', { url: `${deps.config.baseUrl}/cont/revendica-cerere` }), { size: 10 });
  pdf.text(t('assisted.receipt.keep'), { size: 9, color: 'grey' });
  return { pdf: await pdf.save(), number: c.number };
}
