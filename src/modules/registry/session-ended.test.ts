import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';

/*
 * A busy counter: the clerk fills in a form, a queue of people later presses the button, and the session has ended
 * meanwhile (idle timeout). Nothing is registered, and the page the clerk lands on says so — the sign-in page alone
 * read like any other sign-in, and the clerk handed back a paper believed registered.
 */

let t: TestApp;
let clock = Date.now();
let clerk: Client;

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
});
afterAll(async () => t?.stop());

const entries = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry'))[0]!.n;

/** Opens the form, lets the session run out while it is filled in, then sends it. */
async function sendAfterIdle(path: string, fields: Record<string, string>) {
  await clerk.get(path);
  clock += (t.deps.config.session.idleMinutes + 1) * 60_000;
  const { body, type } = multipartForm({ _csrf: clerk.csrf, ...fields }, [{ field: 'scan', filename: 'petitie.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
  return clerk.request('POST', path, body as unknown as string, { 'content-type': type });
}

describe('a form sent after the clerk’s session ended', () => {
  it('registers nothing, and the sign-in page says no number was given, then leads back to the form', async () => {
    const before = await entries();
    const res = await sendAfterIdle('/birou/registratura/inregistrare', {
      direction: 'incoming',
      channel: 'counter',
      issuerName: 'Elena Vasile',
      summary: 'Cerere de audiență',
      pageCount: '1',
      departmentId: demoDepartmentId(DEMO.sector5, 'ARH'),
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/autentificare?next=${encodeURIComponent('/birou/registratura/inregistrare')}`);
    const signIn = await clerk.follow(res);
    expect(signIn.body).toContain('nu s-a înregistrat nimic și nu s-a dat niciun număr');
    expect(await entries()).toBe(before);
  });

  it('says the same on the counter form', async () => {
    clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
    const res = await sendAfterIdle('/birou/ghiseu/servicii/CERERE-GEN', { pLastName: 'Stan', pFirstName: 'Ion' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/autentificare?next=${encodeURIComponent('/birou/ghiseu/servicii/CERERE-GEN')}`);
    expect((await clerk.follow(res)).body).toContain('nu s-a înregistrat nimic și nu s-a dat niciun număr');
  });
});
