import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAwaitsSignatureOf } from './answer-awaiting-signature.ts';
import { type Client, multipartForm, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { sealSecret } from '../../platform/auth/secret-box.ts';
import { startCscSimulator, type CscSimulator } from '../../platform/signing/csc-simulator.ts';
import { createTestCa, issueTestCertificate } from '../../platform/signing/test-pki.ts';
import { runPdfsig } from '../../platform/signing/test-support.ts';
import { execFileSync } from 'node:child_process';
import { startTsaServer, type TsaServer } from '../../platform/signing/tsa-server.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { DEMO_SIGNING_PIN, demoPkcs12 } from './seed-demo.ts';
import { cscSecretContext } from './signing-keys.ts';
import { upsertSeal, upsertSigningKey } from './store.ts';

let t: TestApp;
// The real time (the demo certificates are valid from yesterday), moved on by 30 s before every TOTP code.
let clock = Date.now();
const now = () => new Date(clock);
const { maria, registryClerk, inspector, headOfDepartment, mayor, administrator } = DEMO_ACCOUNTS;
let tsa: TsaServer;
let csc: CscSimulator;
const MAYOR_REMOTE_PIN = '1990';

let caseId: string;
let caseNumber: string;

const REASONS =
  'Terenul se află în zona de protecție a monumentului istoric „Biserica Sfântul Ioan”, unde construirea este interzisă prin PUZ aprobat prin HCL nr. 12/2020.\n\nPuteți depune o nouă cerere după avizul Direcției pentru Cultură.';

const code = (a: DemoAccount) => {
  clock += 30_000;
  return totpCode(a.totpSecret!, now());
};

const sessions = new Map<string, Client>();
async function as(a: DemoAccount): Promise<Client> {
  const known = sessions.get(a.id);
  if (known) return known;
  const c = t.client();
  await c.get('/autentificare');
  const first = await c.post('/autentificare', { email: a.email, password: a.password });
  if (first.location === '/autentificare/doi-factori') {
    await c.get('/autentificare/doi-factori');
    const second = await c.post('/autentificare/doi-factori', { code: code(a) });
    expect(second.location).toBe('/birou');
  }
  sessions.set(a.id, c);
  return c;
}

/** The text of a PDF as poppler's pdftotext reads it (lines joined: the PDF wraps long paragraphs). */
function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf) }).toString('utf8').replace(/\s+/g, ' ');
}

async function q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return t.database.query<T>(sql, params);
}

async function latestDocument() {
  const [row] = await q<{ id: string; status: string; current_sha256: string; version: number; outgoing_entry_id: string }>(
    'SELECT id, status, current_sha256, version, outgoing_entry_id FROM answer_document WHERE case_id = $1 ORDER BY version DESC LIMIT 1',
    [caseId],
  );
  return row!;
}

async function sign(a: DemoAccount, pin: string, given?: string) {
  const c = await as(a);
  const totp = given ?? code(a);
  const doc = await latestDocument();
  await c.get(`/birou/dosare/${caseId}/raspuns`);
  return c.post(`/birou/dosare/${caseId}/raspuns/${doc.id}/semnare`, { pin, code: totp, transactionId: crypto.randomUUID() });
}

function multipart(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
  const m = multipartForm(fields, [{ field: 'file', filename: file.name, type: 'application/pdf', bytes: file.bytes }]);
  return { body: m.body, contentType: m.type };
}

async function upload(bytes: Uint8Array, c = t.client(), path = '/verificare', fields: Record<string, string> = {}) {
  await c.get(path);
  const { body, contentType } = multipart({ _csrf: c.csrf, ...fields }, { name: 'copie.pdf', bytes });
  return c.request('POST', path, body as unknown as string, { 'content-type': contentType });
}

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  // A time-stamping authority for the institution's seal (B-T), and the mayor signing remotely through CSC.
  const ca = await createTestCa('Test CA documente');
  const [tsaId, mayorId] = await Promise.all([
    issueTestCertificate(ca, { commonName: 'Test TSA' }, 'timestamping'),
    issueTestCertificate(ca, { commonName: mayor.displayName, organization: 'Primăria Sectorului 5 (test)' }),
  ]);
  tsa = await startTsaServer(tsaId);
  csc = await startCscSimulator([{ id: 'cred-mayor', userId: mayor.id, pin: MAYOR_REMOTE_PIN, privateKey: mayorId.privateKey, certificates: [mayorId.certificate, ...mayorId.chain] }]);
  const [seal] = await q<{ sealed_p12: string; sealed_password: string; certificate_subject: string }>(
    'SELECT sealed_p12, sealed_password, certificate_subject FROM institution_seal WHERE institution_id = $1',
    [DEMO.sector5],
  );
  await t.database.db.transaction(async (tx) => {
    await upsertSigningKey(tx, {
      accountId: mayor.id,
      kind: 'csc',
      cscUrl: csc.url,
      cscClientId: csc.clientId,
      sealedCscSecret: sealSecret(t.deps.config.sessionSecret, csc.clientSecret, cscSecretContext(mayor.id)),
      cscCredentialId: 'cred-mayor',
      certificateSubject: mayor.displayName,
    });
    await upsertSeal(tx, { institutionId: DEMO.sector5, sealedP12: seal!.sealed_p12, sealedPassword: seal!.sealed_password, certificateSubject: seal!.certificate_subject, tsaUrl: tsa.url });
  });
  const [version] = await q<{ id: string }>(
    "SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.code = 'CERT-URBANISM' AND s.institution_id = $1 AND v.status = 'published'",
    [DEMO.sector5],
  );
  const opened = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version!.id,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name: 'Maria Ionescu', cnp: '2850315452341', email: maria.email, address: 'Calea Rahovei nr. 147, Sector 5, București' },
      answers: { property_address: { street: 'Str. Sălciilor', number: '12', locality: 'București' }, land_area: 480, purpose: 'construire', urgency: 'standard', is_owner: 'da' },
      channel: 'online',
      actorId: maria.id,
      transactionId: crypto.randomUUID(),
      feeBani: 1500,
      at: now(),
    }),
  );
  caseId = opened.caseId;
  caseNumber = opened.registry.display;
  // The registry sends the case to the department and its head assigns it to the inspector, through the case page
  // (the workflow area's own tests cover those steps): the case is with the inspector, at its analysis.
  expect((await step(registryClerk, 'forward')).status).toBe(303);
  expect((await step(headOfDepartment, 'assign', { assigneeId: inspector.id })).status).toBe(303);
}, 60_000);

