import type { Executor, Tx } from '../../db/database.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import { findWithdrawal, lockWithdrawal } from './store.ts';

/**
 * When the service was withdrawn from the online catalogue, or null while it is offered: a draft of a withdrawn
 * service cannot be submitted. Cached like the rest of the configuration: a withdrawal updates the service row,
 * which notifies every process (migrations 0040, 0050).
 */
export async function findServiceWithdrawal(db: Executor, input: { institutionId: string; code: string }): Promise<Date | null> {
  return cachedConfig(`withdrawn:${input.institutionId}:${input.code}`, () => findWithdrawal(db, input.institutionId, input.code));
}

/**
 * Whether the service is withdrawn, read in the caller's transaction under a share lock on the service's row (not
 * from the cache): a submission that checks it here either commits before a concurrent withdrawal or sees it.
 */
export async function lockServiceWithdrawal(tx: Tx, input: { institutionId: string; code: string }): Promise<Date | null> {
  return lockWithdrawal(tx, input.institutionId, input.code);
}
