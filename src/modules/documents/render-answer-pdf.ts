import { PdfWriter } from '../../platform/pdf/pdf-document.ts';
import type { PlannedSigner } from './schema.ts';
import { ROLE_TITLE, titleOf } from './domain/signers.ts';

export type AnswerPdfInput = {
  institution: { name: string; address: string; cui: string };
  title: string;
  body: string;
  /** "12/22.11.2026": printed before anybody signs, so every signature covers it. */
  outgoingNumber: string;
  repliesTo: string;
  serviceName: string;
  applicantName: string;
  /** Where the answer is addressed: the applicant's postal address and e-mail (either may be unknown). */
  applicantAddress: { postal: string | null; email: string | null };
  version: number;
  signers: readonly PlannedSigner[];
  verificationUrl: string;
};

/**
 * The answer as a PDF: the institution's header, the outgoing number and the number it answers, the addressee
 * (name and address, as an official letter names them), the text, the
 * block of who signs (the electronic signatures themselves are added as revisions afterwards) and a QR code to the
 * public verification page.
 */
export async function renderAnswerPdf(input: AnswerPdfInput): Promise<Uint8Array> {
  const w = await PdfWriter.create(
    { title: input.title, author: input.institution.name, subject: input.serviceName, keywords: [input.outgoingNumber] },
    { footer: `${input.institution.name} — nr. ${input.outgoingNumber}` },
  );
  w.text(input.institution.name, { size: 13, bold: true, gapAfter: 2 });
  w.text(input.institution.address, { size: 9, color: 'grey', gapAfter: 2 });
  w.text(`CUI ${input.institution.cui}`, { size: 9, color: 'grey' });
  w.rule();
  w.keyValues([
    ['Nr. de ieșire', input.outgoingNumber],
    ['Ca răspuns la', `cererea nr. ${input.repliesTo}`],
    ['Serviciul', input.serviceName],
    ['Destinatar', input.applicantName],
    ...(input.applicantAddress.postal ? ([['Adresa', input.applicantAddress.postal]] as [string, string][]) : []),
    ...(input.applicantAddress.email ? ([['E-mail', input.applicantAddress.email]] as [string, string][]) : []),
    ...(input.version > 1 ? ([['Versiunea', String(input.version)]] as [string, string][]) : []),
  ]);
  w.space(8);
  w.heading(input.title, 2);
  w.text(input.body);
  w.space(12);
  // Printed before the first signature, read once all are on it: it must be true of the issued letter.
  w.text('Semnat electronic de:', { bold: true, size: 10 });
  for (const [i, s] of input.signers.entries()) w.text(`${i + 1}. ${ROLE_TITLE[titleOf(s)] ?? s.role} — ${s.name}`, { size: 10, gapAfter: 2 });
  w.space(10);
  await w.qr(input.verificationUrl, 96, 'Verificați autenticitatea documentului');
  w.text('Documentul este semnat electronic (PAdES). Autenticitatea și integritatea lui se pot verifica la adresa:', { size: 8.5, color: 'grey', width: w.contentWidth - 110 });
  w.text(input.verificationUrl, { size: 8.5, width: w.contentWidth - 110 });
  return w.save();
}