/** The official acts at the case's workflow step through the case page, as a browser would. */
async function step(who: DemoAccount, action: string, fields: Record<string, string> = {}) {
  const c = await as(who);
  await c.get(`/birou/dosare/${caseId}`);
  const [s] = await q<{ step_key: string; step_seq: number }>('SELECT step_key, step_seq FROM "case" WHERE id = $1', [caseId]);
  return c.post(`/birou/dosare/${caseId}/flux`, { action, step: s!.step_key, version: String(s!.step_seq), transactionId: crypto.randomUUID(), ...fields });
}

afterAll(async () => {
  await csc?.stop();
  await tsa?.stop();
  await t?.stop();
});

describe('answer templates (/admin/sabloane)', () => {
  it('refuses a placeholder the service form does not have, naming it', async () => {
    const c = await as(administrator);
    const list = await c.get('/admin/sabloane');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Certificat de urbanism');
    await c.get('/admin/sabloane/CERT-URBANISM');
    const res = await c.post('/admin/sabloane/CERT-URBANISM', { title: 'Certificat de urbanism nr. {{numar_iesire}}', body: 'Suprafața: {{raspunsuri.suprafata}} m². {{solicitant.varsta}}' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Câmpul {{raspunsuri.suprafata}} nu există în formularul serviciului.');
    expect(res.body).toContain('Câmpul {{solicitant.varsta}} nu este cunoscut.');
    expect(await q('SELECT 1 FROM document_template')).toHaveLength(0);
  });

  it('saves a valid template as a new version', async () => {
    const c = await as(administrator);
    const res = await c.post('/admin/sabloane/CERT-URBANISM', {
      title: 'Certificat de urbanism nr. {{numar_iesire}}',
      body: 'Către {{solicitant.nume}}\n\nPentru imobilul din {{raspunsuri.property_address}}, cu suprafața de {{raspunsuri.land_area}} m², în scopul „{{raspunsuri.purpose}}”, ca răspuns la cererea nr. {{numar_inregistrare}} din {{data_inregistrare}}.\n\nNumăr cadastral: {{raspunsuri.cadastral_number}}.',
    });
    expect(res.status).toBe(303);
    const page = await c.follow(res);
    expect(page.body).toContain('Șablonul a fost salvat (versiunea 1).');
  });

  it('says the default remedy printed under a refusal, and keeps the institution\'s own wording for a service', async () => {
    const c = await as(administrator);
    const editor = await c.get('/admin/sabloane/NOMENCLATURA');
    expect(editor.body).toContain('Calea de atac, tipărită sub o respingere (opțional)');
    expect(editor.body).toContain('plângere prealabilă la instituția emitentă, în termen de 30 de zile');
    expect(editor.body).toContain('verificați textul cu juristul instituției');
    const remedy = 'Împotriva refuzului se poate formula plângere prealabilă la Primăria Sectorului 5 în 30 de zile de la comunicare.';
    const res = await c.post('/admin/sabloane/NOMENCLATURA', { title: 'Certificat de nomenclatură stradală', body: 'Către {{solicitant.nume}}\n\n{{raspuns}}', remedy });
    expect(res.status).toBe(303);
    const [row] = await q<{ remedy: string }>("SELECT remedy FROM document_template WHERE service_code = 'NOMENCLATURA'");
    expect(row!.remedy).toBe(remedy);
    expect((await c.get('/admin/sabloane/NOMENCLATURA')).body).toContain(remedy);
  });

  it('is refused to an official who is not an administrator', async () => {
    const c = await as(inspector);
    expect((await c.get('/admin/sabloane')).status).toBe(403);
    expect((await c.post('/admin/sabloane/CERT-URBANISM', { title: 'x', body: 'y' })).status).toBe(403);
  });
});

describe('answer document: validate, generate, sign ×3, issue, verify', () => {
  let issuedPdf: Uint8Array;

  it('the inspector writes the answer: an outcome, and the reasons of a refusal, without which nothing can be generated', async () => {
    const c = await as(inspector);
    const casePage = await c.get(`/birou/dosare/${caseId}`);
    expect(casePage.status).toBe(200);
    expect(casePage.body).toContain('Răspunsul nu a fost generat încă.');
    expect(casePage.body).toContain(`href="/birou/dosare/${caseId}/raspuns/previzualizare"`);
    const empty = await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    expect(empty.body).toContain('Cum se soluționează cererea?');
    expect(empty.body).toContain('Scrieți mai întâi răspunsul și salvați-l');
    expect(empty.body).not.toContain('Generează documentul');
    // Nothing written: nothing to generate, not even over the JSON API.
    await c.get('/cont');
    const early = await c.api('POST', `/api/v1/cases/${caseId}/answer`, {});
    expect(early.status).toBe(409);
    expect(early.body).toContain('documents.answer.missing');
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);

    // A refusal without its reasons is refused, the choice kept; a text without an outcome keeps the text.
    const noReasons = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'refused', text: '  \n ' });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body).toContain('Scrieți motivele respingerii: un refuz trebuie motivat.');
    expect(noReasons.body).toMatch(/value="refused"[^>]*checked|checked[^>]*value="refused"/);
    const noOutcome = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { text: REASONS });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body).toContain('Alegeți cum se soluționează cererea.');
    expect(noOutcome.body).toContain('Terenul se află în zona de protecție');
    // Only who may prepare the answer writes it: the registry (which issues) may not; the applicant does not see the case.
    const clerk = await as(registryClerk);
    await clerk.get(`/birou/dosare/${caseId}`);
    expect((await clerk.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'granted', text: '' })).status).toBe(403);
    const citizen = await as(maria);
    await citizen.get('/cont');
    expect((await citizen.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'granted', text: '' })).status).toBe(404);
    expect((await citizen.api('PUT', `/api/v1/cases/${caseId}/answer/draft`, { outcome: 'granted', text: '' })).status).toBe(404);
    expect(await q('SELECT 1 FROM answer_draft')).toHaveLength(0);

    const saved = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'refused', text: REASONS });
    expect(saved.status).toBe(303);
    expect((await c.follow(saved)).body).toContain('Răspunsul a fost salvat.');
    const [written] = await q<{ details: { outcome: string } }>("SELECT details FROM audit_entry WHERE action = 'document.answer_written'");
    expect(written!.details.outcome).toBe('refused');
  });

  it('"Validează" shows the answer with every placeholder filled and lists the missing values', async () => {
    const c = await as(inspector);
    const res = await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    expect(res.status).toBe(200);
    // The service's own template has no {{raspuns}}: the written answer follows its text, then the remedy.
    expect(res.body).toContain('Cererea dumneavoastră a fost respinsă, pentru următoarele motive:');
    expect(res.body).toContain('Terenul se află în zona de protecție');
    expect(res.body).toContain('plângere prealabilă');
    expect(res.body).toContain('Către Maria Ionescu');
    expect(res.body).toContain('Str. Sălciilor nr. 12, București');
    expect(res.body).toContain('suprafața de 480 m²');
    expect(res.body).toContain('Construire, extindere, modificare');
    expect(res.body).toContain(`cererea nr. ${caseNumber}`);
    expect(res.body).toContain('{{raspunsuri.cadastral_number}}'); // not answered: listed as missing
    expect(res.body).toMatch(/Inspector — Andrei Popa[\s\S]*Șef serviciu — Cristina Marinescu[\s\S]*Primar — Radu Georgescu/);
    expect(res.body).not.toMatch(/\{\{(?!raspunsuri\.cadastral_number)/);
     // Someone who may not read the case gets "not found"; someone signed out is sent to sign in.
    expect((await (await as(maria)).get(`/birou/dosare/${caseId}/raspuns/previzualizare`)).status).toBe(404);
    expect((await t.client().get(`/birou/dosare/${caseId}/raspuns`)).status).toBe(303);
  });

  it('"Generează" registers an outgoing number that replies to the request, and stores the PDF', async () => {
    const c = await as(inspector);
    const res = await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() });
    expect(res.status).toBe(303);
    const page = await c.follow(res);
    expect(page.body).toMatch(/Documentul de răspuns a fost generat \(versiunea 1, nr\. de ieșire \d+\/\d\d\.\d\d\.\d{4}\)/);
    const doc = await latestDocument();
    const [entry] = await q<{ direction: string; replies_to: string; case_entry: string }>(
      'SELECT e.direction, e.replies_to_entry_id AS replies_to, c.registry_entry_id AS case_entry FROM registry_entry e JOIN "case" c ON c.id = e.case_id WHERE e.id = $1',
      [doc.outgoing_entry_id],
    );
    expect(entry).toMatchObject({ direction: 'outgoing' });
    expect(entry!.replies_to).toBe(entry!.case_entry);
    const pdf = await c.get(`/birou/dosare/${caseId}/raspuns/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^inline; filename="raspuns-/);
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    // The citizen does not see a document that is still being signed.
    expect(await q("SELECT 1 FROM case_document WHERE case_id = $1 AND direction = 'out'", [caseId])).toHaveLength(0);
  });

  it('"Generează" clicked again, or the API call retried, gives the same version instead of a new one', async () => {
    const c = await as(inspector);
    const first = await latestDocument();
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    const again = await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() });
    expect((await c.follow(again)).body).toMatch(/Documentul de răspuns a fost generat \(versiunea 1,/);
    await c.get('/cont');
    const retried = await c.api('POST', `/api/v1/cases/${caseId}/answer`, {});
    expect(retried.json<{ documentId: string; version: number }>()).toMatchObject({ documentId: first.id, version: 1 });
    // A call with no body at all, as the API took before it read a transactionId, is answered the same.
    const bare = await c.request('POST', `/api/v1/cases/${caseId}/answer`, undefined, { accept: 'application/json', 'x-csrf-token': c.csrf });
    expect(bare.status, bare.body).toBe(200);
    expect(bare.json<{ documentId: string; duplicate: boolean }>()).toMatchObject({ documentId: first.id, duplicate: true });
    expect(await q('SELECT id FROM answer_document WHERE case_id = $1', [caseId])).toEqual([{ id: first.id }]);
  });

  it('changing the text of an unsigned version withdraws it; the answer is generated again', async () => {
    const c = await as(inspector);
    const first = await latestDocument();
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    const res = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'refused', text: `${REASONS}\n\nTemeiul legal: Legea nr. 50/1991.` });
    expect(res.status).toBe(303);
    expect((await c.follow(res)).body).toContain('Versiunea 1, încă nesemnată, a fost retrasă');
    const [old] = await q<{ status: string }>('SELECT status FROM answer_document WHERE id = $1', [first.id]);
    expect(old!.status).toBe('superseded');
    await c.get('/cont');
    const transactionId = crypto.randomUUID();
    const generated = await c.api('POST', `/api/v1/cases/${caseId}/answer`, { transactionId });
    expect(generated.status).toBe(201);
    const second = generated.json<{ documentId: string; version: number; duplicate: boolean }>();
    expect(second).toMatchObject({ version: 2, duplicate: false });
    // The official changes the text again meanwhile (version 2 is withdrawn); the app retries the call whose answer it
    // lost, with its transactionId: it is told what that call generated, and no version is generated from the new text.
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    expect((await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'refused', text: `${REASONS}\n\nTemeiul legal: Legea nr. 50/1991. Art. 6 alin. (1).` })).status).toBe(303);
    await c.get('/cont');
    const retried = await c.api('POST', `/api/v1/cases/${caseId}/answer`, { transactionId });
    expect(retried.status).toBe(200);
    expect(retried.json()).toMatchObject({ documentId: second.documentId, version: 2, duplicate: true });
    expect(await q('SELECT version FROM answer_document WHERE case_id = $1 ORDER BY version', [caseId])).toEqual([{ version: 1 }, { version: 2 }]);
    // The page's button carries its own transactionId: the form sent twice (a double submit) generates once.
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    const pageTx = crypto.randomUUID();
    expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: pageTx })).status).toBe(303);
    expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: pageTx })).status).toBe(303);
    const again = await latestDocument();
    expect(again).toMatchObject({ version: 3, status: 'signing', outgoing_entry_id: first.outgoing_entry_id });
  });

  it('a correction is a new version with the same outgoing number; the first is superseded, never changed', async () => {
    const c = await as(inspector);
    const first = await latestDocument();
    // The land's address was recorded wrong (the registry corrects the case's answers): generated again, the document
    // says another thing, so it is a new version (the same document again would be the same version).
    await q(`UPDATE "case" SET answers = jsonb_set(answers, '{property_address,number}', '"14"') WHERE id = $1`, [caseId]);
    await c.get(`/birou/dosare/${caseId}/raspuns`);
    expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(303);
    const second = await latestDocument();
    expect(second.version).toBe(first.version + 1);
    expect(second.outgoing_entry_id).toBe(first.outgoing_entry_id);
    const [old] = await q<{ status: string; current_sha256: string }>('SELECT status, current_sha256 FROM answer_document WHERE id = $1', [first.id]);
    expect(old).toEqual({ status: 'superseded', current_sha256: first.current_sha256 });
  });

  it('refuses a wrong PIN and a wrong TOTP code, and audits both refusals', async () => {
    const wrongPin = await sign(inspector, '000000');
    expect(wrongPin.status).toBe(400);
    expect(wrongPin.body).toContain('Codul PIN al certificatului nu este corect.');
    // The page that shows the refusal says which case it is about, and names the answer document once.
    expect(wrongPin.body).toContain(`<span class="govuk-caption-l">Dosarul nr. ${caseNumber}</span>`);
    expect(wrongPin.body.match(/>Documentul de răspuns<\/h[12]>/g)).toHaveLength(1);
    const wrongCode = await sign(inspector, DEMO_SIGNING_PIN, '000000');
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body).toContain('Codul nu este corect sau a fost deja folosit.');
    const refusals = await q<{ details: { reason: string } }>("SELECT details FROM audit_entry WHERE action = 'document.sign_refused' ORDER BY id");
    expect(refusals.map((r) => r.details.reason)).toEqual(['pin', 'totp']);
    expect(await q('SELECT 1 FROM document_signature')).toHaveLength(0);
  });

  it('only the next official in the plan may sign', async () => {
    const res = await sign(headOfDepartment, DEMO_SIGNING_PIN);
    expect(res.status).toBe(403);
    expect(res.body).toContain('Nu este rândul dumneavoastră să semnați. Urmează: Andrei Popa.');
  });

  it('once signed, a version is changed only by withdrawing it: its signature stays on it and the new version is signed again', async () => {
    expect((await sign(inspector, DEMO_SIGNING_PIN)).status).toBe(303);
    const signed = await latestDocument();
    const c = await as(inspector);
    expect((await c.get(`/birou/dosare/${caseId}`)).body).toContain('Retrage pentru corectare');
    const res = await c.post(`/birou/dosare/${caseId}/raspuns/${signed.id}/retragere`, { transactionId: crypto.randomUUID() });
    expect(res.status).toBe(303);
    expect((await c.follow(res)).body).toContain(`Versiunea ${signed.version} a fost retrasă.`);
    const [old] = await q<{ status: string; n: number }>('SELECT d.status, (SELECT count(*)::int FROM document_signature s WHERE s.document_id = d.id) AS n FROM answer_document d WHERE d.id = $1', [signed.id]);
    expect(old).toEqual({ status: 'superseded', n: 1 });
    expect(await q("SELECT 1 FROM audit_entry WHERE action = 'document.withdrawn' AND entity_id = $1", [signed.id])).toHaveLength(1);
    // Withdrawn, the answer can be written again (here it stays the same) and generated as a new version.
    expect((await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`)).body).toContain('Salvează răspunsul');
    expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(303);
    expect(await latestDocument()).toMatchObject({ version: signed.version + 1, status: 'signing' });
  });

  it('inspector, head of department and mayor (remote CSC signature) sign one after another', async () => {
    expect((await sign(inspector, DEMO_SIGNING_PIN)).status).toBe(303);
    // Signed once, the text is frozen: the inspector cannot change it under the signature.
    const c = await as(inspector);
    const locked = await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    expect(locked.body).toContain('Răspunsul a fost semnat de Andrei Popa și nu mai poate fi modificat.');
    const changed = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'granted', text: 'Cererea se admite.' });
    expect(changed.status).toBe(409);
    expect(changed.body).toContain('Răspunsul a fost semnat de Andrei Popa: textul nu se mai poate schimba.');
    await c.get('/cont');
    expect((await c.api('PUT', `/api/v1/cases/${caseId}/answer/draft`, { outcome: 'granted', text: '' })).status).toBe(409);
    const [draft] = await q<{ outcome: string }>('SELECT outcome FROM answer_draft WHERE case_id = $1', [caseId]);
    expect(draft!.outcome).toBe('refused');
    expect((await latestDocument()).status).toBe('signing');
    // The head signs once the case reaches her approval, not while it is still with the inspector.
    const beforeHerStep = await sign(headOfDepartment, DEMO_SIGNING_PIN);
    expect(beforeHerStep.status).toBe(409);
    expect(beforeHerStep.body).toContain('Dosarul nu a ajuns încă la pasul dumneavoastră: este la pasul „Inspectorul analizează”.');
    expect((await step(inspector, 'approve')).status).toBe(303);
    expect((await sign(headOfDepartment, DEMO_SIGNING_PIN)).status).toBe(303);
    // The mayor's turn in the order has come, but the case is still with the head: his signature would run ahead of her approval.
    const mayorPage = (await (await as(mayor)).get(`/birou/dosare/${caseId}`)).body;
    expect(mayorPage).toContain('Semnați după ce dosarul ajunge la pasul dumneavoastră în fluxul de lucru. Acum este la pasul: Șeful de serviciu aprobă.');
    expect(mayorPage).not.toContain('id="semnare-pin"');
    const early = await sign(mayor, MAYOR_REMOTE_PIN);
    expect(early.status).toBe(409);
    expect(early.body).toContain('este la pasul „Șeful de serviciu aprobă”');
    expect(csc.signatures).toBe(0);
    expect((await step(headOfDepartment, 'approve')).status).toBe(303);
    // The workflow's "sign" step waits for the official's own signature on the answer (act-on-step.ts).
    expect(await answerAwaitsSignatureOf(t.database.db, caseId, mayor.id)).toBe(true);
    expect(await answerAwaitsSignatureOf(t.database.db, caseId, headOfDepartment.id)).toBe(false);
    expect(await answerAwaitsSignatureOf(t.database.db, caseId, administrator.id)).toBe(false);
    const wrongRemote = await sign(mayor, '0000');
    expect(wrongRemote.status).toBe(400);
    expect(wrongRemote.body).toContain('Codul PIN al certificatului nu este corect.');
    const last = await sign(mayor, MAYOR_REMOTE_PIN);
    expect(last.status).toBe(303);
    // Signed at his own step now, the case waits for his "Semnează" there.
    expect((await (await as(mayor)).follow(last)).body).toContain('Documentul a fost semnat. Pasul „Primarul semnează” nu este încă încheiat');
    expect(await answerAwaitsSignatureOf(t.database.db, caseId, mayor.id)).toBe(false);
    expect(csc.signatures).toBe(1);
    const doc = await latestDocument();
    expect(doc.status).toBe('signed');
    const sigs = await q<{ role: string; method: string }>('SELECT role, method FROM document_signature WHERE document_id = $1 ORDER BY seq', [doc.id]);
    expect(sigs).toEqual([
      { role: 'inspector', method: 'pkcs12' },
      { role: 'head_of_department', method: 'pkcs12' },
      { role: 'mayor', method: 'csc' },
    ]);
  });

  it('is issued only after the case passed its signing step; then the seal closes it and the citizen is told', async () => {
    const clerk = await as(registryClerk);
    await clerk.get(`/birou/dosare/${caseId}/raspuns`);
    const early = await clerk.post(`/birou/dosare/${caseId}/raspuns/emitere`, { transactionId: crypto.randomUUID() });
    expect(early.status).toBe(409);
    expect((await step(mayor, 'sign')).status).toBe(303);
    // An inspector may not issue.
    const inspectorClient = await as(inspector);
    await inspectorClient.get(`/birou/dosare/${caseId}/raspuns`);
    expect((await inspectorClient.post(`/birou/dosare/${caseId}/raspuns/emitere`, {})).status).toBe(403);
    const res = await clerk.post(`/birou/dosare/${caseId}/raspuns/emitere`, { transactionId: crypto.randomUUID() });
    expect(res.status).toBe(303);
    expect((await clerk.follow(res)).body).toContain('Documentul a fost emis și trimis solicitantului.');
    const doc = await latestDocument();
    expect(doc.status).toBe('issued');
    const [c] = await q<{ status: string }>('SELECT status FROM "case" WHERE id = $1', [caseId]);
    expect(c!.status).toBe('issued');
    issuedPdf = (await t.deps.blobs.get(doc.current_sha256))!;
    // The register's outgoing line says when the answer was sent ("Data expedierii").
    const today = new Intl.DateTimeFormat('ro-RO', { timeZone: 'Europe/Bucharest', day: '2-digit', month: '2-digit', year: 'numeric' }).format(now());
    const [outgoing] = await q<{ sent: string | null }>("SELECT to_char(sent_on, 'DD.MM.YYYY') AS sent FROM registry_entry WHERE id = $1", [doc.outgoing_entry_id]);
    expect(outgoing!.sent).toBe(today);
  });

  it('the issued PDF says the refusal, its reasons and the legal remedy', () => {
    const text = pdfText(issuedPdf);
    expect(text).toContain('Cererea dumneavoastră a fost respinsă, pentru următoarele motive:');
    expect(text).toContain('Terenul se află în zona de protecție a monumentului istoric');
    expect(text).toContain('Temeiul legal: Legea nr. 50/1991.');
    expect(text).toContain('plângere prealabilă la instituția emitentă, în termen de 30 de zile');
    expect(text).toContain('554/2004');
    expect(text).not.toContain('favorabil');
  });

  it('the issued PDF is addressed as an official letter (name, address) and says who signed it, not who is to sign', () => {
    const text = pdfText(issuedPdf);
    expect(text).toContain('Destinatar Maria Ionescu');
    expect(text).toContain('Adresa Calea Rahovei nr. 147, Sector 5, București');
    // The template's own 'Către …' opens the letter once; the header names the addressee under 'Destinatar'.
    expect(text.match(/Către Maria Ionescu/g)).toHaveLength(1);
    expect(text).toContain('E-mail maria.ionescu@');
    expect(text).toContain('Semnat electronic de: 1. Inspector — Andrei Popa 2. Șef serviciu — Cristina Marinescu 3. Primar — Radu Georgescu');
    expect(text).not.toContain('în această ordine');
  });

  it('pdfsig reports every signature valid: inspector, head, mayor, then the institution seal (B-T)', () => {
    const { output, signatures } = runPdfsig(issuedPdf);
    expect(signatures, output).toHaveLength(4);
    expect(signatures.map((s) => s.commonName)).toEqual(['Andrei Popa', 'Cristina Marinescu', 'Radu Georgescu', 'Primăria Sectorului 5 — sigiliu']);
    for (const s of signatures) {
      expect(s.validation).toBe('Signature is Valid.');
      expect(s.type).toBe('ETSI.CAdES.detached');
    }
    expect(signatures.map((s) => s.totalDocumentSigned)).toEqual([false, false, false, true]);
  });

  it('the register says how the request was resolved, in the reader\'s language', async () => {
    const clerk = await as(registryClerk);
    const [line] = await q<{ resolution: string; resolution_code: string }>(
      'SELECT r.resolution, r.resolution_code FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1',
      [caseId],
    );
    expect(line!.resolution).toMatch(/^Respinsă: răspuns motivat emis la \d\d\.\d\d\.\d{4}$/);
    expect(line!.resolution_code).toBe('issued.refused');
    const number = caseNumber.split('/')[0];
    const ro = await clerk.get(`/birou/registratura?numar=${number}`);
    expect(ro.body).toMatch(/Respinsă: răspuns motivat emis la \d\d\.\d\d\.\d{4}/);
    clerk.cookies.set('pd_lang', 'en');
    const en = await clerk.get(`/birou/registratura?numar=${number}`);
    clerk.cookies.delete('pd_lang');
    expect(en.body).toMatch(/Refused: reasoned answer issued on \d\d\.\d\d\.\d{4}/);
    expect(en.body).not.toContain('Respinsă: răspuns motivat');
  });

  it('the citizen downloads the signed PDF from their case and gets an email with the links', async () => {
    const c = await as(maria);
    const page = await c.get(`/cont/cereri/${caseId}`);
    expect(page.status).toBe(200);
    // The answer comes first on the page, with its own download button, before the history and the documents.
    const answer = page.body.indexOf('Răspunsul primăriei');
    expect(answer).toBeGreaterThan(0);
    expect(answer).toBeLessThan(page.body.indexOf('Ce s-a întâmplat'));
    expect(page.body).toMatch(new RegExp(`<a href="/cont/cereri/${caseId}/documente/[0-9a-f-]{36}"[^>]*class="govuk-button"[^>]*>Descărcați răspunsul \\(PDF\\)`));
    // It says the request was refused, and how to challenge the answer.
    expect(page.body).toMatch(/govuk-tag--red">Respinsă<\/strong> Cererea dumneavoastră a fost respinsă/);
    // The remedy word for word as the signed document prints it.
    expect(page.body).toContain('Răspunsul spune cum și în ce termen:');
    expect(page.body).toContain('<p class="govuk-body" lang="ro">Împotriva acestui răspuns puteți formula plângere prealabilă la instituția emitentă, în termen de 30 de zile');
    c.cookies.set('pd_lang', 'en');
    const english = await c.get(`/cont/cereri/${caseId}`);
    c.cookies.delete('pd_lang');
    expect(english.body).toContain('Your request was refused.');
    const link = new RegExp(`/cont/cereri/${caseId}/documente/([0-9a-f-]{36})`).exec(page.body);
    expect(link).not.toBeNull();
    const file = await c.get(link![0]);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(file.body, 'binary').length).toBeGreaterThan(0);
    const [row] = await q<{ sha256: string; filename: string }>("SELECT sha256, filename FROM case_document WHERE case_id = $1 AND direction = 'out'", [caseId]);
    expect(row!.sha256).toBe((await latestDocument()).current_sha256);
    const [mail] = await q<{ subject: string; body_text: string }>("SELECT subject, body_text FROM outbox_message WHERE template LIKE 'documents.issued%' AND lower(recipient) = lower($1)", [maria.email]);
    expect(mail!.subject).toBe(`Răspunsul la cererea nr. ${caseNumber} a fost emis`);
    // The e-mail says what the answer is, not only that there is one.
    expect(mail!.body_text).toContain('Cererea dumneavoastră a fost respinsă. Motivele și calea de atac');
    expect(mail!.body_text).toContain(`/cont/cereri/${caseId}`);
    expect(mail!.body_text).toContain(`/verificare/${(await latestDocument()).id}`);
  });

  it('the citizen reads the answer itself on their case: its text, who signed it and when, its signatures verified; the API says the same', async () => {
    const c = await as(maria);
    const doc = await latestDocument();
    const page = (await c.get(`/cont/cereri/${caseId}`)).body;
    const answer = page.slice(page.indexOf('id="raspuns-emis"'), page.indexOf('Ce s-a întâmplat'));
    // The official's reasons, word for word as the signed document says them, marked as Romanian text.
    expect(answer).toContain('Ce spune răspunsul');
    expect(answer).toContain('<div class="govuk-inset-text pd-answer-text" lang="ro">');
    expect(answer).toContain('Terenul se află în zona de protecție a monumentului istoric „Biserica Sfântul Ioan”');
    expect(answer).toContain('Puteți depune o nouă cerere după avizul Direcției pentru Cultură.');
    expect(answer).toContain('<p class="govuk-body govuk-!-font-weight-bold">Certificat de urbanism nr. ');
    expect(answer).toContain(`ca răspuns la cererea nr. ${caseNumber}`);
    // Who signed, in order, with the time of each signature, then the seal.
    const signers = [...answer.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(signers).toHaveLength(4);
    expect(signers[0]).toMatch(/^Inspector — Andrei Popa, \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(signers[1]).toMatch(/^Șef serviciu — Cristina Marinescu, \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(signers[2]).toMatch(/^Primar — Radu Georgescu, \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(signers[3]).toMatch(/^Sigiliul instituției — Primăria Sectorului 5 — sigiliu, \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(answer).toContain('govuk-tag--green">Verificate</strong>');
    expect(answer).toContain('Toate semnăturile sunt valide și documentul nu a fost modificat după semnare.');
    expect(answer).toContain(`href="/verificare/${doc.id}"`);
    const [outgoing] = await q<{ n: string }>("SELECT r.number || '/' || to_char(r.registered_on, 'DD.MM.YYYY') AS n FROM registry_entry r WHERE r.id = $1", [doc.outgoing_entry_id]);
    expect(answer).toContain(outgoing!.n);

    c.cookies.set('pd_lang', 'en');
    const english = (await c.get(`/cont/cereri/${caseId}`)).body;
    const api = await c.get(`/api/v1/me/cases/${caseId}`);
    c.cookies.delete('pd_lang');
    expect(english).toContain('What the answer says');
    expect(english).toContain('Terenul se află în zona de protecție');
    expect(english).toMatch(/<li>Mayor — Radu Georgescu, \d\d\.\d\d\.\d{4} \d\d:\d\d<\/li>/);
    expect(english).toContain('govuk-tag--green">Verified</strong>');
    expect(english).toContain('Every signature is valid and the document was not changed after it was signed.');

    expect(api.status).toBe(200);
    const json = JSON.parse(api.body).answer;
    expect(json).toMatchObject({ outcome: 'refused', outgoingNumber: { formatted: outgoing!.n }, signaturesValid: true, verificationUrl: `/verificare/${doc.id}` });
    expect(json.text).toContain('Terenul se află în zona de protecție');
    expect(json.remedy).toContain('554/2004');
    expect(json.signatures.map((s: { name: string; titleLabel: string }) => `${s.titleLabel}: ${s.name}`)).toEqual([
      'Inspector: Andrei Popa',
      'Head of department: Cristina Marinescu',
      'Mayor: Radu Georgescu',
      'Institution seal: Primăria Sectorului 5 — sigiliu',
    ]);
    const file = await c.get(json.href);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('a stored answer whose signatures no longer check out is not shown as verified', async () => {
    const doc = await latestDocument();
    const original = (await t.deps.blobs.get(doc.current_sha256))!;
    const broken = Buffer.from(original);
    // One byte inside the first signed revision: every signature's digest breaks.
    broken.writeUInt8(broken.readUInt8(200) ^ 1, 200);
    const sha = await t.deps.blobs.put(broken);
    await q('UPDATE answer_document SET current_sha256 = $1 WHERE id = $2', [sha, doc.id]);
    try {
      const page = (await (await as(maria)).get(`/cont/cereri/${caseId}`)).body;
      expect(page).toContain('govuk-tag--red">Neconfirmate</strong>');
      expect(page).not.toContain('Verificate</strong>');
    } finally {
      await q('UPDATE answer_document SET current_sha256 = $1 WHERE id = $2', [doc.current_sha256, doc.id]);
    }
  });

  it('the QR code page shows the document as authentic, without signing in', async () => {
    const doc = await latestDocument();
    const res = await t.client().get(`/verificare/${doc.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Document autentic, emis de Primăria Sectorului 5');
    expect(res.body).toContain(doc.current_sha256);
    expect(res.body).toContain('Documentul este complet');
    expect(res.body).toMatch(/Radu Georgescu — [^<]*nivel B-B, semnătură validă/);
    expect(res.body).toMatch(/sigiliu — [^<]*nivel B-T, semnătură validă/);
    expect(res.body).not.toContain('Maria Ionescu');
    // A superseded version says it was not issued, and nothing else of it: not its title, number or fingerprint,
    // which describe a draft nobody received — on the page and through the API.
    const [old] = await q<{ id: string; current_sha256: string; title: string }>("SELECT id, current_sha256, title FROM answer_document WHERE case_id = $1 AND status = 'superseded'", [caseId]);
    const never = (await t.client().get(`/verificare/${old!.id}`)).body;
    expect(never).toContain('Acest document nu a fost emis');
    expect(never).toContain('<title>Acest document nu a fost emis');
    for (const told of [old!.current_sha256, old!.title, 'Număr de înregistrare', 'Primăria Sectorului 5</dd>']) expect(never).not.toContain(told);
    const api = await t.client().api('GET', `/api/v1/verification/${old!.id}`);
    expect(api.status).toBe(200);
    expect(api.json()).toEqual({ document: null, issued: false, signatures: [], complete: false });
    expect((await t.client().get('/verificare/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('uploading the issued PDF says authentic; a copy changed after signing says altered', async () => {
    const same = await upload(issuedPdf);
    expect(same.status).toBe(200);
    expect(same.body).toContain('Document autentic');
    expect(same.body).toContain('este identic, octet cu octet');

    const appended = Buffer.concat([Buffer.from(issuedPdf), Buffer.from('\n1 0 obj\n<< /Type /Annot /Contents (Aprobat fara taxa) >>\nendobj\n%%EOF\n')]);
    const altered = await upload(appended);
    expect(altered.body).toContain('Document modificat după semnare');
    expect(altered.body).toContain('după ultima semnătură i s-a adăugat conținut');

    // A byte changed inside the signed content: the signatures no longer match.
    const tampered = Buffer.from(issuedPdf);
    // Inside the first revision (the generated document), far from any signature's /Contents.
    tampered[1500] = tampered[1500]! ^ 0x01;
    const broken = await upload(tampered);
    expect(broken.body).toContain('Document modificat: semnăturile nu mai corespund conținutului');

    const notPdf = await upload(new TextEncoder().encode('nu este un pdf'));
    expect(notPdf.body).toContain('Fișierul nu este un PDF');
  });

  it('a signed and issued document cannot be regenerated', async () => {
    const c = await as(inspector);
    await c.get(`/birou/dosare/${caseId}/raspuns`);
    const res = await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() });
    expect(res.status).toBe(409);
  });
});

describe('an official stores their own signing key (/cont/semnatura)', () => {
  it('checks that the PIN opens the file, keeps it sealed, and refuses citizens', async () => {
    const ca = await createTestCa('Test CA chei');
    const id = await issueTestCertificate(ca, { commonName: 'Mihai Stanciu' });
    const p12 = demoPkcs12(id, '1357');
    const c = await as(DEMO_ACCOUNTS.director);
    expect((await c.get('/cont/semnatura')).body).toContain('Nu aveți încă o cheie de semnătură.');
    const wrong = await upload(p12, c, '/cont/semnatura', { pin: '0000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Fișierul certificatului nu poate fi deschis');
    const ok = await upload(p12, c, '/cont/semnatura', { pin: '1357' });
    expect(ok.status).toBe(303);
    expect((await c.follow(ok)).body).toContain('Cheia actuală: Mihai Stanciu (fișier PKCS#12)');
    const [row] = await q<{ sealed_p12: string }>('SELECT sealed_p12 FROM signing_key WHERE account_id = $1', [DEMO_ACCOUNTS.director.id]);
    expect(row!.sealed_p12).toMatch(/^v1\.k\./);
    expect(row!.sealed_p12).not.toContain(Buffer.from(p12).toString('base64').slice(0, 40));
    expect((await (await as(maria)).get('/cont/semnatura')).status).toBe(403);
  });
});

describe('the same operations over the JSON API', () => {
  it('reads the answer, refuses a wrong PIN with a field code, and verifies the issued document by id and by upload', async () => {
    const doc = await latestDocument();
    expect(doc.status).toBe('issued');
    const c = await as(inspector);
    await c.get('/cont');
    const panel = await c.api('GET', `/api/v1/cases/${caseId}/answer`);
    expect(panel.status).toBe(200);
    expect(panel.body).toContain(doc.id);
    expect(panel.json<{ current: { outcome: string } }>().current.outcome).toBe('refused');
    // A citizen cannot see the office's view of their case's answer.
    const citizen = await as(maria);
    await citizen.get('/cont');
    expect((await citizen.api('GET', `/api/v1/cases/${caseId}/answer`)).status).toBe(404);
    // An issued answer cannot be regenerated or signed again.
    expect((await c.api('POST', `/api/v1/cases/${caseId}/answer`, {})).status).toBe(409);
    const refused = await c.api('POST', `/api/v1/answers/${doc.id}/signatures`, { pin: '000000', code: '123456' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);

    const anonymous = t.client();
    const byId = await anonymous.api('GET', `/api/v1/verification/${doc.id}`);
    expect(byId.status).toBe(200);
    expect(byId.json<{ issued: boolean; complete: boolean }>()).toMatchObject({ issued: true, complete: true });
    expect(byId.body).not.toContain('Maria');

    const bytes = (await t.deps.blobs.get(doc.current_sha256))!;
    const send = (b: Uint8Array) =>
      t.app.inject({ method: 'POST', url: '/api/v1/verification', headers: { 'content-type': 'application/pdf', accept: 'application/json' }, payload: Buffer.from(b) });
    const ok = await send(bytes);
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body).kind).toBe('authentic');
    const altered = Buffer.concat([Buffer.from(bytes), Buffer.from('\n% adăugat după semnare\n')]);
    expect(JSON.parse((await send(altered)).body).kind).toBe('altered_after_signing');
    expect(JSON.parse((await send(Buffer.from('nu este un PDF'))).body).kind).toBe('not_pdf');

    const openapi = (await anonymous.get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/api/v1/cases/{caseId}/answer',
      '/api/v1/cases/{caseId}/answer/draft',
      '/api/v1/cases/{caseId}/answer/{documentId}/withdrawal',
      '/api/v1/answers/{documentId}/signatures',
      '/api/v1/verification/{documentId}',
      '/api/v1/verification',
    ]) {
      expect(Object.keys(openapi.paths)).toContain(path);
    }
  });
});
