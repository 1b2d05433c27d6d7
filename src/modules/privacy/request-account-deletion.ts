import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { verifyPassword } from '../../platform/auth/password.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { revokeAccountSessions } from '../identity/session-store.ts';
import { findDeletionFacts, markDeletionRequested } from './store.ts';

export const DELETION_TEMPLATE = 'privacy.deletion_requested.v1';

/** Whether the person confirms with their password or, for an account without one (identity provider only), a checkbox. */
export async function deletionConfirmation(deps: AppDeps, actor: Actor): Promise<'password' | 'checkbox'> {
  const facts = await findDeletionFacts(deps.db, actor.accountId);
  return facts?.passwordHash ? 'password' : 'checkbox';
}

/**
 * Records the person's request to delete their account (GDPR art. 17). An administrator carries it out later,
 * keeping what the law requires the city hall to keep. The person is signed out everywhere and gets an email.
 */
export async function requestAccountDeletion(
  deps: AppDeps,
  actor: Actor,
  input: { password?: string; confirmed?: boolean },
): Promise<{ requestedAt: Date; sessionsEnded: number }> {
  const facts = await findDeletionFacts(deps.db, actor.accountId);
  if (!facts) throw new AppError('not_found', 'not_found');
  if (facts.passwordHash) {
    if (!input.password) throw new AppError('privacy.deletion.password_missing', 'invalid', {}, { password: 'privacy.deletion.password_missing' });
    // Outside the transaction: argon2 takes tens of milliseconds and needs no database.
    if (!(await verifyPassword(facts.passwordHash, input.password))) {
      throw new AppError('privacy.deletion.password_wrong', 'invalid', {}, { password: 'privacy.deletion.password_wrong' });
    }
  } else if (input.confirmed !== true) {
    throw new AppError('privacy.deletion.confirm_missing', 'invalid', {}, { confirm: 'privacy.deletion.confirm_missing' });
  }
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const requestedAt = await markDeletionRequested(tx, actor.accountId, now);
    const sessionsEnded = await revokeAccountSessions(tx, actor.accountId, now);
    await deps.notifier.enqueue(tx, {
      template: DELETION_TEMPLATE,
      to: { accountId: actor.accountId, email: facts.email, locale: facts.locale },
      data: { name: facts.displayName, date: formatDate(requestedAt) },
    });
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'privacy.deletion_requested',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      details: { confirmedWith: facts.passwordHash ? 'password' : 'checkbox', sessionsEnded },
      ip: actor.ip,
    });
    return { requestedAt, sessionsEnded };
  });
}
