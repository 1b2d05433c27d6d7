import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type FilePart, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { giveToInspector } from '../../../test/support/workflow.ts';
import { addDays, bucharestDay, isWorkingDay, legalDeadline } from '../../platform/calendar/calendar.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { openCase } from '../cases/open-case.ts';
import { recordCaseAction } from '../cases/record-case-action.ts';
import { parseRegistryNumber } from '../registry/domain/registry-number.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { sendDeadlineReminders } from './send-deadline-reminders.ts';

let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);
const { maria, ion, inspector, headOfDepartment, registryClerk, taxesAdministrator, archivist } = DEMO_ACCOUNTS;

const L = (ro: string, en = ro) => ({ ro, en });
const form = {
  schemaVersion: 1,
  pages: [
    {
      id: 'cerere',
      title: L('Cererea'),
      items: [
        { id: 'subject', type: 'text', label: L('Subiectul cererii', 'Subject'), required: true },
        { id: 'urgency', type: 'radios', label: L('Regim', 'Urgency'), required: true, options: [{ value: 'standard', label: L('Standard') }, { value: 'urgent', label: L('De urgență', 'Urgent') }] },
      ],
    },
  ],
};
const service = (code: string, kind: 'request' | 'petition' | 'information', days: number, tacitApproval: boolean) => ({
  code,
  category: 'urbanism',
  name: L(kind === 'petition' ? 'Petiție de test urbanism' : 'Aviz de test urbanism', kind === 'petition' ? 'Test petition' : 'Test approval'),
  description: L('Serviciu de test.', 'Test service.'),
  applicants: 'both',
  caseKind: kind,
  documents: [],
  form,
  fee: { kind: 'none' },
  term: { days, unit: 'calendar' },
  tacitApproval,
  departmentCode: 'CU',
  fileCode: 'III-1',
  keywords: [],
});
let requestVersion: string;
let petitionVersion: string;
let noticeVersion: string;
let informationVersion: string;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  requestVersion = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: service('TEST-AVIZ', 'request', 30, true), actorId: null, at: now() }))).versionId;
  petitionVersion = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: service('TEST-PETITIE-CU', 'petition', 30, false), actorId: null, at: now() }))).versionId;
  // A notice (like the one that works start): a term of 0 days, its registration is the confirmation.
  const notice = { ...service('TEST-ANUNT', 'request', 0, false), name: L('Anunț de test', 'Test notice'), term: { days: 0, unit: 'working' } };
  noticeVersion = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: notice, actorId: null, at: now() }))).versionId;
  // A public-information request (Legea 544/2001): 10 days.
  const information = { ...service('TEST-INFO-CU', 'information', 10, false), name: L('Informații de interes public de test', 'Test public information') };
  informationVersion = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: information, actorId: null, at: now() }))).versionId;
});
afterAll(async () => t?.stop());

type Opened = { caseId: string; trackingCode: string; number: string; dueOn: string };

async function open(who: DemoAccount | null, opts: { version?: string; at?: Date; companyId?: string; email?: string; feeBani?: number } = {}): Promise<Opened> {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: opts.version ?? requestVersion,
      applicantAccountId: who?.id ?? null,
      companyId: opts.companyId ?? null,
      applicant: { kind: 'person', name: who?.displayName ?? 'Vasile Ghișeu', cnp: '1800101123450', email: opts.email ?? who?.email ?? null },
      answers: { subject: 'Reabilitare fațadă bloc 3', urgency: 'urgent' },
      channel: who ? 'online' : 'counter',
      actorId: who?.id ?? null,
      transactionId: crypto.randomUUID(),
      feeBani: opts.feeBani ?? 0,
      at: opts.at ?? now(),
    }),
  );
  return { caseId: c.caseId, trackingCode: c.trackingCode, number: c.registry.display, dueOn: c.dueOn! };
}

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), '/cont/cereri');

const dmy = (iso: string) => iso.split('-').reverse().join('.');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const multipart = (fields: Record<string, string>, file: Omit<FilePart, 'field'>) => multipartForm(fields, [{ field: 'file', ...file }]);

async function emails(to: string, template: string, containing: string) {
  const rows = await t.database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1) AND template = $2 AND body_text LIKE $3',
    [to, template, `%${containing}%`],
  );
  return Number(rows[0]?.n ?? 0);
}

async function caseRow(id: string) {
  const [row] = await t.database.query<{ status: string; due_on: string | null }>("SELECT status, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM \"case\" WHERE id = $1", [id]);
  return row!;
}

