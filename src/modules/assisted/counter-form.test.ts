import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type FilePart, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_SERVICES } from '../catalog/seed-services.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { COUNTER_APPLICANT_ANSWERS, COUNTER_PERSON } from './test-fixtures.ts';

/*
 * The counter form is read by the registry clerk, who fills it in for the applicant: its pages and questions speak
 * about the applicant ("Datele solicitantului"), not to the person reading them.
 */

let t: TestApp;
let clock = Date.now();
let clerk: Client;

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou/ghiseu');
});
afterAll(async () => t?.stop());

/** The page's own content, without the site's header and banners. */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** Posts the service's counter form as the clerk's browser does: multipart, with the token of the page just read. */
async function postCounterForm(code: string, fields: Record<string, string>, files: FilePart[] = []) {
  await clerk.get(`/birou/ghiseu/servicii/${code}`);
  const { body, type } = multipartForm({ _csrf: clerk.csrf, ...fields }, files);
  return clerk.request('POST', `/birou/ghiseu/servicii/${code}`, body as unknown as string, { 'content-type': type });
}

describe('the counter form with the keyboard', () => {
  it('opens on the person’s last name, and on the errors when it comes back with some', async () => {
    const autofocused = /<input[^>]*id="pLastName"[^>]*autofocus/;
    expect(main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body)).toMatch(autofocused);
    const bad = await postCounterForm('CERERE-GEN', { pLastName: 'Stan' });
    expect(bad.status).toBe(400);
    expect(bad.body).not.toMatch(autofocused);
    expect(bad.body).toMatch(/class="govuk-error-summary"[^>]*autofocus/);
  });
});

describe('the counter form speaks about the applicant', () => {
  it('titles the applicant’s page and asks who applies in the third person, in Romanian and English', async () => {
    const ro = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(ro).toContain('<h2 class="govuk-heading-m">Datele solicitantului</h2>');
    expect(ro).toContain('Solicitantul depune cererea ca:');
    // The note on a page that applies only after an answer quotes the question as the clerk reads it.
    expect(ro).toContain('Doar dacă la „Solicitantul depune cererea ca:” răspunsul este: Persoană fizică.');
    expect(ro).not.toContain('dumneavoastră');
    expect(ro).not.toContain('Depuneți cererea ca:');

    expect((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN?lang=en')).status).toBe(303);
    const en = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(en).toContain('<h2 class="govuk-heading-m">Applicant’s details</h2>');
    expect(en).toContain('The applicant is applying as:');
    expect(en).not.toContain('Your details');
    expect((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN?lang=ro')).status).toBe(303);
  });

  it('has no page of a demo service of the clerk’s institution addressed to “dumneavoastră”', async () => {
    const codes = DEMO_SERVICES.filter((d) => d.institutionSlug === 'sector5').map((d) => d.service.code);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      const res = await clerk.get(`/birou/ghiseu/servicii/${code}`);
      expect(res.status, code).toBe(200);
      expect(main(res.body), code).not.toContain('dumneavoastră');
    }
  });
});

describe('the counter form’s declaration', () => {
  it('is headed once: its group is named for screen readers, not shown again under the page heading', async () => {
    const form = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(form).toContain('<span class="govuk-visually-hidden">Declarație</span>');
    expect(form.match(/>Declarație</g)).toHaveLength(2); // the page's heading and the hidden group name
  });
});

/** A street-naming certificate (NOMENCLATURA): the land register extract is one the city hall may obtain itself. */
const NOMENCLATURE_ANSWERS = {
  ...COUNTER_APPLICANT_ANSWERS,
  email: 'ioana.balanescu@exemplu.ro',
  'property_address-street': 'Str. Sălciilor',
  'property_address-number': '12',
  'property_address-locality': 'București, Sector 5',
  'property_address-county': 'București',
  property_type: 'teren',
  purpose: 'intabulare',
  declaration_truth: 'yes',
};

describe('the person’s consent to obtain documents (OUG 41/2016), at the counter', () => {
  const person = COUNTER_PERSON;
  const answers = NOMENCLATURE_ANSWERS;

  it('is asked per document on the form, recorded on the case and shown to the officials as a document to obtain', async () => {
    const form = main((await clerk.get('/birou/ghiseu/servicii/NOMENCLATURA')).body);
    expect(form).toContain('Documente pe care primăria le obține singură, cu acordul persoanei');
    expect(form).toContain('value="land_registry_extract"');

    const filed = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'NOMENCLATURA', person, answers, consents: ['land_registry_extract'] });
    expect(filed.status, filed.body).toBe(201);
    const { caseId } = filed.json<{ caseId: string }>();
    const page = main((await clerk.get(`/birou/dosare/${caseId}`)).body);
    expect(page).toContain('Documente de obținut de primărie');
    expect(page).toContain('Extras de carte funciară pentru informare');

    // Without the consent the person brings the document: nothing for the officials to obtain.
    // (A second request for the same person minutes later: the call confirms it is not the first one again.)
    const without = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'NOMENCLATURA', person, answers, confirmTwin: true });
    expect(without.status, without.body).toBe(201);
    const other = main((await clerk.get(`/birou/dosare/${without.json<{ caseId: string }>().caseId}`)).body);
    expect(other).not.toContain('Documente de obținut de primărie');
  });
});

