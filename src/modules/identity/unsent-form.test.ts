import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed-demo.ts';
import { signInAs } from './test-helpers.ts';

/*
 * An elderly citizen fills in a page of her request slowly, goes to make tea, comes back and presses "Continuați":
 * the session timed out meanwhile. What she typed on that page used to be lost; now it waits for her next sign-in,
 * which offers to send it again with one button — without JavaScript.
 */

let t: TestApp;
let clock = Date.now();

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

async function signedIn(email: string): Promise<Client> {
  const c = t.client();
  expect((await signInAs(c, email, DEMO_PASSWORD)).status).toBe(303);
  return c;
}

/** Maria's fiscal certificate draft, at its contact page (a plain form: the phone number). */
async function draftAtContact(c: Client): Promise<string> {
  const start = await c.get('/servicii/dgitl5/CERT-FISCAL/cerere');
  const action = start.body.includes('Aveți o cerere începută') ? 'restart' : 'start';
  const draft = (await c.post('/servicii/dgitl5/CERT-FISCAL/cerere', { action, companyId: 'self' })).location!;
  await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pf' });
  await c.get(`${draft}/contact`);
  return draft;
}

/** The hidden fields of the form that sends `action` (the page's header has its own sign-out form). */
const hiddenFields = (html: string, action: string) => {
  const form = html.slice(html.indexOf(`action="${action}"`));
  return [...form.slice(0, form.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
};
const idle = () => {
  clock += (t.deps.config.session.idleMinutes + 1) * 60_000;
};

describe('a page sent after the session timed out', () => {
  it('is kept for the next sign-in of the same person, who sends it again with one button', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtContact(c);
    idle();
    const late = await c.request('POST', `${draft}/contact`, { _csrf: c.csrf, phone: '0722 123 456' }, { host: 'localhost', referer: `http://localhost${draft}/contact` });
    expect(late.status).toBe(303);
    const next = decodeURIComponent(/^\/autentificare\?next=(.+)$/.exec(late.location!)![1]!);
    expect(next).toMatch(/^\/cont\/pagina-netrimisa\/[0-9a-f-]{36}$/);
    const signIn = await c.follow(late);
    expect(signIn.body).toContain('Am păstrat ce ați scris: autentificați-vă din nou');
    // Nothing of the page reached the draft.
    const [before] = await t.database.query<{ answers: Record<string, unknown> }>("SELECT answers FROM case_draft WHERE id = $1", [draft.split('/').pop()]);
    expect(before!.answers.phone).toBeUndefined();

    // Signed in again (the sign-in form carries `next`), the page is offered with what she typed.
    const again = await c.request('POST', '/autentificare', { _csrf: c.csrf, next, email: DEMO_ACCOUNTS.maria.email, password: DEMO_PASSWORD });
    expect(again.location).toBe(next);
    const offer = await c.get(next);
    expect(offer.status).toBe(200);
    expect(offer.body).toContain('Trimiteți din nou pagina');
    expect(offer.body).toContain(`action="${draft}/contact"`);
    expect(offer.body).toContain(`href="${draft}/contact"`);
    expect(hiddenFields(offer.body, `${draft}/contact`)).toEqual([
      ['_csrf', c.csrf],
      ['phone', '0722 123 456'],
    ]);
    // The button sends it to the page's own handler, which saves it and goes on as it would have.
    const sent = await c.post(`${draft}/contact`, Object.fromEntries(hiddenFields(offer.body, `${draft}/contact`).filter(([n]) => n !== '_csrf')));
    expect(sent.location).toBe(`${draft}/scop`);
    const [after] = await t.database.query<{ answers: Record<string, unknown> }>("SELECT answers FROM case_draft WHERE id = $1", [draft.split('/').pop()]);
    expect(after!.answers.phone).toBe('+40722123456');

    // Nobody else reads it: another account gets the same 404 as an unknown page.
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    expect((await ion.get(next)).status).toBe(404);
    expect((await ion.get('/cont/pagina-netrimisa/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is not kept after signing out (only a time limit keeps it)', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtContact(c);
    const csrf = c.csrf;
    const token = c.cookies.get('pd_session')!;
    await c.post('/deconectare', {});
    // The page was still open in another tab, with the ended session's cookie.
    c.cookies.set('pd_session', token);
    const before = await keptCount();
    const r = await c.request('POST', `${draft}/contact`, { _csrf: csrf, phone: '0722 000 111' }, { host: 'localhost', referer: `http://localhost${draft}/contact` });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/autentificare?next=${encodeURIComponent(`${draft}/contact`)}`);
    expect(await keptCount()).toBe(before);
  });

  it('never keeps a password, a PIN or a code, and says they will be asked again', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtContact(c);
    idle();
    const late = await c.request('POST', `${draft}/contact`, { _csrf: c.csrf, phone: '0722 123 456', signingPin: '246810', code: '123456' }, { host: 'localhost', referer: `http://localhost${draft}/contact` });
    const next = decodeURIComponent(/next=(.+)$/.exec(late.location!)![1]!);
    const [row] = await t.database.query<{ fields: Record<string, string> }>('SELECT fields FROM unsent_form WHERE id = $1', [next.split('/').pop()]);
    expect(row!.fields).toEqual({ phone: '0722 123 456' });
    await c.follow(late);
    await c.request('POST', '/autentificare', { _csrf: c.csrf, next, email: DEMO_ACCOUNTS.maria.email, password: DEMO_PASSWORD });
    const offer = await c.get(next);
    expect(offer.body).toContain('nu am păstrat parolele, codurile și PIN-urile');
    expect(offer.body).not.toContain('246810');
  });
});

const keptCount = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM unsent_form'))[0]!.n;