describe('Cererile mele and the case page', () => {
  it('lists the person’s cases (and their company’s) with number, code, status and deadline, and shows the case page', async () => {
    const first = await open(maria);
    const late = await open(maria, { at: new Date(clock - 60 * 86_400_000) });
    const forCompany = await open(ion, { companyId: DEMO_COMPANY.id });
    const c = await signIn(maria);
    const list = await c.get('/cont/cereri');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Cererile mele');
    for (const x of [first, late, forCompany]) {
      expect(list.body).toContain(x.number);
      expect(list.body).toContain(formatTrackingCode(x.trackingCode));
      expect(list.body).toContain(`href="/cont/cereri/${x.caseId}"`);
    }
    expect(list.body).toMatch(/\d+\/\d{2}\.\d{2}\.\d{4}/);
    expect(list.body).toContain('Aviz de test urbanism');
    expect(list.body).toContain('Înregistrată');
    expect(list.body).toContain(dmy(first.dueOn));
    const daysLeft = Math.round((Date.parse(first.dueOn) - Date.parse(bucharestDay(now()))) / 86_400_000);
    expect(list.body).toContain(`mai sunt ${daysLeft} de zile`);
    expect(list.body).toContain('Termen depășit');
    // Newest first: today's case before the one submitted two months ago.
    expect(list.body.indexOf(first.number)).toBeLessThan(list.body.indexOf(late.number));
    // On a phone each row stacks and each cell names its column, so the status and the deadline are not cut off.
    expect(list.body).toContain('<table class="govuk-table pd-table-stack" role="table">');
    expect(list.body).toMatch(/<td class="govuk-table__cell" role="cell" data-label="Stadiu"><strong class="govuk-tag govuk-tag--blue">Înregistrată<\/strong><\/td>/);
    expect(list.body).toMatch(/<td class="govuk-table__cell" role="cell" data-label="Termen legal">/);

    const page = await c.get(`/cont/cereri/${first.caseId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Cererea nr. ${first.number}`);
    expect(page.body).toContain(dmy(first.dueOn));
    expect(page.body).toContain(`mai sunt ${daysLeft} de zile`);
    expect(page.body).toContain('Serviciul Certificate de Urbanism');
    expect(page.body).toContain('Cererea a fost depusă și înregistrată');
    // The history stacks on a phone too, each entry's cells under their headings.
    expect(page.body).toMatch(/<th scope="row" class="govuk-table__header" role="rowheader" data-label="Când">/);
    expect(page.body).toContain('Reabilitare fațadă bloc 3');
    expect(page.body).toContain('De urgență');
    expect(page.body).toContain('Retrageți cererea');
    // The registration receipt can be downloaded again from the request's page.
    expect(page.body).toContain(`href="/cont/cereri/${first.caseId}/recipisa.pdf"`);
    const receipt = await c.get(`/cont/cereri/${first.caseId}/recipisa.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toContain('application/pdf');

    const api = await c.api('GET', '/api/v1/me/cases');
    expect(api.status).toBe(200);
    const json = api.json<{ total: number; cases: { id: string; number: { formatted: string }; statusLabel: string; deadline: { daysLeft: number; overdue: boolean } }[] }>();
    expect(json.cases.find((x) => x.id === first.caseId)).toMatchObject({ number: { formatted: first.number }, statusLabel: 'Înregistrată', deadline: { daysLeft, overdue: false } });
    expect(json.cases.find((x) => x.id === late.caseId)?.deadline.overdue).toBe(true);
  });

  it('says a scan the clerk registered was received by the registry, not sent by the applicant', async () => {
    const x = await open(maria);
    await t.database.db.transaction(async (tx) => {
      const { attachCaseDocuments } = await import('../cases/attach-case-documents.ts');
      await attachCaseDocuments(tx, { caseId: x.caseId, institutionId: DEMO.sector5, documents: [{ sha256: 'a'.repeat(64), filename: 'cerere-scanata.pdf', mediaType: 'application/pdf', sizeBytes: 2048 }], actorId: registryClerk.id });
    });
    const c = await signIn(maria);
    const page = await c.get(`/cont/cereri/${x.caseId}`);
    const row = page.body.slice(page.body.indexOf('cerere-scanata.pdf'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('Primit la registratură');
    expect(row.slice(0, row.indexOf('</tr>'))).not.toContain('Trimis de dumneavoastră');
    const api = (await c.api('GET', `/api/v1/me/cases/${x.caseId}`)).json<{ documents: { filename: string; viaRegistry: boolean }[] }>();
    expect(api.documents).toEqual([expect.objectContaining({ filename: 'cerere-scanata.pdf', viaRegistry: true })]);
  });

  it('shows the fee computed at submission on the request page, the official’s file and in the API', async () => {
    const paid = await open(maria, { feeBani: 2550 });
    const free = await open(maria);
    const c = await signIn(maria);
    expect((await c.get(`/cont/cereri/${paid.caseId}`)).body).toMatch(/<dt class="govuk-summary-list__key">Taxa<\/dt><dd class="govuk-summary-list__value">25,50 lei<\/dd>/);
    expect((await c.get(`/cont/cereri/${free.caseId}`)).body).toMatch(/<dt class="govuk-summary-list__key">Taxa<\/dt><dd class="govuk-summary-list__value">Gratuit<\/dd>/);
    expect((await c.api('GET', `/api/v1/me/cases/${paid.caseId}`)).json<{ feeBani: number }>().feeBani).toBe(2550);
    const head = await signIn(headOfDepartment);
    expect((await head.get(`/birou/dosare/${paid.caseId}`)).body).toContain('25,50 lei');
  });

  it('answers 404 to another citizen, exactly as for a missing case: page, documents, API and actions', async () => {
    const mine = await open(maria);
    const other = await signIn(ion);
    const missing = crypto.randomUUID();
    const a = await other.get(`/cont/cereri/${mine.caseId}`);
    const b = await other.get(`/cont/cereri/${missing}`);
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(a.body).not.toContain(mine.number);
    expect((await other.get(`/cont/cereri/${mine.caseId}/documente/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await other.get(`/cont/cereri/${mine.caseId}/retragere`)).status).toBe(404);
    const apiA = await other.api('GET', `/api/v1/me/cases/${mine.caseId}`);
    const apiB = await other.api('GET', `/api/v1/me/cases/${missing}`);
    expect(apiA.status).toBe(404);
    expect(apiA.json<{ error: { code: string } }>().error.code).toBe(apiB.json<{ error: { code: string } }>().error.code);
    expect((await other.api('POST', `/api/v1/me/cases/${mine.caseId}/messages`, { text: 'Bună ziua' })).status).toBe(404);
    expect((await other.api('POST', `/api/v1/me/cases/${mine.caseId}/withdraw`, { reason: 'Nu mai vreau' })).status).toBe(404);
    expect((await caseRow(mine.caseId)).status).toBe('registered');
    // Not signed in: the page sends to sign-in, the API says 401.
    expect((await t.client().get(`/cont/cereri/${mine.caseId}`)).location).toMatch(/^\/autentificare\?next=/);
    expect((await t.client().api('GET', '/api/v1/me/cases')).status).toBe(401);
  });
});

