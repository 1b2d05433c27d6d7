import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCasePage, caseStep, demoSessions, openUrbanismCertificate } from '../../../test/support/back-office.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';

/*
 * What an official sees of a colleague's action on the case page (the form a browser posts, and the API): a head of
 * department who returns a case to the inspector must say what to redo, and the applicant does not read it.
 */

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const now = () => new Date(clock);
const { maria, registryClerk, inspector, headOfDepartment } = DEMO_ACCOUNTS;
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
