import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { Notifier } from './notifier.ts';
import { outboxAttachment, outboxMessage } from './schema.ts';
import { renderTemplate } from './templates.ts';

export const DELIVER_JOB = 'notify.deliver';

const INSTITUTION_TTL_MS = 60_000;

/** Records each message in the outbox in the caller's transaction and queues its delivery in the same transaction. */
export function createNotifier(deps: Pick<AppDeps, 'jobs' | 'config'>): Notifier {
  let institution: { at: number; id: string | null; name: string | null } | null = null;

  /** The deployment's own institution (the page shell's choice: organisation/load-default-institution.ts), cached a minute. */
  async function defaultInstitution(tx: Tx): Promise<{ id: string | null; name: string | null }> {
    if (!institution || Date.now() - institution.at > INSTITUTION_TTL_MS) {
      const slug = deps.config.defaultInstitution ?? '';
      const result = (await tx.execute(
        sql`SELECT id, name FROM institution WHERE slug = ${slug} OR parent_id IS NULL ORDER BY (slug = ${slug}) DESC, created_at, slug LIMIT 1`,
      )) as unknown as { rows: { id: string; name: string }[] };
      institution = { at: Date.now(), id: result.rows[0]?.id ?? null, name: result.rows[0]?.name ?? null };
    }
    return institution;
  }

  return {
    async enqueue(tx, message) {
      const channels = message.channels ?? ['email'];
      const fallback = await defaultInstitution(tx);
      const institutionId = message.institutionId ?? fallback.id;
      // The sending institution shown in the email header: the caller's `institutionName`, else the default one.
      const given = message.data.institutionName;
      const rendered = renderTemplate(message.template, message.to.locale, message.data, {
        institutionName: typeof given === 'string' && given ? given : fallback.name,
      });
      const ids: string[] = [];
      if (channels.includes('email') && message.to.email) {
        const id = randomUUID();
        await tx.insert(outboxMessage).values({
          id,
          channel: 'email',
          recipient: message.to.email,
          accountId: message.to.accountId ?? null,
          institutionId,
          template: message.template,
          locale: message.to.locale,
          subject: rendered.subject,
          bodyText: rendered.text,
          bodyHtml: rendered.html,
        });
        const files = message.attachments ?? [];
        if (files.length) await tx.insert(outboxAttachment).values(files.map((f, position) => ({ messageId: id, position, ...f })));
        ids.push(id);
      }
      if (channels.includes('sms') && message.to.phone && rendered.sms) {
        const id = randomUUID();
        await tx.insert(outboxMessage).values({
          id,
          channel: 'sms',
          recipient: message.to.phone,
          accountId: message.to.accountId ?? null,
          institutionId,
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