describe('the loop between the official and the citizen', () => {
  it('message, completion request, upload, confirmation: timeline, emails and status', async () => {
    const x = await open(maria);
    await giveToInspector(t, signIn, x.caseId);
    const official = await signIn(inspector);
    const view = await official.get(`/birou/dosare/${x.caseId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatch(/<a href="\/birou" class="govuk-back-link">/);
    expect(view.body).toContain(x.number);
    expect(view.body).toContain('Maria Ionescu');
    const [audit] = await t.database.query<{ subject_id: string }>("SELECT subject_id FROM audit_entry WHERE action = 'case.viewed' AND entity_id = $1 AND actor_id = $2", [x.caseId, inspector.id]);
    expect(audit?.subject_id).toBe(maria.id);

    const msg = await official.post(`/birou/dosare/${x.caseId}/mesaj`, { text: 'Vă rog să precizați numărul cadastral.', transactionId: crypto.randomUUID() });
    expect(msg.status).toBe(303);
    expect(await emails(maria.email, 'tracking.new_message.v1', x.number)).toBe(1);

    await official.get(`/birou/dosare/${x.caseId}`);
    const ask = await official.post(`/birou/dosare/${x.caseId}/completare`, { text: 'Lipsește planul de situație vizat de OCPI.', transactionId: crypto.randomUUID() });
    expect(ask.status).toBe(303);
    expect((await caseRow(x.caseId)).status).toBe('awaiting_applicant');
    expect(await emails(maria.email, 'tracking.status_changed.v1', 'Așteaptă documente de la dumneavoastră')).toBeGreaterThanOrEqual(1);
    // OUG 27/2003: asked in time on a tacit-approval service, the term grows by 10 days.
    expect((await caseRow(x.caseId)).due_on).toBe(legalDeadline(parseRegistryNumber(x.number)!.day, { days: 40, unit: 'calendar' }));

    const c = await signIn(maria);
    const page = await c.get(`/cont/cereri/${x.caseId}`);
    expect(page.body).toContain('Vă rog să precizați numărul cadastral.');
    expect(page.body).toContain('Andrei Popa – Inspector, Serviciul Certificate de Urbanism');
    expect(page.body).not.toContain(inspector.email);
    expect(page.body).toContain('Vi s-au cerut documente suplimentare');
    expect(page.body).toContain('Lipsește planul de situație vizat de OCPI.');
    expect(page.body).toContain('Completați dosarul');
    // A status worded as a sentence takes the line's width instead of wrapping word by word in a one-word tag.
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--orange pd-tag-sentence">Așteaptă documente de la dumneavoastră</strong>');
    // The citizen is addressed politely on the button too, like on every other citizen page.
    expect(page.body).toContain('Încărcați documentul</button>');
    expect(page.body).toContain('documentele lipsă au fost cerute în termen');

    // Confirming with nothing uploaded is refused; a text file renamed .pdf is refused by its content.
    const early = await c.post(`/cont/cereri/${x.caseId}/completare/confirmare`, { transactionId: crypto.randomUUID() });
    expect(early.status).toBe(400);
    expect(early.body).toContain('Încărcați cel puțin un document înainte de a confirma');
    const fake = multipart({ _csrf: c.csrf }, { filename: 'plan.pdf', type: 'application/pdf', bytes: Buffer.from('doar text') });
    const refused = await c.request('POST', `/cont/cereri/${x.caseId}/completare`, fake.body as unknown as string, { 'content-type': fake.type });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Încărcați o fotografie a documentului (JPG sau PNG), un PDF');
    // A phone's HEIC photo is named as such, with what to do instead.
    const heicBytes = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64, 7)]);
    const heic = multipart({ _csrf: c.csrf }, { filename: 'IMG_0042.HEIC', type: 'image/heic', bytes: heicBytes });
    const photo = await c.request('POST', `/cont/cereri/${x.caseId}/completare`, heic.body as unknown as string, { 'content-type': heic.type });
    expect(photo.status).toBe(400);
    expect(photo.body).toContain('Fotografia este în formatul HEIC al telefonului');
    // A Word document is accepted, as with the request's own attachments, and kept under its real type.
    const enc = (text: string) => new TextEncoder().encode(text);
    const word = multipart({ _csrf: c.csrf }, { filename: 'adeverinta', type: 'application/octet-stream', bytes: Buffer.from(zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w:document/>') })) });
    expect((await c.request('POST', `/cont/cereri/${x.caseId}/completare`, word.body as unknown as string, { 'content-type': word.type })).status).toBe(303);
    const [docx] = await t.database.query<{ id: string; filename: string }>("SELECT id, filename FROM case_document WHERE case_id = $1 AND direction = 'in'", [x.caseId]);
    expect(docx!.filename).toBe('adeverinta.docx');
    await t.database.query('DELETE FROM case_document WHERE id = $1', [docx!.id]);
    // A file over the limit is cut while it is read and refused with the limit, not stored.
    const limit = t.deps.config.uploadLimitBytes;
    const huge = multipart({ _csrf: c.csrf }, { filename: 'plan-mare.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(limit)]) });
    const tooBig = await c.request('POST', `/cont/cereri/${x.caseId}/completare`, huge.body as unknown as string, { 'content-type': huge.type });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toContain(`Fișierul trebuie să aibă cel mult ${Math.round(limit / 1048576)} MB`);
    expect(await t.database.query("SELECT 1 FROM case_document WHERE case_id = $1 AND direction = 'in'", [x.caseId])).toHaveLength(0);
    const forged = multipart({ _csrf: 'forged' }, { filename: 'plan.pdf', type: 'application/pdf', bytes: PDF });
    expect((await c.request('POST', `/cont/cereri/${x.caseId}/completare`, forged.body as unknown as string, { 'content-type': forged.type })).status).toBe(403);
    const real = multipart({ _csrf: c.csrf }, { filename: 'plan-situație.pdf', type: 'application/pdf', bytes: PDF });
    const uploaded = await c.request('POST', `/cont/cereri/${x.caseId}/completare`, real.body as unknown as string, { 'content-type': real.type });
    expect(uploaded.status).toBe(303);
    const withDoc = await c.follow(uploaded);
    expect(withDoc.body).toContain('plan-situație.pdf');
    expect(withDoc.body).toMatch(/<th scope="row" class="govuk-table__header" role="rowheader" data-label="Document"><a class="govuk-link" href="[^"]+" download="plan-situație.pdf">/);
    const [doc] = await t.database.query<{ id: string }>("SELECT id FROM case_document WHERE case_id = $1 AND direction = 'in'", [x.caseId]);
    const download = await c.get(`/cont/cereri/${x.caseId}/documente/${doc!.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toContain('attachment;');
    expect(download.body.startsWith('%PDF-')).toBe(true);
    const stranger = await signIn(ion);
    expect((await stranger.get(`/cont/cereri/${x.caseId}/documente/${doc!.id}`)).status).toBe(404);

    await c.get(`/cont/cereri/${x.caseId}`);
    const done = await c.post(`/cont/cereri/${x.caseId}/completare/confirmare`, { transactionId: crypto.randomUUID() });
    expect(done.status).toBe(303);
    expect((await caseRow(x.caseId)).status).toBe('assigned');
    const after = await c.follow(done);
    expect(after.body).toContain('Ați completat dosarul');
    expect(after.body).toContain('În lucru');

    // The reply to the official goes into the same thread; the API shows the timeline.
    // The call answers the message it wrote — its id within the case (the timeline's seq) and time — and a retry with
    // the same transactionId answers the same message, not a new one.
    type Written = { status: string; duplicate: boolean; message: { seq: number; at: string } };
    const message = { text: 'Am încărcat planul.', transactionId: 'mesaj-plan-0001' };
    const written = await c.api('POST', `/api/v1/me/cases/${x.caseId}/messages`, message);
    expect(written.status, written.body).toBe(201);
    expect(written.json<Written>()).toMatchObject({ status: 'assigned', duplicate: false, message: { seq: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    clock += 60_000;
    const again = await c.api('POST', `/api/v1/me/cases/${x.caseId}/messages`, message);
    expect(again.json<Written>()).toEqual({ ...written.json<Written>(), duplicate: true });
    const api = await c.api('GET', `/api/v1/me/cases/${x.caseId}`);
    expect(api.status).toBe(200);
    const detail = api.json<{ status: string; timeline: { seq: number; type: string; by: string; text: string | null; at: string }[]; documents: { filename: string }[] }>();
    expect(detail.status).toBe('assigned');
    // Sent to the department and given to the inspector first: he asks for the documents as the official the case is with.
    expect(detail.timeline.map((e) => e.type)).toEqual(['submitted', 'forwarded', 'assigned', 'message', 'completion_requested', 'completed', 'message']);
    expect(detail.timeline[6]).toMatchObject({ by: 'Dumneavoastră', text: 'Am încărcat planul.' });
    expect(detail.timeline.find((e) => e.seq === written.json<Written>().message.seq)).toMatchObject({ type: 'message', text: 'Am încărcat planul.', at: written.json<Written>().message.at });
    expect(detail.documents.map((d) => d.filename)).toContain('plan-situație.pdf');
    const [messages] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'case.message' AND entity_id = $1", [x.caseId]);
    expect(Number(messages?.n)).toBe(2);
  });

  it('registers the documents that complete the file: their own number, linked to the case’s, in the history and the register', async () => {
    const x = await open(maria);
    await giveToInspector(t, signIn, x.caseId);
    const official = await signIn(inspector);
    await official.get(`/birou/dosare/${x.caseId}`);
    expect((await official.post(`/birou/dosare/${x.caseId}/completare`, { text: 'Lipsește planul de situație.', transactionId: crypto.randomUUID() })).status).toBe(303);
    const c = await signIn(maria);
    for (const name of ['plan-situatie.pdf', 'releveu.pdf']) {
      const part = multipart({ _csrf: c.csrf }, { filename: name, type: 'application/pdf', bytes: PDF });
      expect((await c.request('POST', `/cont/cereri/${x.caseId}/completare`, part.body as unknown as string, { 'content-type': part.type })).status).toBe(303);
      await c.get(`/cont/cereri/${x.caseId}`);
    }
    const confirmation = { transactionId: crypto.randomUUID() };
    const done = await c.post(`/cont/cereri/${x.caseId}/completare/confirmare`, confirmation);
    expect(done.status).toBe(303);

    const entries = await t.database.query<{ number: number; registered_on: string; direction: string; channel: string; issuer_name: string; summary: string; annex_count: number; scans: number }>(
      `SELECT e.number, e.registered_on::text, e.direction, e.channel, e.issuer_name, e.summary, e.annex_count,
              (SELECT count(*)::int FROM registry_document d WHERE d.registry_entry_id = e.id) AS scans
         FROM registry_entry e JOIN "case" c ON c.id = $1 WHERE e.linked_entry_id = c.registry_entry_id`,
      [x.caseId],
    );
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    const number = `${entry.number}/${dmy(entry.registered_on)}`;
    expect(number).not.toBe(x.number);
    expect(entry).toMatchObject({ direction: 'incoming', channel: 'online', issuer_name: 'Maria Ionescu', annex_count: 2, scans: 2 });
    expect(entry.summary).toBe(`Completarea dosarului nr. ${x.number} (Aviz de test urbanism): 2 documente`);
    // The applicant is told the number, and both histories show it on the completion.
    const after = await c.follow(done);
    expect(after.body).toContain(`Documentele trimise au fost înregistrate cu nr. ${number}.`);
    // Confirming again (a double click) registers nothing more.
    await c.post(`/cont/cereri/${x.caseId}/completare/confirmare`, confirmation);
    expect(await t.database.query('SELECT 1 FROM registry_entry e JOIN "case" c ON c.id = $1 WHERE e.linked_entry_id = c.registry_entry_id', [x.caseId])).toHaveLength(1);
    expect(after.body).toContain(`Documente înregistrate cu nr. ${number}`);
    expect((await official.get(`/birou/dosare/${x.caseId}`)).body).toMatch(new RegExp(`Solicitantul a completat dosarul<div class="govuk-body-s pd-multiline">Documente înregistrate cu nr. ${number}`));
    const api = (await c.api('GET', `/api/v1/me/cases/${x.caseId}`)).json<{ timeline: { type: string; registryNumber: { formatted: string } | null }[] }>();
    expect(api.timeline.find((e) => e.type === 'completed')?.registryNumber?.formatted).toBe(number);

    // The register lists it under its own number, linked to the case's.
    const clerk = await signIn(registryClerk);
    const register = await clerk.get(`/birou/registratura?numar=${encodeURIComponent(number)}`);
    expect(register.body).toContain('Înregistrări găsite: 1');
    expect(register.body).toContain(`conexat la ${x.number}`);
    expect(register.body).toContain('Completarea dosarului nr.');
  });

  it('words the status and the history for the official about the applicant, not as "you"', async () => {
    const x = await open(maria);
    await giveToInspector(t, signIn, x.caseId);
    const official = await signIn(inspector);
    await official.get(`/birou/dosare/${x.caseId}`);
    // An empty request asks what is missing (not for "the message"), and keeps its form open.
    const empty = await official.post(`/birou/dosare/${x.caseId}/completare`, { text: ' ', transactionId: crypto.randomUUID() });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Scrieți ce documente sau informații lipsesc');
    expect(empty.body).not.toContain('Scrieți textul mesajului');
    await official.post(`/birou/dosare/${x.caseId}/completare`, { text: 'Lipsește releveul.', transactionId: crypto.randomUUID() });
    const asked = await official.get(`/birou/dosare/${x.caseId}`);
    expect(asked.body).toContain('Așteaptă documente de la solicitant');
    expect(asked.body).toContain('Solicitantului i s-au cerut documente suplimentare');
    expect(asked.body).not.toContain('de la dumneavoastră');
    expect(asked.body).not.toContain('Vi s-au cerut');

    const c = await signIn(maria);
    await c.get(`/cont/cereri/${x.caseId}`);
    const upload = multipart({ _csrf: c.csrf }, { filename: 'releveu.pdf', type: 'application/pdf', bytes: PDF });
    await c.request('POST', `/cont/cereri/${x.caseId}/completare`, upload.body as unknown as string, { 'content-type': upload.type });
    await c.get(`/cont/cereri/${x.caseId}`);
    await c.post(`/cont/cereri/${x.caseId}/completare/confirmare`, { transactionId: crypto.randomUUID() });
    const completed = await official.get(`/birou/dosare/${x.caseId}`);
    expect(completed.body).toContain('Solicitantul a completat dosarul');
    expect(completed.body).not.toContain('Ați completat dosarul');
    // The applicant's own page keeps speaking to them.
    expect((await c.get(`/cont/cereri/${x.caseId}`)).body).toContain('Ați completat dosarul');
  });

  it('completion documents through the API: uploaded and confirmed in one call', async () => {
    const x = await open(maria);
    await t.database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: x.caseId, type: 'completion_requested', actorId: inspector.id, transactionId: crypto.randomUUID(), payload: { text: 'Copie CI' }, at: now() }),
    );
    const c = await signIn(maria);
    const form = multipart({ confirm: 'true' }, { filename: 'ci.pdf', type: 'application/pdf', bytes: PDF });
    const res = await c.request('POST', `/api/v1/me/cases/${x.caseId}/documents`, form.body as unknown as string, { 'content-type': form.type, 'x-csrf-token': c.csrf, accept: 'application/json' });
    expect(res.status).toBe(201);
    expect(res.json<{ status: string; documents: unknown[] }>()).toMatchObject({ status: 'assigned' });
    expect(res.json<{ documents: unknown[] }>().documents).toHaveLength(1);
  });

  it('completion documents through the API: a call repeated after a lost answer sends nothing twice', async () => {
    // Ion: each of Maria's cases pushes her oldest off the first page of her list, which a later test reads.
    const x = await open(ion);
    await t.database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: x.caseId, type: 'completion_requested', actorId: inspector.id, transactionId: crypto.randomUUID(), payload: { text: 'Copie CI' }, at: now() }),
    );
    const c = await signIn(ion);
    type Sent = { documents: { id: string }[]; status: string; duplicate: boolean };
    const send = async (fields: Record<string, string>) => {
      const form = multipart(fields, { filename: 'ci.pdf', type: 'application/pdf', bytes: PDF });
      const res = await c.request('POST', `/api/v1/me/cases/${x.caseId}/documents`, form.body as unknown as string, { 'content-type': form.type, 'x-csrf-token': c.csrf, accept: 'application/json' });
      expect(res.status).toBe(201);
      return res.json<Sent>();
    };
    const first = await send({});
    const again = await send({});
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, documents: [{ id: first.documents[0]!.id }], status: 'awaiting_applicant' });

    const transactionId = crypto.randomUUID();
    const confirmed = await send({ confirm: 'true', transactionId });
    const retried = await send({ confirm: 'true', transactionId });
    expect(confirmed).toMatchObject({ duplicate: false, status: 'assigned' });
    expect(retried).toMatchObject({ duplicate: true, status: 'assigned', documents: [{ id: first.documents[0]!.id }] });

    // The official sees one file, registered once.
    const api = (await c.api('GET', `/api/v1/me/cases/${x.caseId}`)).json<{ documents: { filename: string }[]; timeline: { type: string }[] }>();
    expect(api.documents.filter((d) => d.filename === 'ci.pdf')).toHaveLength(1);
    expect(api.timeline.filter((e) => e.type === 'completed')).toHaveLength(1);
    const [entry] = await t.database.query<{ annex_count: number }>("SELECT annex_count FROM registry_entry WHERE case_id = $1 AND summary LIKE 'Completarea%'", [x.caseId]);
    expect(entry!.annex_count).toBe(1);
  });

  it('withdrawal: a confirmation page with a reason, then the status, an email and no more actions', async () => {
    const x = await open(maria);
    const c = await signIn(maria);
    const confirm = await c.get(`/cont/cereri/${x.caseId}/retragere`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(`Retrageți cererea nr. ${x.number}?`);
    const empty = await c.post(`/cont/cereri/${x.caseId}/retragere`, { reason: '  ', transactionId: crypto.randomUUID() });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Scrieți motivul');
    expect((await caseRow(x.caseId)).status).toBe('registered');
    const res = await c.post(`/cont/cereri/${x.caseId}/retragere`, { reason: 'Am obținut avizul în altă parte.', transactionId: crypto.randomUUID() });
    expect(res.status).toBe(303);
    const page = await c.follow(res);
    expect(page.body).toContain(`Cererea nr. ${x.number} a fost retrasă.`);
    expect(page.body).toContain('Retrasă');
    expect(page.body).toContain('Am obținut avizul în altă parte.');
    expect(page.body).not.toContain('Retrageți cererea');
    expect((await caseRow(x.caseId)).status).toBe('withdrawn');
    // The register says how it was resolved (a mandatory column of the register).
    const [entry] = await t.database.query<{ resolution: string }>('SELECT r.resolution FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1', [x.caseId]);
    expect(entry!.resolution).toMatch(/^Retrasă de solicitant la \d{2}\.\d{2}\.\d{4}$/);
    expect(await emails(maria.email, 'tracking.status_changed.v1', `${x.number} (Aviz de test urbanism) are un stadiu nou: Retrasă`)).toBe(1);
    const again = await c.api('POST', `/api/v1/me/cases/${x.caseId}/withdraw`, { reason: 'din nou' });
    expect(again.status).toBe(409);
    // Back on the withdrawal page (browser history) or sending its form again: told so, on the request's page.
    const back = await c.get(`/cont/cereri/${x.caseId}/retragere`);
    expect(back.location).toBe(`/cont/cereri/${x.caseId}`);
    expect((await c.follow(back)).body).toContain(`Cererea nr. ${x.number} a fost deja retrasă.`);
    const resent = await c.post(`/cont/cereri/${x.caseId}/retragere`, { reason: 'Din nou.', transactionId: crypto.randomUUID() });
    expect(resent.location).toBe(`/cont/cereri/${x.caseId}`);
  });

  it('emails the address recorded at the counter when the applicant has no account', async () => {
    const x = await open(null, { email: 'vasile.ghiseu@exemplu.ro' });
    const head = await signIn(headOfDepartment);
    await head.get(`/birou/dosare/${x.caseId}`);
    await head.post(`/birou/dosare/${x.caseId}/completare`, { text: 'Semnătura lipsește.', transactionId: crypto.randomUUID() });
    const [mail] = await t.database.query<{ body_text: string }>("SELECT body_text FROM outbox_message WHERE recipient = 'vasile.ghiseu@exemplu.ro' AND template = 'tracking.status_changed.v1'");
    expect(mail?.body_text).toContain(`/verificare-cerere?cod=${x.trackingCode}`);
  });
});

