import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { totpCode } from '../identity/totp.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';

/*
 * A busy counter: the clerk fills in a form, a queue of people later presses the button, and the session has ended
 * meanwhile (idle timeout). Nothing is registered, and the page the clerk lands on says so — the sign-in page alone
 * read like any other sign-in, and the clerk handed back a paper believed registered. What the clerk typed is kept (not
 * the scans, never read) and offered again after signing in, the scans to be chosen once more.
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

const SCAN = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\nSCANARE-NEPASTRATA');
const entries = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry'))[0]!.n;

/** Opens the form, lets the session run out while it is filled in, then sends it. */
async function sendAfterIdle(path: string, fields: Record<string, string>) {
  await clerk.get(path);
  clock += (t.deps.config.session.idleMinutes + 1) * 60_000;
  const { body, type } = multipartForm({ _csrf: clerk.csrf, ...fields }, [{ field: 'scan', filename: 'petitie.pdf', type: 'application/pdf', bytes: SCAN }]);
  return clerk.request('POST', path, body as unknown as string, { 'content-type': type });
}

/** The kept page's id from the sign-in redirect, its stored fields, and the clerk signed in again on to it. */
async function kept(res: { location?: string }) {
  const next = decodeURIComponent(/^\/autentificare\?next=(.+)$/.exec(res.location ?? '')?.[1] ?? '');
  expect(next).toMatch(/^\/cont\/pagina-netrimisa\/[0-9a-f-]{36}$/);
  const [row] = await t.database.query<{ fields: Record<string, unknown>; files: unknown }>('SELECT fields, files FROM unsent_form WHERE id = $1', [next.split('/').pop()]);
  return { next, fields: row!.fields, files: row!.files };
}

async function signInAgain(next: string) {
  const { email, password, totpSecret } = DEMO_ACCOUNTS.registryClerk;
  clock += 30_000;
  await clerk.get('/autentificare');
  const first = await clerk.post('/autentificare', { email, password, next });
  await clerk.get(first.location!);
  const second = await clerk.post('/autentificare/doi-factori', { code: totpCode(totpSecret!, t.deps.now()), next });
  expect(second.location).toBe(next);
  return clerk.get(next);
}

const hiddenFields = (html: string, action: string) => {
  const form = html.slice(html.indexOf(`action="${action}"`));
  return Object.fromEntries([...form.slice(0, form.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
};

describe('a form sent after the clerk’s session ended', () => {
  it('registers nothing, says no number was given, keeps the text but not the scans, and registers it once the scan is chosen again', async () => {
    const before = await entries();
    const form = {
      direction: 'incoming',
      channel: 'counter',
      issuerName: 'Elena Vasile',
      summary: 'Cerere de audiență',
      pageCount: '1',
      departmentId: demoDepartmentId(DEMO.sector5, 'ARH'),
    };
    const res = await sendAfterIdle('/birou/registratura/inregistrare', { ...form, code: '123456' });
    expect(res.status).toBe(303);
    const { next, fields, files } = await kept(res);
    const signIn = await clerk.follow(res);
    expect(signIn.body).toContain('nu s-a înregistrat nimic și nu s-a dat niciun număr');
    expect(signIn.body).toContain('Am păstrat ce ați scris, dar nu și scanările');
    expect(await entries()).toBe(before);
    // The text, without the code; of the scan only its name.
    expect(fields).toEqual(form);
    expect(files).toEqual({ scan: ['petitie.pdf'] });
    expect(JSON.stringify(fields)).not.toContain('SCANARE-NEPASTRATA');

    const offer = await signInAgain(next);
    expect(offer.status).toBe(200);
    expect(offer.body).toContain('Alegeți din nou: petitie.pdf');
    expect(offer.body).toMatch(/id="unsent-file-0" name="scan" type="file"/);
    const hidden = hiddenFields(offer.body, '/birou/registratura/inregistrare');
    expect(hidden).toEqual({ _csrf: clerk.csrf, ...form });
    const { body, type } = multipartForm(hidden, [{ field: 'scan', filename: 'petitie.pdf', type: 'application/pdf', bytes: SCAN }]);
    const sent = await clerk.request('POST', '/birou/registratura/inregistrare', body as unknown as string, { 'content-type': type });
    expect(sent.status, sent.body).toBe(303);
    expect(await entries()).toBe(before + 1);
  });

  it('says the same on the counter form, and keeps what was typed there', async () => {
    clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
    const res = await sendAfterIdle('/birou/ghiseu/servicii/CERERE-GEN', { pLastName: 'Stan', pFirstName: 'Ion' });
    expect(res.status).toBe(303);
    const { fields, files } = await kept(res);
    expect(fields).toEqual({ pLastName: 'Stan', pFirstName: 'Ion' });
    expect(files).toEqual({ scan: ['petitie.pdf'] });
    expect((await clerk.follow(res)).body).toContain('nu s-a înregistrat nimic și nu s-a dat niciun număr');
  });

  it('after signing out, reads nothing and leads back to the form', async () => {
    clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
    await clerk.get('/birou/registratura/inregistrare');
    const { csrf } = clerk;
    const token = clerk.cookies.get('pd_session')!;
    await clerk.post('/deconectare', {});
    clerk.cookies.set('pd_session', token);
    const { body, type } = multipartForm({ _csrf: csrf, summary: 'Cerere' }, [{ field: 'scan', filename: 'petitie.pdf', type: 'application/pdf', bytes: SCAN }]);
    const res = await clerk.request('POST', '/birou/registratura/inregistrare', body as unknown as string, { 'content-type': type });
    expect(res.location).toBe(`/autentificare?next=${encodeURIComponent('/birou/registratura/inregistrare')}`);
    expect((await clerk.follow(res)).body).toContain('nu s-a înregistrat nimic și nu s-a dat niciun număr');
  });
});
