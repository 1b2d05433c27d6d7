import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { sealDemoSecret } from '../../platform/auth/secret-box.ts';
import { addDays, isWorkingDay, nextWorkingDay } from '../../platform/calendar/calendar.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoAccount } from '../identity/seed-demo.ts';
import { recordCaseAction } from '../cases/record-case-action.ts';
import { totpSecretContext } from '../identity/two-factor-check-code.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { DEMO_SIGNING_PIN } from '../documents/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { DEFAULT_WORKFLOW } from './domain/workflow-definition.ts';
import { sendStepReminders } from './send-step-reminders.ts';

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const now = () => new Date(clock);
const { maria, registryClerk, inspector, headOfDepartment, mayor, director, administrator } = DEMO_ACCOUNTS;

/** Officials added for these tests: a second inspector of Certificate de urbanism, an inspector of Disciplina în Construcții (a department without a head). */
const secondInspector = extraOfficial(201, 'Ioana Radu', 'ioana.radu@primaria5.demo', 'CU');
const otherInspector = extraOfficial(202, 'Victor Ene', 'victor.ene@primaria5.demo', 'DISC');

function extraOfficial(n: number, name: string, email: string, dept: string): DemoAccount {
  return {
    id: `ac000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    email,
    password: DEMO_PASSWORD,
    displayName: name,
    totpSecret: DEMO_TOTP_SECRET,
    official: true,
    membership: { institutionId: DEMO.sector5, departmentId: demoDepartmentId(DEMO.sector5, dept), role: 'inspector' },
  };
}

async function insertOfficial(a: DemoAccount) {
  await t.database.query(
    `INSERT INTO account (id, email, email_verified_at, password_hash, display_name, locale, is_official, totp_secret, totp_enabled_at, created_at, updated_at)
     VALUES ($1, $2, now(), $3, $4, 'ro', true, $5, now(), now(), now())`,
    [a.id, a.email, await hashPassword(a.password), a.displayName, sealDemoSecret(DEMO_TOTP_SECRET, totpSecretContext(a.id))],
  );
  await t.database.query('INSERT INTO membership (id, account_id, institution_id, department_id, role, created_at) VALUES ($1, $2, $3, $4, $5, now())', [
    a.id.replace(/^ac/, 'ab'),
    a.id,
    a.membership!.institutionId,
    a.membership!.departmentId,
    a.membership!.role,
  ]);
}

const L = (ro: string, en = ro) => ({ ro, en });
let certVersion: string;
let testVersion: string;

/** A test service of Certificate de urbanism (CU) with a text and a choice of regime, for workflows of its own. */
async function publishTestService(code: string, name: { ro: string; en: string }): Promise<string> {
  return (
    await t.database.db.transaction((tx) =>
      publishServiceVersion(tx, {
        institutionId: DEMO.sector5,
        definition: {
          code,
          category: 'urbanism',
          name,
          description: L('Serviciu de test.', 'Test service.'),
          applicants: 'both',
          caseKind: 'request',
          documents: [],
          form: {
            schemaVersion: 1,
            pages: [
              {
                id: 'cerere',
                title: L('Cererea'),
                items: [
                  { id: 'subject', type: 'text', label: L('Subiectul'), required: true },
                  { id: 'regim', type: 'radios', label: L('Regim'), required: true, options: [{ value: 'standard', label: L('Standard') }, { value: 'urgent', label: L('Urgent') }] },
                ],
              },
            ],
          },
          fee: { kind: 'none' },
          term: { days: 30, unit: 'calendar' },
          tacitApproval: false,
          departmentCode: 'CU',
          fileCode: 'III-1',
          keywords: [],
        },
        actorId: null,
        at: now(),
      }),
    )
  ).versionId;
}

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  const [row] = await t.database.query<{ id: string }>(
    "SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.code = 'CERT-URBANISM' AND s.institution_id = $1 AND v.status = 'published'",
    [DEMO.sector5],
  );
  certVersion = row!.id;
  testVersion = await publishTestService('TEST-FLUX', L('Aviz de test cu flux propriu', 'Test approval with its own workflow'));
  await insertOfficial(secondInspector);
  await insertOfficial(otherInspector);
});
afterAll(async () => t?.stop());

async function open(version: string, answers: Record<string, unknown>, name = 'Maria Ionescu') {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name, cnp: '2850315452341', email: maria.email },
      answers,
      channel: 'online',
      actorId: maria.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
  return { caseId: c.caseId, number: c.registry.display, trackingCode: c.trackingCode };
}

const sessions = new Map<string, Client>();
/** Signs in once per account (password + TOTP); the clock moves so a code is never replayed. */
async function as(a: DemoAccount): Promise<Client> {
  const known = sessions.get(a.id);
  if (known) return known;
  const c = await signInDemo(t, a, () => (clock += 30_000), '/birou');
  sessions.set(a.id, c);
  return c;
}

async function inbox(a: DemoAccount, id: string, q = '') {
  const c = await as(a);
  const res = await c.get(`/birou/cozi/${id}${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** The inspector opens the case, writes a granted answer (the template's own text) and generates it for signing. */
async function writeAnswer(caseId: string) {
  const c = await as(inspector);
  await c.get(`/birou/dosare/${caseId}`);
  await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
  expect((await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'granted', text: '' })).status).toBe(303);
  expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(303);
}

/** The official signs the case's current answer on the case page, with the demo PIN and a fresh code. */
async function signAnswerAs(a: DemoAccount, caseId: string) {
  const c = await as(a);
  await c.get(`/birou/dosare/${caseId}`);
  const [doc] = await t.database.query<{ id: string }>("SELECT id FROM answer_document WHERE case_id = $1 AND status <> 'superseded'", [caseId]);
  clock += 30_000;
  const res = await c.post(`/birou/dosare/${caseId}/raspuns/${doc!.id}/semnare`, { pin: DEMO_SIGNING_PIN, code: totpCode(DEMO_TOTP_SECRET, now()), transactionId: crypto.randomUUID() });
  expect(res.status).toBe(303);
  return c.follow(res);
}

async function stepOf(caseId: string) {
  const [row] = await t.database.query<{ step_key: string | null; step_seq: number; status: string; step_assignee_id: string | null; step_due_on: string | null }>(
    `SELECT step_key, step_seq, status, step_assignee_id, to_char(step_due_on, 'YYYY-MM-DD') AS step_due_on FROM "case" WHERE id = $1`,
    [caseId],
  );
  return row!;
}

/** The inbox table's row of a case ('' when the inbox does not list it). */
const rowOf = (html: string, number: string) => html.split('<tr').find((r) => r.includes(`>${number}</a>`)) ?? '';

/** Acts through the case page's form (as a browser would), returning the response. */
/** The page the last successful `act` led to, with its confirmation. */
let confirmation = '';
async function act(a: DemoAccount, caseId: string, action: string, fields: Record<string, string> = {}) {
  const c = await as(a);
  const page = await c.get(`/birou/dosare/${caseId}`);
  expect(page.status).toBe(200);
  const s = await stepOf(caseId);
  const res = await c.post(`/birou/dosare/${caseId}/flux`, { action, step: s.step_key ?? 'registratura', version: String(s.step_seq), transactionId: crypto.randomUUID(), ...fields });
  // Like a browser, it goes where it is sent: the confirmation (which names the case) is shown there, not on a later page.
  if (res.status === 303) confirmation = (await c.follow(res)).body;
  return res;
}

describe('the urbanism certificate through the default workflow', () => {
  it('goes registry → head assigns → inspector → head approves → mayor signs → issued, in the right inboxes at each step', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' }, 'Ștefan Țăranu');
    const number = cert.number;

    // Registry: the clerk sees it (counts and list), the head of department does not yet.
    const office = await (await as(registryClerk)).get('/birou');
    expect(office.status).toBe(200);
    expect(office.body).toContain('Registratură — de trimis la compartiment');
    expect(await inbox(registryClerk, 'registratura')).toContain(number);
    expect(await inbox(headOfDepartment, 'compartiment')).not.toContain(number);
    // Search by name without diacritics, by tracking code and by registration number.
    expect(await inbox(registryClerk, 'registratura', 'stefan taranu')).toContain(number);
    expect(await inbox(registryClerk, 'registratura', cert.trackingCode.toLowerCase())).toContain(number);
    expect(await inbox(registryClerk, 'registratura', number)).toContain(number);
    expect(await inbox(registryClerk, 'registratura', 'nimeni altcineva')).not.toContain(number);

    // The clerk's quick action sends it to the department and comes back to the inbox.
    const clerk = await as(registryClerk);
    const sent = await clerk.post(`/birou/dosare/${cert.caseId}/flux`, {
      action: 'forward',
      step: 'registratura',
      version: '1',
      transactionId: crypto.randomUUID(),
      next: '/birou/cozi/registratura',
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/birou/cozi/registratura');
    // Back in the inbox, the confirmation says which case went where; its row is gone.
    const back = await clerk.follow(sent);
    expect(back.body).toContain(`Dosarul nr. ${number} a fost trimis la Serviciul Certificate de Urbanism.`);
    expect(rowOf(back.body, number)).toBe('');
    expect(await inbox(headOfDepartment, 'compartiment')).toContain(number);
    expect((await stepOf(cert.caseId)).step_key).toBe('repartizare');

    // A stale form (the clerk's old page) is refused, naming who changed the case.
    const stale = await clerk.post(`/birou/dosare/${cert.caseId}/flux`, { action: 'forward', step: 'registratura', version: '1', transactionId: crypto.randomUUID() });
    // Back on the case as it is now, told why: reloading a 409 page would only send the old form again.
    expect(stale.location).toBe(`/birou/dosare/${cert.caseId}`);
    expect((await clerk.follow(stale)).body).toContain('Dosarul a fost modificat între timp de Elena Dumitrescu. Mai jos îl vedeți așa cum este acum');

    // The head assigns it to Andrei from the case page.
    const casePage = await (await as(headOfDepartment)).get(`/birou/dosare/${cert.caseId}`);
    expect(casePage.body).toContain('Șeful de serviciu repartizează');
    expect(casePage.body).toContain('Andrei Popa');
    // Pressing "Repartizează" without choosing anyone is refused on the field: the case does not land on her desk.
    const nobody = await act(headOfDepartment, cert.caseId, 'assign', {});
    expect(nobody.status).toBe(400);
    expect(nobody.body).toContain('Alegeți cui repartizați dosarul.');
    expect((await stepOf(cert.caseId)).step_key).toBe('repartizare');
    // The applicant's data on the official's page is the applicant's, not "yours".
    expect(casePage.body).toContain('Ștefan Țăranu (solicitant)');
    expect(casePage.body).not.toContain('Dumneavoastră');
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    expect(await inbox(inspector, 'sarcinile-mele')).toContain(number);
    expect(await inbox(headOfDepartment, 'compartiment')).not.toContain(number);
    expect(await inbox(headOfDepartment, 'sarcinile-mele')).not.toContain(number);

    // An inspector of another department neither sees it nor may act on it.
    for (const id of ['registratura', 'compartiment', 'sarcinile-mele', 'de-semnat', 'finalizate']) expect(await inbox(otherInspector, id)).not.toContain(number);
    const other = await as(otherInspector);
    const refused = await other.post(`/birou/dosare/${cert.caseId}/flux`, { action: 'approve', step: 'analiza', version: String((await stepOf(cert.caseId)).step_seq), transactionId: crypto.randomUUID() });
    expect(refused.status).toBe(404);
    const refusedApi = await other.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, { action: 'approve', step: 'analiza', version: (await stepOf(cert.caseId)).step_seq });
    expect(refusedApi.status).toBe(404);
    // The second inspector of the same department sees the case but it is not their step.
    const notMine = await (await as(secondInspector)).api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, { action: 'approve', step: 'analiza', version: (await stepOf(cert.caseId)).step_seq });
    expect(notMine.status).toBe(403);

    // On the inspector's page, asking for missing documents is offered once (by the workflow step), not twice.
    const atWork = await (await as(inspector)).get(`/birou/dosare/${cert.caseId}`);
    expect(atWork.body.split('Cere completarea dosarului').length - 1).toBe(2); // the <summary> and its button
    // The inspector sends it for approval: it leaves Andrei's tasks and reaches the head's.
    expect((await act(inspector, cert.caseId, 'approve')).status).toBe(303);
    expect((await stepOf(cert.caseId)).status).toBe('in_approval');
    expect(await inbox(inspector, 'sarcinile-mele')).not.toContain(number);
    expect(await inbox(headOfDepartment, 'sarcinile-mele')).toContain(number);

    // The head approves: it waits for the mayor's signature.
    expect((await act(headOfDepartment, cert.caseId, 'approve')).status).toBe(303);
    expect((await stepOf(cert.caseId)).status).toBe('approved');
    expect(await inbox(headOfDepartment, 'sarcinile-mele')).not.toContain(number);
    expect(await inbox(mayor, 'de-semnat')).toContain(number);

    // The mayor signs with the inbox's quick action (recorded only; PAdES comes with the signing work).
    const signPage = await inbox(mayor, 'de-semnat');
    expect(signPage).toContain('Semnează');
    const s = await stepOf(cert.caseId);
    const signed = await (await as(mayor)).post(`/birou/dosare/${cert.caseId}/flux`, {
      action: 'sign',
      step: s.step_key!,
      version: String(s.step_seq),
      transactionId: crypto.randomUUID(),
      next: '/birou/cozi/de-semnat',
    });
    expect(signed.location).toBe('/birou/cozi/de-semnat');
    const afterSigning = await (await as(mayor)).follow(signed);
    expect(afterSigning.body).toContain(`Dosarul nr. ${number} a fost semnat. Este acum la pasul: Registratura emite răspunsul.`);
    expect(rowOf(afterSigning.body, number)).toBe('');
    expect(await inbox(registryClerk, 'sarcinile-mele')).toContain(number);

    // Nothing to issue yet: the case went through its steps without an answer document, and the registry is told so
    // (back on the case page, as a refused action is), in the reader's language; the case stays at the issue step.
    const none = await act(registryClerk, cert.caseId, 'issue');
    expect(none.status).toBe(303);
    expect(confirmation).toContain('Răspunsul nu poate fi emis: dosarul nu are un document de răspuns.');
    const clerkApi = await as(registryClerk);
    await clerkApi.get('/?lang=en');
    const noneApi = await clerkApi.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, { action: 'issue', step: 'emitere', version: (await stepOf(cert.caseId)).step_seq });
    expect(noneApi.status).toBe(409);
    expect(noneApi.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'workflow.issue_needs_answer', message: expect.stringContaining('the case has no answer document') });
    await clerkApi.get('/?lang=ro');
    expect(await stepOf(cert.caseId)).toMatchObject({ step_key: 'emitere', status: 'signed' });
    // Written and generated now, the answer lacks its signatures: issuing names whose are missing.
    await writeAnswer(cert.caseId);
    await act(registryClerk, cert.caseId, 'issue');
    expect(confirmation).toContain('Răspunsul nu poate fi emis: documentul nu are încă toate semnăturile. Mai trebuie să semneze: Andrei Popa, Cristina Marinescu, Radu Georgescu.');
    for (const signer of [inspector, headOfDepartment, mayor]) await signAnswerAs(signer, cert.caseId);

    // The registry issues the answer: the case is done.
    expect((await act(registryClerk, cert.caseId, 'issue')).status).toBe(303);
    expect((await stepOf(cert.caseId)).status).toBe('issued');
    const [entry] = await t.database.query<{ resolution: string }>('SELECT r.resolution FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1', [cert.caseId]);
    expect(entry!.resolution).toMatch(/^Admisă: răspuns emis la \d{2}\.\d{2}\.\d{4}$/);
    expect(await inbox(registryClerk, 'sarcinile-mele')).not.toContain(number);
    expect(await inbox(headOfDepartment, 'finalizate')).toContain(number);

    // The log is the truth: every workflow action names its step.
    const log = await t.database.query<{ type: string; step: string | null; actor_id: string | null }>(
      "SELECT type, payload->>'step' AS step, actor_id FROM case_action WHERE case_id = $1 ORDER BY seq",
      [cert.caseId],
    );
    expect(log.map((a) => `${a.type}@${a.step ?? '-'}`)).toEqual([
      'submitted@-',
      'forwarded@registratura',
      'assigned@repartizare',
      'sent_for_approval@analiza',
      'approved@aprobare',
      'signed@semnare',
      'issued@emitere',
    ]);
    // The applicant hears of the answer, not of the steps inside the institution (the case page shows those).
    const mails = await t.database.query<{ template: string }>('SELECT template FROM outbox_message WHERE lower(recipient) = lower($1) AND body_text LIKE $2', [maria.email, `%${number}%`]);
    expect(mails.map((m) => m.template)).toEqual(['documents.issued_granted.v1']);
  });

  it('refuses to move an answered case on while the approving official’s signature on the answer is missing', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    await writeAnswer(cert.caseId);
    // Andrei is the answer's first signer: approving unsigned would leave the head unable to sign after him.
    const early = await act(inspector, cert.caseId, 'approve');
    expect(early.status).toBe(400);
    expect(early.body).toContain('Semnați mai întâi răspunsul');
    expect(early.body).toContain('href="#semnare-pin"');
    expect(await stepOf(cert.caseId)).toMatchObject({ step_key: 'analiza', status: 'assigned' });
    expect(await inbox(inspector, 'sarcinile-mele')).toContain(cert.number);
  });

  it('"De semnat" sends the official to sign the answer when it waits for their signature, instead of a quick "Semnează" that is refused', async () => {
    const plain = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const answered = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    for (const c of [plain, answered]) {
      expect((await act(registryClerk, c.caseId, 'forward')).status).toBe(303);
      expect((await act(headOfDepartment, c.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
      expect((await act(inspector, c.caseId, 'approve')).status).toBe(303);
      expect((await act(headOfDepartment, c.caseId, 'approve')).status).toBe(303);
    }
    // The inspector prepares the answer late: the mayor is among its signers.
    await writeAnswer(answered.caseId);

    const page = await inbox(mayor, 'de-semnat');
    expect(rowOf(page, answered.number)).toContain(`href="/birou/dosare/${answered.caseId}#raspuns"`);
    expect(rowOf(page, answered.number)).toContain('Semnează răspunsul');
    expect(rowOf(page, answered.number)).not.toContain('name="action" value="sign"');
    // A case without an answer document keeps the one-click quick action.
    expect(rowOf(page, plain.number)).toContain('name="action" value="sign"');
  });

  it('tells each signer of the answer that their step still waits for its button: the signature alone does not pass the case on', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const told = (step: string, button: string) =>
      `Documentul a fost semnat. Pasul „${step}” nu este încă încheiat: apăsați „${button}” în secțiunea „Fluxul de lucru”, ca dosarul să treacă mai departe.`;
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    await writeAnswer(cert.caseId);
    expect((await signAnswerAs(inspector, cert.caseId)).body).toContain(told('Inspectorul analizează', 'Aprobă și trimite mai departe'));
    expect((await act(inspector, cert.caseId, 'approve')).status).toBe(303);
    // The head's own tasks say which case waits for her signature on the answer before she can approve it.
    const waits = 'Răspunsul așteaptă semnătura dumneavoastră';
    expect(rowOf(await inbox(headOfDepartment, 'sarcinile-mele'), cert.number)).toContain(waits);
    expect(rowOf(await inbox(inspector, 'sarcinile-mele'), cert.number)).toBe('');
    expect((await signAnswerAs(headOfDepartment, cert.caseId)).body).toContain(told('Șeful de serviciu aprobă', 'Aprobă și trimite mai departe'));
    expect(rowOf(await inbox(headOfDepartment, 'sarcinile-mele'), cert.number)).not.toContain(waits);
    expect(rowOf(await inbox(headOfDepartment, 'sarcinile-mele'), cert.number)).toContain('Șeful de serviciu aprobă');
    expect((await act(headOfDepartment, cert.caseId, 'approve')).status).toBe(303);
    // The mayor's signature completes the document, yet the case stays at his step until he presses "Semnează".
    const last = await signAnswerAs(mayor, cert.caseId);
    expect(last.body).toContain(told('Primarul semnează', 'Semnează'));
    expect(last.body).not.toContain('poate fi emis');
    expect((await stepOf(cert.caseId)).step_key).toBe('semnare');
  });

  it('confirms each action in words saying what happened to the case, not "the action was recorded"', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const n = cert.number;
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    expect((await act(inspector, cert.caseId, 'request_completion', { text: 'Planul de situație.' })).status).toBe(303);
    expect(confirmation).toContain(`Solicitantului i s-a cerut completarea dosarului nr. ${n}. Dosarul așteaptă documentele și vă revine când le trimite.`);
    await t.database.db.transaction((tx) => recordCaseAction(tx, { caseId: cert.caseId, type: 'completed', actorId: maria.id, transactionId: crypto.randomUUID(), at: now() }));
    expect((await act(inspector, cert.caseId, 'approve')).status).toBe(303);
    expect(confirmation).toContain(`Dosarul nr. ${n} a fost aprobat și trimis mai departe, la pasul: Șeful de serviciu aprobă.`);
    expect((await act(headOfDepartment, cert.caseId, 'return', { returnTo: 'analiza', text: 'Verificați planul.' })).status).toBe(303);
    expect(confirmation).toContain(`Dosarul nr. ${n} a fost întors la pasul: Inspectorul analizează.`);
    // At the analysis a refusal is proposed: it goes on to the head's approval, and the confirmation says so.
    expect((await act(inspector, cert.caseId, 'reject', { text: 'Imobilul nu este în Sectorul 5.' })).status).toBe(303);
    expect(confirmation).toContain(`Propunerea de respingere a dosarului nr. ${n} a fost trimisă mai departe, la pasul: Șeful de serviciu aprobă. Solicitantul o află când răspunsul semnat este emis.`);
    // At the registry, "Respinge" still closes the case.
    const other = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, other.caseId, 'reject', { text: 'Nu este o cerere adresată primăriei.' })).status).toBe(303);
    expect(confirmation).toContain(`Dosarul nr. ${other.number} a fost respins. Fluxul dosarului s-a încheiat.`);
    expect(confirmation).not.toContain('a fost înregistrată');
  });

  it('tells the applicant of the issued answer in one e-mail, not also in a second one about the status', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const signAnswer = (a: DemoAccount) => signAnswerAs(a, cert.caseId);
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    await writeAnswer(cert.caseId);
    await signAnswer(inspector);
    expect((await act(inspector, cert.caseId, 'approve')).status).toBe(303);
    await signAnswer(headOfDepartment);
    expect((await act(headOfDepartment, cert.caseId, 'approve')).status).toBe(303);
    await signAnswer(mayor);
    expect((await act(mayor, cert.caseId, 'sign')).status).toBe(303);
    // "Issue it with the button …" is said to whoever has that button (the registry), not to the mayor.
    const issueHint = 'Emiteți-l cu butonul';
    expect((await (await as(mayor)).get(`/birou/dosare/${cert.caseId}`)).body).not.toContain(issueHint);
    expect((await (await as(registryClerk)).get(`/birou/dosare/${cert.caseId}`)).body).toContain(issueHint);
    expect((await act(registryClerk, cert.caseId, 'issue')).status).toBe(303);
    expect(confirmation).toContain(`Răspunsul la dosarul nr. ${cert.number} a fost emis. Fluxul dosarului s-a încheiat.`);
    expect((await stepOf(cert.caseId)).status).toBe('issued');
    // The workflow's issue step records the answer's outcome: the register says the request was granted.
    const [line] = await t.database.query<{ resolution: string; resolution_code: string }>(
      'SELECT r.resolution, r.resolution_code FROM registry_entry r JOIN "case" c ON c.registry_entry_id = r.id WHERE c.id = $1',
      [cert.caseId],
    );
    expect(line).toMatchObject({ resolution_code: 'issued.granted' });
    expect(line!.resolution).toMatch(/^Admisă: răspuns emis la \d{2}\.\d{2}\.\d{4}$/);
    const mails = await t.database.query<{ template: string; subject: string }>('SELECT template, subject FROM outbox_message WHERE lower(recipient) = lower($1) AND subject LIKE $2', [maria.email, `%${cert.number}%`]);
    expect(mails.filter((m) => m.template.startsWith('documents.issued'))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.includes('Soluționată'))).toEqual([]);
  });

  it('e-mails the applicant only what concerns them: a round trip inside the institution (a return, approvals, signatures) sends the answer alone', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    await writeAnswer(cert.caseId);
    await signAnswerAs(inspector, cert.caseId);
    expect((await act(inspector, cert.caseId, 'approve')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'return', { returnTo: 'analiza', text: 'Verificați planul.' })).status).toBe(303);
    expect((await stepOf(cert.caseId)).status).toBe('assigned');
    expect((await act(inspector, cert.caseId, 'approve')).status).toBe(303);
    await signAnswerAs(headOfDepartment, cert.caseId);
    expect((await act(headOfDepartment, cert.caseId, 'approve')).status).toBe(303);
    await signAnswerAs(mayor, cert.caseId);
    expect((await act(mayor, cert.caseId, 'sign')).status).toBe(303);
    const told = async () =>
      (await t.database.query<{ template: string }>('SELECT template FROM outbox_message WHERE lower(recipient) = lower($1) AND body_text LIKE $2 ORDER BY created_at', [maria.email, `%${cert.number}%`])).map((m) => m.template);
    // Taken, sent for approval, returned, approved, signed: none of it is news to the applicant.
    expect(await told()).toEqual([]);
    expect((await act(registryClerk, cert.caseId, 'issue')).status).toBe(303);
    expect(await told()).toEqual(['documents.issued_granted.v1']);
    // The case page's timeline still shows every step to the applicant.
    const page = await signInDemo(t, maria, () => (clock += 30_000), '/cont/cereri');
    const timeline = (await page.get(`/cont/cereri/${cert.caseId}`)).body;
    for (const step of ['>Trimisă spre aprobare<', '>Întoarsă pentru reanalizare<', '>Aprobată<', '>Semnată<']) expect(timeline).toContain(step);
  });

  it('still e-mails the applicant that documents are asked of them, and that the request was refused — at the registry, where a refusal closes the case', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    expect((await act(inspector, cert.caseId, 'request_completion', { text: 'Planul de situație.' })).status).toBe(303);
    await t.database.db.transaction((tx) => recordCaseAction(tx, { caseId: cert.caseId, type: 'completed', actorId: maria.id, transactionId: crypto.randomUUID(), at: now() }));
    // The inspector's refusal is only proposed: nothing reaches the applicant until the signed answer is issued.
    expect((await act(inspector, cert.caseId, 'reject', { text: 'Imobilul nu este în Sectorul 5.' })).status).toBe(303);
    const told = async (number: string) =>
      (await t.database.query<{ subject: string }>('SELECT subject FROM outbox_message WHERE lower(recipient) = lower($1) AND body_text LIKE $2 ORDER BY created_at', [maria.email, `%${number}%`])).map((m) => m.subject);
    expect(await told(cert.number)).toEqual([`Cererea nr. ${cert.number}: Așteaptă documente de la dumneavoastră`]);
    const other = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, other.caseId, 'reject', { text: 'Nu este o cerere adresată primăriei.' })).status).toBe(303);
    expect(await told(other.number)).toEqual([`Cererea nr. ${other.number}: Respinsă`]);
  });

  it('says why a case sent to a department without inspectors cannot be assigned, instead of an empty choice', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward', { departmentId: demoDepartmentId(DEMO.sector5, 'JUR') })).status).toBe(303);
    const page = await (await as(DEMO_ACCOUNTS.secretaryGeneral)).get(`/birou/dosare/${cert.caseId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nimeni nu poate prelua dosarul: în Direcția Juridică nu există niciun funcționar cu rolul „Șef de serviciu”');
    expect(page.body).not.toContain('Cui îi repartizați dosarul?');
    expect(page.body).not.toContain('value="assign"');
  });

  it('warns whoever routes a case that nobody could take it in a department without staff: in the choice and after sending it', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const clerk = await as(registryClerk);
    const page = await clerk.get(`/birou/dosare/${cert.caseId}`);
    const jur = demoDepartmentId(DEMO.sector5, 'JUR');
    expect(page.body).toContain(`<option value="${jur}">Direcția Juridică (fără personal)</option>`);
    // Serviciul Certificate de Urbanism has a head and an inspector (and is chosen by default); Disciplina în Construcții an inspector but no head.
    expect(page.body).toContain(`<option value="${demoDepartmentId(DEMO.sector5, 'CU')}" selected>\u2003\u2003Serviciul Certificate de Urbanism (compartimentul serviciului)</option>`);
    expect(page.body).toContain(`<option value="${demoDepartmentId(DEMO.sector5, 'DISC')}">\u2003\u2003Biroul Disciplina în Construcții (fără personal)</option>`);
    // The list is the department tree, as on the registry's form: a service under its directorate.
    const directorate = page.body.indexOf('>Direcția Generală de Urbanism și Amenajarea Teritoriului (fără personal)</option>');
    expect(directorate).toBeGreaterThan(0);
    expect(page.body.indexOf('>\u2003\u2003Serviciul Certificate de Urbanism')).toBeGreaterThan(directorate);
    // The demo's public-information compartment has its official: requests routed there reach her.
    expect(page.body).toContain(`<option value="${demoDepartmentId(DEMO.sector5, 'INFO')}">\u2003\u2003Compartimentul Informații de Interes Public</option>`);
    expect(page.body).toContain('Un compartiment marcat „fără personal” nu are niciun funcționar care să preia dosarul');
    const api = (await clerk.api('GET', `/api/v1/cases/${cert.caseId}/workflow`)).json<{ departments: { id: string; staffed: boolean; missingRole: string | null }[]; unstaffed: unknown }>();
    expect(api.departments.find((d) => d.id === jur)).toMatchObject({ staffed: false, missingRole: 'head_of_department' });
    expect(api.departments.find((d) => d.id === demoDepartmentId(DEMO.sector5, 'CU'))).toMatchObject({ staffed: true, missingRole: null });
    expect(api.unstaffed).toBeNull();

    const s = await stepOf(cert.caseId);
    const sent = await clerk.post(`/birou/dosare/${cert.caseId}/flux`, { action: 'forward', step: 'registratura', version: String(s.step_seq), departmentId: jur, transactionId: crypto.randomUUID() });
    expect(sent.status).toBe(303);
    const after = await clerk.follow(sent);
    expect(after.body).toContain(`Dosarul nr. ${cert.number} a fost trimis la Direcția Juridică, dar acolo nu există niciun funcționar cu rolul „Șef de serviciu” care să îl preia.`);
    expect(after.body).toContain('Nimeni nu poate prelua dosarul: în Direcția Juridică nu există niciun funcționar cu rolul „Șef de serviciu”');

    // Sent to a department with staff, the usual confirmation and no warning.
    const other = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    await clerk.get(`/birou/dosare/${other.caseId}`);
    const ok = await clerk.post(`/birou/dosare/${other.caseId}/flux`, { action: 'forward', step: 'registratura', version: String((await stepOf(other.caseId)).step_seq), transactionId: crypto.randomUUID() });
    const fine = await clerk.follow(ok);
    expect(fine.body).not.toContain('nu există niciun funcționar');
    expect(fine.body).not.toContain('Nimeni nu poate prelua dosarul');
  });

  it('tells in the case’s history where it went: the department it was sent to, the official it was assigned to', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    expect((await act(headOfDepartment, cert.caseId, 'assign', { assigneeId: inspector.id })).status).toBe(303);
    for (const page of [await (await as(inspector)).get(`/birou/dosare/${cert.caseId}`), await (await signInDemo(t, maria, () => (clock += 30_000), '/cont')).get(`/cont/cereri/${cert.caseId}`)]) {
      expect(page.body).toContain('Trimisă la compartiment<div class="govuk-body-s pd-multiline">Serviciul Certificate de Urbanism</div>');
      expect(page.body).toContain('Cererea a fost repartizată<div class="govuk-body-s pd-multiline">către Andrei Popa</div>');
    }
    // The inbox's count over its table reads as a caption: "Un dosar", capitalised like "2 dosare".
    expect(await inbox(inspector, 'sarcinile-mele', cert.number)).toMatch(/<caption class="govuk-table__caption[^"]*">Un dosar<\/caption>/);
  });

  it('keeps a refused action’s form open, so its message and field can be seen', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const refused = await act(registryClerk, cert.caseId, 'reject', { text: '' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Scrieți motivul');
    const rejectForm = /<details class="govuk-details"( open)?><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Respinge<\/span>/.exec(refused.body);
    expect(rejectForm?.[1]).toBe(' open');
    // A first-day official reads what "Respinge" does and does not do: no signed answer, no legal remedy.
    expect(refused.body).toContain('Respingerea de aici închide dosarul fără un răspuns semnat: solicitantul vede doar acest motiv, fără calea de atac.');
    // The other disclosures stay closed, and nothing is open on a page without an error.
    expect(refused.body.match(/<details class="govuk-details" open/g)).toHaveLength(1);
    expect((await (await as(registryClerk)).get(`/birou/dosare/${cert.caseId}`)).body).not.toContain('<details class="govuk-details" open');
  });

  it('answers the JSON API: inboxes with counts, a case’s workflow, an action, and 409 when stale', async () => {
    const cert = await open(certVersion, { purpose: 'notarial', urgency: 'standard' });
    const clerk = await as(registryClerk);
    const list = await clerk.api('GET', '/api/v1/inboxes');
    expect(list.status).toBe(200);
    const registry = list.json<{ inboxes: { id: string; count: number }[] }>().inboxes.find((i) => i.id === 'registratura');
    expect(registry!.count).toBeGreaterThan(0);
    const page = await clerk.api('GET', `/api/v1/inboxes/registratura?q=${encodeURIComponent(cert.number)}`);
    const cases = page.json<{ cases: { caseId: string; step: string; version: number }[] }>().cases;
    expect(cases.map((c) => c.caseId)).toEqual([cert.caseId]);
    const view = await clerk.api('GET', `/api/v1/cases/${cert.caseId}/workflow`);
    expect(view.json<{ actions: string[] }>().actions).toEqual(['forward', 'reject']);
    const txId = crypto.randomUUID();
    const body = { action: 'forward', step: cases[0]!.step, version: cases[0]!.version, transactionId: txId };
    const done = await clerk.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, body);
    expect(done.status).toBe(200);
    expect(done.json<{ step: string; duplicate: boolean }>()).toMatchObject({ step: 'repartizare', duplicate: false });
    // The same transaction again changes nothing; a new one on the old version is stale.
    const again = await clerk.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, body);
    expect(again.json<{ duplicate: boolean }>().duplicate).toBe(true);
    const stale = await clerk.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, { ...body, transactionId: crypto.randomUUID() });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'workflow.stale' });
    // An app has no page to reload: it is told to read the case again.
    expect(stale.json<{ error: { message: string } }>().error.message).toMatch(/^Dosarul a fost modificat între timp de .+: citiți-l din nou și reîncercați\.$/);
    const docs = await t.client().get('/api/docs/json');
    expect(docs.body).toContain('/api/v1/inboxes/{inboxId}');
    expect(docs.body).toContain('/api/v1/cases/{caseId}/workflow-actions');
  });
});

describe('a service with its own workflow', () => {
  const custom = {
    schemaVersion: 1,
    assignment: 'round_robin',
    steps: [
      { key: 'registratura', name: L('Registratura trimite la compartiment'), role: 'registry_clerk', dueDays: 1, actions: ['forward'] },
      { key: 'repartizare', name: L('Șeful de serviciu repartizează'), role: 'head_of_department', dueDays: 2, actions: ['assign'] },
      { key: 'analiza', name: L('Inspectorul analizează'), role: 'inspector', dueDays: 3, actions: ['approve', 'reassign'] },
      { key: 'aprobare-director', name: L('Directorul aprobă urgențele'), role: 'director', dueDays: 1, actions: ['approve', 'return'], when: { question: 'regim', equals: 'urgent' } },
      { key: 'aprobare', name: L('Șeful de serviciu aprobă'), role: 'head_of_department', dueDays: 2, actions: ['approve', 'return'], when: { question: 'regim', equals: 'standard' } },
      { key: 'semnare', name: L('Primarul semnează'), role: 'mayor', dueDays: 2, actions: ['sign'] },
      { key: 'emitere', name: L('Registratura emite'), role: 'registry_clerk', dueDays: 1, actions: ['issue'] },
    ],
  };

  it('is edited by the administrator with a readable preview; a wrong definition is refused with its problems', async () => {
    const admin = await as(administrator);
    const page = await admin.get('/admin/fluxuri/sector5/TEST-FLUX');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Pasul 2: Șeful de serviciu repartizează — Șef de serviciu; 2 zile lucrătoare; acțiuni: repartizează');
    const bad = await admin.post('/admin/fluxuri/sector5/TEST-FLUX', { definition: JSON.stringify({ ...custom, steps: custom.steps.slice(1) }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('primul pas');
    expect(bad.body).toContain('govuk-error-summary');
    const unknown = await admin.post('/admin/fluxuri/sector5/TEST-FLUX', { definition: JSON.stringify({ ...custom, steps: custom.steps.map((s) => (s.when ? { ...s, when: { question: 'nu_exista', equals: 'x' } } : s)) }) });
    expect(unknown.body).toContain('nu_exista');
    const saved = await admin.post('/admin/fluxuri/sector5/TEST-FLUX', { definition: JSON.stringify(custom) });
    expect(saved.status).toBe(303);
    const after = await admin.get('/admin/fluxuri/sector5/TEST-FLUX');
    expect(after.body).toContain('Serviciul are un flux propriu');
    expect(after.body).toContain('Repartizare: automată, pe rând');
    expect(after.body).toContain('doar când răspunsul la „regim” este „urgent”');
    // Nobody else edits workflows.
    expect((await (await as(headOfDepartment)).get('/admin/fluxuri/sector5/TEST-FLUX')).status).toBe(403);
    expect((await (await as(headOfDepartment)).api('PUT', '/api/v1/workflows/sector5/TEST-FLUX', { workflow: custom })).status).toBe(403);
  });

  it('assigns in turn (round robin) and routes by the form’s answers', async () => {
    const clerk = await as(registryClerk);
    const opened = [];
    for (const regim of ['urgent', 'standard', 'standard']) opened.push(await open(testVersion, { subject: 'Test', regim }));
    for (const c of opened) {
      const res = await clerk.api('POST', `/api/v1/cases/${c.caseId}/workflow-actions`, { action: 'forward', step: 'registratura', version: 1 });
      expect(res.status).toBe(200);
      // Entering the assignment step assigned it at once: it is at the inspector's step.
      expect(res.json<{ step: string }>().step).toBe('analiza');
    }
    const assignees = await Promise.all(opened.map(async (c) => (await stepOf(c.caseId)).step_assignee_id));
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees[2]).toBe(assignees[0]);
    expect(new Set(assignees)).toEqual(new Set([inspector.id, secondInspector.id]));
    const auto = await t.database.query<{ actor_id: string | null; auto: string }>("SELECT actor_id, payload->>'auto' AS auto FROM case_action WHERE case_id = $1 AND type = 'assigned'", [opened[0]!.caseId]);
    expect(auto).toEqual([{ actor_id: null, auto: 'true' }]);

    // Routing: the urgent case goes to the director, the standard one to the head of department.
    const byId = new Map([
      [inspector.id, inspector],
      [secondInspector.id, secondInspector],
    ]);
    for (const c of opened.slice(0, 2)) {
      const who = byId.get((await stepOf(c.caseId)).step_assignee_id!)!;
      expect((await act(who, c.caseId, 'approve')).status).toBe(303);
    }
    expect((await stepOf(opened[0]!.caseId)).step_key).toBe('aprobare-director');
    expect((await stepOf(opened[1]!.caseId)).step_key).toBe('aprobare');
    expect(await inbox(director, 'sarcinile-mele')).toContain(opened[0]!.number);
    expect(await inbox(director, 'sarcinile-mele')).not.toContain(opened[1]!.number);
    expect(await inbox(headOfDepartment, 'sarcinile-mele')).toContain(opened[1]!.number);
    expect(await inbox(headOfDepartment, 'sarcinile-mele')).not.toContain(opened[0]!.number);

    // Returned by the director, the case goes back to the inspector who handled it.
    const before = (await stepOf(opened[0]!.caseId)).step_assignee_id;
    expect(before).toBeNull();
    expect((await act(director, opened[0]!.caseId, 'return', { returnTo: 'analiza', text: 'Lipsește avizul' })).status).toBe(303);
    const back = await stepOf(opened[0]!.caseId);
    expect(back.step_key).toBe('analiza');
    expect(back.step_assignee_id).toBe(assignees[0]);
  });
});

describe('step deadlines', () => {
  it('reminds whoever must act once before the step is due, and escalates to the head once when overdue', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const clerk = await as(registryClerk);
    await clerk.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, { action: 'forward', step: 'registratura', version: 1 });
    const head = await as(headOfDepartment);
    const s = await stepOf(cert.caseId);
    await head.api('POST', `/api/v1/cases/${cert.caseId}/workflow-actions`, { action: 'assign', step: 'repartizare', version: s.step_seq, assigneeId: inspector.id });
    const due = (await stepOf(cert.caseId)).step_due_on!;
    const count = async (to: string, template: string) => {
      const [row] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1) AND template = $2 AND body_text LIKE $3', [to, template, `%${cert.number}%`]);
      return Number(row!.n);
    };
    // Well before the due day: nothing.
    await sendStepReminders(t.deps, { today: addDays(due, -6) });
    expect(await count(inspector.email, 'workflow.step_due_soon.v1')).toBe(0);
    // On the due day: one reminder to Andrei, however often the job runs.
    const first = await sendStepReminders(t.deps, { today: due });
    expect(first.dueSoon).toContain(cert.caseId);
    await sendStepReminders(t.deps, { today: due });
    expect(await count(inspector.email, 'workflow.step_due_soon.v1')).toBe(1);
    expect(await count(secondInspector.email, 'workflow.step_due_soon.v1')).toBe(0);
    // The day after: one escalation to the head of department, once.
    const late = await sendStepReminders(t.deps, { today: addDays(due, 1) });
    expect(late.overdue).toContain(cert.caseId);
    await sendStepReminders(t.deps, { today: addDays(due, 2) });
    expect(await count(headOfDepartment.email, 'workflow.step_overdue.v1')).toBe(1);
    expect(await count(inspector.email, 'workflow.step_overdue.v1')).toBe(0);
    // The overdue case shows in the head's "Termen depășit" inbox once the day has passed.
    clock = Date.parse(`${addDays(due, 1)}T09:00:00Z`);
    sessions.clear(); // the sessions of the days before have expired
    expect(await inbox(inspector, 'depasite')).toContain(cert.number);
  });

  it('counts "due soon" in the institution’s working days: a closed day between today and the due day is skipped', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const due = (await stepOf(cert.caseId)).step_due_on!;
    const workingDayBefore = (d: string) => {
      let x = addDays(d, -1);
      while (!isWorkingDay(x)) x = addDays(x, -1);
      return x;
    };
    // Two working days before the due day the step is not due soon yet …
    const between = workingDayBefore(due);
    const today = workingDayBefore(between);
    expect((await sendStepReminders(t.deps, { today })).dueSoon).not.toContain(cert.caseId);
    // … but when the institution is closed on the day in between, the due day is its next working day.
    await t.database.query("INSERT INTO institution_closure (institution_id, day, reason) VALUES ($1, $2, 'Zi liberă acordată prin HG')", [DEMO.sector5, between]);
    try {
      expect((await sendStepReminders(t.deps, { today })).dueSoon).toContain(cert.caseId);
    } finally {
      await t.database.query('DELETE FROM institution_closure WHERE institution_id = $1 AND day = $2', [DEMO.sector5, between]);
    }
  });

  it('puts a new case at the registry step, with its due day, in the transaction that opens it', async () => {
    const c = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    const s = await stepOf(c.caseId);
    expect(s.step_key).toBe('registratura');
    expect(s.step_due_on).not.toBeNull();
    // A case from before workflows existed (no step) is picked up by the daily job.
    await t.database.query('UPDATE "case" SET step_key = NULL, step_due_on = NULL WHERE id = $1', [c.caseId]);
    const r = await sendStepReminders(t.deps, { today: '2020-01-01' });
    expect(r.started).toBe(1);
    expect((await stepOf(c.caseId)).step_key).toBe('registratura');
  });
});

describe('step due dates', () => {
  it('count the institution’s working days: a day it declared closed is skipped', async () => {
    const before = await open(certVersion, { purpose: 'informare' });
    const due = (await stepOf(before.caseId)).step_due_on!;
    // The institution declares the due day itself closed (e.g. a government decision giving public servants a day off).
    await t.database.query("INSERT INTO institution_closure (institution_id, day, reason) VALUES ($1, $2, 'Zi liberă acordată prin HG')", [DEMO.sector5, due]);
    try {
      const after = await open(certVersion, { purpose: 'informare' });
      expect((await stepOf(after.caseId)).step_due_on).toBe(nextWorkingDay(addDays(due, 1)));
    } finally {
      await t.database.query('DELETE FROM institution_closure WHERE institution_id = $1 AND day = $2', [DEMO.sector5, due]);
    }
  });

  it('keep the legal deadline past a closed day when the case moves on: a step action counts the closures too', async () => {
    const dueOf = async (caseId: string) =>
      (await t.database.query<{ due_on: string }>(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM "case" WHERE id = $1`, [caseId]))[0]!.due_on;
    const before = await open(certVersion, { purpose: 'informare' });
    const due = await dueOf(before.caseId);
    await t.database.query("INSERT INTO institution_closure (institution_id, day, reason) VALUES ($1, $2, 'Zi liberă acordată prin HG')", [DEMO.sector5, due]);
    try {
      const after = await open(certVersion, { purpose: 'informare' });
      const rolled = nextWorkingDay(addDays(due, 1));
      expect(await dueOf(after.caseId)).toBe(rolled);
      // The registry sends it to the department: the deadline the applicant was given stays where it was.
      expect((await act(registryClerk, after.caseId, 'forward')).status).toBe(303);
      expect(await dueOf(after.caseId)).toBe(rolled);
    } finally {
      await t.database.query('DELETE FROM institution_closure WHERE institution_id = $1 AND day = $2', [DEMO.sector5, due]);
    }
  });
});