describe('the same request filed twice for the same person (the browser’s Back button brings the filled form back)', () => {
  const fields = {
    pLastName: 'Stan',
    pFirstName: 'Ion',
    pCnp: '1630615123457',
    pIdType: 'CI',
    pIdSeries: 'RX',
    pIdNumber: '654321',
    pPhone: '0722 000 111',
    pPageCount: '1',
    ...COUNTER_APPLICANT_ANSWERS,
    subject: 'Cerere de copie',
    content: 'Solicit o copie după contractul de închiriere.',
    declaration_truth: 'yes',
  };
  const post = (extra: Record<string, string> = {}, files: FilePart[] = []) => postCounterForm('CERERE-GEN', { ...fields, ...extra }, files);
  const cases = async () => (await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM \"case\" WHERE channel = 'counter'"))[0]!.n;

  it('opens no second case unless the clerk confirms it is a new request', async () => {
    const first = await post();
    expect(first.status).toBe(303);
    const number = /Cerere înregistrată cu nr\. (\d+\/\d{2}\.\d{2}\.\d{4})/.exec((await clerk.follow(first)).body)![1]!;
    const before = await cases();

    const again = await post();
    expect(again.status).toBe(400);
    expect(main(again.body)).toContain(`Ați depus deja această cerere pentru aceeași persoană`);
    expect(main(again.body)).toContain(`cu nr. ${number}`);
    expect(await cases()).toBe(before);

    const confirmed = await post({ pConfirmTwin: 'yes' });
    expect(confirmed.status).toBe(303);
    expect(await cases()).toBe(before + 1);
  });

  it('keeps the scans chosen when the form comes back with an error, and files them with the request', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const bad = await post({ pLastName: 'Marin', pCnp: '2450315451235' }, [{ field: 'pScans', filename: 'contract.png', type: 'image/png', bytes: png }]);
    expect(bad.status).toBe(400);
    expect(main(bad.body)).toContain('contract.png (1 KB)');
    const kept = /name="pKeptScans" value="([^"]+)"/.exec(bad.body)![1]!;

    const ok = await post({ pLastName: 'Marin', pCnp: '2450315451234', pKeptScans: kept });
    expect(ok.status, main(ok.body)).toBe(303);
    const caseId = ok.location!.split('/').pop()!;
    expect(await t.database.query("SELECT filename FROM case_document WHERE case_id = $1 AND media_type = 'image/png'", [caseId])).toHaveLength(1);
  });
});

