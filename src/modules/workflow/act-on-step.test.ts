import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCasePage, caseStep, demoSessions, openUrbanismCertificate } from '../../../test/support/back-office.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEFAULT_WORKFLOW } from './domain/workflow-definition.ts';

/*
 * What an official sees of a colleague's action on the case page (the form a browser posts, and the API): a head of
 * department who returns a case to the inspector must say what to redo, and the applicant does not read it.
 */

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const now = () => new Date(clock);
const { maria, registryClerk, inspector, headOfDepartment, administrator, publicInformation } = DEMO_ACCOUNTS;
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