describe('officials: who may see and act', () => {
  it('lets a registry clerk read (not write), and hides the case from other departments and institutions', async () => {
    const x = await open(maria);
    const clerk = await signIn(registryClerk);
    expect((await clerk.get(`/birou/dosare/${x.caseId}`)).status).toBe(200);
    expect((await clerk.post(`/birou/dosare/${x.caseId}/mesaj`, { text: 'Test' })).status).toBe(403);
    expect((await (await signIn(archivist)).get(`/birou/dosare/${x.caseId}`)).status).toBe(404);
    expect((await (await signIn(taxesAdministrator)).get(`/birou/dosare/${x.caseId}`)).status).toBe(404);
    expect((await (await signIn(maria)).get(`/birou/dosare/${x.caseId}`)).status).toBe(404);
  });

  it('shows the official how to reach an applicant without an account: CNP, postal address, phone and the channel', async () => {
    const c = await t.database.db.transaction((tx) =>
      openCase(tx, {
        serviceVersionId: requestVersion,
        applicantAccountId: null,
        companyId: null,
        applicant: { kind: 'person', name: 'Vasile Ghișeu', cnp: '1800101123450', address: 'Str. Mărgeanului nr. 5, Sector 5, București', phone: '0721 000 111', email: null },
        answers: { subject: 'Reabilitare fațadă bloc 3', urgency: 'urgent' },
        channel: 'post',
        actorId: registryClerk.id,
        transactionId: crypto.randomUUID(),
        feeBani: 0,
        at: now(),
      }),
    );
    const page = await (await signIn(inspector)).get(`/birou/dosare/${c.caseId}`);
    expect(page.status).toBe(200);
    for (const [key, value] of [
      ['CNP', '1800101123450'],
      ['Adresa', 'Str. Mărgeanului nr. 5, Sector 5, București'],
      ['Telefon', '0721 000 111'],
      ['Depusă prin', 'poștă'],
    ]) {
      expect(page.body).toMatch(new RegExp(`<dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">${value}</dd>`));
    }
  });

  it('lists on the official’s page the documents the city hall obtains with the applicant’s consent (OUG 41/2016)', async () => {
    const ancpi = L('Agenția Națională de Cadastru și Publicitate Imobiliară', 'National Agency for Cadastre and Land Registration');
    const definition = {
      ...service('TEST-ACORD', 'request', 30, false),
      documents: [
        { id: 'land_registry_extract', name: L('Extras de carte funciară', 'Land register extract'), required: true, fetchedByInstitution: true, issuer: ancpi },
        { id: 'tax_certificate', name: L('Certificat de atestare fiscală', 'Tax clearance certificate'), required: false, fetchedByInstitution: true, issuer: L('DGITL Sector 5') },
      ],
    };
    await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition, actorId: null, at: now() }));
    const c = await signIn(ion);
    const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'TEST-ACORD', institution: 'sector5', restart: true })).json<{ id: string }>();
    expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/cerere`, { answers: { subject: 'Extindere balcon', urgency: 'standard' } })).status).toBe(200);
    // Consent to the land-register extract only: the tax certificate is hers to upload (optional here).
    expect((await c.api('POST', `/api/v1/drafts/${d.id}/consents`, { agreed: ['land_registry_extract'] })).status).toBe(200);
    const consentAt = now();
    const submitted = await c.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true });
    expect(submitted.status).toBe(200);
    const { caseId } = submitted.json<{ caseId: string }>();

    const clerk = await signIn(registryClerk);
    const page = await clerk.get(`/birou/dosare/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Documente de obținut de primărie');
    const section = page.body.slice(page.body.indexOf('Documente de obținut de primărie'));
    expect(section).toMatch(
      new RegExp(`<th scope="row" class="govuk-table__header">Extras de carte funciară</th><td class="govuk-table__cell">Agenția Națională de Cadastru și Publicitate Imobiliară</td><td class="govuk-table__cell">${dmy(bucharestDay(consentAt))} \\d{2}:\\d{2}</td>`),
    );
    expect(section.slice(0, section.indexOf('</table>'))).not.toContain('Certificat de atestare fiscală');
    await clerk.get('/?lang=en');
    const english = await clerk.get(`/birou/dosare/${caseId}`);
    expect(english.body).toContain('Documents the city hall obtains');
    expect(english.body).toContain('National Agency for Cadastre and Land Registration');

    // A case without any such document has no such section.
    await clerk.get('/?lang=ro');
    const plain = await clerk.get(`/birou/dosare/${(await open(maria)).caseId}`);
    expect(plain.body).not.toContain('Documente de obținut de primărie');
  });

  it('extends a petition once, by at most 15 days, with a reason; refuses a second time and on other cases', async () => {
    const p = await open(maria, { version: petitionVersion });
    const r = await open(maria);
    const inspectorClient = await signIn(inspector);
    await inspectorClient.get(`/birou/dosare/${p.caseId}`);
    expect((await inspectorClient.post(`/birou/dosare/${p.caseId}/prelungire`, { days: '10', reason: 'Verificare pe teren' })).status).toBe(403);

    const head = await signIn(headOfDepartment);
    const page = await head.get(`/birou/dosare/${p.caseId}`);
    expect(page.body).toContain('Prelungiți termenul petiției');
    const tooMany = await head.post(`/birou/dosare/${p.caseId}/prelungire`, { days: '20', reason: 'Verificare pe teren', transactionId: crypto.randomUUID() });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toContain('Alegeți un număr de zile între 1 și 15');
    // The extension form comes back open, its field and message in sight.
    expect(tooMany.body).toMatch(/<details class="govuk-details" open><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Prelungiți termenul petiției/);
    const ok = await head.post(`/birou/dosare/${p.caseId}/prelungire`, { days: '15', reason: 'Verificare pe teren', transactionId: crypto.randomUUID() });
    expect(ok.status).toBe(303);
    const row = await caseRow(p.caseId);
    // 30 + 15 days from registration, the last day rolled to a working day (not the rolled 30th day + 15).
    expect(row.due_on).toBe(legalDeadline(parseRegistryNumber(p.number)!.day, { days: 45, unit: 'calendar' }));
    expect(await emails(maria.email, 'tracking.term_extended.v1', p.number)).toBe(1);
    const [mail] = await t.database.query<{ body_text: string }>("SELECT body_text FROM outbox_message WHERE template = 'tracking.term_extended.v1' AND recipient = $1", [maria.email]);
    expect(mail!.body_text).toContain('a fost prelungit cu 15 zile, până la');
    const second = await head.post(`/birou/dosare/${p.caseId}/prelungire`, { days: '5', reason: 'Încă o dată', transactionId: crypto.randomUUID() });
    // Refused, back on the case as it is now with the reason: no dead-end page to reload (which would send it again).
    expect(second.location).toBe(`/birou/dosare/${p.caseId}`);
    expect((await head.follow(second)).body).toContain('a fost deja prelungit o dată');
    expect((await caseRow(p.caseId)).due_on).toBe(row.due_on);
    const notPetition = await head.post(`/birou/dosare/${r.caseId}/prelungire`, { days: '5', reason: 'Verificare', transactionId: crypto.randomUUID() });
    expect(notPetition.location).toBe(`/birou/dosare/${r.caseId}`);
    expect((await head.follow(notPetition)).body).toContain('Doar termenul unei petiții (OG 27/2002) sau al unei solicitări de informații de interes public (Legea 544/2001) poate fi prelungit');

    const c = await signIn(maria);
    const citizenPage = await c.get(`/cont/cereri/${p.caseId}`);
    expect(citizenPage.body).toContain('Prelungiri ale termenului');
    expect(citizenPage.body).toContain('prelungit cu 15 zile – Verificare pe teren');
  });

  // Ion's request, so that Maria's first page of requests stays as the tests after it expect.
  it('extends a public-information request once, to 30 days from registration, while its first 10 days run (Legea 544/2001 art. 7)', async () => {
    const info = await open(ion, { version: informationVersion });
    const head = await signIn(headOfDepartment);
    const page = await head.get(`/birou/dosare/${info.caseId}`);
    expect(page.body).toContain('Prelungiți termenul la 30 de zile');
    expect(page.body).toContain('Legea 544/2001, art. 7');
    const tooMany = await head.post(`/birou/dosare/${info.caseId}/prelungire`, { days: '21', reason: 'Documentele sunt în arhivă, pe hârtie', transactionId: crypto.randomUUID() });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toContain('Alegeți un număr de zile între 1 și 20');
    const ok = await head.post(`/birou/dosare/${info.caseId}/prelungire`, { days: '20', reason: 'Documentele sunt în arhivă, pe hârtie', transactionId: crypto.randomUUID() });
    expect(ok.status).toBe(303);
    expect((await caseRow(info.caseId)).due_on).toBe(legalDeadline(parseRegistryNumber(info.number)!.day, { days: 30, unit: 'calendar' }));
    expect(await emails(ion.email, 'tracking.term_extended.information.v1', info.number)).toBe(1);
    expect(await emails(ion.email, 'tracking.term_extended.information.v1', 'până la 30 de zile de la înregistrare (Legea 544/2001, art. 7)')).toBe(1);
    const second = await head.post(`/birou/dosare/${info.caseId}/prelungire`, { days: '5', reason: 'Încă o dată', transactionId: crypto.randomUUID() });
    expect((await head.follow(second)).body).toContain('a fost deja prelungit o dată');

    // Once the 10 days have run out, the requester can no longer be told in time.
    const late = await open(ion, { version: informationVersion, at: new Date(clock - 20 * 86_400_000) });
    const refused = await head.post(`/birou/dosare/${late.caseId}/prelungire`, { days: '20', reason: 'Prea târziu', transactionId: crypto.randomUUID() });
    expect((await head.follow(refused)).body).toContain('Termenul a expirat deja');
  });
});

