import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testConfig } from '../test/support/harness.ts';
import { hashToken } from '../src/modules/identity/session-store.ts';
import { createSubmitters, drive } from './submissions.ts';

/*
 * The submission benchmark's driver speaks the public API: when the API changes shape, the benchmark must fail here,
 * in the test suite, not first in a benchmark run (a changed registry number shape broke it once unnoticed).
 */
let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => t?.stop());

describe('the submission benchmark driver', () => {
  it('submits one fiscal certificate request end to end through the API, as the benchmark does', async () => {
    const sessions = await createSubmitters(t.database, 1, testConfig().sessionSecret);
    const result = await drive({ url, sessions, warmupSeconds: 0, seconds: 60, maxSubmissions: 1 });
    expect(result.failures).toEqual({});
    expect(result.submissions).toBe(1);
    const [row] = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM \"case\" c JOIN case_document d ON d.case_id = c.id WHERE c.applicant_account_id = $1",
      [await accountOf(sessions[0]!.token)],
    );
    expect(row!.n).toBe(1);
  });
});

async function accountOf(token: string): Promise<string> {
  const [row] = await t.database.query<{ account_id: string }>('SELECT account_id FROM session WHERE id = $1', [hashToken(token)]);
  return row!.account_id;
}
