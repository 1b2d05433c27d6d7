import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { assertMayReadOutbox, type OutboxViewer, outboxInstitutionsOf } from './outbox-viewer.ts';
import { countMessages, listMessages, type OutboxRow } from './store.ts';

export const OUTBOX_PAGE_SIZE = 25;

export type OutboxPage = { messages: OutboxRow[]; total: number; page: number; pageCount: number };

/**
 * One page of the outbox, newest first, optionally for one recipient (`match: 'contains'` for the search
 * box, `'exact'` for tools). An official's reading is audited: recipients are personal data.
 */
export async function listOutboxMessages(
  deps: Pick<AppDeps, 'db' | 'config'>,
  input: { viewer: OutboxViewer; recipient?: string | null; match?: 'exact' | 'contains'; page?: number; pageSize?: number },
): Promise<OutboxPage> {
  assertMayReadOutbox(deps, input.viewer);
  const filter = { recipient: input.recipient, match: input.match ?? 'contains', institutions: outboxInstitutionsOf(input.viewer) };
  const pageSize = input.pageSize ?? OUTBOX_PAGE_SIZE;
  return deps.db.transaction(async (tx) => {
    const total = await countMessages(tx, filter);
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
    const messages = await listMessages(tx, filter, { limit: pageSize, offset: (page - 1) * pageSize });
    if (input.viewer.kind === 'official') {
      await recordAudit(tx, {
        chain: PLATFORM_CHAIN,
        actorId: input.viewer.actor.accountId,
        action: 'outbox.listed',
        entity: 'outbox_message',
        details: { recipient: filter.recipient ?? null, page, shown: messages.length },
        ip: input.viewer.actor.ip,
      });
    }
    return { messages, total, page, pageCount };
  });
}
