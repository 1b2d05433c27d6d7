import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { registeredTemplates } from '../notify/templates.ts';

let t: TestApp;
beforeAll(async () => {
  // A web-only process: no workers. On PGlite a queue lookup outside the business transaction would wait for it forever.
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

describe('jobs enqueued inside a business transaction', () => {
  it('do not hang a web-only process, and exist only once the transaction commits', async () => {
    const template = registeredTemplates()[0]!;
    const to = { email: 'jobs.test@example.demo', locale: 'ro' as const };
    const ids = await t.deps.db.transaction((tx) => t.deps.notifier.enqueue(tx, { template, to, data: {} }));
    expect(ids).toHaveLength(1);
    const jobs = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify.deliver' AND data->>'id' = $1`, [ids[0]]);
    expect(jobs[0]!.n).toBe(1);

    class Rollback extends Error {}
    let rolledBackId = '';
    await t.deps.db
      .transaction(async (tx) => {
        rolledBackId = (await t.deps.notifier.enqueue(tx, { template, to, data: {} }))[0] ?? '';
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    const none = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'id' = $1`, [rolledBackId]);
    expect(none[0]!.n).toBe(0);
  }, 20_000);
});
