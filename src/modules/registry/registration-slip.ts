import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { formatTrackingCode, statusCheckPath } from '../../platform/ids/tracking-code.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { dueDayText } from '../cases/due-day.ts';
import { PdfWriter, pdfLanguage } from '../../platform/pdf/pdf-document.ts';
import { findInstitution } from '../organisation/store.ts';
import { getEntry } from './get-entry.ts';
import { displayNumber } from './register-columns.ts';

/**
 * The registration slip a clerk prints and hands over (or staples to the paper): institution, number and date,
 * issuer and summary. When the document opened a case (a petition or request on paper), the slip also carries
 * what the person needs to follow it without an account: the tracking code, the legal deadline and the public
 * status check's address, as a QR code too.
 */
export async function registrationSlip(
  deps: Pick<AppDeps, 'db'>,
  input: { actor: Actor; institutionId: string; entryId: string; t: T; baseUrl: string },
): Promise<{ pdf: Uint8Array; number: string }> {
  const { t } = input;
  const { line, documents, case: opened } = await getEntry(deps, input);
  const statusUrl = opened ? `${input.baseUrl}${statusCheckPath(opened.trackingCode)}` : null;
  const institution = await findInstitution(deps.db, input.institutionId);
  const name = institution?.name ?? '';
  const number = displayNumber(line);
  const pdf = await PdfWriter.create({ title: `${t('registry.slip.title')} ${number}`, author: name, language: pdfLanguage(t.locale) }, { footer: name });
  pdf.text(name, { size: 12, bold: true, gapAfter: 2 });
  if (institution?.address) pdf.text(institution.address, { size: 9, color: 'grey', gapAfter: 10 });
  pdf.heading(t('registry.slip.title'));
  if (statusUrl) await pdf.qr(statusUrl, 90, t('registry.slip.qr_caption'));
  pdf.text(t('registry.slip.number', { number }), { size: 16, bold: true, gapAfter: 8 });
  const issuerRef = [line.issuerReference, line.issuerDate ? `${line.issuerDate.slice(8, 10)}.${line.issuerDate.slice(5, 7)}.${line.issuerDate.slice(0, 4)}` : null].filter(Boolean).join(' / ');
  pdf.keyValues([
    [t('registry.field.registered_at'), formatDateTime(line.registeredAt)],
    [t('registry.field.direction'), `${t(`registry.direction.${line.direction}`)} — ${t(`registry.channel.${line.channel}`)}`],
    [t('registry.field.issuer'), line.issuerName],
    [t('registry.field.issuer_ref'), issuerRef],
    [t('registry.field.summary'), line.summary],
    [t('registry.field.pages_annexes'), `${line.pageCount == null ? '—' : t.plural('registry.pages', line.pageCount)}, ${t.plural('registry.annexes', line.annexCount)}`],
    [t('registry.field.department'), line.departmentName ?? ''],
    [t('registry.field.scans'), String(documents.length)],
    ...(opened && statusUrl
      ? ([
          [t('registry.slip.tracking_code'), formatTrackingCode(opened.trackingCode)],
          [t('registry.slip.due'), dueDayText(t, opened.dueOn)],
          [t('registry.slip.status_at'), statusUrl],
        ] as [string, string][])
      : []),
  ]);
  pdf.space(10);
  pdf.text(t('registry.slip.note'), { size: 9, color: 'grey' });
  return { pdf: await pdf.save(), number };
}