/* The receipt the clerk prints for the person at the counter: their proof of what they handed in and agreed to. */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function receiptText(caseId: string, lang: 'ro' | 'en'): Promise<string> {
  const cookie = [...clerk.cookies].filter(([k]) => k !== 'pd_lang').map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await t.app.inject({ method: 'GET', url: `/birou/ghiseu/dosare/${caseId}/recipisa.pdf`, headers: { cookie: `${cookie}; pd_lang=${lang}` } });
  expect(res.statusCode).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), 'pd-receipt-')), 'r.pdf');
  writeFileSync(file, res.rawPayload);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.replace(/\s+/g, ' '); // lines as printed, wherever they wrap
}

describe('the counter receipt', () => {
  it('says the fee as the online receipt does: the amount, or that the request is free, on the page and on paper', async () => {
    const person = { ...COUNTER_PERSON, firstName: 'Elisabeta', lastName: 'Ionescu', cnp: '2750505123452' };
    const paid = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'NOMENCLATURA', person, answers: NOMENCLATURE_ANSWERS, confirmTwin: true });
    expect(paid.status, paid.body).toBe(201);
    const paidId = paid.json<{ caseId: string }>().caseId;
    const answers = { ...COUNTER_APPLICANT_ANSWERS, subject: 'Copie după un act', content: 'Solicit o copie după actul de vânzare din arhivă.', declaration_truth: 'yes' };
    const free = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'CERERE-GEN', person, answers, confirmTwin: true });
    expect(free.status, free.body).toBe(201);
    const freeId = free.json<{ caseId: string }>().caseId;

    const row = (html: string) => /<dt class="govuk-summary-list__key">Taxă<\/dt><dd class="govuk-summary-list__value">([^<]*)<\/dd>/.exec(html)?.[1];
    expect(row((await clerk.get(`/birou/ghiseu/dosare/${paidId}`)).body)).toBe('9,00 lei');
    expect(row((await clerk.get(`/birou/ghiseu/dosare/${freeId}`)).body)).toBe('Gratuit');
    expect(await receiptText(paidId, 'ro')).toContain('Taxă 9,00 lei');
    expect(await receiptText(freeId, 'ro')).toContain('Taxă Gratuit');
    expect(await receiptText(freeId, 'en')).toContain('Fee Free of charge');
  });

  it('lists the documents received and those the city hall obtains with the person’s consent (OUG 41/2016)', async () => {
    const filed = await clerk.api('POST', '/api/v1/assisted/cases', {
      serviceCode: 'NOMENCLATURA',
      person: { ...COUNTER_PERSON, firstName: 'Ștefania', lastName: 'Țăranu', cnp: '2750505123452' },
      answers: NOMENCLATURE_ANSWERS,
      scans: [
        { filename: 'act-identitate-Bălănescu.pdf', contentBase64: PDF.toString('base64') },
        { filename: 'plan-de-situație.pdf', contentBase64: PDF.toString('base64') },
      ],
      consents: ['land_registry_extract'],
    });
    expect(filed.status, filed.body).toBe(201);
    const { caseId } = filed.json<{ caseId: string }>();

    const ro = await receiptText(caseId, 'ro');
    expect(ro).toContain('Documente primite la ghișeu (scanate și atașate cererii)');
    expect(ro).toMatch(/1\. act-identitate-Bălănescu\.pdf \(1 KB\)/);
    expect(ro).toMatch(/2\. plan-de-situație\.pdf \(1 KB\)/);
    expect(ro).toContain('Documente pe care primăria le obține singură, cu acordul dumneavoastră (OUG nr. 41/2016)');
    expect(ro).toContain('Extras de carte funciară pentru informare');
    expect(ro).toMatch(/acord dat la \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    expect(ro).not.toMatch(/[şţ]/);

    const en = await receiptText(caseId, 'en');
    expect(en).toContain('Documents received at the counter (scanned and attached to the request)');
    expect(en).toContain('Documents the city hall obtains itself, with your consent (GEO no. 41/2016)');
    expect(en).toContain('Land register extract (for information)');
  });
});

/* A location question at the counter (a street report told at the desk): typed coordinates, the online form's map. */