describe('the department inbox’s quick action', () => {
  const quickForm = async (caseId: string) => {
    const s = await stepOf(caseId);
    return { action: 'assign', step: s.step_key!, version: String(s.step_seq), next: '/birou/cozi/compartiment', transactionId: crypto.randomUUID() };
  };

  it('lets a head of department choose whom to assign ("Repartizați") instead of taking the case herself', async () => {
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward')).status).toBe(303);
    const row = rowOf(await inbox(headOfDepartment, 'compartiment'), cert.number);
    // A labelled choice of the department's inspectors, nobody chosen beforehand, and a button that says what it does.
    expect(row).toContain(`<label class="govuk-label govuk-label--s" for="repartizare-${cert.caseId}">Cui îi repartizați<span class="govuk-visually-hidden"> dosarul ${cert.number}</span></label>`);
    expect(row).toContain(`<select class="govuk-select" id="repartizare-${cert.caseId}" name="assigneeId"><option value>Alegeți funcționarul</option>`);
    expect(row).toContain(`<option value="${inspector.id}">Andrei Popa</option>`);
    expect(row).toContain(`<option value="${secondInspector.id}">Ioana Radu</option>`);
    expect(row).toContain(`Repartizați<span class="govuk-visually-hidden"> dosarul ${cert.number}</span></button>`);
    // She is no inspector: nothing offers her the case, nothing sends her own id.
    expect(row).not.toContain('Preiau eu');
    expect(row).not.toContain(headOfDepartment.id);

    const head = await as(headOfDepartment);
    // Pressed without a choice: refused on the field; the case does not land on her desk.
    const none = await head.post(`/birou/dosare/${cert.caseId}/flux`, { ...(await quickForm(cert.caseId)), assigneeId: '' });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Alegeți cui repartizați dosarul.');
    expect(await stepOf(cert.caseId)).toMatchObject({ step_key: 'repartizare', step_assignee_id: null });
    // Nor by a hand-made request naming herself: she could not do the inspector's work, the case would stand still.
    const herself = await head.post(`/birou/dosare/${cert.caseId}/flux`, { ...(await quickForm(cert.caseId)), assigneeId: headOfDepartment.id });
    expect(herself.status).toBe(400);
    expect(herself.body).toContain('Alegeți o persoană care poate prelua dosarul.');
    expect(await stepOf(cert.caseId)).toMatchObject({ step_key: 'repartizare', step_assignee_id: null });

    const done = await head.post(`/birou/dosare/${cert.caseId}/flux`, { ...(await quickForm(cert.caseId)), assigneeId: inspector.id });
    expect(done.location).toBe('/birou/cozi/compartiment');
    const back = await head.follow(done);
    expect(back.body).toContain(`Dosarul nr. ${cert.number} a fost repartizat către Andrei Popa.`);
    expect(rowOf(back.body, cert.number)).toBe('');
    expect(await stepOf(cert.caseId)).toMatchObject({ step_key: 'analiza', step_assignee_id: inspector.id });
  });

  it('offers "Preiau eu" to a head who is also the inspector, and names the case in the confirmation, in English too', async () => {
    const simona = DEMO_ACCOUNTS.publicInformation;
    const cert = await open(certVersion, { purpose: 'construire', urgency: 'standard' });
    expect((await act(registryClerk, cert.caseId, 'forward', { departmentId: demoDepartmentId(DEMO.sector5, 'INFO') })).status).toBe(303);
    const row = rowOf(await inbox(simona, 'compartiment'), cert.number);
    expect(row).toContain(`<input type="hidden" name="assigneeId" value="${simona.id}"/>`);
    expect(row).toContain(`Preiau eu<span class="govuk-visually-hidden"> dosarul ${cert.number}</span></button>`);
    // Nobody else works in her compartment: no choice of others.
    expect(row).not.toContain('<select');

    const c = await as(simona);
    await c.follow(await c.get('/birou?lang=en'));
    try {
      expect(rowOf(await inbox(simona, 'compartiment'), cert.number)).toContain(`Take it myself<span class="govuk-visually-hidden"> case ${cert.number}</span></button>`);
      const taken = await c.post(`/birou/dosare/${cert.caseId}/flux`, { ...(await quickForm(cert.caseId)), assigneeId: simona.id });
      expect(taken.location).toBe('/birou/cozi/compartiment');
      expect((await c.follow(taken)).body).toContain(`Case ${cert.number} was assigned to you: it is in “My tasks”.`);
    } finally {
      await c.follow(await c.get('/birou?lang=ro'));
    }
    expect(await stepOf(cert.caseId)).toMatchObject({ step_key: 'analiza', step_assignee_id: simona.id });
    expect(await inbox(simona, 'sarcinile-mele')).toContain(cert.number);
  });

  it('offers "Preiau eu" to an inspector when the assignment step is anyone’s in the department, while the head there chooses', async () => {
    const version = await publishTestService('TEST-PREIA', L('Aviz de test preluat de inspector', 'Test approval taken by an inspector'));
    // The default workflow, but its assignment step is done by anyone of Certificate de urbanism, not by its head.
    const workflow = {
      ...DEFAULT_WORKFLOW,
      steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'repartizare' ? { key: s.key, name: L('Compartimentul preia'), departmentCode: 'CU', dueDays: s.dueDays, actions: s.actions } : s)),
    };
    expect((await (await as(administrator)).api('PUT', '/api/v1/workflows/sector5/TEST-PREIA', { workflow })).status).toBe(200);
    const c = await open(version, { subject: 'Test', regim: 'standard' });
    expect((await act(registryClerk, c.caseId, 'forward')).status).toBe(303);

    const mine = rowOf(await inbox(inspector, 'compartiment'), c.number);
    expect(mine).toContain(`<input type="hidden" name="assigneeId" value="${inspector.id}"/>`);
    expect(mine).toContain('Preiau eu');
    expect(mine).not.toContain('Repartizați');
    const head = rowOf(await inbox(headOfDepartment, 'compartiment'), c.number);
    expect(head).toContain(`<option value="${inspector.id}">Andrei Popa</option>`);
    expect(head).not.toContain('Preiau eu');

    const taken = await (await as(inspector)).post(`/birou/dosare/${c.caseId}/flux`, { ...(await quickForm(c.caseId)), assigneeId: inspector.id });
    expect(taken.location).toBe('/birou/cozi/compartiment');
    expect((await (await as(inspector)).follow(taken)).body).toContain(`Dosarul nr. ${c.number} v-a fost repartizat: îl găsiți în „Sarcinile mele”.`);
    expect(await stepOf(c.caseId)).toMatchObject({ step_key: 'analiza', step_assignee_id: inspector.id });
  });
});
