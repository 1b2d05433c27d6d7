import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
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

/** Signs out, the page still open in another tab with the ended session's cookie and its CSRF token. */
async function signOutLeavingPageOpen(c: Client): Promise<void> {
  const { csrf } = c;
  const token = c.cookies.get('pd_session')!;
  await c.post('/deconectare', {});
  c.cookies.set('pd_session', token);
  c.csrf = csrf;
}

/** The post is answered with the plain way back to its page through sign-in, and nothing is kept. */
async function expectNotKept(send: () => Promise<{ status: number; location?: string }>, page: string): Promise<void> {
  const before = await keptCount();
  const r = await send();
  expect(r.status).toBe(303);
  expect(r.location).toBe(`/autentificare?next=${encodeURIComponent(page)}`);
  expect(await keptCount()).toBe(before);
}

/** The kept page a late post leads to through sign-in. */
function keptPageOf(late: { status: number; location?: string }): string {
  expect(late.status).toBe(303);
  const next = decodeURIComponent(/^\/autentificare\?next=(.+)$/.exec(late.location ?? '')?.[1] ?? '');
  expect(next).toMatch(/^\/cont\/pagina-netrimisa\/[0-9a-f-]{36}$/);
  return next;
}

const idle = () => {
  clock += (t.deps.config.session.idleMinutes + 1) * 60_000;
};

describe('a page sent after the session timed out', () => {
  it('is kept for the next sign-in of the same person, who sends it again with one button', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtContact(c);
    idle();
    const late = await c.request('POST', `${draft}/contact`, { _csrf: c.csrf, phone: '0722 123 456' }, { host: 'localhost', referer: `http://localhost${draft}/contact` });
    const next = keptPageOf(late);
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
    await signOutLeavingPageOpen(c);
    await expectNotKept(() => c.request('POST', `${draft}/contact`, { _csrf: c.csrf, phone: '0722 000 111' }, { host: 'localhost', referer: `http://localhost${draft}/contact` }), `${draft}/contact`);
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MARK = 'CONTINUT-FISIER-NEPASTRAT';

/** Maria's fiscal certificate draft at its purpose page: text answers and a power of attorney to attach (multipart). */
async function draftAtPurpose(c: Client): Promise<string> {
  const draft = await draftAtContact(c);
  await c.post(`${draft}/contact`, { phone: '0722 123 456' });
  expect((await c.get(`${draft}/scop`)).body).toContain('enctype="multipart/form-data"');
  return draft;
}

const purposeAnswers = { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', deceased_cnp: '1800101123450', delivery: 'electronic', on_behalf: 'da', action: 'continue' };

function postFiles(c: Client, url: string, fields: Record<string, string>, files: { field: string; filename: string }[]) {
  const m = multipartForm({ _csrf: c.csrf, ...fields }, files.map((f) => ({ ...f, type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.from(MARK)]) })));
  return c.request('POST', url, m.body as unknown as string, { 'content-type': m.type, host: 'localhost', referer: `http://localhost${url}` });
}

const draftState = async (draft: string) =>
  (await t.database.query<{ answers: Record<string, unknown>; n: number }>(
    "SELECT d.answers, (SELECT count(*)::int FROM case_document WHERE draft_id = d.id) AS n FROM case_draft d WHERE d.id = $1",
    [draft.split('/').pop()],
  ))[0]!;

describe('a page with files sent after the session timed out', () => {
  it('keeps its text, not its files nor a PIN, and the person chooses the files again on the page that sends it', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtPurpose(c);
    idle();
    const late = await postFiles(c, `${draft}/scop`, { ...purposeAnswers, signingPin: '246810' }, [{ field: 'mandate', filename: 'imputernicire.pdf' }]);
    const next = keptPageOf(late);
    const signIn = await c.follow(late);
    expect(signIn.body).toContain('Am păstrat ce ați scris, dar nu și fișierele atașate');

    // Kept: the typed answers and the name of the file chosen; not the PIN, not a byte of the file.
    const [row] = await t.database.query<{ fields: Record<string, unknown>; files: unknown }>('SELECT fields, files FROM unsent_form WHERE id = $1', [next.split('/').pop()]);
    expect(row!.fields).toEqual(purposeAnswers);
    expect(row!.files).toEqual({ mandate: ['imputernicire.pdf'] });
    expect(JSON.stringify(row!.fields)).not.toContain(MARK);
    const before = await draftState(draft);
    expect(before.answers.purpose).toBeUndefined();
    expect(before.n).toBe(0);

    await c.request('POST', '/autentificare', { _csrf: c.csrf, next, email: DEMO_ACCOUNTS.maria.email, password: DEMO_PASSWORD });
    const offer = await c.get(next);
    expect(offer.status).toBe(200);
    expect(offer.body).toContain('Fișierele atașate nu s-au păstrat');
    expect(offer.body).toContain('nu am păstrat parolele, codurile și PIN-urile');
    expect(offer.body).not.toContain('246810');
    expect(offer.body).toMatch(new RegExp(`<form action="${draft}/scop" method="post" novalidate enctype="multipart/form-data"`));
    expect(offer.body).toMatch(/<label[^>]*for="unsent-file-0"[^>]*>\s*Alegeți din nou: imputernicire\.pdf/);
    expect(offer.body).toMatch(/<input class="govuk-file-upload" id="unsent-file-0" name="mandate" type="file"/);
    const hidden: Record<string, string> = Object.fromEntries(hiddenFields(offer.body, `${draft}/scop`) as [string, string][]);
    expect(hidden).toEqual({ _csrf: c.csrf, ...purposeAnswers });

    // Sent with the file chosen again: saved as if it had arrived in time.
    const sent = await postFiles(c, `${draft}/scop`, Object.fromEntries(Object.entries(hidden).filter(([n]) => n !== '_csrf')), [{ field: 'mandate', filename: 'imputernicire.pdf' }]);
    expect(sent.status, sent.body).toBe(303);
    expect(sent.location).toBe(`${draft}/acord-documente`);
    const after = await draftState(draft);
    expect(after.answers.deceased_name).toBe('Gheorghe Ionescu');
    expect(after.n).toBe(1);

    c.cookies.set('pd_lang', 'en');
    const en = await c.get(next);
    c.cookies.delete('pd_lang');
    expect(en.body).toContain('The attached files were not kept');
    expect(en.body).toContain('Choose again: imputernicire.pdf');
  });

  it('is not read at all after signing out: nothing kept, the usual way back to the page', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtPurpose(c);
    await signOutLeavingPageOpen(c);
    await expectNotKept(() => postFiles(c, `${draft}/scop`, purposeAnswers, [{ field: 'mandate', filename: 'imputernicire.pdf' }]), `${draft}/scop`);
  });

  it('is not kept when its body is longer than one file and the text (several large files)', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await draftAtPurpose(c);
    idle();
    const big = Buffer.alloc(t.deps.config.uploadLimitBytes, 0x20);
    const m = multipartForm({ _csrf: c.csrf, ...purposeAnswers }, [
      { field: 'mandate', filename: 'a.pdf', type: 'application/pdf', bytes: big },
      { field: 'mandate', filename: 'b.pdf', type: 'application/pdf', bytes: big },
    ]);
    const send = () => c.request('POST', `${draft}/scop`, m.body as unknown as string, { 'content-type': m.type, host: 'localhost', referer: `http://localhost${draft}/scop` });
    await expectNotKept(send, `${draft}/scop`);
  });
});

const keptCount = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM unsent_form'))[0]!.n;
