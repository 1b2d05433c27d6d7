import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { AuditInput } from '../../platform/audit/audit.ts';
import { bucharestDay, legalDeadline } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { type Locale, translate } from '../../platform/i18n/i18n.ts';
import { followCasePath, formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { attachCaseDocuments } from '../cases/attach-case-documents.ts';
import { NUMBER_PLACEHOLDER, openCase } from '../cases/open-case.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { enforceLimit } from '../identity/rate-limit.ts';
import { getClosures } from '../organisation/closures.ts';
import { attachToEntry, REGISTRY_NUMBER, registerDocument } from '../registry/register-document.ts';
import { PdfWriter } from '../../platform/pdf/pdf-document.ts';
import { addressBucket } from '../../platform/ids/address-bucket.ts';

export const CONTACT_TEMPLATE = 'pages.contact_message.v2';
export const CONTACT_ACK_TEMPLATE = 'pages.contact_received.v1';

/** A petition is answered within 30 days of its registration (OG nr. 27/2002, art. 8). */
const PETITION_TERM = { days: 30, unit: 'calendar' } as const;

export function registerContactTemplate(): void {
  registerTemplate(CONTACT_TEMPLATE, {
    subjectKey: 'contact.mail.subject',
    bodyKeys: ['contact.mail.intro', 'contact.mail.topic', 'contact.mail.body', 'contact.mail.reply', 'contact.mail.due'],
  });
  registerTemplate(CONTACT_ACK_TEMPLATE, {
    subjectKey: 'contact.ack.subject',
    bodyKeys: ['contact.ack.greeting', 'contact.ack.body', 'contact.ack.tracking', 'contact.ack.due'],
    action: { labelKey: 'contact.ack.action', urlParam: 'url' },
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
  /** The sender's language, for their acknowledgement. */
  locale: Locale;
  ip: string | null;
};

/** `trackingCode` is there when the message opened a petition case (the institution publishes the petition service). */
export type RegisteredMessage = { number: string; dueOn: string; trackingCode: string | null; caseId: string | null };

/** The catalogue service a contact message becomes a case of: the institution's petition (OG 27/2002). */
export const CONTACT_PETITION_SERVICE = 'PETITIE';

/**
 * Registers a message written through the contact form in the institution's registry (incoming, online: it is a
 * petition, answered within 30 days of registration), in the caller's transaction. When the institution publishes
 * its petition service, the message opens a petition case under that number — routed to the service's department,
 * in the officials' inboxes with its legal clock, followed by the sender with the tracking code (or in their
 * account) and answered through the case — and the sender who gave an e-mail address gets an acknowledgement.
 * Either way the message is kept as a PDF with the registry entry, and the institution's mailbox is told.
 */
export async function sendContactMessage(
  deps: Pick<AppDeps, 'notifier' | 'blobs' | 'config'>,
  input: { tx: Tx; institution: { id: string; name: string; email: string | null } | null; message: ContactMessage; at: Date },
): Promise<RegisteredMessage> {
  const { tx, at } = input;
  if (!input.institution?.email) throw new AppError('contact.no_institution_email', 'unavailable');
  const institution = { ...input.institution, email: input.institution.email };
  const m = input.message;
  // Each message is a registered petition with a legal term: a script must not fill the register. Signed-in
  // senders are counted by account, others by address.
  const sender = m.accountId ? `contact-account:${m.accountId}` : `contact-ip:${addressBucket(m.ip)}`;
  await enforceLimit(tx, [sender], { limit: deps.config.limits.contactPerHour, windowMinutes: 60 }, at, 'contact.rate_limited');
  // The message itself is the registered document, kept as a PDF, so the registry holds what was received even if
  // the e-mail to the institution's mailbox is lost. Rendered and stored before the number is taken.
  const pdf = await messagePdf(institution.name, m, at);
  const stored = { sha256: await deps.blobs.put(pdf), mediaType: 'application/pdf' as const, sizeBytes: pdf.length };
  const summary = translate('ro', 'contact.registry_summary', { topic: m.topic });
  const audit: AuditInput = {
    chain: institution.id,
    actorId: m.accountId,
    action: 'contact.message_registered',
    subjectId: m.accountId,
    entity: 'registry_entry',
    details: { number: NUMBER_PLACEHOLDER, replyBy: m.replyBy },
    ip: m.ip,
  };

  // OG 27/2002's 30 days: the term told to the sender when the petition service has none of its own.
  const legalDue = legalDeadline(bucharestDay(at), PETITION_TERM, await getClosures(tx, institution.id));
  const petition = await findPublishedByCode(tx, institution.id, CONTACT_PETITION_SERVICE);
  if (petition?.definition.caseKind === 'petition') {
    const byEmail = m.replyBy === 'email';
    const opened = await openCase(
      tx,
      {
        serviceVersionId: petition.versionId,
        applicantAccountId: m.accountId,
        companyId: null,
        applicant: { kind: 'person', name: m.name, email: byEmail ? m.replyTo : null, address: byEmail ? null : m.replyTo },
        // The petition service's own answers where the message gives them; the PDF is the message as written.
        answers: { subject: m.topic, content: m.message, answer_channel: byEmail ? 'email' : 'posta', receivedThrough: 'contact_form' },
        channel: 'online',
        actorId: m.accountId,
        transactionId: randomUUID(),
        feeBani: 0,
        summary,
        at,
      },
      {
        beforeNumber: async (caseId, o) => {
          await attachCaseDocuments(tx, { caseId, institutionId: institution.id, documents: [{ ...stored, filename: 'mesaj.pdf' }], actorId: m.accountId });
          const outboxIds = await notifyInstitution(deps, tx, institution, m, NUMBER_PLACEHOLDER, o.dueOn ?? legalDue);
          const follow = followCasePath({ id: caseId, trackingCode: o.trackingCode, applicantAccountId: m.accountId });
          if (byEmail) outboxIds.push(...(await acknowledge(deps, tx, institution.id, m, NUMBER_PLACEHOLDER, o.dueOn ?? legalDue, o.trackingCode, follow)));
          return { outboxIds };
        },
        audit: (caseId) => [{ ...audit, entity: 'case', entityId: caseId }],
      },
    );
    return { number: opened.registry.display, dueOn: opened.dueOn ?? legalDue, trackingCode: opened.trackingCode, caseId: opened.caseId };
  }

  // No petition service published: the message is registered and mailed to the institution only.
  const entryId = randomUUID();
  const dueOn = legalDue;
  const outboxIds = await notifyInstitution(deps, tx, institution, m, REGISTRY_NUMBER, dueOn);
  const registered = await registerDocument(
    tx,
    { institutionId: institution.id, direction: 'incoming', channel: 'online', issuerName: m.name, summary, registeredBy: m.accountId, at },
    { entryId, outboxIds, audits: [{ ...audit, entityId: entryId }] },
  );
  await attachToEntry(tx, { institutionId: institution.id, entryId, filename: `mesaj-${registered.number}-${registered.year}.pdf`, uploadedBy: m.accountId, ...stored });
  return { number: registered.display, dueOn, trackingCode: null, caseId: null };
}

function notifyInstitution(deps: Pick<AppDeps, 'notifier'>, tx: Tx, institution: { id: string; email: string }, m: ContactMessage, number: string, dueOn: string): Promise<string[]> {
  return deps.notifier.enqueue(tx, {
    template: CONTACT_TEMPLATE,
    institutionId: institution.id,
    to: { email: institution.email, locale: 'ro' },
    data: {
      number,
      dueOn: formatDate(`${dueOn}T12:00:00Z`),
      name: m.name,
      topic: m.topic,
      message: m.message,
      reply: translate('ro', m.replyBy === 'email' ? 'contact.reply.email' : 'contact.reply.post'),
      replyTo: m.replyTo,
    },
  });
}

/** The sender's acknowledgement: the number, the tracking code, the term, and where to follow the petition. */
function acknowledge(
  deps: Pick<AppDeps, 'notifier' | 'config'>,
  tx: Tx,
  institutionId: string,
  m: ContactMessage,
  number: string,
  dueOn: string,
  trackingCode: string,
  followPath: string,
): Promise<string[]> {
  return deps.notifier.enqueue(tx, {
    template: CONTACT_ACK_TEMPLATE,
    institutionId,
    to: { accountId: m.accountId, email: m.replyTo, locale: m.locale },
    data: {
      name: m.name,
      number,
      trackingCode: formatTrackingCode(trackingCode),
      dueOn: formatDate(`${dueOn}T12:00:00Z`),
      url: `${deps.config.baseUrl}${followPath}`,
    },
  });
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
