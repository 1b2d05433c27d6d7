import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';

/*
 * What an official sees of a colleague's action on the case page (the form a browser posts, and the API): a head of
 * department who returns a case to the inspector must say what to redo, and the applicant does not read it.
 */

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const now = () => new Date(clock);
const { maria, registryClerk, inspector, headOfDepartment } = DEMO_ACCOUNTS;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
});
afterAll(async () => t?.stop());

const sessions = new Map<string, Client>();
async function as(a: DemoAccount): Promise<Client> {
  const known = sessions.get(a.id);
  if (known) return known;
  const c = await signInDemo(t, a, () => (clock += 30_000), a.official ? '/birou' : '/cont');
  sessions.set(a.id, c);
  return c;
}

async function stepOf(caseId: string) {
  const [row] = await t.database.query<{ step_key: string; step_seq: number }>('SELECT step_key, step_seq FROM "case" WHERE id = $1', [caseId]);
  return row!;
}

async function act(a: DemoAccount, caseId: string, action: string, fields: Record<string, string> = {}) {
  const c = await as(a);
  await c.get(`/birou/dosare/${caseId}`);
  const s = await stepOf(caseId);
  return c.post(`/birou/dosare/${caseId}/flux`, { action, step: s.step_key ?? 'registratura', version: String(s.step_seq), transactionId: crypto.randomUUID(), ...fields });
}

/** An urbanism certificate sent by the inspector to the head of department for approval. */
async function atApproval(): Promise<string> {
  const [version] = await t.database.query<{ id: string }>(
    "SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.code = 'CERT-URBANISM' AND s.institution_id = $1 AND v.status = 'published'",
    [DEMO.sector5],
  );
  const { caseId } = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version!.id,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name: 'Maria Ionescu', cnp: '2850315452341', email: maria.email },
      answers: { purpose: 'construire', urgency: 'standard' },
      channel: 'online',
      actorId: maria.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
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
