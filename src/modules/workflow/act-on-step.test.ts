import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCasePage, caseStep, demoSessions, openUrbanismCertificate } from '../../../test/support/back-office.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_SIGNING_PIN } from '../documents/seed-demo.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { DEFAULT_WORKFLOW } from './domain/workflow-definition.ts';

/*
 * What an official sees of a colleague's action on the case page (the form a browser posts, and the API): a head of
 * department who returns a case to the inspector must say what to redo, and the applicant does not read it.
 */

let t: TestApp;
// The real time (the demo signing certificates are valid from yesterday), moved on 30 s before every TOTP code.
let clock = Date.now();
const now = () => new Date(clock);
const { maria, registryClerk, inspector, headOfDepartment, mayor, administrator, publicInformation } = DEMO_ACCOUNTS;
let as: ReturnType<typeof demoSessions>;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  as = demoSessions(t, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

const stepOf = async (caseId: string) => {
  const { step_key, step_seq } = await caseStep(t, caseId);
  return { step_key, step_seq };
};
const act = async (a: DemoAccount, caseId: string, action: string, fields: Record<string, string> = {}) => actOnCasePage(t, await as(a), caseId, action, fields);

/** An urbanism certificate sent by the inspector to the head of department for approval. */
async function atApproval(): Promise<string> {
  const caseId = await openUrbanismCertificate(t, now());
  expect((await act(registryClerk, caseId, 'forward')).status).toBe(303);
  expect((await act(headOfDepartment, caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
  expect((await act(inspector, caseId, 'approve')).status).toBe(303);
  expect((await stepOf(caseId)).step_key).toBe('aprobare');
  return caseId;
}

describe('returning a case to an earlier step', () => {
  it('is refused without remarks, on the page (the field named, the form kept open) and over the API; the case stays', async () => {
    const caseId = await atApproval();
    const before = await stepOf(caseId);
    const res = await act(headOfDepartment, caseId, 'return', { returnTo: 'analiza', text: '   ' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Scrieți ce trebuie refăcut sau verificat: colegul căruia îi întoarceți dosarul trebuie să știe de ce.');
    expect(res.body).toContain('href="#flux-return-reason"');
    expect(res.body).toMatch(/<details[^>]*open[^>]*>\s*<summary[^>]*>\s*<span[^>]*>Returnează la un pas anterior/);
    const api = await (await as(headOfDepartment)).api('POST', `/api/v1/cases/${caseId}/workflow-actions`, { action: 'return', step: 'aprobare', version: before.step_seq, returnTo: 'analiza' });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).error.fields).toEqual({ reason: 'workflow.return_reason_required' });
    expect(await stepOf(caseId)).toEqual(before);
  });

  it('with remarks, goes back to the inspector, who reads them on the case; the applicant sees the return, not the remarks', async () => {
    const caseId = await atApproval();
    const remarks = 'Scara planului de situație este greșită; verificați suprafața din extrasul de carte funciară.';
    expect((await act(headOfDepartment, caseId, 'return', { returnTo: 'analiza', text: remarks })).status).toBe(303);
    expect((await stepOf(caseId)).step_key).toBe('analiza');
    const page = await (await as(inspector)).get(`/birou/dosare/${caseId}`);
    expect(page.body).toContain('Întoarsă pentru reanalizare');
    expect(page.body).toContain(remarks);
    const citizen = await as(maria);
    const own = await citizen.get(`/cont/cereri/${caseId}`);
    expect(own.status).toBe(200);
    expect(own.body).toContain('Întoarsă pentru reanalizare');
    expect(own.body).not.toContain('Scara planului');
  });
});

describe('a workflow whose approval must be independent of the analysis (four eyes)', () => {
  const fourEyes = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'aprobare' ? { ...s, independentOf: ['analiza'] } : s)) };

  it('is set by the administrator on an approval step, after the step it is independent of', async () => {
    const admin = await as(administrator);
    await admin.get('/admin/fluxuri/sector5/INFO-544');
    const wrong = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'analiza' ? { ...s, independentOf: ['aprobare'] } : s)) };
    const refused = await admin.post('/admin/fluxuri/sector5/INFO-544', { definition: JSON.stringify(wrong) });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('pasul „analiza” trebuie făcut independent de „aprobare”, care nu este un pas anterior lui');
    for (const code of ['INFO-544', 'CERT-URBANISM']) {
      await admin.get(`/admin/fluxuri/sector5/${code}`);
      expect((await admin.post(`/admin/fluxuri/sector5/${code}`, { definition: JSON.stringify(fourEyes) })).status).toBe(303);
    }
    expect((await admin.get('/admin/fluxuri/sector5/INFO-544')).body).toContain('(de altcineva decât cine a făcut „Inspectorul analizează”)');
  });

  it('refuses the head who analysed the case herself her own approval, and says why; a colleague’s analysis she approves', async () => {
    // Simona Dragomir, head of Informații de Interes Public and its inspector, takes the request and analyses it.
    const caseId = await openUrbanismCertificate(t, now(), 'INFO-544');
    expect((await act(registryClerk, caseId, 'forward')).status).toBe(303);
    expect((await act(publicInformation, caseId, 'assign', { assigneeId: publicInformation.id })).status).toBe(303);
    expect((await act(publicInformation, caseId, 'approve')).status).toBe(303);
    const atApproval = await stepOf(caseId);
    expect(atApproval.step_key).toBe('aprobare');
    // Refused as a stale action is: back to the case page, which says why.
    const own = await act(publicInformation, caseId, 'approve');
    expect(own.status).toBe(303);
    expect((await (await as(publicInformation)).follow(own)).body).toContain('Ați făcut chiar dumneavoastră pasul „Inspectorul analizează” al acestui dosar, iar fluxul serviciului cere ca „Șeful de serviciu aprobă” să fie făcut de altcineva.');
    expect(await stepOf(caseId)).toEqual(atApproval);
    const c = await as(publicInformation);
    await c.get('/cont');
    const api = await c.api('POST', `/api/v1/cases/${caseId}/workflow-actions`, { action: 'approve', step: 'aprobare', version: atApproval.step_seq });
    expect(api.status).toBe(409);
    expect(JSON.parse(api.body).error.code).toBe('workflow.own_work');
    // In English the steps are named in English, as the workflow names them.
    await c.get('/?lang=en');
    const en = await c.api('POST', `/api/v1/cases/${caseId}/workflow-actions`, { action: 'approve', step: 'aprobare', version: atApproval.step_seq });
    expect(JSON.parse(en.body).error.message).toBe(
      'You did step “The inspector examines it” of this case yourself, and the service’s workflow asks that “The head of department approves” be done by someone else. Leave the case to a colleague with the same role, or return it with your remarks.',
    );

    // Analysed by the inspector, the head of Certificate de Urbanism approves it.
    const other = await openUrbanismCertificate(t, now());
    expect((await act(registryClerk, other, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, other, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    expect((await act(inspector, other, 'approve')).status).toBe(303);
    expect((await act(headOfDepartment, other, 'approve')).status).toBe(303);
    expect((await stepOf(other)).step_key).toBe('semnare');
  });
});

/** The case's current answer document (the latest version). */
async function answerOf(caseId: string) {
  const [doc] = await t.database.query<{ id: string; status: string; outcome: string | null; body: string; version: number }>(
    'SELECT id, status, outcome, body, version FROM answer_document WHERE case_id = $1 ORDER BY version DESC LIMIT 1',
    [caseId],
  );
  return doc;
}

async function numberOf(caseId: string): Promise<string> {
  const [row] = await t.database.query<{ number: number; day: string }>(
    `SELECT r.number, to_char(r.registered_on, 'YYYY-MM-DD') AS day FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1`,
    [caseId],
  );
  return formatRegistryNumber(row!.number, row!.day);
}

/** The official signs the case's current answer on its page, with the demo PIN and a fresh code. */
async function signAnswer(a: DemoAccount, caseId: string) {
  const c = await as(a);
  await c.get(`/birou/dosare/${caseId}`);
  clock += 30_000;
  const res = await c.post(`/birou/dosare/${caseId}/raspuns/${(await answerOf(caseId))!.id}/semnare`, { pin: DEMO_SIGNING_PIN, code: totpCode(DEMO_TOTP_SECRET, now()), transactionId: crypto.randomUUID() });
  expect(res.status, `${a.email} signs: ${res.body.slice(0, 300)}`).toBe(303);
}

async function generate(a: DemoAccount, caseId: string, answer?: { outcome: string; text: string }) {
  const c = await as(a);
  await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
  if (answer) expect((await c.post(`/birou/dosare/${caseId}/raspuns/text`, answer)).status).toBe(303);
  const res = await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() });
  expect(res.status, res.body.slice(0, 300)).toBe(303);
}

