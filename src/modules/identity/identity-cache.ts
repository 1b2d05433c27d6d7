import type { Database } from '../../db/database.ts';
import type { Channel, Subscription } from '../../db/notifications.ts';

/** The channel migration 0036 notifies with an account id whenever the account, its person, company mandates, memberships or sessions change. */
export const ACCOUNT_CHANGED = 'pd_account_changed' satisfies Channel;

const MAX_ENTRIES = 10_000;
/** A safety net only: every change is announced (see 0036); an entry older than this is read again anyway. */
const MAX_AGE_MS = 60_000;

type Entry<T> = { value: T; accountId: string; at: number };

/**
 * What every signed-in request needs to know about its account (the session and the account behind it, the
 * person's own profile), kept in this process so a page does not pay database round trips for it.
 *
 * Correctness rests on PostgreSQL notifications (src/db/notifications.ts): an account's entries are
 * forgotten when its change commits — before the committing code goes on when this process made it, within
 * milliseconds when another process did. A value read while a change was announced is not kept (it may
 * predate the change), and nothing is kept while notifications from other processes are not being received.
 */
export class IdentityCache {
  private readonly sessions = new Map<string, Entry<unknown>>();
  private readonly profiles = new Map<string, Entry<unknown>>();
  private readonly sessionsOf = new Map<string, Set<string>>();
  /** Bumped by every announced change: a load that saw it change may hold an older value. */
  private generation = 0;
  private readonly subscription: Subscription;

  constructor(database: Database) {
    this.subscription = database.notifications.listen(ACCOUNT_CHANGED, (accountId) => this.forget(accountId));
  }

  /** The session with this id (the hash of its token), from memory or from `load`. */
  session<T extends { accountId: string }>(sessionId: string, load: () => Promise<T | null>): Promise<{ value: T | null; cached: boolean }> {
    return this.get(this.sessions, sessionId, load, (v) => v.accountId, (accountId) => this.index(accountId, sessionId));
  }

  /** The account's own profile, from memory or from `load`. */
  profile<T>(accountId: string, load: () => Promise<T | null>): Promise<{ value: T | null; cached: boolean }> {
    return this.get(this.profiles, accountId, load, () => accountId);
  }

  /** Forgets one account (a change was announced), or everything (`null`: changes may have been missed). */
  forget(accountId: string | null): void {
    this.generation++;
    if (accountId === null) {
      this.sessions.clear();
      this.profiles.clear();
      this.sessionsOf.clear();
      return;
    }
    this.profiles.delete(accountId);
    for (const id of this.sessionsOf.get(accountId) ?? []) this.sessions.delete(id);
    this.sessionsOf.delete(accountId);
  }

  /** Drops one session from memory (its next use reads the database). */
  forgetSession(sessionId: string): void {
    this.drop(this.sessions, sessionId);
  }

  /** Resolves when the cache starts keeping entries (its notifications are being received). */
  get ready(): Promise<void> {
    return this.subscription.ready;
  }

  get size(): { sessions: number; profiles: number } {
    return { sessions: this.sessions.size, profiles: this.profiles.size };
  }

  stop(): void {
    this.subscription.stop();
    this.forget(null);
  }

  private async get<T>(
    map: Map<string, Entry<unknown>>,
    key: string,
    load: () => Promise<T | null>,
    accountOf: (value: T) => string,
    onStore?: (accountId: string) => void,
  ): Promise<{ value: T | null; cached: boolean }> {
    const hit = map.get(key);
    const now = performance.now();
    if (hit && now - hit.at < MAX_AGE_MS) return { value: hit.value as T, cached: true };
    if (hit) this.drop(map, key);
    const generation = this.generation;
    const value = await load();
    if (value !== null && generation === this.generation && this.subscription.live) {
      if (map.size >= MAX_ENTRIES) this.drop(map, map.keys().next().value!);
      const accountId = accountOf(value);
      map.set(key, { value, accountId, at: now });
      onStore?.(accountId);
    }
    return { value, cached: false };
  }

  private drop(map: Map<string, Entry<unknown>>, key: string): void {
    const entry = map.get(key);
    if (!entry) return;
    map.delete(key);
    if (map !== this.sessions) return;
    const ids = this.sessionsOf.get(entry.accountId);
    ids?.delete(key);
    if (ids?.size === 0) this.sessionsOf.delete(entry.accountId);
  }

  private index(accountId: string, sessionId: string): void {
    const set = this.sessionsOf.get(accountId) ?? new Set<string>();
    this.sessionsOf.set(accountId, set);
    set.add(sessionId);
  }
}

const caches = new WeakMap<Database, IdentityCache>();

/** The cache of this database (one per process and database; tests open several). */
export function identityCache(database: Database): IdentityCache {
  const cache = caches.get(database) ?? new IdentityCache(database);
  caches.set(database, cache);
  return cache;
}
