import type { AppDeps } from '../../app.ts';
import { feeText } from '../cases/fee-text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay, daysBetween } from '../../platform/calendar/calendar.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
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
  w.text(c.institutionName, { size: 12, bold: true, gapAfter: 2 });
  w.heading(t('submission.receipt.title'));
  await w.qr(verifyUrl, 100, t('submission.receipt.qr_caption'));
  w.keyValues([
    [t('submission.receipt.service'), c.definition.name[locale]],
    [t('submission.receipt.number'), c.display],
    [t('submission.receipt.submitted_at'), formatDateTime(c.submittedAt)],
    [t('submission.receipt.tracking_code'), formatTrackingCode(c.trackingCode)],
    [t('submission.receipt.applicant'), `${c.applicant.name}${c.applicant.cui ? ` (CUI ${c.applicant.cui})` : ''}`],
    [t('tracking.case.fee'), feeText(t, c.feeBani)],
    // A term of 0 days (a booking, a notice of works): nothing to answer, so no deadline "(0 zile)".
    c.dueOn === null
      ? [t('catalog.service.term_none'), termText(t, c.definition.term)]
      : [t('submission.receipt.due'), t('submission.receipt.due_value', { date: formatDate(`${c.dueOn}T12:00:00Z`), days: t.plural('common.days', daysBetween(bucharestDay(c.submittedAt), c.dueOn)) })],
  ], 150);
  w.space(8);
  w.heading(t('submission.receipt.documents'), 2);
  if (c.documents.length === 0) w.text(t('submission.receipt.no_documents'), { color: 'grey' });
  else
    w.table(
      [t('submission.receipt.document'), t('submission.receipt.size'), 'SHA-256'],
      c.documents.map((d) => [d.filename, `${Math.max(1, Math.round(d.sizeBytes / 1024))} KB`, d.sha256]),
      [0.33, 0.1, 0.57],
      7.5,
    );
  w.space(6);
  w.text(t('submission.receipt.verify', { url: verifyUrl }), { size: 9, color: 'grey' });
  return { pdf: await w.save(), filename: `recipisa-${c.number}-${c.registeredOn}.pdf` };
}