describe('terms extended before their counting was corrected (migration 0056)', () => {
  it('counts an open petition’s extended term again from registration, once, audited; leaves other cases alone', async () => {
    // Registered Tuesday 25.11.2025: its 30 days end on Friday 26.12 (Christmas), 45 days on Saturday 10.01.2026,
    // so the extended term ends on Monday 12.01.2026. The old count added 15 days to the rolled 29.12: 13.01.2026.
    const at = new Date('2025-11-25T09:00:00Z');
    const extended = await open(ion, { version: petitionVersion, at });
    const plain = await open(ion, { version: petitionVersion, at });
    await t.database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: extended.caseId, type: 'extended', actorId: headOfDepartment.id, transactionId: crypto.randomUUID(), payload: { days: 15, reason: 'Verificare pe teren' }, at }),
    );
    expect((await caseRow(extended.caseId)).due_on).toBe('2026-01-12');
    // As the earlier code left it in a database.
    await t.database.query(`UPDATE "case" SET due_on = '2026-01-13' WHERE id = $1`, [extended.caseId]);
    await t.database.exec(readFileSync(new URL('../../db/migrations/0056_case_term_recount.sql', import.meta.url), 'utf8'));
    const listed = (await t.database.query<{ case_id: string }>('SELECT case_id FROM case_term_recount')).map((r) => r.case_id);
    expect(listed).toContain(extended.caseId);
    expect(listed).not.toContain(plain.caseId);

    await sendDeadlineReminders(t.deps, { today: '2025-12-01' });
    expect((await caseRow(extended.caseId)).due_on).toBe('2026-01-12');
    expect((await caseRow(plain.caseId)).due_on).toBe(plain.dueOn);
    expect(await t.database.query('SELECT case_id FROM case_term_recount')).toEqual([]);
    const audits = await t.database.query<{ details: unknown }>("SELECT details FROM audit_entry WHERE action = 'case.term_recounted' AND entity_id = $1", [extended.caseId]);
    expect(audits.map((a) => a.details)).toEqual([{ from: '2026-01-13', to: '2026-01-12' }]);
    // The petitioner's page shows the day the law gives, and its history says the day moved, from which to which.
    const c = await signIn(ion);
    const page = (await c.get(`/cont/cereri/${extended.caseId}`)).body;
    expect(page).toContain('12.01.2026');
    expect(page).toContain('Termenul de răspuns a fost recalculat');
    expect(page).toContain('de la 13.01.2026 la 12.01.2026');
    // Their e-mail of the extension named 13.01.2026: they are told of the earlier day, once, and only they.
    expect(await emails(ion.email, 'tracking.term_recounted.v1', 'până la 12.01.2026 (în loc de 13.01.2026,')).toBe(1);
    expect(await emails(ion.email, 'tracking.term_recounted.v1', plain.number)).toBe(0);
    const api = (await c.api('GET', `/api/v1/me/cases/${extended.caseId}`)).json<{ timeline: { type: string; recount: unknown }[] }>();
    expect(api.timeline.filter((e) => e.type === 'term_recounted').map((e) => e.recount)).toEqual([{ from: '2026-01-13', to: '2026-01-12' }]);
    await sendDeadlineReminders(t.deps, { today: '2025-12-02' });
    expect(await emails(ion.email, 'tracking.term_recounted.v1', extended.number)).toBe(1);
  });

  it('tells nobody when counting again leaves the day as it was', async () => {
    const extended = await open(ion, { version: petitionVersion, at: new Date('2025-11-25T09:00:00Z') });
    await t.database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: extended.caseId, type: 'extended', actorId: headOfDepartment.id, transactionId: crypto.randomUUID(), payload: { days: 15, reason: 'Verificare' }, at: new Date('2025-11-25T09:00:00Z') }),
    );
    await t.database.query('INSERT INTO case_term_recount (case_id) VALUES ($1) ON CONFLICT DO NOTHING', [extended.caseId]);
    await sendDeadlineReminders(t.deps, { today: '2025-12-01' });
    expect(await emails(ion.email, 'tracking.term_recounted.v1', extended.number)).toBe(0);
    const actions = await t.database.query<{ type: string }>('SELECT type FROM case_action WHERE case_id = $1', [extended.caseId]);
    expect(actions.map((a) => a.type)).not.toContain('term_recounted');
  });
});

