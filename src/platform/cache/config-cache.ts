import type { Database } from '../../db/database.ts';
import type { Subscription } from '../../db/notifications.ts';

/**
 * The institution's configuration as every case reads it — departments, closed days, workflows, the institution
 * itself, the published version of a service — kept in memory: a submission no longer pays five round trips for what changes a few times a year.
 *
 * Migrations 0039 and 0040 notify `pd_config_changed` after any change to those tables; every process drops the whole
 * cache then (before the committing code goes on, in the process that made the change). Nothing is kept while no
 * database of this process is listening (CLI commands, a lost listening connection). Values are frozen: callers
 * share them. One database per process is assumed (as deployed); a process with several databases (some tests)
 * still drops everything on any change, but must not give two databases different configurations under one id.
 */
export const CONFIG_CHANGED = 'pd_config_changed';

const entries = new Map<string, unknown>();
const watching = new Set<Subscription>();
let generation = 0;

function forget(): void {
  generation++;
  entries.clear();
}

/** Starts caching for this database's configuration; returns how to stop (when the runtime closes). */
export function watchConfig(database: Database): () => void {
  const sub = database.notifications.listen(CONFIG_CHANGED, forget);
  watching.add(sub);
  forget();
  return () => {
    sub.stop();
    watching.delete(sub);
    forget();
  };
}

const live = () => watching.size > 0 && [...watching].every((s) => s.live);

/** Freezes a cached value all the way down: every caller shares it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of value instanceof Map || value instanceof Set ? value.values() : Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The cached value for `key`, else `load()` (kept unless a change was announced meanwhile). */
export async function cachedConfig<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!live()) return load();
  if (entries.has(key)) return entries.get(key) as T;
  const before = generation;
  const value = await load();
  if (before === generation && live()) entries.set(key, deepFreeze(value));
  return value;
}
