import type { AppDeps } from '../../app.ts';
import { DELIVER_JOB } from '../../platform/notify/create-notifier.ts';
import { STALE_AFTER_SECONDS } from './domain/delivery-policy.ts';
import { takeStaleQueued } from './store.ts';

const BATCH = 100;

/**
 * Queues a new delivery job for every message left queued too long (its job was lost: a crash between
 * attempts, a queue wiped by hand). The periodic `notify.sweep` job runs it every minute.
 */
export async function requeueStaleMessages(deps: Pick<AppDeps, 'db' | 'jobs' | 'log'>, options: { olderThanSeconds?: number } = {}): Promise<number> {
  const ids = await deps.db.transaction(async (tx) => {
    const stale = await takeStaleQueued(tx, options.olderThanSeconds ?? STALE_AFTER_SECONDS, BATCH);
    for (const id of stale) await deps.jobs.send(DELIVER_JOB, { id }, { tx });
    return stale;
  });
  if (ids.length) deps.log.warn({ count: ids.length }, 'stale outbox messages re-queued');
  return ids.length;
}
