import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { randomToken } from '../../platform/http/csrf.ts';
import { hashToken } from './session-store.ts';
import { insertToken, retireTokens, type TokenPurpose } from './store.ts';

export const VERIFY_EMAIL_TTL_HOURS = 48;
export const RESET_PASSWORD_TTL_HOURS = 1;

const TTL_HOURS: Record<TokenPurpose, number> = { verify_email: VERIFY_EMAIL_TTL_HOURS, reset_password: RESET_PASSWORD_TTL_HOURS };
const PATHS: Record<TokenPurpose, string> = { verify_email: '/confirmare-email', reset_password: '/resetare-parola' };

/**
 * Creates a single-use link for the account (replacing any earlier one of the same purpose) and returns its URL.
 * Only the token's SHA-256 is stored: a database leak does not hand out working links.
 */
export async function issueAccountLink(tx: Tx, deps: Pick<AppDeps, 'config' | 'now'>, accountId: string, purpose: TokenPurpose): Promise<string> {
  const now = deps.now();
  await retireTokens(tx, accountId, purpose, now);
  const token = randomToken(32);
  await insertToken(tx, {
    id: randomUUID(),
    accountId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + TTL_HOURS[purpose] * 3600_000),
    now,
  });
  return `${deps.config.baseUrl}${PATHS[purpose]}?token=${encodeURIComponent(token)}`;
}
