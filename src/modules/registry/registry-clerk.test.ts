import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type FilePart, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { createBlobStore } from '../../platform/storage/create-blob-store.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { registerPerson, validCnp } from '../identity/test-helpers.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { COUNTER_APPLICANT_ANSWERS } from '../assisted/test-fixtures.ts';

/*
 * The registry clerk's day: a paper petition registered with its scan (and its case opened), a request filed at the
 * counter for a person without an account, the register searched, exported as CSV and as a printable PDF; who may
 * not see it is refused; the person later attaches the counter case to their own account.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'pd-registry-'));
let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);

beforeAll(async () => {
  t = await startTestApp({ config: { dataDir } });
  t.deps.now = now;
});
afterAll(async () => {
  await t?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
type Upload = FilePart;

const multipart = multipartForm;

async function postMultipart(c: Client, url: string, fields: Record<string, string | string[]>, files: Upload[] = []) {
  await c.get(url);
  const { body, type } = multipart({ _csrf: c.csrf, ...fields }, files);
  return c.request('POST', url, body as unknown as string, { 'content-type': type });
}

function pdfText(body: string | Buffer): string {
  const file = join(dataDir, `out-${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function getBinary(c: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload };
}

const today = () => bucharestDay(now());
const ro = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const RP = demoDepartmentId(DEMO.sector5, 'RP');
const petitionerCnp = validCnp(701);
const counterPersonCnp = validCnp(702);

let clerk: Client;
let paper: { entryId: string; number: string };
let counter: { caseId: string; number: string; trackingCode: string };

const paperForm = (overrides: Record<string, string> = {}) => ({
  direction: 'incoming',
  channel: 'post',
  issuerName: 'Ștefan Țăranu',
  issuerCode: petitionerCnp,
  issuerAddress: 'Str. Șerban Vodă nr. 12, Sector 5, București',
  issuerReference: '17',
  issuerDate: '01.02.2026',
  summary: 'Petiție privind iluminatul public pe strada Șerban Vodă',
  pageCount: '2',
  annexCount: '1',
  departmentId: RP,
  fileCode: 'I-2',
  caseServiceCode: 'PETITIE',
  ...overrides,
});

describe('the registry clerk registers a paper petition', () => {
  it('shows the form with the department tree and the petition services', async () => {
    clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    const form = await clerk.get('/birou/registratura/inregistrare');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Înregistrează un document');
    expect(form.body).toContain('Biroul Relații cu Publicul și Audiențe');
    expect(form.body).toContain('\u2003\u2003Serviciul Registratură');
    expect(form.body).toContain('value="PETITIE"');
    // The clerk is told that the issuer's contact data goes into a case only: the register itself does not keep it.
    expect(form.body).toContain('Adresa, e-mailul și telefonul se păstrează doar în dosarul pe care îl deschideți mai sus');
  });

  it('re-shows the form with a message on each wrong field and keeps what was typed', async () => {
    const bad = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ issuerCode: '1900101401234', summary: '', pageCount: 'două' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Există o problemă');
    expect(bad.body).toContain('CNP-ul nu este valid: cifra de control nu se potrivește.');
    expect(bad.body).toContain('Scrieți pe scurt conținutul documentului.');
    expect(bad.body).toContain('Scrieți un număr întreg');
    expect(bad.body).toContain('value="Ștefan Țăranu"');
  });

  it('refuses a reply to a number that is not in the register, and spends no number', async () => {
    const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry');
    const bad = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ repliesTo: '99999/01.02.2026' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Nu există în registru un document cu numărul la care răspundeți.');
    expect(bad.body).toContain('value="99999/01.02.2026"');
    const malformed = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ linkedTo: '12-2026' }));
    expect(malformed.body).toContain('Scrieți numărul de înregistrare ca 123/22.11.2026.');
    const after = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('links a document on the same matter to the first one, the clerk naming a later one, a paper petition too', async () => {
    const numberOf = async (summary: string) => {
      const [e] = await t.database.query<{ id: string; n: string; linked: string | null }>(
        "SELECT id, number || '/' || to_char(registered_on, 'DD.MM.YYYY') AS n, linked_entry_id AS linked FROM registry_entry WHERE summary = $1",
        [summary],
      );
      return e!;
    };
    const first = 'Sesizare privind groapa din strada Sabinelor';
    const later = 'Revenire: groapa din strada Sabinelor';
    const petition = 'Petiție: groapa din strada Sabinelor, a treia oară';
    // Someone else than the petitioner the later tests look for by name.
    const elena = { issuerName: 'Elena Vasile', issuerCode: '' };
    expect((await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ ...elena, summary: first, caseServiceCode: '' }))).status).toBe(303);
    const a = await numberOf(first);
    expect((await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ ...elena, summary: later, caseServiceCode: '', linkedTo: a.n }))).status).toBe(303);
    const b = await numberOf(later);
    expect(b.linked).toBe(a.id);
    expect((await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ ...elena, summary: petition, linkedTo: b.n }))).status).toBe(303);
    expect((await numberOf(petition)).linked).toBe(a.id);
  });

  it('refuses a scan that is not a PDF, JPEG or PNG by its content', async () => {
    const bad = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm(), [
      { field: 'scan', filename: 'petitie.pdf', type: 'application/pdf', bytes: Buffer.from('doar text, nu un PDF') },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Fișierul „petitie.pdf” trebuie să fie PDF, JPG sau PNG.');
  });

  it('registers it with its scan, opens the petition case under the same number, and prints the slip', async () => {
    const res = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm(), [
      { field: 'scan', filename: 'petitie.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(res.status).toBe(303);
    const page = await clerk.follow(res);
    const m = /Înregistrarea nr\. (\d+\/\d{2}\.\d{2}\.\d{4})/.exec(page.body);
    expect(m).not.toBeNull();
    paper = { entryId: res.location!.split('/').pop()!, number: m![1]! };
    expect(paper.number.endsWith(`/${ro(today())}`)).toBe(true);
    expect(page.body).toContain('s-a deschis dosarul cu codul de urmărire');
    expect(page.body).toContain('petitie.pdf');
    expect(page.body).toContain('Biroul Relații cu Publicul și Audiențe');

    const [entry] = await t.database.query<{ channel: string; issuer_code: string; page_count: number; annex_count: number; case_id: string; issuer_date: string }>(
      "SELECT channel, issuer_code, page_count, annex_count, case_id, to_char(issuer_date, 'YYYY-MM-DD') AS issuer_date FROM registry_entry WHERE id = $1",
      [paper.entryId],
    );
    expect(entry).toMatchObject({ channel: 'post', issuer_code: petitionerCnp, page_count: 2, annex_count: 1, issuer_date: '2026-02-01' });
    const [kase] = await t.database.query<{ channel: string; applicant: { cnp: string; name: string }; registry_entry_id: string; applicant_account_id: string | null }>(
      'SELECT channel, applicant, registry_entry_id, applicant_account_id FROM "case" WHERE id = $1',
      [entry!.case_id],
    );
    expect(kase).toMatchObject({ channel: 'post', registry_entry_id: paper.entryId, applicant_account_id: null });
    expect(kase!.applicant).toMatchObject({ cnp: petitionerCnp, name: 'Ștefan Țăranu' });

    const sha = createHash('sha256').update(PDF).digest('hex');
    const docs = await t.database.query<{ sha256: string; media_type: string }>('SELECT sha256, media_type FROM registry_document WHERE registry_entry_id = $1', [paper.entryId]);
    expect(docs).toEqual([{ sha256: sha, media_type: 'application/pdf' }]);
    expect(await t.database.query('SELECT 1 FROM case_document WHERE case_id = $1 AND sha256 = $2', [entry!.case_id, sha])).toHaveLength(1);
    expect(Buffer.from((await createBlobStore({ dataDir }).get(sha))!).equals(PDF)).toBe(true);

    const slip = await getBinary(clerk, `/birou/registratura/intrari/${paper.entryId}/fisa.pdf`);
    expect(slip.status).toBe(200);
    expect(slip.type).toContain('application/pdf');
    const text = pdfText(slip.bytes);
    expect(text).toContain(paper.number);
    expect(text).toContain('Ștefan Țăranu');
    expect(text).toContain('Petiție privind iluminatul public pe strada Șerban Vodă');
    // Two pages, one annex, in Romanian's own plural ("1 anexe" read as a typo on a paper handed over).
    expect(text).toMatch(/2 file, 1 anexă(?!\p{L})/u);
    // The petitioner on paper can follow the petition without an account: code, deadline and where, on the slip.
    const [opened] = await t.database.query<{ tracking_code: string; due: string }>(`SELECT tracking_code, to_char(due_on, 'DD.MM.YYYY') AS due FROM "case" WHERE id = $1`, [entry!.case_id]);
    expect(text).toContain(formatTrackingCode(opened!.tracking_code));
    expect(text).toContain(opened!.due);
    expect(text).toContain(`/verificare-cerere?cod=${opened!.tracking_code}`);
    // And the entry's page leads the clerk to the case.
    const entryPage = await clerk.get(`/birou/registratura/intrari/${paper.entryId}`);
    expect(entryPage.body).toContain(`href="/birou/dosare/${entry!.case_id}"`);
    // A recorded entry is read, not filled in: its labels do not say "(opțional)".
    expect(entryPage.body).toContain(`<dt class="govuk-summary-list__key">CNP sau CUI al emitentului</dt><dd class="govuk-summary-list__value">${petitionerCnp}</dd>`);
    expect(entryPage.body).not.toContain('(opțional)');
  });
});

describe('the counter: a request filed for a person without an account', () => {
  const person = {
    pLastName: 'Bălănescu',
    pFirstName: 'Ioana',
    pCnp: counterPersonCnp,
    pIdType: 'CI',
    pIdSeries: 'rx',
    pIdNumber: '123456',
    pPhone: '0722 123 456',
    pPageCount: '2',
  };
  const answers = {
    ...COUNTER_APPLICANT_ANSWERS,
    email: 'ioana.balanescu@exemplu.ro',
    subject: 'Cerere de copie după autorizație',
    content: 'Solicit o copie după autorizația de construire a blocului în care locuiesc.',
    declaration_truth: 'yes',
  };

  it('lists the published services and shows the service form with the identification block', async () => {
    const list = await clerk.get('/birou/ghiseu?q=cerere generala');
    expect(list.status).toBe(200);
    expect(list.body).toContain('href="/birou/ghiseu/servicii/CERERE-GEN"');
    const form = await clerk.get('/birou/ghiseu/servicii/CERERE-GEN');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Actul de identitate prezentat');
    expect(form.body).toContain('Conținutul cererii');
  });

  it('re-shows the form with specific errors (identity and the service’s questions) and keeps the values', async () => {
    const bad = await postMultipart(clerk, '/birou/ghiseu/servicii/CERERE-GEN', { ...person, pCnp: '1900101401234', ...answers, content: 'scurt' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('CNP-ul nu este valid: cifra de control nu se potrivește.');
    expect(bad.body).toMatch(/cel puțin 10 caractere/);
    // The error summary names the question, as on the online form.
    expect(bad.body).toMatch(/govuk-error-summary__list[\s\S]*Conținutul cererii: [^<]*cel puțin 10 caractere/);
    expect(bad.body).toContain('value="Bălănescu"');
  });

  it('opens the case on the counter channel with the identity document, and prints the receipt', async () => {
    const res = await postMultipart(clerk, '/birou/ghiseu/servicii/CERERE-GEN', { ...person, ...answers }, [
      { field: 'pScans', filename: 'autorizatie.png', type: 'image/png', bytes: PNG },
    ]);
    expect(res.status).toBe(303);
    const caseId = res.location!.split('/').pop()!;
    const done = await clerk.follow(res);
    expect(done.body).toContain('Cerere înregistrată cu nr.');
    const [row] = await t.database.query<{ channel: string; tracking_code: string; applicant: Record<string, string>; applicant_account_id: string | null; answers: Record<string, unknown>; number: number; day: string }>(
      `SELECT c.channel, c.tracking_code, c.applicant, c.applicant_account_id, c.answers, r.number, to_char(r.registered_on, 'DD.MM.YYYY') AS day
         FROM "case" c JOIN registry_entry r ON r.id = c.registry_entry_id WHERE c.id = $1`,
      [caseId],
    );
    expect(row).toMatchObject({ channel: 'counter', applicant_account_id: null });
    expect(row!.applicant).toMatchObject({ name: 'Bălănescu Ioana', cnp: counterPersonCnp, idDocument: 'CI RX 123456', phone: '0722 123 456' });
    // Once-only: the name and CNP the clerk typed in the identification block answer the form's questions.
    expect(row!.answers).toMatchObject({ applicant_name: 'Bălănescu Ioana', applicant_cnp: counterPersonCnp, subject: 'Cerere de copie după autorizație' });
    counter = { caseId, number: `${row!.number}/${row!.day}`, trackingCode: row!.tracking_code };
    expect(done.body).toContain(counter.number);
    expect(done.body).toContain(`${counter.trackingCode.slice(0, 4)}-${counter.trackingCode.slice(4)}`);
    expect(await t.database.query("SELECT 1 FROM case_document WHERE case_id = $1 AND media_type = 'image/png'", [caseId])).toHaveLength(1);

    const receipt = await getBinary(clerk, `/birou/ghiseu/dosare/${caseId}/recipisa.pdf`);
    expect(receipt.status).toBe(200);
    const text = pdfText(receipt.bytes);
    expect(text).toContain(counter.number);
    expect(text).toContain(`${counter.trackingCode.slice(0, 4)}-${counter.trackingCode.slice(4)}`);
    expect(text).toContain('Bălănescu Ioana');
    // Like the online receipt: where to check the status without an account.
    expect(text).toContain(`/verificare-cerere?cod=${counter.trackingCode}`);
  });

  it('lists the services alphabetically, as the clerk looks for them', async () => {
    const list = await clerk.get('/birou/ghiseu');
    const names = [...list.body.matchAll(/href="\/birou\/ghiseu\/servicii\/[^"]+"[^>]*>([^<]+)</g)].map((m) => m[1]!.trim());
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort(new Intl.Collator('ro').compare));
  });

  it('files through the API too, and refuses an invalid answer with field messages', async () => {
    await clerk.get('/birou/ghiseu');
    const bad = await clerk.api('POST', '/api/v1/assisted/cases', {
      serviceCode: 'PETITIE',
      person: { firstName: 'Ion', lastName: 'Vasile', cnp: validCnp(703), idDocument: { type: 'CI', series: 'RX', number: '654321' }, email: 'ion.vasile@exemplu.ro' },
      answers: { applicant_kind: 'pf' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { code: string; fields: Record<string, string> } }>().error.fields).toHaveProperty('petition_kind');
  });
});

describe('searching and exporting the register', () => {
  it('filters by text without diacritics, by channel and by number, newest first', async () => {
    const byText = await clerk.get('/birou/registratura?text=stefan+taranu');
    expect(byText.status).toBe(200);
    expect(byText.body).toContain(paper.number);
    expect(byText.body).not.toContain(counter.number);
    const byChannel = await clerk.get('/birou/registratura?canal=counter');
    expect(byChannel.body).toContain(counter.number);
    expect(byChannel.body).not.toContain(paper.number);
    const byNumber = await clerk.get(`/birou/registratura?numar=${encodeURIComponent(counter.number)}`);
    expect(byNumber.body).toContain('Înregistrări găsite: 1');
    const all = await clerk.get(`/birou/registratura?de_la=${ro(today())}&pana_la=${ro(today())}`);
    expect(all.body.indexOf(counter.number)).toBeLessThan(all.body.indexOf(paper.number));
    for (const column of ['Nr. și data la emitent', 'File', 'Anexe', 'Conținut pe scurt', 'Data expedierii', 'Mod de rezolvare', 'Destinatar', 'Nr. conexat / răspuns la', 'Indicativ dosar']) {
      expect(all.body).toContain(column);
    }

    const api = await clerk.api('GET', '/api/v1/registry/entries?q=TARANU');
    expect(api.status).toBe(200);
    const found = api.json<{ entries: { number: { number: number; date: string; formatted: string }; issuerName: string; pageCount: number }[]; total: number }>();
    expect(found.entries.map((e) => e.number.formatted)).toEqual([paper.number]);
    const [n, d] = paper.number.split('/');
    expect(found.entries[0]!.number).toEqual({ number: Number(n), date: d!.split('.').reverse().join('-'), formatted: paper.number });
    expect(found.entries[0]).toMatchObject({ issuerName: 'Ștefan Țăranu', pageCount: 2 });
    const none = await clerk.api('GET', '/api/v1/registry/entries?q=taranu&direction=outgoing');
    expect(none.json<{ total: number }>().total).toBe(0);
  });

  it('registers a reply through the API, refusing an unknown number first', async () => {
    const body = { direction: 'outgoing', channel: 'post', issuerName: 'Primăria Sectorului 5', summary: 'Răspuns la petiția privind iluminatul', pageCount: 1, addressee: 'Ștefan Țăranu' };
    const unknown = await clerk.api('POST', '/api/v1/registry/entries', { ...body, repliesTo: '99999/01.02.2026' });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('registry.reply_to_unknown');
    const ok = await clerk.api('POST', '/api/v1/registry/entries', { ...body, repliesTo: paper.number });
    expect(ok.status).toBe(201);
    const reply = ok.json<{ id: string; number: { number: number; date: string; formatted: string }; caseId: string | null }>();
    expect(reply.caseId).toBeNull();
    const listed = await clerk.api('GET', `/api/v1/registry/entries?number=${encodeURIComponent(reply.number.formatted)}`);
    expect(listed.json<{ entries: { repliesTo: { number: number; date: string; formatted: string }; addressee: string }[] }>().entries[0]).toMatchObject({ repliesTo: { formatted: paper.number }, addressee: 'Ștefan Țăranu' });
  });

  it('exports the day as CSV (BOM, semicolons, diacritics intact) in number order, on the page and the API', async () => {
    const res = await getBinary(clerk, `/birou/registratura/export?de_la=${ro(today())}&pana_la=${ro(today())}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = res.bytes.toString('utf8');
    expect(csv).toContain('Nr. înreg.;Data înreg.;');
    expect(csv).toContain('Ștefan Țăranu');
    expect(csv).toContain('Bălănescu Ioana');
    const numbers = csv
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => Number(l.split(';')[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers).toContain(Number(paper.number.split('/')[0]));
    expect(numbers).toContain(Number(counter.number.split('/')[0]));

    const api = await clerk.api('GET', `/api/v1/registry/export.csv?from=${today()}&to=${today()}`);
    expect(api.status).toBe(200);
    expect(api.body).toContain('Ștefan Țăranu');
    const reversed = await clerk.api('GET', `/api/v1/registry/export.csv?from=${today()}&to=2020-01-01`);
    expect(reversed.status).toBe(400);
  });

  it('prints the register of the day as a PDF with both entries', async () => {
    const res = await getBinary(clerk, `/birou/registratura/export?de_la=${ro(today())}&pana_la=${ro(today())}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/pdf');
    const text = pdfText(res.bytes);
    expect(text).toContain('Primăria Sectorului 5');
    expect(text).toContain('Registrul general de intrări-ieșiri');
    expect(text).toContain(`Perioada ${ro(today())} – ${ro(today())}`);
    expect(text).toContain('Ștefan Țăranu');
    expect(text).toContain('Bălănescu Ioana');
    expect(text).toMatch(/Perioada [\d.]+ – [\d.]+ — pagina 1 din 1/);
  });

  it('shows an error for a reversed period instead of a file', async () => {
    const res = await clerk.get(`/birou/registratura/export?de_la=${ro(today())}&pana_la=01.01.2020&format=csv`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Data de sfârșit trebuie să fie după data de început.');
  });
});

describe('who may not see the register', () => {
  it('refuses citizens and inspectors on the pages and the API', async () => {
    const anonymous = await t.client().api('GET', '/api/v1/registry/entries');
    expect(anonymous.status).toBe(401);
    for (const who of [DEMO_ACCOUNTS.maria, DEMO_ACCOUNTS.inspector]) {
      const c = await signIn(who);
      for (const url of ['/birou/registratura', `/birou/registratura/intrari/${paper.entryId}`, '/birou/registratura/inregistrare', '/birou/ghiseu', `/birou/ghiseu/dosare/${counter.caseId}`]) {
        const res = await c.get(url);
        expect([403, 404], `${who.email} ${url}`).toContain(res.status);
      }
      expect((await c.api('GET', '/api/v1/registry/entries')).status).toBe(403);
      expect((await c.api('GET', `/api/v1/registry/export.csv?from=${today()}&to=${today()}`)).status).toBe(403);
      const post = await c.api('POST', '/api/v1/registry/entries', { direction: 'incoming', channel: 'post', issuerName: 'X', summary: 'Y', pageCount: 1 });
      expect(post.status).toBe(403);
      const assisted = await c.api('POST', '/api/v1/assisted/cases', {
        serviceCode: 'PETITIE',
        person: { firstName: 'A', lastName: 'B', cnp: validCnp(704), idDocument: { type: 'CI', series: 'RX', number: '111111' }, phone: '0722000000' },
        answers: {},
      });
      expect(assisted.status).toBe(403);
    }
  });

  it('lets the secretary general read the register but not register in it', async () => {
    const c = await signIn(DEMO_ACCOUNTS.secretaryGeneral);
    expect((await c.get('/birou/registratura')).status).toBe(200);
    expect((await c.get('/birou/registratura/inregistrare')).status).toBe(403);
  });

  it('keeps another institution’s clerk out of this register', async () => {
    const other = DEMO_ACCOUNTS.taxesAdministrator;
    await t.database.query("INSERT INTO membership (id, account_id, institution_id, department_id, role) VALUES ($1, $2, $3, NULL, 'registry_clerk')", [
      'ab000000-0000-4000-8000-0000000000f1',
      other.id,
      DEMO.taxes,
    ]);
    const c = await signIn(other);
    const own = await c.get('/birou/registratura');
    expect(own.status).toBe(200);
    expect(own.body).not.toContain('Țăranu');
    expect((await c.get(`/birou/registratura/intrari/${paper.entryId}`)).status).toBe(404);
    expect((await c.get(`/birou/registratura/intrari/${paper.entryId}/fisa.pdf`)).status).toBe(404);
    expect((await c.get(`/birou/ghiseu/dosare/${counter.caseId}`)).status).toBe(404);
    expect((await c.api('GET', `/api/v1/registry/entries?institutionId=${DEMO.sector5}`)).status).toBe(403);
    expect((await c.api('GET', `/api/v1/registry/export.csv?institutionId=${DEMO.sector5}&from=${today()}&to=${today()}`)).status).toBe(403);
  });
});

describe('attaching a counter case to one’s account', () => {
  const generic = 'Datele nu corespund unei cereri depuse la ghișeu pe CNP-ul dumneavoastră.';

  it('answers the same generic message whatever is wrong, including someone else’s CNP', async () => {
    const ion = await signIn(DEMO_ACCOUNTS.ion);
    await ion.get('/cont/revendica-cerere');
    // Ion's account has another CNP than the one on the case: the code and the number alone do not attach it.
    const notHis = await ion.post('/cont/revendica-cerere', { trackingCode: counter.trackingCode, registryNumber: counter.number });
    expect(notHis.status).toBe(400);
    expect(notHis.body).toContain(generic);
    const api = await ion.api('POST', '/api/v1/me/claim-case', { trackingCode: 'AAAA-AAAA', registryNumber: counter.number, cnp: counterPersonCnp });
    expect(api.status).toBe(400);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('cases.claim_mismatch');
    const [row] = await t.database.query<{ applicant_account_id: string | null }>('SELECT applicant_account_id FROM "case" WHERE id = $1', [counter.caseId]);
    expect(row!.applicant_account_id).toBeNull();
  });

  it('attaches it to the right person’s new account, audited, and throttles repeated wrong attempts', async () => {
    const c = t.client();
    await registerPerson(c, 702);
    // The CNP is the account's own: the page does not ask it again.
    expect((await c.get('/cont/revendica-cerere')).body).not.toContain('name="cnp"');
    const wrongNumber = await c.post('/cont/revendica-cerere', { trackingCode: counter.trackingCode, registryNumber: '1/01.01.2026' });
    expect(wrongNumber.body).toContain(generic);
    const ok = await c.post('/cont/revendica-cerere', { trackingCode: counter.trackingCode.toLowerCase(), registryNumber: counter.number });
    expect(ok.status).toBe(303);
    expect((await c.follow(ok)).body).toContain(`Cererea nr. ${counter.number} a fost adăugată în contul dumneavoastră.`);
    const [acc] = await t.database.query<{ id: string }>("SELECT account_id AS id FROM person WHERE cnp = $1", [counterPersonCnp]);
    const [row] = await t.database.query<{ applicant_account_id: string }>('SELECT applicant_account_id FROM "case" WHERE id = $1', [counter.caseId]);
    expect(row!.applicant_account_id).toBe(acc!.id);
    expect(await t.database.query("SELECT 1 FROM audit_entry WHERE action = 'case.claimed' AND entity_id = $1", [counter.caseId])).toHaveLength(1);
    // The same details again (an app retrying after its answer was lost): answered as the first time, not as a wrong try.
    const refusals = async () => (await t.database.query("SELECT 1 FROM audit_entry WHERE action = 'case.claim_refused' AND actor_id = $1", [acc!.id])).length;
    const before = await refusals();
    const again = await c.api('POST', '/api/v1/me/claim-case', { trackingCode: counter.trackingCode, registryNumber: counter.number });
    expect(again.status, again.body).toBe(200);
    expect(again.json()).toMatchObject({ caseId: counter.caseId, number: { formatted: counter.number }, duplicate: true });
    expect(await refusals()).toBe(before);

    const ion = await signIn(DEMO_ACCOUNTS.ion);
    await ion.get('/cont/revendica-cerere');
    let last = { status: 0, body: '' };
    for (let i = 0; i < 5; i++) last = await ion.post('/cont/revendica-cerere', { trackingCode: 'CCCC-CCCC', registryNumber: counter.number });
    expect(last.status).toBe(429);
    expect(last.body).toContain('Prea multe încercări greșite');
  });
});

describe('a form that comes back with errors', () => {
  it('keeps the chosen scan when the form comes back with errors, and registers it with the corrected form', async () => {
    const scan = Buffer.concat([PDF, Buffer.from('% păstrat\n')]);
    const bad = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ summary: '', caseServiceCode: '' }), [
      { field: 'scan', filename: 'adresa.pdf', type: 'application/pdf', bytes: scan },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Scanările alese sunt păstrate');
    expect(bad.body).toContain('adresa.pdf');
    const kept = /name="keptScans" value="([^"]+)"/.exec(bad.body)?.[1];
    expect(kept).toBeDefined();
    const ok = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ summary: 'Adresă cu scanare păstrată', caseServiceCode: '', keptScans: kept! }));
    expect(ok.status).toBe(303);
    const entryId = ok.location!.split('/').pop()!;
    const docs = await t.database.query<{ sha256: string; filename: string }>('SELECT sha256, filename FROM registry_document WHERE registry_entry_id = $1', [entryId]);
    expect(docs).toEqual([{ sha256: createHash('sha256').update(scan).digest('hex'), filename: 'adresa.pdf' }]);
    // A forged or altered field attaches nothing.
    const forged = await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ summary: 'Fără scanare', caseServiceCode: '', keptScans: `${kept!.split('.')[0]}.AAAA` }));
    const forgedDocs = await t.database.query('SELECT 1 FROM registry_document WHERE registry_entry_id = $1', [forged.location!.split('/').pop()]);
    expect(forgedDocs).toHaveLength(0);
  });
});

describe('the case opened from a paper document', () => {
  it('a paper public-information request: the case page says what is asked, from the register, whatever the form’s questions', async () => {
    const res = await postMultipart(
      clerk,
      '/birou/registratura/inregistrare',
      paperForm({ issuerName: 'Gheorghe Ionescu', caseServiceCode: 'INFO-544', summary: 'Solicită lista autorizațiilor de construire emise în 2026', departmentId: demoDepartmentId(DEMO.sector5, 'INFO'), fileCode: 'I-4' }),
      [{ field: 'scan', filename: 'cerere-544.pdf', type: 'application/pdf', bytes: PDF }],
    );
    expect(res.status).toBe(303);
    const [entry] = await t.database.query<{ case_id: string }>('SELECT case_id FROM registry_entry WHERE id = $1', [res.location!.split('/').pop()]);
    const casePage = await clerk.get(`/birou/dosare/${entry!.case_id}`);
    expect(casePage.status).toBe(200);
    const answers = casePage.body.slice(casePage.body.indexOf('Răspunsurile solicitantului'));
    expect(answers).toContain('Cererea a fost depusă pe hârtie');
    expect(answers).toContain('Conținutul pe scurt, din registru');
    expect(answers).toContain('Solicită lista autorizațiilor de construire emise în 2026');
  });
});

describe('routing to a department nobody works in', () => {
  it('marks the departments nobody works in, and warns the clerk who routes a document to one', async () => {
    const clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    const form = await clerk.get('/birou/registratura/inregistrare');
    expect(form.body).toMatch(/>Direcția Juridică \(fără personal\)<\/option>/);
    expect(form.body).toMatch(/>\u2003\u2003Serviciul Certificate de Urbanism<\/option>/);
    expect(form.body).toMatch(/>\u2003\u2003Compartimentul Informații de Interes Public<\/option>/);
    const res = await postMultipart(
      clerk,
      '/birou/registratura/inregistrare',
      paperForm({ caseServiceCode: '', issuerName: 'Tribunalul București', issuerCode: '', summary: 'Adresă privind un litigiu de patrimoniu', departmentId: demoDepartmentId(DEMO.sector5, 'JUR') }),
    );
    expect(res.status).toBe(303);
    const page = await clerk.follow(res);
    expect(page.body).toContain('Atenție: în Direcția Juridică nu lucrează niciun funcționar, deci documentul nu ajunge la nimeni.');
    // Routed where someone works: no warning.
    const fine = await clerk.follow(
      await postMultipart(clerk, '/birou/registratura/inregistrare', paperForm({ caseServiceCode: '', issuerName: 'Tribunalul București', issuerCode: '', summary: 'Adresă privind un certificat de urbanism', departmentId: demoDepartmentId(DEMO.sector5, 'CU') })),
    );
    expect(fine.body).toContain('Documentul a fost înregistrat cu numărul');
    expect(fine.body).not.toContain('nu lucrează niciun funcționar');
  });
});