describe('the 5 days to refuse a public-information request (Legea 544/2001 art. 7(2))', () => {
  it('shows the official the refusal term beside the answer term, that a refusal after it is late, and when it was given', async () => {
    const head = await signIn(headOfDepartment);
    const fresh = await open(ion, { version: informationVersion });
    const freshDay = parseRegistryNumber(fresh.number)!.day;
    const page = (await head.get(`/birou/dosare/${fresh.caseId}`)).body;
    expect(page).toContain('Termen legal de răspuns');
    expect(page).toContain('Termen pentru un refuz motivat (Legea nr. 544/2001, art. 7 alin. (2))');
    expect(page).toContain(`${dmy(legalDeadline(freshDay, { days: 5, unit: 'calendar' }))} <span class="govuk-body-s">(refuzul se comunică, motivat, în 5 zile de la înregistrare)`);
    // Another kind of case has no such line.
    const request = await open(ion);
    expect((await head.get(`/birou/dosare/${request.caseId}`)).body).not.toContain('Termen pentru un refuz motivat');

    // Registered 12 days ago: the 5 days to refuse have passed (even rolled over a weekend and holidays).
    const old = await open(ion, { version: informationVersion, at: new Date(clock - 12 * 86_400_000) });
    const refuseBy = legalDeadline(parseRegistryNumber(old.number)!.day, { days: 5, unit: 'calendar' });
    expect(refuseBy < bucharestDay(now())).toBe(true);
    const late = (await head.get(`/birou/dosare/${old.caseId}`)).body;
    expect(late).toContain('cele 5 zile au trecut: un refuz comunicat acum este tardiv');
    await t.database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: old.caseId, type: 'rejected', actorId: headOfDepartment.id, transactionId: crypto.randomUUID(), payload: { reason: 'Informație exceptată (art. 12)' }, at: now() }),
    );
    const refused = (await head.get(`/birou/dosare/${old.caseId}`)).body;
    expect(refused).toContain(`Refuz comunicat la ${dmy(bucharestDay(now()))}, după termenul de 5 zile (până la ${dmy(refuseBy)})`);
    expect(refused).toContain('Tardiv');
    // Integrators read the same through the API; the requester sees the term on their own page.
    const api = (await head.api('GET', `/api/v1/cases/${old.caseId}`)).json<{ refusalDeadline: unknown }>();
    expect(api.refusalDeadline).toEqual({ dueOn: refuseBy, state: 'refused', refusedOn: bucharestDay(now()), late: true, partial: false });
    const requester = await signIn(ion);
    expect((await requester.get(`/cont/cereri/${fresh.caseId}`)).body).toContain('Termen pentru un refuz motivat (Legea nr. 544/2001, art. 7 alin. (2))');
    expect((await requester.api('GET', `/api/v1/me/cases/${request.caseId}`)).json<{ refusalDeadline: unknown }>().refusalDeadline).toBeNull();
  });
});

