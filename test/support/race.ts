import type { AppDeps } from '../../src/app.ts';

type Db = AppDeps['db'];

/**
 * The database handle, but the first transaction opened through it (among those `when` lets through, e.g. opened from
 * one use case's file) waits for `meanwhile` to finish first: what another request commits between a use case's first
 * reads and its transaction. `ran()` says whether it happened (a test should check it did).
 */
export function transactionAfter(db: Db, meanwhile: () => Promise<unknown>, when: () => boolean = () => true): { db: Db; ran: () => boolean } {
  let pending = true;
  const delayed = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction' && pending && when()) {
        pending = false;
        return async (...args: Parameters<Db['transaction']>) => {
          await meanwhile();
          return target.transaction(...args);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: delayed, ran: () => !pending };
}
