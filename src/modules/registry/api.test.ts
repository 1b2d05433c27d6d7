import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';

/* The registry clerk's register through the JSON API only: filters that say what is wrong. */

let t: TestApp;
let clock = Date.now();
let clerk: Client;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> } };
describe('the register through the API', () => {
  it('refuses a filter it does not know instead of ignoring it and listing everything', async () => {
    for (const query of ['direction=sideways', 'channel=fax', 'departmentId=registratura']) {
      const res = await clerk.api('GET', `/api/v1/registry/entries?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json<ErrorAnswer>().error.code).toBe('validation');
    }
    expect((await clerk.api('GET', '/api/v1/registry/entries?direction=incoming&channel=online')).status).toBe(200);
  });
});
