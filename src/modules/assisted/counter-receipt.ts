import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { dueDayText } from '../cases/due-day.ts';
import { feeText } from '../cases/fee-text.ts';
import { formatTrackingCode, statusCheckPath } from '../../platform/ids/tracking-code.ts';
import { PdfWriter, pdfLanguage } from '../../platform/pdf/pdf-document.ts';
import { issuerName } from '../catalog/domain/service-definition.ts';
import { type CounterCase, getCounterCase } from '../cases/get-counter-case.ts';
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
    [t('assisted.receipt.due'), dueDayText(t, c.dueOn)],
    [t('assisted.receipt.fee'), feeText(t, c.feeBani)],
    ...(c.pageCount === null ? [] : [[t('assisted.pages.label'), t.plural('registry.pages', c.pageCount)] as [string, string]]),
  ]);
  receivedSection(pdf, t, c);
  pdf.space(8);
  pdf.text(t('assisted.receipt.next'), { size: 10 });
  pdf.text(t('assisted.receipt.status', { url: statusUrl }), { size: 10 });
  pdf.text(t('assisted.receipt.claim', { url: `${deps.config.baseUrl}/cont/revendica-cerere` }), { size: 10 });
  pdf.text(t('assisted.receipt.keep'), { size: 9, color: 'grey' });
  return { pdf: await pdf.save(), number: c.number };
}

/**
 * What the person handed in (the scans filed with the request) and the documents they agreed the city hall obtains
 * itself from their issuers (OUG 41/2016): the receipt is their proof of both.
 */
function receivedSection(pdf: PdfWriter, t: T, c: CounterCase): void {
  pdf.space(8);
  pdf.text(t('assisted.receipt.received.title'), { size: 11, bold: true, gapAfter: 2 });
  if (c.received.length === 0) pdf.text(t('assisted.receipt.received.none'), { size: 10 });
  c.received.forEach((d, i) => {
    pdf.text(`${i + 1}. ${d.filename} (${Math.max(1, Math.round(d.sizeBytes / 1024))} KB)`, { size: 10 });
  });
  if (c.fetchedDocuments.length === 0) return;
  pdf.space(6);
  pdf.text(t('assisted.receipt.fetched.title'), { size: 11, bold: true, gapAfter: 2 });
  pdf.text(t('assisted.receipt.fetched.intro'), { size: 10, gapAfter: 2 });
  for (const f of c.fetchedDocuments) {
    const doc = c.requiredDocuments.find((d) => d.id === f.documentId);
    const name = doc ? doc.name[t.locale] : f.documentId;
    const issuer = doc?.issuer ? ` — ${t('assisted.receipt.fetched.issuer', { issuer: issuerName(doc.issuer, t.locale) })}` : '';
    pdf.text(`• ${name}${issuer} (${t('assisted.receipt.fetched.consent_at', { at: formatDateTime(new Date(f.consentAt)) })})`, { size: 10 });
  }
}