describe('a location question on the counter form', () => {
  const report = {
    pLastName: 'Oprea',
    pFirstName: 'Vasilica',
    pCnp: '2410315123459',
    pIdType: 'CI',
    pIdSeries: 'RX',
    pIdNumber: '765432',
    pPhone: '0722 000 222',
    pPageCount: '1',
    problem_type: 'iluminat',
    description: 'Becul din fața blocului nu mai luminează de o săptămână.',
    danger: 'nu',
    ...COUNTER_APPLICANT_ANSWERS,
  };
  const post = (extra: Record<string, string>) => postCounterForm('SESIZARE', { ...report, ...extra });

  it('asks for the coordinates by hand under the online form’s map, without “use my location” (the counter’s own)', async () => {
    const html = main((await clerk.get('/birou/ghiseu/servicii/SESIZARE')).body);
    expect(html).toMatch(/<input[^>]*name="location-lat"/);
    expect(html).toMatch(/<input[^>]*name="location-lng"/);
    expect(html).toMatch(/<textarea[^>]*name="location-description"/);
    const box = /<div class="pd-map" hidden data-pd-map="location"[^>]*>/.exec(html)?.[0] ?? '';
    expect(box).toContain('data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"');
    expect(html).not.toContain('pd-map__locate');
    expect(html).toContain('alegeți locul pe hartă împreună cu ea');
  });

  it('files the typed coordinates with the request, and says which one is missing, linking to the latitude', async () => {
    const half = await post({ 'location-lat': '44,4203', 'location-lng': '', 'location-description': '' });
    expect(half.status).toBe(400);
    expect(main(half.body)).toContain('Scrieți și longitudinea');
    expect(main(half.body)).toContain('href="#location-lat"');
    expect(half.body).toMatch(/name="location-lat"[^>]*value="44,4203"|value="44,4203"[^>]*name="location-lat"/);

    const ok = await post({ 'location-lat': '44,4203', 'location-lng': '26,0734', 'location-description': 'În fața blocului P12' });
    expect(ok.status, main(ok.body)).toBe(303);
    const caseId = ok.location!.split('/').pop()!;
    const [row] = await t.database.query<{ answers: { location: { lat: number; lng: number; description: string } } }>('SELECT answers FROM "case" WHERE id = $1', [caseId]);
    expect(row!.answers.location).toEqual({ lat: 44.4203, lng: 26.0734, description: 'În fața blocului P12' });
  });
});

/* A petition the person wants answered by e-mail: the counter must have the address to send it to. */

