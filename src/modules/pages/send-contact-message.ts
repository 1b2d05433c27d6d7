import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { legalDeadline } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { getClosures } from '../organisation/closures.ts';
import { registerDocument } from '../registry/register-document.ts';

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
  deps: Pick<AppDeps, 'notifier'>,
  input: { tx: Tx; institution: { id: string; email: string | null } | null; message: ContactMessage; at: Date },
): Promise<RegisteredMessage> {
  if (!input.institution?.email) throw new AppError('contact.no_institution_email', 'unavailable');
  const m = input.message;
  const registered = await registerDocument(input.tx, {
    institutionId: input.institution.id,
    direction: 'incoming',
    channel: 'online',
    issuerName: m.name,
    summary: translate('ro', 'contact.registry_summary', { topic: m.topic }),
    registeredBy: m.accountId,
    at: input.at,
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
