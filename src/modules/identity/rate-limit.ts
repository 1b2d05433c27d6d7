import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rateLimited } from '../../platform/http/errors.ts';
import { loginThrottle } from './schema.ts';

/** A fixed window: at most `limit` tries per key in `windowMinutes`. */
export type Limit = { limit: number; windowMinutes: number };

/**
 * Counts one more try for the key and returns the count. `fixed`: a window that starts at the first try and is
 * over after `windowStart` (status checks, registrations); `since-last`: the count runs on while tries keep
 * coming and forgets them after a quiet spell longer than the window (failed sign-ins).
 */
export async function countTry(db: Executor, key: string, now: Date, windowStart: Date, kind: 'fixed' | 'since-last' = 'fixed'): Promise<number> {
  return (await countTryIn(db, key, now, windowStart, kind)).count;
}

/** countTry, with when the key's window started (for a fixed window) or its last try came (since-last). */
async function countTryIn(db: Executor, key: string, now: Date, windowStart: Date, kind: 'fixed' | 'since-last', by = 1): Promise<{ count: number; since: Date }> {
  const stale = sql`${loginThrottle.updatedAt} < ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: by, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${stale} THEN ${by}::int ELSE ${loginThrottle.failures} + ${by}::int END`,
        updatedAt: kind === 'since-last' ? now : sql`CASE WHEN ${stale} THEN ${now.toISOString()}::timestamptz ELSE ${loginThrottle.updatedAt} END`,
      },
    })
    .returning({ failures: loginThrottle.failures, since: loginThrottle.updatedAt });
  return { count: row?.failures ?? 1, since: row ? new Date(row.since) : now };
}

/**
 * Counts a try for each key (an address, an e-mail…) and refuses with `code` (HTTP 429, "try again after {until}",
 * `Retry-After` the seconds until the key's window is over) once any of them is over its limit. Used where an anonymous request costs the institution something:
 * a registered petition, an e-mail sent, an account looked up. `by`: what this request adds to the count (a volume
 * such as the kilobytes uploaded, where the limit is a volume).
 */
export async function enforceLimit(db: Executor, keys: string[], limit: Limit, now: Date, code = 'rate_limited_until', by = 1): Promise<void> {
  const window = limit.windowMinutes * 60_000;
  for (const key of keys) {
    const { count, since } = await countTryIn(db, key, now, new Date(now.getTime() - window), 'fixed', by);
    if (count > limit.limit) throw rateLimited(code, new Date(since.getTime() + window), { minutes: limit.windowMinutes });
  }
}
