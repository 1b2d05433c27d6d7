import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { seedDemoCases } from './seed-demo.ts';

/*
 * The demo's cases (what `npm start` shows a newcomer under "Cererile mele"), made on a fresh copy of the demo
 * database: the test template itself has none.
 */

let t: TestApp;
let clock = Date.now();
const { ion, maria } = DEMO_ACCOUNTS;
const countCases = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"'))[0]!.n;
let casesInTemplate: number;

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  casesInTemplate = await countCases();
  await seedDemoCases(t.deps);
}, 120_000);
afterAll(async () => t?.stop());

const signIn = (a: typeof ion | typeof maria): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), '/cont/cereri');

/** The rows of "Cererile mele": each case's link and the text of its row. */
function rows(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<tr class="govuk-table__row"[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) => ({ href: /href="(\/cont\/cereri\/[0-9a-f-]{36})"/.exec(m[1]!)?.[1] ?? '', text: m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') }))
    .filter((r) => r.href);
}

describe('the demo citizen’s requests', () => {
  it('lists five of Ion’s requests in different states, each with its number and tracking code', async () => {
    const c = await signIn(ion);
    const list = await c.get('/cont/cereri');
    expect(list.status).toBe(200);
    const found = rows(list.body);
    expect(found).toHaveLength(5);
    const row = (service: string, status: string) => found.find((r) => r.text.includes(service) && r.text.includes(status));
    expect(row('Certificat de nomenclatură stradală și adresă', 'Soluționată – răspunsul a fost emis')).toBeDefined();
    expect(row('Certificat de urbanism', 'Așteaptă documente de la dumneavoastră')).toBeDefined();
    expect(row('Certificat de urbanism', 'În lucru')).toBeDefined();
    expect(row('Sesizare despre o problemă din sector', 'Înregistrată')).toBeDefined();
    expect(row('Solicitare de informații de interes public', 'Soluționată')).toBeDefined();
    for (const r of found) {
      expect(r.text).toMatch(/\d+\/\d{2}\.\d{2}\.\d{4}/);
      expect(r.text).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    }
  });

  it('shows the inspector’s completion request, a message thread, and the signed answer on the case pages', async () => {
    const c = await signIn(ion);
    const found = rows((await c.get('/cont/cereri')).body);
    const page = async (status: string) => (await c.get(found.find((r) => r.text.includes(status))!.href)).body;
    const waiting = await page('Așteaptă documente');
    for (const text of ['Vi s-au cerut documente suplimentare', 'Planul de situație încărcat nu are viza OCPI București.', 'Andrei Popa – Inspector, Serviciul Certificate de Urbanism', 'plan-situatie.pdf']) {
      expect(waiting).toContain(text);
    }
    const thread = await page('În lucru');
    for (const text of ['Cererea a fost depusă și înregistrată', 'Trimisă la compartiment', 'Cererea a fost repartizată', 'Vă convine joi, între orele 10 și 12?', 'vă aștept la poartă']) {
      expect(thread).toContain(text);
    }

    // The street-light report's place can be opened on a map, not only read as coordinates.
    const report = (await c.get(found.find((r) => r.text.includes('Sesizare despre o problemă din sector'))!.href)).body;
    expect(report).toContain('https://www.openstreetmap.org/?mlat=44.4203&amp;mlon=26.0734#map=18/44.4203/26.0734');
    expect(report).toContain('Vedeți locul pe hartă');

    const info = (await c.get(found.find((r) => r.text.includes('informații de interes public'))!.href)).body;
    // A public-information request is answered with the information itself, in the signed PDF.
    expect(info).toContain('Răspunsul vă comunică informațiile cerute.');
    expect(info).toContain('Simona Dragomir');
    const infoPdf = /href="\/cont\/cereri\/([0-9a-f-]{36})\/documente\/([0-9a-f-]{36})"[^>]*>raspuns-/.exec(info);
    expect((await c.get(`/cont/cereri/${infoPdf![1]}/documente/${infoPdf![2]}`)).status).toBe(200);
    const [stored] = await t.database.query<{ sha256: string }>('SELECT sha256 FROM case_document WHERE id = $1', [infoPdf![2]]);
    const infoBytes = Buffer.from((await t.deps.blobs.get(stored!.sha256))!);
    expect(execFileSync('pdftotext', ['-', '-'], { input: infoBytes }).toString().replace(/\s+/g, ' ')).toContain('are valoarea de 4.850.000 lei fără TVA');

    const answered = (await c.get(found.find((r) => r.text.includes('nomenclatură stradală'))!.href)).body;
    expect(answered).toContain('Răspunsul a fost emis');
    const pdfLink = /href="(\/cont\/cereri\/[0-9a-f-]{36}\/documente\/[0-9a-f-]{36})"[^>]*>raspuns-/.exec(answered);
    expect(pdfLink).not.toBeNull();
    const pdf = await c.get(pdfLink![1]!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    // Signed by the inspector, the head of department and the mayor, then sealed: four signatures.
    expect(pdf.body.match(/\/ByteRange/g)).toHaveLength(4);
  });

  it('gives Maria the notice of start of works she filed for Construct Demo SRL', async () => {
    const c = await signIn(maria);
    const found = rows((await c.get('/cont/cereri')).body);
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toContain('Anunțarea începerii lucrărilor de construcții');
    expect(found[0]!.text).toContain('Înregistrată');
  });

  it('changes nothing when run again, and is not in the test template (tests count registry numbers from 1)', async () => {
    expect(casesInTemplate).toBe(0);
    expect(await countCases()).toBe(6);
    expect(await seedDemoCases(t.deps)).toBe(0);
    expect(await countCases()).toBe(6);
  });
});

describe('the demo back office', () => {
  it('has letters without a case waiting in their departments: the urbanism head sees hers, not the archive’s', async () => {
    const head = await signInDemo(t, DEMO_ACCOUNTS.headOfDepartment, () => (clock += 30_000), '/birou');
    expect((await head.get('/birou')).body).toContain('Documente repartizate compartimentului, fără dosar (de rezolvat: 1)');
    const list = (await head.get('/birou/documente')).body;
    expect(list).toContain('Notificare privind controlul tematic al certificatelor de urbanism');
    expect(list).not.toContain('nomenclatorului arhivistic');
    const archive = await signInDemo(t, DEMO_ACCOUNTS.headArchive, () => (clock += 30_000), '/birou');
    expect((await archive.get('/birou/documente')).body).toContain('Adresă privind actualizarea nomenclatorului arhivistic');
  });

  it('has a company mandate waiting for the registry: Ion Popescu’s, with its document', async () => {
    const clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
    expect((await clerk.get('/birou')).body).toContain('Împuterniciri ale reprezentanților de firme (de verificat: 1)');
    const list = (await clerk.get('/birou/reprezentanti')).body;
    expect(list).toContain('Tâmplăria Popescu SRL');
    expect(list).toContain(ion.email);
    const id = /href="\/birou\/reprezentanti\/([0-9a-f-]{36})"/.exec(list)![1]!;
    const cookie = [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const mandate = await t.app.inject({ method: 'GET', url: `/birou/reprezentanti/${id}/imputernicire`, headers: { cookie } });
    expect(mandate.headers['content-type']).toBe('application/pdf');
    expect((await (await signIn(ion)).get('/cont')).body).toContain('În verificare');
  });
});
