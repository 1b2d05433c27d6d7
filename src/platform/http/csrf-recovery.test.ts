import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../../modules/identity/seed-demo.ts';

/*
 * A form of our own sent after its session ended (the idle timeout while an elderly person typed, a sign-out in
 * another tab) or from a page older than the session is not a dead end: the person is taken back to the page, through
 * sign-in when the session is gone, and told why. A form posted from another site still gets the plain refusal.
 */

let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);
const HOST = 'localhost:3000';

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
});
afterAll(async () => t?.stop());

const signIn = (): Promise<Client> => signInDemo(t, DEMO_ACCOUNTS.maria, () => (clock += 30_000), '/cont/profil');

/** Posts the profile form with the token of the page seen last, as the browser would from `referer`. */
const postProfile = (c: Client, referer?: string) =>
  c.request('POST', '/cont/profil', { _csrf: c.csrf, phone: '+40722000111' }, { host: HOST, ...(referer ? { referer } : {}) });

describe('a form sent after its session or page went stale', () => {
  it('after the idle timeout: to sign-in, saying why, and what was typed is offered to be sent again afterwards', async () => {
    const c = await signIn();
    clock += 31 * 60_000; // past the 30-minute idle timeout
    const res = await postProfile(c, `http://${HOST}/cont/profil`);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/autentificare\?next=%2Fcont%2Fpagina-netrimisa%2F[0-9a-f-]{36}$/);
    const page = await c.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sesiunea dumneavoastră s-a încheiat');
    expect(page.body).toContain('Am păstrat ce ați scris');
  });

  it('signed in, from a page older than the session: back to the page, asked to send it again', async () => {
    const c = await signIn();
    const stale = c.csrf;
    // Signing in again elsewhere in the same browser gives a new session; the old page's token is not its.
    const again = await signIn();
    c.cookies = new Map(again.cookies);
    c.csrf = stale;
    const res = await postProfile(c, `http://${HOST}/cont/profil`);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/cont/profil');
    expect((await c.get('/cont/profil')).body).toContain('Pagina era deschisă de prea mult timp');
  });

  it('a file sent after the idle timeout: to sign-in, told its text was kept and the file is to be chosen again', async () => {
    const c = await signIn();
    const start = await c.post('/servicii/dgitl5/CERT-FISCAL/cerere', { action: 'start', companyId: 'self' });
    const draft = start.location!;
    await c.get(`${draft}/scop`);
    clock += 31 * 60_000;
    const m = multipartForm({ _csrf: c.csrf, purpose: 'alt_scop', action: 'continue' }, [{ field: 'mandate', filename: 'imputernicire.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    const res = await c.request('POST', `${draft}/scop`, m.body as unknown as string, { host: HOST, 'content-type': m.type, referer: `http://${HOST}${draft}/scop` });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/autentificare\?next=%2Fcont%2Fpagina-netrimisa%2F[0-9a-f-]{36}$/);
    expect((await c.get(res.location!)).body).toContain('Am păstrat ce ați scris, dar nu și fișierele atașate');
  });

  it('from another site, or with no page to go back to: the plain refusal, nothing changed', async () => {
    const c = await signIn();
    for (const referer of ['https://evil.example/form', undefined]) {
      c.csrf = 'not-the-token'; // the refusal page's own forms hand the client a good token again
      const res = await postProfile(c, referer);
      expect(res.status).toBe(403);
      expect(res.body).toContain('Formularul a expirat sau nu a fost trimis din această pagină');
    }
    const rows = await t.database.query<{ phone: string | null }>('SELECT phone FROM account WHERE id = $1', [DEMO_ACCOUNTS.maria.id]);
    expect(rows[0]!.phone).not.toBe('+40722000111');
  });

  it('browsers send the page a form came from to this site only (Referrer-Policy: same-origin)', async () => {
    const res = await t.client().get('/');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });
});
