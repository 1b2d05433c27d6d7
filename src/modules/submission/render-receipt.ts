import type { AppDeps } from '../../app.ts';
import { feeText } from '../cases/fee-text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay, daysBetween } from '../../platform/calendar/calendar.ts';
import { formatDate, formatDateTime, formatFileSize } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode, statusCheckPath } from '../../platform/ids/tracking-code.ts';
import { PdfWriter, pdfLanguage } from '../../platform/pdf/pdf-document.ts';
import { termText } from '../catalog/describe.ts';
import { getSubmittedCase } from './get-submitted-case.ts';

/** The PDF receipt (recipisă) of a submitted case, for its applicant only. */
export async function renderReceipt(deps: AppDeps, actor: Actor, input: { caseId: string; t: T }): Promise<{ pdf: Uint8Array; filename: string }> {
  const c = await getSubmittedCase(deps, actor, input.caseId);
  const { t } = input;
  const locale = t.locale;
  const w = await PdfWriter.create(
    { title: t('submission.receipt.title'), author: c.institutionName, subject: c.display, language: pdfLanguage(locale) },
    { footer: `${c.institutionName} — ${t('submission.receipt.title')} ${c.display}` },
  );
  const verifyUrl = `${deps.config.baseUrl}${statusCheckPath(c.trackingCode)}`;
  // Read on a phone as often as printed: an A4 page at a phone's width shows 11 pt as about 6 px, so the type is large
  // and each fact sits under its label instead of in a narrow column beside it.
  w.text(c.institutionName, { size: 13, bold: true, gapAfter: 2 });
  w.text(t('submission.receipt.title'), { size: 22, bold: true, gapAfter: 10 });
  await w.qr(verifyUrl, 110, t('submission.receipt.qr_caption'));
  // What the person quotes on the phone or at the counter, and the date the answer is due: the largest on the page.
  const fact = (label: string, value: string) => {
    w.text(label, { size: 13, gapAfter: 1 });
    w.text(value, { size: 22, bold: true, gapAfter: 10 });
  };
  fact(t('submission.receipt.number'), c.display);
  fact(t('submission.receipt.submitted_at'), formatDateTime(c.submittedAt));
  // A term of 0 days (a booking, a notice of works): nothing to answer, so no deadline "(0 zile)".
  if (c.dueOn === null) fact(t('catalog.service.term_none'), termText(t, c.definition.term));
  else fact(t('submission.receipt.due'), t('submission.receipt.due_value', { date: formatDate(`${c.dueOn}T12:00:00Z`), days: t.plural('common.days', daysBetween(bucharestDay(c.submittedAt), c.dueOn)) }));
  fact(t('submission.receipt.tracking_code'), formatTrackingCode(c.trackingCode));
  w.rule();
  const line = (label: string, value: string) => w.text(`${label}: ${value}`, { size: 14, gapAfter: 6 });
  line(t('submission.receipt.service'), c.definition.name[locale]);
  line(t('submission.receipt.applicant'), `${c.applicant.name}${c.applicant.cui ? ` (CUI ${c.applicant.cui})` : ''}`);
  line(t('tracking.case.fee'), feeText(t, c.feeBani));
  w.space(8);
  w.text(t('submission.receipt.documents'), { size: 16, bold: true, gapAfter: 6 });
  if (c.documents.length === 0) w.text(t('submission.receipt.no_documents'), { size: 14, color: 'grey' });
  for (const d of c.documents) w.text(`${d.filename} — ${formatFileSize(d.sizeBytes, locale)}`, { size: 14, gapAfter: 4 });
  w.space(8);
  w.text(t('submission.receipt.verify', { url: verifyUrl }), { size: 12 });
  // The files' fingerprints prove later what was filed; nobody reads them on a phone, so they close the page, small.
  if (c.documents.length > 0) {
    w.space(10);
    w.text(t('submission.receipt.fingerprints'), { size: 7.5, color: 'grey', gapAfter: 1 });
    for (const d of c.documents) w.text(`${d.filename}: ${d.sha256}`, { size: 7, color: 'grey', gapAfter: 1 });
  }
  return { pdf: await w.save(), filename: `recipisa-${c.number}-${c.registeredOn}.pdf` };
}
