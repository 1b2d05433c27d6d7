import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertMayReadOutbox, type OutboxViewer, outboxInstitutionsOf } from './outbox-viewer.ts';
import { findMessage, listAttachments, type OutboxAttachmentRow, type OutboxRow } from './store.ts';

/** One outbox message with the files it carries, or 404; an official's reading is audited against the recipient's account. */
export async function getOutboxMessage(deps: Pick<AppDeps, 'db' | 'config'>, input: { viewer: OutboxViewer; id: string }): Promise<OutboxRow & { attachments: OutboxAttachmentRow[] }> {
  assertMayReadOutbox(deps, input.viewer);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.id)) throw new AppError('not_found', 'not_found');
  return deps.db.transaction(async (tx) => {
    const message = await findMessage(tx, input.id);
    const readable = outboxInstitutionsOf(input.viewer);
    // Another institution's message is "not found", like a missing one.
    if (!message || (readable !== 'all' && !(message.institutionId && readable.includes(message.institutionId)))) throw new AppError('not_found', 'not_found');
    if (input.viewer.kind === 'official') {
      await recordAudit(tx, {
        chain: PLATFORM_CHAIN,
        actorId: input.viewer.actor.accountId,
        action: 'outbox_message.viewed',
        subjectId: message.accountId,
        entity: 'outbox_message',
        entityId: message.id,
        ip: input.viewer.actor.ip,
      });
    }
    return { ...message, attachments: await listAttachments(tx, message.id) };
  });
}
