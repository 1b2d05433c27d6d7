import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { hashToken } from './session-store.ts';
import { consumeToken, markEmailVerified } from './store.ts';

/** Uses the emailed link once; an unknown, used or expired link is refused with one message. */
export async function verifyEmail(deps: AppDeps, input: { token: string; ip: string | null }): Promise<{ accountId: string }> {
  if (!input.token || input.token.length > 100) throw new AppError('identity.link_invalid', 'invalid');
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const accountId = await consumeToken(tx, hashToken(input.token), 'verify_email', now);
    if (!accountId) throw new AppError('identity.link_invalid', 'invalid');
    await markEmailVerified(tx, accountId, now);
    await recordAudit(tx, { chain: PLATFORM_CHAIN, actorId: accountId, action: 'account.email_verified', subjectId: accountId, entity: 'account', entityId: accountId, ip: input.ip });
    return { accountId };
  });
}