const mailsTo = async (email: string, number: string) =>
  (await t.database.query<{ template: string }>('SELECT template FROM outbox_message WHERE lower(recipient) = lower($1) AND body_text LIKE $2 ORDER BY created_at', [email, `%${number}%`])).map(
    (m) => m.template,
  );

/** An urbanism certificate assigned to the inspector, at the analysis. */
async function atAnalysis(): Promise<string> {
  const caseId = await openUrbanismCertificate(t, now());
  expect((await act(registryClerk, caseId, 'forward')).status).toBe(303);
  expect((await act(headOfDepartment, caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
  return caseId;
}

describe('a refusal proposed at the analysis', () => {
  const reasons = 'Imobilul nu se află în Sectorul 5: certificatul se cere primăriei sectorului unde se află.';

  it('goes to the head of department and the mayor like an approval, keeps its reasons, and reaches the applicant only when the signed refusal is issued', async () => {
    const caseId = await atAnalysis();
    const number = await numberOf(caseId);
    const page = await (await as(inspector)).get(`/birou/dosare/${caseId}`);
    expect(page.body).toContain('Propune respingerea');
    expect(page.body).toContain('O respingere este un răspuns al instituției');
    expect((await act(inspector, caseId, 'reject', { text: reasons })).status).toBe(303);
    // Not closed from the inspector's step: with the head, in approval.
    expect(await caseStep(t, caseId)).toMatchObject({ step_key: 'aprobare', status: 'in_approval' });
    // The head reads the proposal and its reasons; the applicant reads neither, and is not e-mailed.
    expect((await (await as(headOfDepartment)).get(`/birou/dosare/${caseId}`)).body).toContain(`Propunere de respingere: ${reasons}`);
    const own = await (await as(maria)).get(`/cont/cereri/${caseId}`);
    expect(own.body).not.toContain('Imobilul nu se află');
    expect(own.body).not.toContain('Respinsă');
    expect(await mailsTo(maria.email, number)).toEqual([]);

    // The reasons became the answer's text: generated and signed by the inspector, the head, the mayor.
    await generate(inspector, caseId);
    const doc = await answerOf(caseId);
    expect(doc).toMatchObject({ outcome: 'refused', status: 'signing' });
    expect(doc!.body).toContain(reasons);
    await signAnswer(inspector, caseId);
    await signAnswer(headOfDepartment, caseId);
    expect((await act(headOfDepartment, caseId, 'approve')).status).toBe(303);
    expect(await caseStep(t, caseId)).toMatchObject({ step_key: 'semnare', status: 'approved' });
    await signAnswer(mayor, caseId);
    expect((await act(mayor, caseId, 'sign')).status).toBe(303);
    expect(await mailsTo(maria.email, number)).toEqual([]);
    expect((await act(registryClerk, caseId, 'issue')).status).toBe(303);
    expect(await caseStep(t, caseId)).toMatchObject({ status: 'issued' });
    const [line] = await t.database.query<{ resolution_code: string }>('SELECT r.resolution_code FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1', [caseId]);
    expect(line!.resolution_code).toBe('issued.refused');
    expect(await mailsTo(maria.email, number)).toEqual(['documents.issued_refused.v1']);
  });

  it('may be returned by the head to the inspector; a favourable answer already generated must be withdrawn first', async () => {
    const caseId = await atAnalysis();
    expect((await act(inspector, caseId, 'reject', { text: reasons })).status).toBe(303);
    expect((await act(headOfDepartment, caseId, 'return', { returnTo: 'analiza', text: 'Verificați extrasul de carte funciară.' })).status).toBe(303);
    expect(await caseStep(t, caseId)).toMatchObject({ step_key: 'analiza', status: 'assigned' });

    const other = await atAnalysis();
    await generate(inspector, other, { outcome: 'granted', text: 'Se emite certificatul.' });
    const before = await caseStep(t, other);
    const refused = await act(inspector, other, 'reject', { text: reasons });
    expect(refused.status).toBe(303);
    expect((await (await as(inspector)).follow(refused)).body).toContain('Dosarul are deja un document de răspuns (versiunea 1) cu altă soluție decât respingerea.');
    expect(await caseStep(t, other)).toEqual(before);
  });
});

describe('an answer generated again at the approval', () => {
  it('asks the inspector for their signature again in their "De semnat" inbox, not the mayor before his turn', async () => {
    const caseId = await atAnalysis();
    const number = await numberOf(caseId);
    await generate(inspector, caseId, { outcome: 'granted', text: 'Se emite certificatul.' });
    await signAnswer(inspector, caseId);
    expect((await act(inspector, caseId, 'approve')).status).toBe(303);
    // The inbox table's link to the case (a confirmation banner may name the case too).
    const inboxOf = async (a: DemoAccount) => ((await (await as(a)).get('/birou/cozi/de-semnat')).body.includes(`>${number}</a>`) ? number : '');
    expect(await inboxOf(inspector)).not.toContain(number);

    // The head withdraws it and generates it again: the new version needs the inspector's signature first.
    const head = await as(headOfDepartment);
    await head.get(`/birou/dosare/${caseId}`);
    expect((await head.post(`/birou/dosare/${caseId}/raspuns/${(await answerOf(caseId))!.id}/retragere`, { transactionId: crypto.randomUUID() })).status).toBe(303);
    await generate(headOfDepartment, caseId);
    expect(await answerOf(caseId)).toMatchObject({ version: 2, status: 'signing' });

    expect(await inboxOf(inspector)).toContain(number);
    // Its quick action leads to the answer on the case page, where the signature is given.
    expect((await (await as(inspector)).get('/birou/cozi/de-semnat')).body).toContain(`href="/birou/dosare/${caseId}#raspuns"`);
    expect(await inboxOf(mayor)).not.toContain(number);
    const counts = (await (await as(inspector)).api('GET', '/api/v1/inboxes')).json<{ inboxes: { id: string; count: number }[] }>().inboxes;
    expect(counts.find((i) => i.id === 'de-semnat')!.count).toBeGreaterThan(0);

    // Signed, it leaves the inspector's inbox; the head signs next and approves.
    await signAnswer(inspector, caseId);
    expect(await inboxOf(inspector)).not.toContain(number);
    await signAnswer(headOfDepartment, caseId);
    expect((await act(headOfDepartment, caseId, 'approve')).status).toBe(303);
    expect(await inboxOf(mayor)).toContain(number);
  });
});
