import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCasePage, caseStep, demoSessions, openUrbanismCertificate } from '../../../test/support/back-office.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { DEMO_SIGNING_PIN } from './seed-demo.ts';

/*
 * Setting aside a signed answer ("Retrage pentru corectare", or generating a corrected version) drops the signatures
 * on it: only the official the case is with, at its analysis or an approval, may do it, and nobody once the signing
 * step has closed — else the case waits at the registry's issue step with no signed answer to issue.
 */

let t: TestApp;
// The real time (the demo certificates are valid from yesterday), moved on 30 s before every TOTP code.
let clock = Date.now();
const now = () => new Date(clock);
const { registryClerk, inspector, headOfDepartment, mayor } = DEMO_ACCOUNTS;
let as: ReturnType<typeof demoSessions>;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  as = demoSessions(t, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

const caseRow = (caseId: string) => caseStep(t, caseId);

async function answer(caseId: string) {
  const [doc] = await t.database.query<{ id: string; status: string; version: number }>('SELECT id, status, version FROM answer_document WHERE case_id = $1 ORDER BY version DESC LIMIT 1', [caseId]);
  return doc!;
}

async function act(a: DemoAccount, caseId: string, action: string, fields: Record<string, string> = {}) {
  const res = await actOnCasePage(t, await as(a), caseId, action, fields);
  expect(res.status, `${a.email} ${action}: ${res.body.slice(0, 300)}`).toBe(303);
}

async function sign(a: DemoAccount, caseId: string) {
  const c = await as(a);
  await c.get(`/birou/dosare/${caseId}`);
  clock += 30_000;
  const res = await c.post(`/birou/dosare/${caseId}/raspuns/${(await answer(caseId)).id}/semnare`, { pin: DEMO_SIGNING_PIN, code: totpCode(DEMO_TOTP_SECRET, now()), transactionId: crypto.randomUUID() });
  expect(res.status).toBe(303);
}

/** An urbanism certificate assigned to the inspector, whose answer they wrote, generated and signed and sent for approval. */
async function signedByInspector(): Promise<string> {
  const caseId = await openUrbanismCertificate(t, now());
  await act(registryClerk, caseId, 'forward');
  await act(headOfDepartment, caseId, 'assign', { assigneeId: inspector.id });
  const c = await as(inspector);
  await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
  expect((await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'granted', text: 'Se emite certificatul.' })).status).toBe(303);
  expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(303);
  await sign(inspector, caseId);
  await act(inspector, caseId, 'approve');
  return caseId;
}

const withdraw = async (a: DemoAccount, caseId: string) => {
  const c = await as(a);
  await c.get(`/birou/dosare/${caseId}`);
  return c.post(`/birou/dosare/${caseId}/raspuns/${(await answer(caseId)).id}/retragere`, { transactionId: crypto.randomUUID() });
};

describe('setting aside a signed answer', () => {
  it('is refused once the signing step closed — to the inspector who wrote it too —, and the registry issues it, its register line counting the pages', async () => {
    const caseId = await signedByInspector();
    await sign(headOfDepartment, caseId);
    await act(headOfDepartment, caseId, 'approve');
    await sign(mayor, caseId);
    await act(mayor, caseId, 'sign');
    expect(await caseRow(caseId)).toMatchObject({ step_key: 'emitere', status: 'signed' });
    const signed = await answer(caseId);
    expect(signed.status).toBe('signed');

    const c = await as(inspector);
    expect((await c.get(`/birou/dosare/${caseId}`)).body).not.toContain('Retrage pentru corectare');
    const refused = await withdraw(inspector, caseId);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Răspunsul a fost semnat de toți semnatarii și pasul de semnare s-a încheiat: nu mai poate fi retras sau corectat, ci doar emis.');
    await c.get('/cont');
    const api = await c.api('POST', `/api/v1/cases/${caseId}/answer/${signed.id}/withdrawal`, {});
    expect(api.status).toBe(409);
    expect(JSON.parse(api.body).error.code).toBe('documents.signatures.step_closed');
    // Nor by generating a "corrected" version over it.
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    expect((await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(409);
    expect(await answer(caseId)).toEqual(signed);

    await act(registryClerk, caseId, 'issue');
    expect((await answer(caseId)).status).toBe('issued');
    // The register's outgoing line of the answer says how many pages left the institution ("Număr de file").
    const [entry] = await t.database.query<{ page_count: number | null; number: number }>(
      'SELECT e.page_count, e.number FROM registry_entry e JOIN answer_document d ON d.outgoing_entry_id = e.id WHERE d.case_id = $1',
      [caseId],
    );
    expect(entry!.page_count).toBe(1);
  });

  it('while signing, only the official the case is with may withdraw it: the head at approval, not the inspector who sent it on', async () => {
    const caseId = await signedByInspector();
    expect((await caseRow(caseId)).step_key).toBe('aprobare');
    expect((await (await as(inspector)).get(`/birou/dosare/${caseId}`)).body).not.toContain('Retrage pentru corectare');
    const refused = await withdraw(inspector, caseId);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Răspunsul poartă deja semnături: îl poate retrage sau corecta doar funcționarul la care se află dosarul');
    expect((await answer(caseId)).status).toBe('signing');

    expect((await (await as(headOfDepartment)).get(`/birou/dosare/${caseId}`)).body).toContain('Retrage pentru corectare');
    expect((await withdraw(headOfDepartment, caseId)).status).toBe(303);
    expect((await answer(caseId)).status).toBe('superseded');
  });
});