describe('public status check', () => {
  const ip = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });

  it('shows the status, service and deadline only, for the right code and number; a generic message otherwise', async () => {
    const x = await open(maria);
    const c = t.client();
    const prefilled = await c.get(`/verificare-cerere?cod=${x.trackingCode}`, ip(1));
    expect(prefilled.status).toBe(200);
    expect(prefilled.body).toContain(`value="${x.trackingCode}"`);
    // The page speaks politely and names the paper as every other page does: the receipt is the "recipisă".
    expect(prefilled.body).toMatch(/<button[^>]*>\s*Verificați\s*<\/button>/);
    expect(prefilled.body).toContain('așa cum apar pe recipisă');
    expect(prefilled.body).not.toContain('dovada de depunere');
    const code = formatTrackingCode(x.trackingCode).toLowerCase();
    const found = await c.get(`/verificare-cerere?cod=${encodeURIComponent(code)}&numar=${encodeURIComponent(x.number)}`, ip(1));
    expect(found.status).toBe(200);
    expect(found.body).toContain('Stadiul cererii');
    expect(found.body).toContain('Aviz de test urbanism');
    expect(found.body).toContain('Înregistrată');
    expect(found.body).toContain(dmy(x.dueOn));
    // A new page for a screen reader: its title names the request, and the result takes the focus.
    expect(found.body).toContain(`<title>Stadiul cererii nr. ${x.number}`);
    expect(found.body).toMatch(/<section aria-labelledby="rezultat" tabindex="-1" data-focus-on-load="true">/);
    // The number as people copy it from the receipt: "nr. N/zz.ll.aaaa", or with the year only.
    const [n0, day0] = x.number.split('/');
    for (const typed of [`nr. ${x.number}`, `Nr ${n0}`, `${n0}/${day0!.slice(-4)}`]) {
      const r = await c.get(`/verificare-cerere?cod=${x.trackingCode}&numar=${encodeURIComponent(typed)}`, ip(1));
      expect(r.status, typed).toBe(200);
    }
    for (const secret of ['Maria', 'Ionescu', maria.email, '1800101123450', 'Reabilitare']) expect(found.body).not.toContain(secret);

    const [n, day] = x.number.split('/');
    const wrongNumber = `${Number(n) + 1}/${day}`;
    const wrong = await c.get(`/verificare-cerere?cod=${x.trackingCode}&numar=${encodeURIComponent(wrongNumber)}`, ip(1));
    expect(wrong.status).toBe(404);
    expect(wrong.body).toContain('Nu am găsit nicio cerere cu acest cod de urmărire și acest număr de înregistrare. Verificați datele de pe recipisă.');
    expect(wrong.body).not.toContain('Aviz de test urbanism');
    const wrongCode = await c.get(`/verificare-cerere?cod=AAAA-AAAA&numar=${encodeURIComponent(x.number)}`, ip(1));
    expect(wrongCode.body).toContain('Nu am găsit nicio cerere cu acest cod de urmărire și acest număr de înregistrare');
    // What cannot be on any receipt (a short code, a date typed as the number) is said on its field, and kept.
    const malformed = await c.get(`/verificare-cerere?cod=${encodeURIComponent('7v99 7me')}&numar=${encodeURIComponent('31.02.2026')}`, ip(1));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('Codul de urmărire are 8 caractere, litere și cifre, de exemplu ACDE-FGHJ.');
    expect(malformed.body).toContain('Scrieți numărul de înregistrare ca pe recipisă, de exemplu 1234/22.11.2026, sau doar numărul, 1234.');
    expect(malformed.body).toContain('value="7v99 7me"');
    expect(malformed.body).not.toContain('Nu am găsit nicio cerere');

    const api = await c.get(`/api/v1/public/case-status?code=${x.trackingCode}&number=${encodeURIComponent(x.number)}`, ip(1));
    expect(api.status).toBe(200);
    expect(api.json()).toEqual({
      service: { ro: 'Aviz de test urbanism', en: 'Test approval' },
      number: expect.objectContaining({ formatted: x.number }),
      status: 'registered',
      statusLabel: 'Înregistrată',
      deadline: expect.objectContaining({ dueOn: x.dueOn }),
    });
    expect((await c.get(`/api/v1/public/case-status?code=${x.trackingCode}&number=${encodeURIComponent(wrongNumber)}`, ip(1))).status).toBe(404);
    // What cannot be on a receipt is named on its field, as the page does — not "no such case".
    const badNumber = await c.get(`/api/v1/public/case-status?code=${x.trackingCode}&number=xx`, ip(1));
    expect(badNumber.status).toBe(400);
    expect(badNumber.json()).toMatchObject({ error: { code: 'tracking.public.number_format', message: expect.stringContaining('1234/22.11.2026'), fields: { number: 'tracking.public.number_format' } } });
    const both = await c.get('/api/v1/public/case-status?code=O0&number=xx', { ...ip(1), 'accept-language': 'en' });
    expect(both.json()).toMatchObject({ error: { code: 'tracking.public.code_format', message: expect.stringContaining('The tracking code has 8 characters'), fields: { code: 'tracking.public.code_format', number: 'tracking.public.number_format' } } });
  });

  it('limits tries per IP address: 20 in 10 minutes', async () => {
    const x = await open(maria);
    const c = t.client();
    for (let i = 0; i < 20; i++) {
      const r = await c.get(`/verificare-cerere?cod=${x.trackingCode}&numar=999999`, ip(2));
      expect(r.status).toBe(404);
    }
    const blocked = await c.get(`/verificare-cerere?cod=${x.trackingCode}&numar=${encodeURIComponent(x.number)}`, ip(2));
    expect(blocked.status).toBe(429);
    expect(blocked.body).toContain('Prea multe verificări');
    expect((await c.get(`/verificare-cerere?cod=${x.trackingCode}&numar=${encodeURIComponent(x.number)}`, ip(3))).status).toBe(200);
    clock += 11 * 60_000;
    expect((await c.get(`/verificare-cerere?cod=${x.trackingCode}&numar=${encodeURIComponent(x.number)}`, ip(2))).status).toBe(200);
  });
});

