import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { legalDeadline } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { getClosures } from '../organisation/closures.ts';
import { attachToEntry, registerDocument } from '../registry/register-document.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { PdfWriter } from '../../platform/pdf/pdf-document.ts';

export const CONTACT_TEMPLATE = 'pages.contact_message.v2';

/** A petition is answered within 30 days of its registration (OG nr. 27/2002, art. 8). */
const PETITION_TERM = { days: 30, unit: 'calendar' } as const;

export function registerContactTemplate(): void {
  registerTemplate(CONTACT_TEMPLATE, {
    subjectKey: 'contact.mail.subject',
    bodyKeys: ['contact.mail.intro', 'contact.mail.topic', 'contact.mail.body', 'contact.mail.reply', 'contact.mail.due'],
  });
}

export type ContactMessage = {
  /** Already translated for the institution's staff (Romanian). */
  topic: string;
  message: string;
  replyBy: 'email' | 'post';
  name: string;
  replyTo: string;
  accountId: string | null;
  ip: string | null;
};

export type RegisteredMessage = { number: string; dueOn: string };

/**
 * Registers a message written through the contact form in the institution's registry (incoming, online: it is a
 * petition, answered within 30 days of registration) and sends it, with its number, to the institution's address,
 * in the caller's transaction: the number, the e-mail and the journey's "submitted" mark commit together.
 */
export async function sendContactMessage(
  deps: Pick<AppDeps, 'notifier' | 'blobs'>,
  input: { tx: Tx; institution: { id: string; name: string; email: string | null } | null; message: ContactMessage; at: Date },
): Promise<RegisteredMessage> {
  if (!input.institution?.email) throw new AppError('contact.no_institution_email', 'unavailable');
  const m = input.message;
  // The message itself is the registered document: kept as a PDF with its entry, so the registry holds what was
  // received even if the e-mail to the institution's mailbox is lost. Rendered before the number is taken.
  const pdf = await messagePdf(input.institution.name, m, input.at);
  const sha256 = await deps.blobs.put(pdf);
  const registered = await registerDocument(input.tx, {
    institutionId: input.institution.id,
    direction: 'incoming',
    channel: 'online',
    issuerName: m.name,
    summary: translate('ro', 'contact.registry_summary', { topic: m.topic }),
    registeredBy: m.accountId,
    at: input.at,
  });
  await attachToEntry(input.tx, {
    institutionId: input.institution.id,
    entryId: registered.id,
    filename: `mesaj-${registered.number}-${registered.year}.pdf`,
    mediaType: 'application/pdf',
    sizeBytes: pdf.length,
    sha256,
    uploadedBy: m.accountId,
  });
  const dueOn = legalDeadline(registered.day, PETITION_TERM, await getClosures(input.tx, input.institution.id));
  await deps.notifier.enqueue(input.tx, {
    template: CONTACT_TEMPLATE,
    to: { email: input.institution.email, locale: 'ro' },
    data: {
      number: registered.display,
      dueOn: formatDate(`${dueOn}T12:00:00Z`),
      name: m.name,
      topic: m.topic,
      message: m.message,
      reply: translate('ro', m.replyBy === 'email' ? 'contact.reply.email' : 'contact.reply.post'),
      replyTo: m.replyTo,
    },
  });
  await recordAudit(input.tx, {
    chain: input.institution.id,
    actorId: m.accountId,
    action: 'contact.message_registered',
    subjectId: m.accountId,
    entity: 'registry_entry',
    entityId: registered.id,
    details: { number: registered.display, replyBy: m.replyBy },
    ip: m.ip,
  });
  return { number: registered.display, dueOn };
}

/** The message as received, for the registry (Romanian: it is read by the institution's staff). */
async function messagePdf(institution: string, m: ContactMessage, at: Date): Promise<Uint8Array> {
  const t = (key: string) => translate('ro', key);
  const pdf = await PdfWriter.create({ title: t('contact.pdf.title'), author: m.name }, { footer: institution });
  pdf.text(institution, { size: 12, bold: true, gapAfter: 8 });
  pdf.heading(t('contact.pdf.title'));
  pdf.keyValues([
    [t('contact.pdf.sent_at'), formatDateTime(at)],
    [t('contact.pdf.from'), m.name],
    [t('contact.pdf.reply'), `${translate('ro', m.replyBy === 'email' ? 'contact.reply.email' : 'contact.reply.post')} — ${m.replyTo}`],
    [t('contact.pdf.topic'), m.topic],
  ]);
  pdf.space(8);
  pdf.text(m.message, { size: 11 });
  return pdf.save();
}
