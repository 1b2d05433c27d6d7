import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Notifier } from './notifier.ts';
import { outboxMessage } from './schema.ts';
import { renderTemplate } from './templates.ts';

export const DELIVER_JOB = 'notify.deliver';

/** Records each message in the outbox in the caller's transaction and queues its delivery in the same transaction. */
export function createNotifier(deps: Pick<AppDeps, 'jobs'>): Notifier {
  return {
    async enqueue(tx, message) {
      const channels = message.channels ?? ['email'];
      const rendered = renderTemplate(message.template, message.to.locale, message.data);
      const ids: string[] = [];
      if (channels.includes('email') && message.to.email) {
        const id = randomUUID();
        await tx.insert(outboxMessage).values({
          id,
          channel: 'email',
          recipient: message.to.email,
          accountId: message.to.accountId ?? null,
          template: message.template,
          locale: message.to.locale,
          subject: rendered.subject,
          bodyText: rendered.text,
          bodyHtml: rendered.html,
        });
        ids.push(id);
      }
      if (channels.includes('sms') && message.to.phone && rendered.sms) {
        const id = randomUUID();
        await tx.insert(outboxMessage).values({
          id,
          channel: 'sms',
          recipient: message.to.phone,
          accountId: message.to.accountId ?? null,
          template: message.template,
          locale: message.to.locale,
          bodyText: rendered.sms,
        });
        ids.push(id);
      }
      for (const id of ids) await deps.jobs.send(DELIVER_JOB, { id }, { tx });
      return ids;
    },
  };
}