describe('legal clocks', () => {
  it('reminds the assignee once when a case is due within 3 working days, and the head once when it is overdue', async () => {
    const soon = await open(maria);
    await t.database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: soon.caseId, type: 'assigned', actorId: headOfDepartment.id, transactionId: crypto.randomUUID(), payload: { assigneeId: inspector.id }, at: now() }),
    );
    const today = addDays(soon.dueOn, -1);
    const first = await sendDeadlineReminders(t.deps, { today });
    expect(first.dueSoon).toContain(soon.caseId);
    expect(await emails(inspector.email, 'tracking.deadline_soon.v1', soon.number)).toBe(1);
    await sendDeadlineReminders(t.deps, { today });
    await sendDeadlineReminders(t.deps, { today: soon.dueOn });
    expect(await emails(inspector.email, 'tracking.deadline_soon.v1', soon.number)).toBe(1);

    const late = await open(maria, { at: new Date(clock - 60 * 86_400_000) });
    const flagged = await sendDeadlineReminders(t.deps, { today: bucharestDay(now()) });
    expect(flagged.overdue).toContain(late.caseId);
    expect(flagged.dueSoon).not.toContain(late.caseId);
    expect(await emails(headOfDepartment.email, 'tracking.overdue.v1', late.number)).toBe(1);
    // In words, as Romanian counts: "depășit cu 29 de zile", not "29 zile".
    const lateBy = -Math.round((Date.parse(late.dueOn) - Date.parse(bucharestDay(now()))) / 86_400_000);
    expect(lateBy).toBeGreaterThanOrEqual(20);
    expect(await emails(headOfDepartment.email, 'tracking.overdue.v1', `depășit cu ${lateBy} de zile`)).toBe(1);
    await sendDeadlineReminders(t.deps, { today: bucharestDay(now()) });
    expect(await emails(headOfDepartment.email, 'tracking.overdue.v1', late.number)).toBe(1);

    // A withdrawn case is no longer on the clock.
    const c = await signIn(maria);
    await c.api('POST', `/api/v1/me/cases/${late.caseId}/withdraw`, { reason: 'Nu mai e nevoie' });
    expect((await sendDeadlineReminders(t.deps, { today: bucharestDay(now()) })).overdue).not.toContain(late.caseId);
  });

  it('counts "due within 3 working days" in the institution’s working days: a day it declared closed is skipped', async () => {
    const c = await open(null);
    let today = c.dueOn;
    for (let n = 0; n < 4; ) {
      today = addDays(today, -1);
      if (isWorkingDay(today)) n++;
    }
    // Four working days before its last day the case is not due soon …
    expect((await sendDeadlineReminders(t.deps, { today })).dueSoon).not.toContain(c.caseId);
    // … unless the institution is closed on one of them: then its last day is within its next 3 working days.
    const closed = legalDeadline(today, { days: 1, unit: 'working' });
    await t.database.query("INSERT INTO institution_closure (institution_id, day, reason) VALUES ($1, $2, 'Zi liberă acordată prin HG')", [DEMO.sector5, closed]);
    try {
      expect((await sendDeadlineReminders(t.deps, { today })).dueSoon).toContain(c.caseId);
    } finally {
      await t.database.query('DELETE FROM institution_closure WHERE institution_id = $1 AND day = $2', [DEMO.sector5, closed]);
    }
  });

  it('never counts a case that expects no answer (a term of 0 days) as overdue: pages, API, status check, reminders', async () => {
    const notice = await open(maria, { version: noticeVersion, at: new Date(clock - 60 * 86_400_000) });
    const ordinary = await open(maria, { at: new Date(clock - 60 * 86_400_000) });
    expect((await caseRow(notice.caseId)).due_on).toBeNull();
    const today = bucharestDay(now());
    const flagged = await sendDeadlineReminders(t.deps, { today });
    expect(flagged.overdue).toContain(ordinary.caseId);
    expect(flagged.overdue).not.toContain(notice.caseId);
    expect(flagged.dueSoon).not.toContain(notice.caseId);

    const c = await signIn(maria);
    const page = await c.get(`/cont/cereri/${notice.caseId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nu se așteaptă un răspuns: înregistrarea cererii este confirmarea ei');
    expect(page.body).not.toContain('Termen depășit');
    const list = await c.get('/cont/cereri');
    const row = list.body.slice(list.body.indexOf(notice.number), list.body.indexOf('</tr>', list.body.indexOf(notice.number)));
    expect(row).toContain('Nu se așteaptă un răspuns');
    expect(row).not.toContain('Termen depășit');
    const api = await c.api('GET', `/api/v1/me/cases/${notice.caseId}`);
    expect(api.json<{ deadline: unknown }>().deadline).toEqual({ dueOn: null, daysLeft: null, overdue: false, stopped: false });
    await c.get(`/cont/cereri/${notice.caseId}?lang=en`);
    const en = await c.get(`/cont/cereri/${notice.caseId}`);
    expect(en.body).toContain('No answer is expected');
    await c.get(`/cont/cereri/${notice.caseId}?lang=ro`);

    const status = await t.client().get(`/verificare-cerere?cod=${notice.trackingCode}&numar=${encodeURIComponent(notice.number)}`, { 'x-forwarded-for': '203.0.113.40' });
    expect(status.body).toContain('Nu se așteaptă un răspuns');
    expect(status.body).not.toContain('Termen depășit');

    const office = await signIn(headOfDepartment);
    const file = await office.get(`/birou/dosare/${notice.caseId}`);
    expect(file.status).toBe(200);
    expect(file.body).toContain('Nu se așteaptă un răspuns');
    expect(file.body).not.toContain('Termen depășit');
  });
});