describe('a petition to be answered by e-mail, at the counter', () => {
  const fields = {
    pLastName: 'Ene',
    pFirstName: 'Marin',
    pCnp: '1630615123457',
    pIdType: 'CI',
    pIdSeries: 'RX',
    pIdNumber: '246813',
    pPhone: '0722 000 333',
    pPageCount: '2',
    ...COUNTER_APPLICANT_ANSWERS,
    petition_kind: 'reclamatie',
    subject: 'Zgomot de la șantierul din Str. Sălciilor',
    content: 'Șantierul lucrează și noaptea, după ora 22.',
    previous: 'nu',
    answer_channel: 'email',
    declaration_truth: 'yes',
  };
  const post = (extra: Record<string, string> = {}) => postCounterForm('PETITIE', { ...fields, ...extra });

  it('is refused without an e-mail address, saying so on the e-mail field and keeping what was typed, in Romanian and English', async () => {
    const before = (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"'))[0]!.n;
    const refused = await post();
    expect(refused.status).toBe(400);
    const html = main(refused.body);
    expect(html).toContain('<a href="#pEmail">Scrieți adresa de e-mail la care persoana primește răspunsul, sau alegeți alt mod de a primi răspunsul.</a>');
    expect(html).toMatch(/<p id="pEmail-error" class="govuk-error-message"><span class="govuk-visually-hidden">Eroare:<\/span> Scrieți adresa de e-mail la care persoana primește răspunsul/);
    // Everything typed comes back: the identity block, the petition and the choice of answer.
    expect(html).toContain('value="Ene"');
    expect(html).toContain('value="246813"');
    expect(html).toContain('Zgomot de la șantierul din Str. Sălciilor');
    expect(html).toContain('Șantierul lucrează și noaptea, după ora 22.');
    expect(html).toMatch(/<input[^>]*value="email"[^>]*checked|<input[^>]*checked[^>]*value="email"/);
    expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"'))[0]!.n).toBe(before);

    expect((await clerk.get('/birou/ghiseu/servicii/PETITIE?lang=en')).status).toBe(303);
    const en = main((await post()).body);
    expect(en).toContain('<a href="#pEmail">Enter the email address at which the person gets the answer, or choose another way to receive it.</a>');
    expect((await clerk.get('/birou/ghiseu/servicii/PETITIE?lang=ro')).status).toBe(303);

    // By post instead, or with the address typed, it is filed; the address is the one the person is written to.
    const byPost = await post({
      answer_channel: 'posta',
      'answer_address-street': 'Str. Sălciilor',
      'answer_address-number': '3',
      'answer_address-locality': 'București',
      'answer_address-county': 'Sector 5',
    });
    expect(byPost.status, main(byPost.body)).toBe(303);
    const withEmail = await post({ pEmail: 'marin.ene@exemplu.ro', pConfirmTwin: 'yes' });
    expect(withEmail.status, main(withEmail.body)).toBe(303);
    const [row] = await t.database.query<{ email: string }>("SELECT applicant->>'email' AS email FROM \"case\" WHERE id = $1", [withEmail.location!.split('/').pop()]);
    expect(row!.email).toBe('marin.ene@exemplu.ro');
  });
});

/* The register's "Număr de file" of a request handed in on paper at the counter, from the form to every view of the register. */

describe('the number of pages of a request handed in at the counter', () => {
  const fields = {
    pLastName: 'Vlad',
    pFirstName: 'Filip',
    pCnp: '1800101123450',
    pIdType: 'CI',
    pIdSeries: 'RX',
    pIdNumber: '135792',
    pPhone: '0722 000 444',
    ...COUNTER_APPLICANT_ANSWERS,
    subject: 'Copie după planul parcelar',
    content: 'Solicit o copie după planul parcelar al străzii Sălciilor.',
    declaration_truth: 'yes',
  };
  const post = (extra: Record<string, string> = {}) => postCounterForm('CERERE-GEN', { ...fields, ...extra });
  /** The register's cells of the line of the entry numbered `number` (nr/dd.mm.yyyy), as the clerk's search shows them. */
  const registerLine = async (number: string) => {
    const html = main((await clerk.get(`/birou/registratura?numar=${encodeURIComponent(number)}`)).body);
    const row = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
    return [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  };

  it('is asked on the form, needed, and shown in the register, its entry, the CSV and the printed register', async () => {
    const form = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(form).toMatch(/<label class="govuk-label" for="pPageCount">Număr de file<\/label>/);
    const missing = await post();
    expect(missing.status).toBe(400);
    expect(main(missing.body)).toContain('<a href="#pPageCount">Scrieți numărul de file.</a>');
    expect(main(missing.body)).toContain('Copie după planul parcelar');
    expect(main((await post({ pPageCount: 'trei' })).body)).toContain('<a href="#pPageCount">Scrieți un număr întreg (file: cel puțin 1).</a>');

    const filed = await post({ pPageCount: '3' });
    expect(filed.status, main(filed.body)).toBe(303);
    const done = (await clerk.follow(filed)).body;
    const number = /Cerere înregistrată cu nr\. (\d+\/(\d{2}\.\d{2}\.\d{4}))/.exec(done)!;
    const [display, day] = [number[1]!, number[2]!];
    // The clerk's page after filing and the person's receipt say how many sheets were handed in.
    expect(done).toContain('<dt class="govuk-summary-list__key">Număr de file</dt><dd class="govuk-summary-list__value">3 file</dd>');
    const caseId = filed.location!.split('/').pop()!;
    expect(await receiptText(caseId, 'ro')).toContain('Număr de file 3 file');
    expect(await receiptText(caseId, 'en')).toContain('Number of pages 3 pages');

    // The register's search: the "File" column of its line.
    const cells = await registerLine(display);
    expect(cells[0]).toBe(display);
    expect(cells.slice(4, 7)).toEqual(['3', '0', 'Vlad Filip']);
    // Its entry.
    const [entry] = await t.database.query<{ id: string }>('SELECT r.id FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1', [caseId]);
    const detail = main((await clerk.get(`/birou/registratura/intrari/${entry!.id}`)).body);
    expect(detail).toContain('<dt class="govuk-summary-list__key">File</dt><dd class="govuk-summary-list__value">3</dd>');
    // The CSV and the printed register of the day.
    const csv = (await clerk.get(`/birou/registratura/export?format=csv&de_la=${day}&pana_la=${day}`)).body;
    const header = csv.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(';');
    expect(header.slice(3, 7)).toEqual(['Nr. și data la emitent', 'File', 'Anexe', 'Emitent']);
    const line = csv.split('\r\n').find((l) => l.includes('Vlad Filip'))!;
    expect(line.split(';').slice(4, 7)).toEqual(['3', '0', 'Vlad Filip']);
    const cookie = [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const pdf = await t.app.inject({ method: 'GET', url: `/birou/registratura/export?format=pdf&de_la=${day}&pana_la=${day}`, headers: { cookie } });
    expect(pdf.statusCode).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'pd-register-')), 'r.pdf');
    writeFileSync(file, pdf.rawPayload);
    const printed = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n');
    const printedLine = printed.find((l) => l.includes('Vlad Filip'))!;
    expect(printedLine).toMatch(new RegExp(`^\\s*${display.split('/')[0]}\\s.*\\s3\\s+0\\s+Vlad Filip`));

    // In English too.
    expect((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN?lang=en')).status).toBe(303);
    const en = main((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN')).body);
    expect(en).toMatch(/<label class="govuk-label" for="pPageCount">Number of pages<\/label>/);
    expect(main((await post()).body)).toContain('<a href="#pPageCount">Write the number of pages.</a>');
    // The printed register in English: its columns' headings whole ("Pages", not "Pag" over "es").
    const english = await t.app.inject({ method: 'GET', url: `/birou/registratura/export?format=pdf&de_la=${day}&pana_la=${day}`, headers: { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    writeFileSync(file, english.rawPayload);
    const englishHead = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n').find((l) => l.includes('Issuer'))!;
    expect(englishHead).toMatch(/\sPages\s+Annexes\s+Issuer\s/);
    expect((await clerk.get('/birou/ghiseu/servicii/CERERE-GEN?lang=ro')).status).toBe(303);
  });

  it('is taken by the API as pageCount, and the register shows it; left out, none is recorded', async () => {
    const person = { ...COUNTER_PERSON, firstName: 'Tudor', lastName: 'Arghir', cnp: '1630615123457' };
    const answers = { ...COUNTER_APPLICANT_ANSWERS, subject: 'Copie după un act', content: 'Solicit o copie după actul de vânzare din arhivă.', declaration_truth: 'yes' };
    const filed = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'CERERE-GEN', person, answers, pageCount: 4 });
    expect(filed.status, filed.body).toBe(201);
    const found = (await clerk.api('GET', '/api/v1/registry/entries?q=arghir')).json<{ entries: { number: { formatted: string }; pageCount: number | null }[] }>();
    expect(found.entries).toEqual([expect.objectContaining({ number: filed.json<{ number: { formatted: string } }>().number, pageCount: 4 })]);
    const bad = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'CERERE-GEN', person, answers, pageCount: 0, confirmTwin: true });
    expect(bad.status).toBe(400);
    const without = await clerk.api('POST', '/api/v1/assisted/cases', { serviceCode: 'CERERE-GEN', person, answers, confirmTwin: true });
    expect(without.status, without.body).toBe(201);
    expect((await registerLine(without.json<{ number: { formatted: string } }>().number.formatted))[4]).toBe('');
  });
});
