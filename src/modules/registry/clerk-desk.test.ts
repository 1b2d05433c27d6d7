import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type FilePart, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';

/*
 * What the registry clerk notices on a busy day: a reply registered to a petition shows on both lines of the register
 * (the reply says what it answers, the petition says which number answered it); a renamed program among the scans
 * is named and left out, and the real scans chosen with it are kept.
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

const ro = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const ARCHIVE = demoDepartmentId(DEMO.sector5, 'ARH');

async function post(fields: Record<string, string>, files: FilePart[] = []) {
  await clerk.get('/birou/registratura/inregistrare');
  const { body, type } = multipartForm({ _csrf: clerk.csrf, direction: 'incoming', channel: 'post', pageCount: '1', departmentId: ARCHIVE, ...fields }, files);
  return clerk.request('POST', '/birou/registratura/inregistrare', body as unknown as string, { 'content-type': type });
}

async function register(fields: Record<string, string>): Promise<{ entryId: string; number: string }> {
  const res = await post(fields);
  expect(res.status, res.body).toBe(303);
  const page = await clerk.follow(res);
  const number = /Înregistrarea nr\. (\d+\/\d{2}\.\d{2}\.\d{4})/.exec(page.body)![1]!;
  return { entryId: res.location!.split('/').pop()!, number };
}

describe('a reply and the document it answers', () => {
  it('are linked both ways: on each entry’s page and on the answered line of the register and its export', async () => {
    const letter = await register({ issuerName: 'Gheorghe Țăranu', summary: 'Solicită o copie după autorizația de construire din 1998' });
    const reply = await register({
      direction: 'outgoing',
      issuerName: 'Primăria Sectorului 5',
      addressee: 'Gheorghe Țăranu',
      summary: 'Răspuns: copia autorizației de construire',
      repliesTo: letter.number,
    });

    const replyPage = await clerk.get(`/birou/registratura/intrari/${reply.entryId}`);
    expect(replyPage.body).toContain(`Răspunde la documentul nr. <a class="govuk-link" href="/birou/registratura/intrari/${letter.entryId}">${letter.number}</a>`);
    const letterPage = await clerk.get(`/birou/registratura/intrari/${letter.entryId}`);
    expect(letterPage.body).toContain(`Răspuns înregistrat cu nr. <a class="govuk-link" href="/birou/registratura/intrari/${reply.entryId}">${reply.number}</a>`);
    expect(letterPage.body).toContain(`răspuns cu nr. ${reply.number}`);

    const day = ro(bucharestDay(new Date(clock)));
    const csv = (await clerk.get(`/birou/registratura/export?de_la=${day}&pana_la=${day}&format=csv`)).body;
    const letterLine = csv.split('\r\n').find((l) => l.startsWith(`${letter.number.split('/')[0]};`))!;
    expect(letterLine).toContain(`răspuns cu nr. ${reply.number}`);

    // The printed register: each number is written whole in its narrow column, never cut across two lines.
    const pdf = await t.app.inject({ method: 'GET', url: `/birou/registratura/export?de_la=${day}&pana_la=${day}&format=pdf`, headers: { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(pdf.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'pd-register-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(letter.number);
      expect(text).toContain(reply.number);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.from('This program cannot be run in DOS mode.')]);
const form = {
  direction: 'incoming',
  channel: 'counter',
  issuerName: 'Elena Popa',
  summary: 'Cerere privind ridicarea gunoiului',
  pageCount: '1',
};

describe('a renamed program among the scans', () => {
  it('is named in the error and left out, the real scan is kept and registered with the document', async () => {
    const files: FilePart[] = [
      { field: 'scan', filename: 'cerere.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'scan', filename: 'anexa.pdf', type: 'application/pdf', bytes: EXE },
    ];
    // The sender forgotten as well: the page comes back for two reasons.
    for (const fields of [{ ...form, issuerName: '' }, form]) {
      const bad = await post(fields, files);
      expect(bad.status).toBe(400);
      expect(bad.body).toContain('Fișierul „anexa.pdf” trebuie să fie PDF, JPG sau PNG.');
      expect(bad.body).toMatch(/cerere\.pdf \(1 KB\)/);
      expect(bad.body).not.toMatch(/anexa\.pdf \(/);
    }

    const again = await post(form, files);
    const kept = /name="keptScans" value="([^"]+)"/.exec(again.body)![1]!;
    const ok = await post({ ...form, keptScans: kept });
    expect(ok.status, ok.body).toBe(303);
    const entry = await clerk.follow(ok);
    expect(entry.body).toContain('cerere.pdf');
    expect(entry.body).not.toContain('anexa.pdf');
  });
});

describe('the same paper registered twice (the browser’s Back button brings the filled form back)', () => {
  it('takes no second number unless the clerk confirms it is another document', async () => {
    const letter = { issuerName: 'Test Înapoi', summary: 'Cerere de reexaminare a taxei de parcare' };
    const first = await register(letter);
    const count = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry'))[0]!.n;
    const before = await count();

    const again = await post(letter);
    expect(again.status).toBe(400);
    expect(again.body).toContain(`Ați înregistrat deja un document de la același emitent, cu același conținut`);
    expect(again.body).toContain(`cu nr. ${first.number}`);
    expect(again.body).toContain('>Cerere de reexaminare a taxei de parcare</textarea>');
    expect(await count()).toBe(before);

    const confirmed = await register({ ...letter, confirmTwin: 'yes' });
    expect(confirmed.number).not.toBe(first.number);
    expect(await count()).toBe(before + 1);
  });
});

describe('a paper petition with its case opened and a department chosen', () => {
  it('sends the case to that department at once, as the register line says', async () => {
    const info = demoDepartmentId(DEMO.sector5, 'INFO');
    const entry = await register({
      channel: 'counter',
      issuerName: 'Maria Vasilescu',
      issuerPhone: '0722 123 456',
      summary: 'Petiție: gunoiul nu a fost ridicat de două săptămâni',
      departmentId: info,
      caseServiceCode: 'PETITIE',
    });
    const [row] = await t.database.query<{ department_id: string; step_key: string | null; entry_department: string }>(
      `SELECT c.department_id, c.step_key, r.department_id AS entry_department FROM "case" c JOIN registry_entry r ON r.id = c.registry_entry_id WHERE r.id = $1`,
      [entry.entryId],
    );
    expect(row).toMatchObject({ department_id: info, entry_department: info });
    expect(row!.step_key).not.toBe('registratura');
  });
});

describe('the department list, worked by keyboard', () => {
  it('starts every department’s option with its name after the indentation, so typing its first letters selects it', async () => {
    const form = (await clerk.get('/birou/registratura/inregistrare')).body;
    const select = form.slice(form.indexOf('name="departmentId"'), form.indexOf('</select>', form.indexOf('name="departmentId"')));
    const labels = [...select.matchAll(/<option value="[0-9a-f-]{36}"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(10);
    expect(labels).toContain('\u2003\u2003Serviciul Registratură');
    for (const label of labels) expect(label.trimStart(), label).toMatch(/^(Direcția|Serviciul|Biroul|Compartimentul)/);
  });
});

describe('a wrong number of annexes', () => {
  it('is named as the annexes’ mistake, not as the pages’ (the summary listed “pages: at least 1” twice)', async () => {
    const bad = await post({ ...form, pageCount: '0', annexCount: '-1' });
    expect(bad.status).toBe(400);
    const summary = /<div class="govuk-error-summary[\s\S]*?<\/ul>/.exec(bad.body)![0];
    expect(summary).toContain('<a href="#pageCount">Scrieți un număr întreg (file: cel puțin 1).</a>');
    expect(summary).toContain('<a href="#annexCount">Scrieți numărul de anexe ca număr întreg (0 dacă documentul nu are anexe).</a>');
  });
});

describe('two files refused among the scans', () => {
  it('are both named, so the empty one does not vanish from the form unnoticed, and the real scan is kept', async () => {
    const bad = await post(form, [
      { field: 'scan', filename: 'program.pdf', type: 'application/pdf', bytes: EXE },
      { field: 'scan', filename: 'gol.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) },
      { field: 'scan', filename: 'cerere.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Fișierele program.pdf, gol.pdf nu au fost primite');
    expect(bad.body).toContain('cerere.pdf (1 KB)');
  });
});
