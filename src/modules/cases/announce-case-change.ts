import type { Executor } from '../../db/database.ts';
import { notifyCaseChanged } from './store.ts';

/**
 * Tells whoever has the case open — its page, the inboxes of its department — that it changed, where the change is
 * not one of the case's own (another area's record of it: a new answer version to sign). Step actions need not: the
 * case's row changes with them, and its triggers say so.
 */
export function announceCaseChange(tx: Executor, c: { id: string; institutionId: string; departmentId: string | null }): Promise<void> {
  return notifyCaseChanged(tx, c);
}
