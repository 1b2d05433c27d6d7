import type { AppDeps } from '../../app.ts';
import { DeliveryError } from '../../platform/notify/delivery-error.ts';
import type { Mailer } from '../../platform/notify/mailer.ts';
import type { SmsGateway } from '../../platform/notify/sms-gateway.ts';
import { DELIVERY_LEASE_SECONDS, outcomeOfFailure } from './domain/delivery-policy.ts';
import { claimForDelivery, findMessage, listAttachments, markFailed, markSent, releaseAfterError } from './store.ts';

/** Where messages go: the mailer exists only in smtp mode (outbox mode records emails without sending). */
export type Transports = { mailer: Mailer | null; sms: SmsGateway };

export type DeliveryResult = 'sent' | 'failed' | 'skipped';

/** Provider id of an email recorded but not sent (outbox mode), like GOV.UK Notify's test keys. */
export const OUTBOX_PROVIDER_ID = 'outbox';

/**
 * Delivers one outbox message (the `notify.deliver` job). A message already sent or failed, or held by
 * another attempt, is left alone, so running the job twice sends nothing twice. A transient failure is
 * recorded and rethrown so the queue retries with backoff; the last attempt, or a permanent refusal,
 * marks the message failed.
 */
export async function deliverMessage(
  deps: Pick<AppDeps, 'db' | 'config' | 'log' | 'blobs'> & { transports: Transports },
  input: { id: string },
): Promise<DeliveryResult> {
  const message = await claimForDelivery(deps.db, input.id, DELIVERY_LEASE_SECONDS);
  if (!message) {
    const current = await findMessage(deps.db, input.id);
    deps.log.info({ messageId: input.id, status: current?.status ?? 'missing' }, 'outbox message not claimable; nothing to deliver');
    return 'skipped';
  }
  try {
    const { providerId } = await send(deps, message);
    await markSent(deps.db, message.id, providerId);
    deps.log.info({ messageId: message.id, channel: message.channel, attempts: message.attempts }, 'message delivered');
    return 'sent';
  } catch (err) {
    const permanent = err instanceof DeliveryError && err.permanent;
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    if (outcomeOfFailure({ attempts: message.attempts, permanent }) === 'failed') {
      await markFailed(deps.db, message.id, error);
      deps.log.warn({ messageId: message.id, channel: message.channel, attempts: message.attempts, permanent, error }, 'message delivery failed');
      return 'failed';
    }
    await releaseAfterError(deps.db, message.id, error);
    deps.log.info({ messageId: message.id, channel: message.channel, attempts: message.attempts, error }, 'message delivery will be retried');
    throw err;
  }
}

async function send(
  deps: Pick<AppDeps, 'db' | 'config' | 'blobs'> & { transports: Transports },
  message: NonNullable<Awaited<ReturnType<typeof claimForDelivery>>>,
): Promise<{ providerId: string }> {
  if (message.channel === 'sms') {
    return deps.transports.sms.send({ to: message.recipient, text: message.bodyText, sender: deps.config.sms.sender });
  }
  if (deps.config.mail.mode === 'outbox' || !deps.transports.mailer) return { providerId: OUTBOX_PROVIDER_ID };
  const attachments = [];
  for (const a of await listAttachments(deps.db, message.id)) {
    const content = await deps.blobs.get(a.sha256);
    // The file is gone from the store (an operator's cleanup): no attempt will find it, so the message fails for good.
    if (!content) throw new DeliveryError(`attachment missing from the blob store: ${a.filename}`, true);
    attachments.push({ filename: a.filename, contentType: a.mediaType, content });
  }
  return deps.transports.mailer.send({
    to: message.recipient,
    subject: message.subject ?? '',
    text: message.bodyText,
    html: message.bodyHtml,
    ...(attachments.length ? { attachments } : {}),
  });
}
