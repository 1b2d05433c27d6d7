import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type FilePart, multipartForm, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { makeSelfSignedIdentity, signedTestPdf } from '../../platform/signatures/test-signer.ts';
import { EICAR, startFakeClamd } from '../../platform/storage/testing.ts';
import { addDays, bucharestDay } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../identity/seed-demo.ts';
import { countRows, lastEmail, linkIn, personForm, registerPerson, signInAs } from '../identity/test-helpers.ts';

/*
 * The online submission journey end to end through the HTML pages and the JSON API, on the demo catalogue's
 * fiscal certificate (CERT-FISCAL of DGITL Sector 5). Uploads go through a fake clamd started here.
 */

const LIMIT = 300_000;
let t: TestApp;
let clamd: Awaited<ReturnType<typeof startFakeClamd>>;

beforeAll(async () => {
  clamd = await startFakeClamd();
  t = await startTestApp({ workers: false, config: { uploadLimitBytes: LIMIT, clamd: { host: '127.0.0.1', port: clamd.port } } });
});
afterAll(async () => {
  await t?.stop();
  await clamd?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

type Part = FilePart;

const multipart = multipartForm;

function postMultipart(c: Client, url: string, fields: Record<string, string | string[]>, files: Part[], headers: Record<string, string> = {}) {
  const m = multipart({ _csrf: c.csrf, ...fields }, files);
  return c.request('POST', url, m.body as unknown as string, { 'content-type': m.type, ...headers });
}

async function signedIn(email: string): Promise<Client> {
  const c = t.client();
  const r = await signInAs(c, email, DEMO_PASSWORD);
  expect(r.status).toBe(303);
  return c;
}

/** Starts a fresh draft of the fiscal certificate as Maria on her own behalf; returns its path. */
async function startFiscalDraft(c: Client): Promise<string> {
  const start = await c.get('/servicii/dgitl5/CERT-FISCAL/cerere');
  expect(start.status).toBe(200);
  const action = start.body.includes('Aveți o cerere începută') ? 'restart' : 'start';
  const r = await c.post('/servicii/dgitl5/CERT-FISCAL/cerere', { action, companyId: 'self' });
  expect(r.status).toBe(303);
  expect(r.location).toMatch(/^\/cereri\/ciorna\/[0-9a-f-]{36}$/);
  return r.location!;
}

/** A fresh draft of the fiscal certificate as Maria, answered up to its purpose page. */
async function fiscalDraftAtPurpose(): Promise<{ c: Client; draft: string }> {
  const c = await signedIn(DEMO_ACCOUNTS.maria.email);
  const draft = await startFiscalDraft(c);
  await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pf' });
  await c.post(`${draft}/contact`, { phone: '' });
  return { c, draft };
}

const pdftotext = (bytes: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'r.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/** The words of a PDF's first page with their height (about their type size) and top, from pdftotext -bbox. */
const pdfWords = (bytes: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'r.pdf');
  writeFileSync(file, bytes);
  const html = execFileSync('pdftotext', ['-bbox', '-l', '1', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[3]!,
    y: Number(m[1]),
    height: Number(m[2]) - Number(m[1]),
  }));
};

describe('online submission of the fiscal certificate through the pages', () => {
  let c: Client;
  let draft: string;
  let caseId: string;
  let number: string;

  beforeAll(async () => {
    c = await signedIn(DEMO_ACCOUNTS.maria.email);
    draft = await startFiscalDraft(c);
  });

  it('asks only what the profile does not know, skips pages that do not apply, validates with specific messages and keeps values', async () => {
    const first = await c.follow(await c.get(draft));
    expect(first.body).toContain('Depuneți cererea ca:');
    let r = await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pf' });
    // Name, CNP and address come from the profile: the "your details" page is skipped; only the phone is asked.
    expect(r.location).toBe(`${draft}/contact`);
    const contact = await c.get(`${draft}/contact`);
    expect(contact.body).toContain('name="phone"');
    // Back goes to the page she saw before, not to the one the profile answered entirely.
    expect(contact.body).toContain(`href="${draft}/tip_solicitant" class="govuk-back-link"`);
    const skipped = await c.get(`${draft}/solicitant`);
    expect(skipped.body).toContain('Răspunsurile de pe această pagină sunt luate din contul dumneavoastră');
    expect(skipped.body).toContain(`href="${draft}/solicitant?toate=1"`);
    expect(contact.body).not.toContain('name="email"');
    r = await c.post(`${draft}/contact`, { phone: '12' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('govuk-error-summary');
    expect(r.body).toContain('Introduceți un număr de telefon corect');
    expect(r.body).toContain('value="12"');
    r = await c.post(`${draft}/contact`, { phone: '0722 123 456' });
    expect(r.location).toBe(`${draft}/scop`);
    // The company page applies to companies only: not reachable for an individual.
    expect((await c.get(`${draft}/firma`)).status).toBe(404);
  });

  it('attaches a PDF to a file question of a page (multipart), checked by content', async () => {
    const page = await c.get(`${draft}/scop`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const missing = await postMultipart(c, `${draft}/scop`, { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', delivery: 'electronic', on_behalf: 'da', action: 'continue' }, []);
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Încărcați cel puțin un fișier');
    expect(missing.body).toContain('value="succesiune" checked');
    const ok = await postMultipart(
      c,
      `${draft}/scop`,
      {
        purpose: 'succesiune',
        deceased_name: 'Gheorghe Ionescu',
        deceased_cnp: '1800101123450',
        delivery: 'electronic',
        on_behalf: 'da',
        action: 'continue',
      },
      [{ field: 'mandate', filename: 'imputernicire.pdf', type: 'application/pdf', bytes: PDF }],
    );
    expect(ok.status).toBe(303);
    // Inheritance: the death certificate applies, and the institution fetches it (OUG 41/2016) once she agrees.
    expect(ok.location).toBe(`${draft}/acord-documente`);
  });

  it('records the consent to fetch documents from other bodies (OUG 41/2016) instead of asking for them', async () => {
    const consent = await c.get(`${draft}/acord-documente`);
    expect(consent.body).toContain(
      'Sunt de acord ca primăria să obțină documentul „Certificatul de deces, pentru succesiune” de la Serviciile de stare civilă (Registrul național de evidență a persoanelor)',
    );
    // In English the issuer is named in English too.
    expect((await c.get(`${draft}/acord-documente?lang=en`)).status).toBe(303);
    const english = await c.get(`${draft}/acord-documente`);
    expect(english.body).toContain('I agree that the city hall obtains the document “Death certificate, for an inheritance” from Civil status offices (National Register of Persons)');
    expect(english.body).not.toContain('Serviciile de stare civilă');
    expect((await c.get(`${draft}/acord-documente?lang=ro`)).status).toBe(303);
    // The authorisation went up with the purpose page: it is not asked for again.
    const r = await c.post(`${draft}/acord-documente`, { consent: 'death_certificate' });
    expect(r.location).toBe(`${draft}/verificare-raspunsuri`);
  });

  it('shows check-your-answers with profile answers, Change links, documents, fee and legal term', async () => {
    const check = await c.get(`${draft}/verificare-raspunsuri`);
    expect(check.status).toBe(200);
    expect(check.body).toContain('Verificați răspunsurile înainte de a trimite cererea');
    expect(check.body).toContain('Maria Ionescu');
    expect(check.body).toContain('Calea Rahovei nr. 147, București, Sector 5, București');
    expect(check.body).toContain('din contul dumneavoastră');
    expect(check.body).toContain(`href="${draft}/solicitant?toate=1"`);
    expect(check.body).toMatch(/imputernicire\.pdf \(\d+ KB\)/);
    // The declaration says in plain words what is kept as proof of the signature.
    expect(check.body).toContain('adresa de internet (IP) a dispozitivului și o amprentă a răspunsurilor, care arată dacă au fost schimbate ulterior');
    expect(check.body).toContain('Acord dat: îl obținem noi');
    expect(check.body).toContain('Gratuit');
    expect(check.body).toContain('2 zile lucrătoare');
    // Changing a prefilled answer shows the question and comes back to the check page.
    const change = await c.get(`${draft}/solicitant?toate=1`);
    expect(change.body).toContain('value="Maria Ionescu"');
    const back = await c.post(`${draft}/solicitant?toate=1`, {
      applicant_name: 'Maria Ionescu',
      applicant_cnp: DEMO_ACCOUNTS.maria.person.cnp,
      'applicant_address-street': 'Calea Rahovei',
      'applicant_address-number': '147',
      'applicant_address-locality': 'București, Sector 5',
      'applicant_address-county': 'București',
    });
    expect(back.location).toBe(`${draft}/verificare-raspunsuri`);
  });

  it('refuses to submit without the declaration, then registers one case with a number, an email and a receipt', async () => {
    await c.get(`${draft}/verificare-raspunsuri`);
    const refused = await c.post(`${draft}/trimite-cererea`, {});
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Bifați declarația pe propria răspundere');
    const before = await countRows(t, '"case"');
    const r = await c.post(`${draft}/trimite-cererea`, { declaration: 'yes' });
    expect(r.location).toBe(`${draft}/confirmare-cerere`);
    const confirm = await c.get(r.location!);
    expect(confirm.body).toContain('Cererea a fost înregistrată');
    const m = /<strong>(\d+\/\d{2}\.\d{2}\.\d{4})<\/strong>/.exec(confirm.body);
    expect(m).not.toBeNull();
    number = m![1]!;
    expect(confirm.body).toMatch(/Codul de urmărire: [A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(confirm.body).toMatch(/Termenul legal de răspuns este \d{2}\.\d{2}\.\d{4}, (adică mâine|peste \d+ (de )?zile)\./);
    caseId = /href="\/cont\/cereri\/([0-9a-f-]{36})"/.exec(confirm.body)![1]!;

    // Submitting again (double click, back button) creates nothing and shows the same confirmation.
    const again = await c.post(`${draft}/trimite-cererea`, { declaration: 'yes' });
    expect(again.location).toBe(`${draft}/confirmare-cerere`);
    expect(await countRows(t, '"case"')).toBe(before + 1);
    const [row] = await t.database.query<{ channel: string; applicant: { name: string; cnp: string }; n: number }>(
      'SELECT channel, applicant, (SELECT count(*)::int FROM case_document d WHERE d.case_id = c.id) AS n FROM "case" c WHERE id = $1',
      [caseId],
    );
    expect(row!.channel).toBe('online');
    expect(row!.applicant).toMatchObject({ name: 'Maria Ionescu', cnp: DEMO_ACCOUNTS.maria.person.cnp });
    expect(row!.n).toBe(1);
    const [state] = await t.database.query<{ declaration: { kind: string; answersSha256: string }; consents: Record<string, { given: boolean }> }>(
      'SELECT declaration, consents FROM submission_state s JOIN case_draft d ON d.id = s.draft_id WHERE d.submitted_case_id = $1',
      [caseId],
    );
    expect(state!.declaration.kind).toBe('simple');
    expect(state!.declaration.answersSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(state!.consents.death_certificate!.given).toBe(true);

    const mail = await lastEmail(t, DEMO_ACCOUNTS.maria.email);
    expect(mail!.template).toBe('submission.received.v1');
    expect(mail!.body_text).toContain(number);
    expect(mail!.body_text).toContain(`/cont/cereri/${caseId}`);
    // The e-mail is queued before the number is taken and completed by the numbering statement: in every part.
    const [full] = await t.database.query<{ subject: string; body_html: string; body_text: string }>(
      "SELECT subject, body_html, body_text FROM outbox_message WHERE template = 'submission.received.v1' AND body_text LIKE $1",
      [`%/cont/cereri/${caseId}%`],
    );
    expect(full!.subject).toBe(`Cererea dumneavoastră a fost înregistrată cu nr. ${number}`);
    expect(full!.body_html).toContain(number);
    expect(JSON.stringify(full)).not.toContain('PLACEHOLDER');
    // So are the audit entries that name the number.
    const audits = await t.database.query<{ action: string; number: string }>(
      "SELECT action, details->>'number' AS number FROM audit_entry WHERE entity_id IN ($1::text, (SELECT registry_entry_id::text FROM \"case\" WHERE id = $1::uuid)) AND details ? 'number' ORDER BY id",
      [caseId],
    );
    expect(audits).toEqual([
      { action: 'registry.registered', number },
      { action: 'case.submitted', number },
    ]);
  });

  it('offers to keep in the profile the phone the request gave, so the next request does not ask it', async () => {
    const maria = DEMO_ACCOUNTS.maria;
    const confirm = await c.get(`${draft}/confirmare-cerere`);
    expect(confirm.body).toContain('Data viitoare nu vă mai întrebăm');
    expect(confirm.body).toContain('+40722123456');
    // Her address is the profile's own: only the phone is offered.
    expect(confirm.body).not.toMatch(/<dt class="govuk-summary-list__key">Adresa<\/dt>/);
    expect(confirm.body).toContain(`action="${draft}/salvare-in-profil"`);

    // Nobody else can write into her profile through her request.
    const other = t.client();
    await registerPerson(other, 772);
    await other.get('/cont');
    expect((await other.post(`${draft}/salvare-in-profil`, {})).status).toBe(404);

    const saved = await c.post(`${draft}/salvare-in-profil`, {});
    expect(saved.location).toBe(`${draft}/confirmare-cerere`);
    const after = await c.get(saved.location!);
    expect(after.body).toContain('Am salvat numărul de telefon în profilul dumneavoastră.');
    expect(after.body).not.toContain('Data viitoare nu vă mai întrebăm');
    const [row] = await t.database.query<{ phone: string | null }>('SELECT phone FROM account WHERE id = $1', [maria.id]);
    expect(row!.phone).toBe('+40722123456');
    const [audit] = await t.database.query<{ fields: string[] }>(
      "SELECT details->'fields' AS fields FROM audit_entry WHERE actor_id = $1 AND action = 'account.profile_updated' ORDER BY id DESC LIMIT 1",
      [maria.id],
    );
    expect(audit!.fields).toEqual(['phone']);

    // The next request skips the contact page: the profile answers it now.
    const next = await startFiscalDraft(c);
    const r = await c.post(`${next}/tip_solicitant`, { applicant_kind: 'pf' });
    expect(r.location).toBe(`${next}/scop`);
    await c.post(`${next}/renunta-la-cerere`, {});
    await t.database.query('UPDATE account SET phone = NULL WHERE id = $1', [maria.id]);
  });

  it.skipIf(!existsSync('/usr/bin/pdftotext'))('gives the applicant a PDF receipt with the number, and nobody else', async () => {
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({ method: 'GET', url: `/cont/cereri/${caseId}/recipisa.pdf`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = pdftotext(res.rawPayload);
    expect(text).toContain(number);
    expect(text).toContain('Certificat de atestare fiscală');
    expect(text).toContain('imputernicire.pdf');
    // Read on a phone: the number in large type, each file with its size as people read it, and the files' SHA-256
    // fingerprints (no longer a column of the documents) in small type at the end.
    const words = pdfWords(res.rawPayload);
    const numberWord = words.find((w) => w.text === number)!;
    expect(numberWord.height).toBeGreaterThan(20);
    expect(text).toMatch(/imputernicire\.pdf — 1 KB/);
    expect(text).not.toContain('SHA-256 ');
    const hash = words.find((w) => /^[0-9a-f]{64}$/.test(w.text))!;
    expect(hash.height).toBeLessThan(10);
    expect(hash.y).toBeGreaterThan(words.find((w) => w.text === 'depuse')!.y);
    // The request's page says what each file is for: the question it was uploaded for.
    const casePage = await c.get(`/cont/cereri/${caseId}`);
    const cell = casePage.body.slice(casePage.body.indexOf('imputernicire.pdf'));
    expect(cell.slice(0, cell.indexOf('</t'))).toMatch(/<span class="govuk-hint[^"]*">Împuternicirea<\/span>/);

    const other = t.client();
    await registerPerson(other, 771);
    expect((await other.get(`/cont/cereri/${caseId}/recipisa.pdf`)).status).toBe(404);
    expect((await other.get(`${draft}/verificare-raspunsuri`)).status).toBe(404);
    expect((await other.get(`/cont/cereri/00000000-0000-4000-8000-000000000000/recipisa.pdf`)).status).toBe(404);
  });
});

describe('the purpose page: each follow-up question under the option it belongs to', () => {
  let c: Client;
  let draft: string;
  beforeAll(async () => {
    ({ c, draft } = await fiscalDraftAtPurpose());
  });

  /** What the page reveals under an option of the purpose (GOV.UK conditional reveal), or null when nothing. */
  function revealedUnder(html: string, value: string): string | null {
    const input = new RegExp(`<input class="govuk-radios__input" id="([^"]+)" name="purpose" type="radio" value="${value}"([^>]*)>`).exec(html);
    expect(input, value).not.toBeNull();
    if (!input![2]!.includes('data-aria-controls')) return null;
    const start = html.indexOf(`<div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-${input![1]}">`);
    expect(start, value).toBeGreaterThan(-1);
    const next = html.indexOf('class="govuk-radios__item"', start);
    return html.slice(start, next === -1 ? html.indexOf('</fieldset>', start) : next);
  }

  it('asks the purpose with radios and reveals each follow-up inside its option, saying whose it is when all are shown', async () => {
    const html = (await c.get(`${draft}/scop`)).body;
    const property = revealedUnder(html, 'vanzare_imobil');
    expect(property).toContain('name="property_address-street"');
    expect(property).toContain('<p class="govuk-hint pd-no-js-only">Dacă ați ales „Vânzarea unei locuințe sau a unui teren (la notar)”:</p>');
    const vehicle = revealedUnder(html, 'vanzare_auto');
    expect(vehicle).toContain('name="plate"');
    expect(vehicle).toContain('Dacă ați ales „Vânzarea unui vehicul”:');
    expect(vehicle).not.toContain('name="deceased_name"');
    const inheritance = revealedUnder(html, 'succesiune');
    expect(inheritance).toContain('name="deceased_name"');
    expect(inheritance).toContain('name="deceased_cnp"');
    expect(revealedUnder(html, 'alte')).toContain('name="other_purpose"');
    expect(revealedUnder(html, 'credit')).toBeNull();
    expect(revealedUnder(html, 'licitatie')).toBeNull();
    // Each follow-up is asked once, inside its option, not also after the list of options.
    expect(html.match(/name="plate"/g)).toHaveLength(1);
    expect(html).not.toContain('Doar dacă ați ales');
  });

  it('does not ask the follow-ups of the options not chosen, and drops what was typed in them', async () => {
    const r = await postMultipart(
      c,
      `${draft}/scop`,
      { purpose: 'vanzare_auto', plate: 'B 123 ABC', deceased_name: 'Gheorghe Ionescu', other_purpose: 'scris din greșeală', delivery: 'electronic', on_behalf: 'nu', action: 'continue' },
      [],
    );
    expect(r.status).toBe(303);
    const saved = (await c.api('GET', `/api/v1/drafts/${draft.split('/').pop()}`)).json<{ answers: Record<string, unknown> }>().answers;
    expect(saved).toMatchObject({ purpose: 'vanzare_auto', plate: 'B 123 ABC' });
    expect(saved).not.toHaveProperty('deceased_name');
    expect(saved).not.toHaveProperty('other_purpose');
    // The chosen option's own follow-up is still required.
    const missing = await postMultipart(c, `${draft}/scop`, { purpose: 'alte', delivery: 'electronic', on_behalf: 'nu', action: 'continue' }, []);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatch(/href="#other_purpose"/);
    expect(missing.body).not.toMatch(/href="#(plate|deceased_name|deceased_cnp|property_address-street)"/);
  });
});

describe('a follow-up that belongs to several options of a list', () => {
  it('says in its hint which answers it belongs to', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    expect((await c.get('/servicii/dgaspc5/ANCHETA-SOCIALA/cerere')).status).toBe(200);
    const start = await c.post('/servicii/dgaspc5/ANCHETA-SOCIALA/cerere', { action: 'start', companyId: 'self' });
    expect(start.status).toBe(303);
    const html = (await c.get(`${start.location}/scop`)).body;
    expect(html).toContain('Doar dacă ați ales „Instanță — divorț, locuința copilului, program de legături personale” sau „Instanță — alte cauze”.');
    expect(html).toContain('Doar dacă ați ales „Alt scop”.');
  });
});

describe('uploads that are refused keep the draft', () => {
  let c: Client;
  let draft: string;
  beforeAll(async () => {
    ({ c, draft } = await fiscalDraftAtPurpose());
    await postMultipart(
      c,
      `${draft}/scop`,
      { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', deceased_cnp: '1800101123450', delivery: 'ghiseu', on_behalf: 'nu', action: 'continue' },
      [],
    );
    // Consent refused: the death certificate is hers to upload.
    await c.post(`${draft}/acord-documente`, {});
  });

  const upload = (file: Part) => postMultipart(c, `${draft}/documente/death_certificate`, { action: 'upload' }, [file]);

  it('refuses a PNG renamed .pdf, a program renamed .pdf, an empty file and an oversized one, each with its own message', async () => {
    await c.get(`${draft}/documente/death_certificate`);
    const png = await upload({ field: 'file', filename: 'act.pdf', type: 'application/pdf', bytes: PNG });
    expect(png.status).toBe(400);
    expect(png.body).toContain('Numele fișierului spune PDF, dar conținutul este PNG');
    const exe = await upload({ field: 'file', filename: 'act.pdf', type: 'application/pdf', bytes: EXE });
    expect(exe.body).toContain('este un program (executabil)');
    const empty = await upload({ field: 'file', filename: 'gol.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) });
    expect(empty.body).toContain('Fișierul ales este gol');
    const big = await upload({ field: 'file', filename: 'mare.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(LIMIT + 10, 32)]) });
    expect(big.status).toBe(413);
    expect(big.body).toContain('Fișierul este prea mare: cel mult 0.3 MB');
    expect(await countRows(t, 'case_document WHERE draft_id = $1', [draft.split('/').pop()])).toBe(0);
    // The answers given before are still in the draft.
    const first = await c.get(`${draft}/tip_solicitant`);
    expect(first.body).toMatch(/value="pf"\s+checked/);
  });

  it('tells someone whose phone saved the photo as HEIC how to send it in a form we can open', async () => {
    // An iPhone's (or a newer Android's) photo: an ISO media file of brand "heic", whatever its name says.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64, 7)]);
    for (const filename of ['IMG_0042.HEIC', 'IMG_0042.jpg']) {
      const refused = await upload({ field: 'file', filename, type: 'image/jpeg', bytes: heic });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('Fotografia este în formatul HEIC al telefonului');
      expect(refused.body).toContain('Faceți o captură de ecran a fotografiei');
      // The upload's hint speaks of a photo of the document first, in words, not of file types alone.
      expect(refused.body).toContain('O fotografie a documentului (JPG sau PNG) sau un fișier PDF, Word (DOCX) ori LibreOffice (ODT)');
    }
    // Anything else we cannot open says what to upload instead.
    const text = await upload({ field: 'file', filename: 'certificat.txt', type: 'text/plain', bytes: Buffer.from('doar text') });
    expect(text.body).toContain('Încărcați o fotografie a documentului (JPG sau PNG), un PDF');
  });

  it('lets the person stop at a document page and come back later, keeping what was uploaded', async () => {
    const page = await c.get(`${draft}/documente/death_certificate`);
    expect(page.body).toContain('Salvați și reveniți mai târziu');
    const saved = await postMultipart(c, `${draft}/documente/death_certificate`, { action: 'save' }, [{ field: 'file', filename: 'certificat.pdf', type: 'application/pdf', bytes: PDF }]);
    expect(saved.location).toBe('/cont/cereri-incepute');
    expect((await c.follow(saved)).body).toContain('Răspunsurile au fost salvate.');
    const back = await c.get(`${draft}/documente/death_certificate`);
    expect(back.body).toContain('certificat.pdf');
    await postMultipart(c, `${draft}/documente/death_certificate`, { action: `remove:${/value="remove:([0-9a-f-]{36})"/.exec(back.body)![1]}` }, []);
  });

  it('refuses an infected file (clamd) with a clear message', async () => {
    const scannedBefore = clamd.scanned;
    const r = await upload({ field: 'file', filename: 'virus.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.from(EICAR)]) });
    expect(r.status).toBe(400);
    expect(r.body).toContain('Fișierul conține un virus și a fost refuzat');
    expect(clamd.scanned).toBe(scannedBefore + 1);
    const ok = await upload({ field: 'file', filename: 'imputernicire.pdf', type: 'application/pdf', bytes: PDF });
    expect(ok.status).toBe(303);
    expect((await c.follow(ok)).body).toContain('imputernicire.pdf');
  });
});

describe('a page with buttons of its own (upload, remove a file, add a row)', () => {
  /** The first submit button of the page's form: the one a browser presses when Enter is pressed in a text field. */
  const enterPresses = (html: string) => /<form[^>]*multipart[^>]*>[\s\S]*?(<button[^>]*>)/.exec(html)?.[1];

  it('continues when Enter is pressed in a text field, instead of uploading or removing a file', async () => {
    const { c, draft } = await fiscalDraftAtPurpose();
    expect(enterPresses((await c.get(`${draft}/scop`)).body)).toContain('value="continue"');
    const uploaded = await postMultipart(c, `${draft}/scop`, { purpose: 'alte', other_purpose: 'Dosar de pensie', delivery: 'electronic', on_behalf: 'da', action: 'upload:mandate' }, [
      { field: 'mandate', filename: 'imputernicire.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(uploaded.body).toContain('name="action" value="remove:');
    expect(uploaded.body).toContain('Fișierul imputernicire.pdf a fost atașat.');
    expect(enterPresses(uploaded.body)).toContain('value="continue"');
  });

  it('says whether a file question has files under its own label, not above it', async () => {
    const { c, draft } = await fiscalDraftAtPurpose();
    const page = (await c.get(`${draft}/scop`)).body;
    const label = page.indexOf('<label class="govuk-label" for="mandate">');
    expect(label).toBeGreaterThan(0);
    expect(page.indexOf('Nu ați atașat încă niciun fișier.')).toBeGreaterThan(label);
  });

  it('asks to fill in the rows of a group shown empty, politely, and adds a row with "Adăugați"', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const start = await c.get('/servicii/sector5/CASATORIE/cerere');
    const draft = (await c.post('/servicii/sector5/CASATORIE/cerere', { action: start.body.includes('Aveți o cerere începută') ? 'restart' : 'start', companyId: 'self' })).location!;
    const empty = await postMultipart(c, `${draft}/soti`, { spouses__count: '2', previously_married: 'nu', action: 'continue' }, []);
    expect(empty.status).toBe(400);
    // Two empty rows are on the page already: "add at least 2" sent people looking for a button.
    expect(empty.body).toContain('Viitorii soți: Completați rândurile de mai jos (cel puțin 2)');
    // Half a row: the group's message comes first in the summary, as the group is above its rows on the page.
    const half = await postMultipart(c, `${draft}/soti`, { spouses__count: '2', spouses__0__spouse_name: 'Ana Pop', previously_married: 'nu', action: 'continue' }, []);
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(half.body)![0];
    expect(summary.indexOf('Viitorii soți: Completați rândurile')).toBeGreaterThan(0);
    expect(summary.indexOf('Viitorii soți: Completați rândurile')).toBeLessThan(summary.indexOf('Data nașterii – 1'));
    const witnesses = await c.get(`${draft}/martori`);
    expect(witnesses.body).toContain('Adăugați încă un rând: martorii la căsătorie');
  });

  it('says under the ceremony date the earliest day the law allows, and refuses an earlier one in words', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const start = await c.get('/servicii/sector5/CASATORIE/cerere');
    const draft = (await c.post('/servicii/sector5/CASATORIE/cerere', { action: start.body.includes('Aveți o cerere începută') ? 'restart' : 'start', companyId: 'self' })).location!;
    // Filed today, the 10 days of Codul civil art. 283 (today and the wedding day included) end 9 days later.
    const earliest = formatDate(addDays(bucharestDay(t.deps.now()), 9));
    const page = await c.get(`${draft}/ceremonie`);
    expect(page.body).toContain(`Data trebuie să fie cel mai devreme ${earliest}.`);
    const early = await postMultipart(c, `${draft}/ceremonie`, { ceremony_place: 'oficiu_lucru', 'ceremony_date-day': '1', 'ceremony_date-month': '1', 'ceremony_date-year': '2020', action: 'continue' }, []);
    expect(early.status).toBe(400);
    expect(early.body).toContain(`Data dorită pentru ceremonie: Data trebuie să fie cel mai devreme ${earliest}`);
    expect(early.body).toContain('name="ceremony_date-year" type="text" inputmode="numeric" value="2020"');
  });

  it('says everything that is wrong on the page at once when a file is refused with Continue', async () => {
    const { c, draft } = await fiscalDraftAtPurpose();
    const r = await postMultipart(c, `${draft}/scop`, { delivery: 'electronic', on_behalf: 'da', action: 'continue' }, [
      { field: 'mandate', filename: 'imputernicire.pdf', type: 'application/pdf', bytes: EXE },
    ]);
    expect(r.status).toBe(400);
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(r.body)![0];
    const purpose = summary.indexOf('href="#purpose"');
    expect(purpose).toBeGreaterThan(0);
    expect(summary.indexOf('este un program (executabil)')).toBeGreaterThan(purpose);
  });

  it('keeps what was typed on the page when a file of it is removed', async () => {
    const { c, draft } = await fiscalDraftAtPurpose();
    const fields = { purpose: 'alte', other_purpose: 'Dosar de pensie', delivery: 'electronic', on_behalf: 'da' };
    const uploaded = await postMultipart(c, `${draft}/scop`, { ...fields, action: 'upload:mandate' }, [{ field: 'mandate', filename: 'imputernicire.pdf', type: 'application/pdf', bytes: PDF }]);
    const remove = /name="action" value="(remove:[0-9a-f-]{36})"/.exec(uploaded.body)![1]!;
    const removed = await c.follow(await postMultipart(c, `${draft}/scop`, { ...fields, other_purpose: 'Dosar de pensie pentru mama', action: remove }, []));
    expect(removed.body).toContain('Fișierul a fost șters.');
    expect(removed.body).not.toContain('imputernicire.pdf');
    expect(removed.body).toContain('value="Dosar de pensie pentru mama"');
    expect(removed.body).toMatch(/value="da"\s+checked/);
  });
});

describe('the declaration on one’s own responsibility', () => {
  it('is made once, on check-your-answers, in the service’s own words, and recorded with the answers', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const start = await c.get('/servicii/sector5/CERERE-GEN/cerere');
    const r = await c.post('/servicii/sector5/CERERE-GEN/cerere', { action: start.body.includes('Aveți o cerere începută') ? 'restart' : 'start', companyId: 'self' });
    const draft = r.location!;
    await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pf' });
    await c.post(`${draft}/contact`, { phone: '' });
    const last = await c.post(`${draft}/cerere`, { subject: 'Toaletarea arborilor', content: 'Vă rog să toaletați arborii din fața blocului 12.' });
    // No separate "Declarație" page: the next step after the last question is check-your-answers.
    expect(last.location).toBe(`${draft}/documente/supporting`);
    const skipped = await c.post(`${draft}/documente/supporting`, {});
    expect(skipped.location).toBe(`${draft}/verificare-raspunsuri`);
    const check = await c.get(`${draft}/verificare-raspunsuri`);
    const statement = 'Declar pe propria răspundere, cunoscând prevederile art. 326 din Codul penal';
    // Exactly once on the page: as the box to tick, not also as an answer to change.
    expect(check.body.split(statement).length - 1).toBe(1);
    expect(check.body).not.toContain('Declar pe propria răspundere că datele sunt corecte');
    expect((await c.post(`${draft}/trimite-cererea`, {})).status).toBe(400);
    const sent = await c.post(`${draft}/trimite-cererea`, { declaration: 'yes' });
    expect(sent.location).toBe(`${draft}/confirmare-cerere`);
    const [row] = await t.database.query<{ answers: Record<string, unknown> }>('SELECT answers FROM "case" WHERE id = (SELECT submitted_case_id FROM case_draft WHERE id = $1)', [draft.split('/').at(-1)]);
    expect(row!.answers.declaration_truth).toBe(true);
  });
});

describe('check-your-answers', () => {
  /** Maria's general request (CERERE-GEN of Sector 5) with this content, on its check-your-answers page. */
  async function generalRequestCheck(content: string) {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const start = await c.get('/servicii/sector5/CERERE-GEN/cerere');
    const draft = (await c.post('/servicii/sector5/CERERE-GEN/cerere', { action: start.body.includes('Aveți o cerere începută') ? 'restart' : 'start', companyId: 'self' })).location!;
    await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pf' });
    await c.post(`${draft}/contact`, { phone: '' });
    await c.post(`${draft}/cerere`, { subject: 'Toaletarea arborilor', content });
    await c.post(`${draft}/documente/supporting`, {});
    return c.get(`${draft}/verificare-raspunsuri`);
  }

  it('keeps the line breaks of an answer written on several lines', async () => {
    const check = await generalRequestCheck('Bună ziua,\nvă rog să toaletați arborii.\nMulțumesc.');
    const cls = /<span class="([^"]+)">Bună ziua,\nvă rog/.exec(check.body)?.[1];
    expect(cls).toBeDefined();
    // The class must exist in the stylesheet and keep the line breaks (white-space: pre-line).
    const css = readFileSync(join(process.cwd(), 'src/platform/web/assets/app.css'), 'utf8');
    expect(css).toMatch(new RegExp(`\\.${cls} \\{[^}]*white-space: pre-line`));
  });

  it('gives the last day of the legal term counting the institution’s closed days, as the registration will', async () => {
    const real = t.deps.now;
    // Monday 23 November 2026: 30 days → Thursday 24 December 2026, which Sector 5 declared closed; 25–26 are
    // Christmas and 27 a Sunday, so the term ends on Monday 28 December.
    t.deps.now = () => new Date('2026-11-23T08:00:00Z');
    const [sector5] = await t.database.query<{ id: string }>("SELECT id FROM institution WHERE slug = 'sector5'");
    await t.database.query("INSERT INTO institution_closure (institution_id, day, reason) VALUES ($1, '2026-12-24', 'Zi liberă acordată prin HG')", [sector5!.id]);
    try {
      const check = await generalRequestCheck('Vă rog să toaletați arborii.');
      expect(check.body).toContain('dacă trimiteți azi: până la 28.12.2026');
    } finally {
      await t.database.query("DELETE FROM institution_closure WHERE institution_id = $1 AND day = '2026-12-24'", [sector5!.id]);
      t.deps.now = real;
    }
  });
});

/** Maria's identity-card booking for a day of November 2026, filled in up to check-your-answers. */
async function bookingAtCheck(day: string) {
  const c = await signedIn(DEMO_ACCOUNTS.maria.email);
  const start = await c.get('/servicii/sector5/PROGRAMARE-CI/cerere');
  const draft = (await c.post('/servicii/sector5/PROGRAMARE-CI/cerere', { action: start.body.includes('Aveți o cerere începută') ? 'restart' : 'start', companyId: 'self' })).location!;
  let next = (await c.post(`${draft}/motiv`, { reason: 'expirare', for_whom: 'eu', card_type: 'cei' })).location!;
  next = (await c.post(`${draft}/programare`, { 'preferred_date-day': day, 'preferred_date-month': '11', 'preferred_date-year': '2026', time_slot: 'dimineata' })).location!;
  for (let i = 0; i < 6 && !next.endsWith('/verificare-raspunsuri'); i++) {
    const files = next.includes('/documente/') ? [{ field: 'file', filename: 'act.pdf', type: 'application/pdf', bytes: PDF }] : [];
    next = (await postMultipart(c, next, { action: 'continue', phone: '' }, files)).location ?? next;
  }
  expect(next).toBe(`${draft}/verificare-raspunsuri`);
  return { c, draft, next };
}

describe('the confirmation page', () => {
  it('says a booking needs no answer, neither a legal term "in 0 days" nor one due today', async () => {
    const real = t.deps.now;
    // Monday 23 November 2026, 10:00 in Bucharest: a booking (term 0 working days) is due that very day.
    t.deps.now = () => new Date('2026-11-23T08:00:00Z');
    try {
      const { c, draft, next } = await bookingAtCheck('30');
      const check = await c.get(next);
      expect(check.body).toContain('Nu este nevoie de un răspuns: cererea se înregistrează pe loc');
      expect(check.body).not.toContain('0 zile lucrătoare');
      const sent = await c.post(`${draft}/trimite-cererea`, { declaration: 'yes' });
      const confirm = await c.get(sent.location!);
      expect(confirm.body).toContain('Nu este nevoie de un răspuns: cererea se înregistrează pe loc și primiți imediat numărul de înregistrare.');
      expect(confirm.body).not.toContain('Termenul legal de răspuns');
      expect(confirm.body).not.toContain('peste 0 zile');
      if (existsSync('/usr/bin/pdftotext')) {
        const caseId = /\/cont\/cereri\/([0-9a-f-]{36})/.exec(confirm.body)![1];
        const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const receipt = pdftotext((await t.app.inject({ method: 'GET', url: `/cont/cereri/${caseId}/recipisa.pdf`, headers: { cookie } })).rawPayload);
        expect(receipt).toContain('Nu este nevoie de un');
        expect(receipt).not.toContain('Termen legal de răspuns');
      }
      const mail = await lastEmail(t, DEMO_ACCOUNTS.maria.email);
      expect(mail!.body_text).toContain('Pentru această cerere nu este nevoie de un răspuns: înregistrarea ei este confirmarea.');
      expect(mail!.body_text).not.toContain('Termenul legal de răspuns');
    } finally {
      t.deps.now = real;
    }
  });
});

describe('a date that went out of its bounds while the draft waited', () => {
  it('is refused when the request is sent, naming the date, and nothing is registered', async () => {
    const real = t.deps.now;
    // The booking asks for a date not in the past: chosen on Monday 23 November, sent on Thursday 26 November.
    t.deps.now = () => new Date('2026-11-23T08:00:00Z');
    try {
      const { draft } = await bookingAtCheck('24');
      t.deps.now = () => new Date('2026-11-26T08:00:00Z');
      const later = await signedIn(DEMO_ACCOUNTS.maria.email); // the session of Monday has expired
      expect((await later.get(`${draft}/verificare-raspunsuri`)).status).toBe(200);
      const refused = await later.post(`${draft}/trimite-cererea`, { declaration: 'yes' });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('Data dorită: Data nu mai este valabilă pentru o cerere trimisă astăzi: alegeți alta, cu „Modificați”');
      const id = draft.split('/').pop();
      expect(await countRows(t, 'case_draft WHERE id = $1 AND submitted_case_id IS NULL', [id])).toBe(1);
    } finally {
      t.deps.now = real;
    }
  });
});

describe('declaration by a signed PDF', () => {
  it('refuses a PDF altered after signing, accepts an intact one and submits with it', async () => {
    const { c, draft } = await fiscalDraftAtPurpose();
    await postMultipart(
      c,
      `${draft}/scop`,
      { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', deceased_cnp: '1800101123450', delivery: 'ghiseu', on_behalf: 'nu', action: 'continue' },
      [],
    );
    await c.post(`${draft}/acord-documente`, {});
    // Consent refused: the death certificate becomes a document to upload (optional here).
    const docPage = await c.get(`${draft}/documente/death_certificate`);
    expect(docPage.status).toBe(200);
    await postMultipart(c, `${draft}/documente/death_certificate`, { action: 'continue' }, []);
    const check = await c.get(`${draft}/verificare-raspunsuri`);
    expect(check.body).toContain('Fără acord: îl atașați dumneavoastră');
    // Uploading a signed PDF is the rarer way: folded away (closed) below the declaration, not a second form everyone reads.
    const signedSection = /<details class="govuk-details"[^>]*>\s*<summary[^>]*>\s*<span[^>]*>Aveți semnătură electronică avansată sau calificată\? Puteți încărca cererea semnată<\/span>[\s\S]*?<\/details>/.exec(check.body)?.[0];
    expect(signedSection).toContain('name="signedPdf"');
    expect(signedSection).not.toMatch(/<details[^>]*\bopen/);

    const identity = await makeSelfSignedIdentity('Maria Ionescu');
    const signed = Buffer.from(await signedTestPdf(identity));
    const altered = Buffer.from(signed);
    altered[altered.indexOf('Cerere')] = 'X'.charCodeAt(0);
    const bad = await postMultipart(c, `${draft}/semnatura-pdf`, {}, [{ field: 'signedPdf', filename: 'cerere.pdf', type: 'application/pdf', bytes: altered }]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Semnătura nu este valabilă: documentul a fost modificat după semnare');
    expect(bad.body).toContain('Succesiune (moștenire)'); // the answers are all still there
    // The error is shown where the upload is: its section is open.
    expect(bad.body).toMatch(/<details class="govuk-details" open[^>]*>\s*<summary[^>]*>\s*<span[^>]*>Aveți semnătură electronică/);

    const good = await postMultipart(c, `${draft}/semnatura-pdf`, {}, [{ field: 'signedPdf', filename: 'cerere.pdf', type: 'application/pdf', bytes: signed }]);
    expect(good.location).toBe(`${draft}/verificare-raspunsuri`);
    const shown = await c.get(good.location!);
    expect(shown.body).toContain('Semnătură verificată: Maria Ionescu');
    expect(shown.body).toContain('Nu am verificat dacă certificatul provine de la un furnizor de încredere calificat');
    const submitted = await c.post(`${draft}/trimite-cererea`, {});
    expect(submitted.location).toBe(`${draft}/confirmare-cerere`);
    const [row] = await t.database.query<{ kind: string; signer: string }>(
      `SELECT s.declaration->>'kind' AS kind, d.signature->>'signer' AS signer FROM submission_state s JOIN case_document d ON d.draft_id = s.draft_id AND d.question_id = '_signed_application' WHERE s.draft_id = $1`,
      [draft.split('/').pop()],
    );
    expect(row).toEqual({ kind: 'signed_pdf', signer: 'Maria Ionescu' });
  });
});

describe('who may apply', () => {
  it('explains how to confirm the email to a person whose address is not confirmed', async () => {
    const c = t.client();
    await registerPerson(c, 772);
    const r = await c.get('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect(r.status).toBe(403);
    expect(r.body).toContain('Confirmați adresa de e-mail');
  });

  it('leads a person without a company from a companies-only service to the paper way and back, not into a dead end', async () => {
    const c = t.client();
    await registerPerson(c, 774);
    await c.get(linkIn((await lastEmail(t, personForm(774).email))!.body_text, '/confirmare-email'));
    await signInAs(c, personForm(774).email);
    const r = await c.get('/servicii/sector5/TERASA/cerere');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Acest serviciu este doar pentru firme și alte persoane juridice');
    // The old text sent people to an account page that cannot add a company.
    expect(r.body).not.toContain('adăugați-o din contul dumneavoastră');
    expect(r.body).toContain('href="/servicii/sector5/TERASA/formular.docx"');
    expect(r.body).toContain('href="/contact"');
    expect(r.body).toMatch(/<a href="\/servicii\/sector5\/TERASA" class="govuk-back-link">/);
    // The ordinary start page has its way back too.
    expect((await c.get('/servicii/dgitl5/CERT-FISCAL/cerere')).body).toMatch(/<a href="\/servicii\/dgitl5\/CERT-FISCAL" class="govuk-back-link">/);
  });

  it('sends a visitor who is not signed in to sign in first', async () => {
    const r = await t.client().get('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect(r.status).toBe(303);
    expect(r.location).toContain('/autentificare?next=');
  });

  it('offers to resume a started application and lists it under started applications', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await startFiscalDraft(c);
    const again = await c.get('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect(again.body).toContain('Aveți o cerere începută pe');
    const resumed = await c.post('/servicii/dgitl5/CERT-FISCAL/cerere', { action: 'continue' });
    expect(resumed.location).toBe(draft);
    const list = await c.get('/cont/cereri-incepute');
    expect(list.body).toContain('Certificat de atestare fiscală');
    expect(list.body).toContain(`href="${draft}"`);
  });

  it('lets the person give up a started request, and nobody else', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await startFiscalDraft(c);
    const id = draft.split('/').pop()!;
    const list = await c.get('/cont/cereri-incepute');
    expect(list.body).toContain(`action="${draft}/renunta-la-cerere"`);
    const other = t.client();
    await registerPerson(other, 773);
    await other.get('/cont');
    expect((await other.post(`${draft}/renunta-la-cerere`, {})).status).toBe(404);
    const gone = await c.post(`${draft}/renunta-la-cerere`, {});
    expect(gone.location).toBe('/cont/cereri-incepute');
    expect((await c.follow(gone)).body).toContain('Ați renunțat la cererea „Certificat de atestare fiscală”');
    expect(await countRows(t, 'case_draft WHERE id = $1', [id])).toBe(0);
    expect((await c.get(draft)).status).toBe(404);
    // Through the API too.
    const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
    expect((await c.request('DELETE', `/api/v1/drafts/${d.id}`, undefined, { accept: 'application/json', 'x-csrf-token': c.csrf })).status).toBe(204);
    expect((await c.api('GET', `/api/v1/drafts/${d.id}`)).status).toBe(404);
  });

  it('keeps the answer on the page when the person saves to come back later', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await startFiscalDraft(c);
    const page = await c.get(`${draft}/tip_solicitant`);
    expect(page.body).toMatch(/<button[^>]*name="action"[^>]*value="save"[^>]*>\s*Salvați și reveniți mai târziu/);
    const saved = await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pj', action: 'save' });
    expect(saved.location).toBe('/cont/cereri-incepute');
    expect((await c.get('/cont/cereri-incepute')).body).toContain('Răspunsurile au fost salvate');
    expect((await c.get(`${draft}/tip_solicitant`)).body).toMatch(/value="pj"[^>]*checked|checked[^>]*value="pj"/);
  });

  it('lets the person leave with "save and come back later" from a page that is not complete, keeping what was saved before', async () => {
    // Someone who wants to stop must be able to: before, an unanswered page answered "Alegeți una dintre opțiuni" and
    // kept them there. An incomplete page is still not saved (no half answers); what was saved before stays, and the
    // message says this page's answers were not kept.
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const draft = await startFiscalDraft(c);
    await c.post(`${draft}/tip_solicitant`, { applicant_kind: 'pj', action: 'save' });
    const empty = await c.post(`${draft}/tip_solicitant`, { action: 'save' });
    expect(empty.status).toBe(303);
    expect(empty.location).toBe('/cont/cereri-incepute');
    const list = await c.get('/cont/cereri-incepute');
    expect(list.body).toContain('Cererea a fost salvată. Răspunsurile de pe pagina „Cine depune cererea” nu au fost păstrate, pentru că pagina nu era completă.');
    expect(list.body).not.toContain('Alegeți una dintre opțiuni');
    expect((await c.get(`${draft}/tip_solicitant`)).body).toMatch(/value="pj"[^>]*checked|checked[^>]*value="pj"/);
    // "Continue" still says what is missing.
    const onward = await c.post(`${draft}/tip_solicitant`, { action: 'continue' });
    expect(onward.status).toBe(400);
    expect(onward.body).toContain('Alegeți una dintre opțiuni');
  });
});

describe('JSON API', () => {
  it('runs the same journey: draft, page answers with field errors, document, consents, idempotent submit', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    await c.get('/');
    const created = await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true });
    expect(created.status).toBe(201);
    const d = created.json<{ id: string; prefilled: string[]; answers: Record<string, unknown> }>();
    expect(d.prefilled).toEqual(expect.arrayContaining(['applicant_name', 'applicant_cnp', 'applicant_address', 'email']));
    const bad = await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'altceva' } });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ applicant_kind: 'form.error.option_invalid' });
    expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } })).status).toBe(200);
    const wrongCnp = await c.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', deceased_cnp: '1800101123451', delivery: 'electronic', on_behalf: 'nu' } });
    expect(wrongCnp.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ deceased_cnp: 'form.error.cnp_checksum' });
    expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', deceased_cnp: '1800101123450', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
    expect((await c.api('POST', `/api/v1/drafts/${d.id}/consents`, { agreed: ['death_certificate'] })).status).toBe(200);
    const m = multipart({ documentId: 'mandate' }, [{ field: 'file', filename: 'mandat.pdf', type: 'application/pdf', bytes: PDF }]);
    const up = await c.request('POST', `/api/v1/drafts/${d.id}/documents`, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'x-csrf-token': c.csrf });
    expect(up.status).toBe(201);
    expect(up.json<{ sha256: string }>().sha256).toMatch(/^[0-9a-f]{64}$/);
    const disguised = multipart({ documentId: 'mandate' }, [{ field: 'file', filename: 'poza.pdf', type: 'application/pdf', bytes: PNG }]);
    const refused = await c.request('POST', `/api/v1/drafts/${d.id}/documents`, disguised.body as unknown as string, { 'content-type': disguised.type, accept: 'application/json', 'x-csrf-token': c.csrf });
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('submission.file.mismatch');

    expect((await c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: false })).status).toBe(400);
    const first = await c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true });
    expect(first.status).toBe(200);
    const s1 = first.json<{ caseId: string; number: { number: number; date: string; formatted: string }; trackingCode: string; dueOn: string; alreadySubmitted: boolean }>();
    expect(s1.number.formatted).toMatch(/^\d+\/\d{2}\.\d{2}\.\d{4}$/);
    expect(s1.number.formatted).toBe(`${s1.number.number}/${s1.number.date.split('-').reverse().join('.')}`);
    expect(s1.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(s1.alreadySubmitted).toBe(false);
    const second = (await c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true })).json<typeof s1>();
    expect(second).toEqual({ ...s1, alreadySubmitted: true });
    expect(await countRows(t, '"case" c JOIN case_draft d ON d.submitted_case_id = c.id WHERE d.id = $1', [d.id])).toBe(1);

    // Someone else's draft is a 404, like a missing one.
    const stranger = t.client();
    await registerPerson(stranger, 773);
    await stranger.get('/');
    expect((await stranger.api('GET', `/api/v1/drafts/${d.id}`)).status).toBe(404);
    expect((await stranger.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true })).status).toBe(404);
  });

  it('creates one case when the same draft is submitted twice at the same time', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    await c.get('/');
    const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
    await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } });
    await c.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } });
    await c.api('POST', `/api/v1/drafts/${d.id}/consents`, { agreed: ['death_certificate'] });
    const [a, b] = await Promise.all([
      c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true }),
      c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json<{ caseId: string }>().caseId).toBe(b.json<{ caseId: string }>().caseId);
    expect(await countRows(t, '"case" c JOIN case_draft d ON d.submitted_case_id = c.id WHERE d.id = $1', [d.id])).toBe(1);
    expect(await countRows(t, 'outbox_message WHERE template = $1 AND body_text LIKE $2', ['submission.received.v1', `%${a.json<{ number: { formatted: string } }>().number.formatted}%`])).toBe(1);
  });

  it('lists the endpoints in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/drafts', '/api/v1/drafts/{id}/pages/{pageId}', '/api/v1/drafts/{id}/documents', '/api/v1/drafts/{id}/submit']));
  });
});

describe('the time limit, said before the form starts', () => {
  it('tells on the start page how long a page may stay idle, that what was typed on it is offered again after signing in, and what to press before a break', async () => {
    const c = await signedIn(DEMO_ACCOUNTS.maria.email);
    const start = await c.get('/servicii/dgitl5/CERT-FISCAL/cerere');
    // The test app's idle timeout is the default 30 minutes.
    expect(start.body).toContain('dacă nu apăsați niciun buton timp de 30 de minute, vă deconectăm. După ce vă autentificați din nou, vă oferim să trimiteți pagina deschisă cu ce ați scris pe ea');
    expect(start.body).toContain('Înainte de o pauză, apăsați „Salvați și reveniți mai târziu”.');
    // A shorter limit a city hall may configure reads as Romanian counts it.
    expect(translate('ro', 'submission.start.time_limit', { minutes: 15 })).toContain('timp de 15 minute,');
    expect(translate('en', 'submission.start.time_limit', { minutes: 1 })).toContain('for one minute we sign you out');
  });
});
