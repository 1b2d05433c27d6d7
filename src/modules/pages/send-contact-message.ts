import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode, newTrackingCode } from '../../platform/ids/tracking-code.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';

export const CONTACT_TEMPLATE = 'pages.contact_message.v1';

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

/**
 * Sends a message written through the contact form to the institution's address, in the caller's
 * transaction, so it reaches the outbox exactly when the journey's draft is marked submitted.
 */
export async function sendContactMessage(
  deps: Pick<AppDeps, 'notifier'>,
  input: { tx: Tx; institutionEmail: string | null; message: ContactMessage },
): Promise<{ reference: string }> {
  if (!input.institutionEmail) throw new AppError('contact.no_institution_email', 'unavailable');
  const reference = formatTrackingCode(newTrackingCode());
  const m = input.message;
  await deps.notifier.enqueue(input.tx, {
    template: CONTACT_TEMPLATE,
    to: { email: input.institutionEmail, locale: 'ro' },
    data: {
      reference,
      name: m.name,
      topic: m.topic,
      message: m.message,
      reply: translate('ro', m.replyBy === 'email' ? 'contact.reply.email' : 'contact.reply.post'),
      replyTo: m.replyTo,
    },
  });
  await recordAudit(input.tx, {
    chain: PLATFORM_CHAIN,
    actorId: m.accountId,
    action: 'contact.message_sent',
    subjectId: m.accountId,
    entity: 'contact_message',
    entityId: reference,
    details: { replyBy: m.replyBy },
    ip: m.ip,
  });
  return { reference };
}
