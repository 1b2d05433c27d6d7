import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { linksIn } from './domain/message-links.ts';
import { listOutboxMessages } from './list-outbox-messages.ts';

const OutboxQuery = z.object({
  to: z.string().trim().min(1).max(200).optional().describe('Recipient (email or phone), matched exactly, case-insensitively'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const OutboxItem = z.object({
  id: z.string().uuid(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  template: z.string(),
  locale: z.string(),
  subject: z.string().nullable(),
  bodyText: z.string(),
  links: z.array(z.string()).describe('Web addresses found in the text body, in order'),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** Development-only JSON view of the outbox for tests and tools (never registered in production). */
export function registerOutboxDevRoutes(app: App, deps: AppDeps): void {
  if (deps.config.env === 'production') return;
  app.get(
    '/api/v1/dev/outbox',
    {
      schema: {
        tags: ['dev'],
        summary: 'Messages in the outbox, newest first (development and tests only; absent in production)',
        querystring: OutboxQuery,
        response: { 200: z.object({ messages: z.array(OutboxItem) }) },
      },
    },
    async (request) => {
      const result = await listOutboxMessages(deps, {
        viewer: { kind: 'developer' },
        recipient: request.query.to,
        match: 'exact',
        pageSize: request.query.limit,
      });
      return {
        messages: result.messages.map((m) => ({
          id: m.id,
          channel: m.channel,
          recipient: m.recipient,
          template: m.template,
          locale: m.locale,
          subject: m.subject,
          bodyText: m.bodyText,
          links: linksIn(m.bodyText),
          status: m.status,
          attempts: m.attempts,
          lastError: m.lastError,
          providerId: m.providerId,
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt ? m.sentAt.toISOString() : null,
        })),
      };
    },
  );
}
