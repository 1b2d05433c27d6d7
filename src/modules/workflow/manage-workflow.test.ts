import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSessions } from '../../../test/support/back-office.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { DEFAULT_WORKFLOW } from './domain/workflow-definition.ts';

/*
 * The answer of every request is signed by the inspector, the head of department and the mayor, each once the case has
 * reached their step: a workflow without one of those steps leaves the answer waiting for a signature nobody is shown.
 * Saving one is refused with the missing step named; one stored before this check is named on the administration pages.
 */

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z');
let as: ReturnType<typeof demoSessions>;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  as = demoSessions(t, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

/** The default workflow with its mayor's signing step done by the head of department instead. */
const withoutMayor = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'semnare' ? { ...s, role: 'head_of_department' as const } : s)) };

describe('a workflow without a step for one of the answer’s signers', () => {
  it('is refused when saved, naming the missing signer’s step, in Romanian and in English', async () => {
    const admin = await as(DEMO_ACCOUNTS.administrator);
    await admin.get('/admin/fluxuri/sector5/NOMENCLATURA');
    const refused = await admin.post('/admin/fluxuri/sector5/NOMENCLATURA', { definition: JSON.stringify(withoutMayor) });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('lipsește pasul primarului (rol mayor; într-o instituție subordonată, al directorului general), care semnează ultimul răspunsul');
    await admin.get('/?lang=en');
    const api = await admin.api('PUT', '/api/v1/workflows/sector5/NOMENCLATURA', { workflow: withoutMayor });
    await admin.get('/?lang=ro');
    expect(api.status).toBe(400);
    expect(api.json<{ problems: { code: string; message: string }[] }>().problems).toEqual([
      { path: 'steps', code: 'workflow.signer_step_missing.mayor', message: 'the mayor’s step is missing (role mayor; in a subordinate institution, the director general’s), who signs the answer last' },
    ]);
    const [stored] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM workflow WHERE service_code = 'NOMENCLATURA'");
    expect(stored!.n).toBe(0);
  });

  it('stored before the check, is named on the administration page and on its own, with the step missing', async () => {
    await t.database.query('INSERT INTO workflow (institution_id, service_code, definition) VALUES ($1, $2, $3::jsonb)', [DEMO.sector5, 'COPII-ARHIVA', JSON.stringify(withoutMayor)]);
    const admin = await as(DEMO_ACCOUNTS.administrator);
    const home = await admin.get('/admin');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Fluxuri de lucru de corectat');
    expect(home.body).toContain('href="/admin/fluxuri/sector5/COPII-ARHIVA"');
    expect(home.body).toContain('Copii și extrase de pe documente din arhivă');
    expect(home.body).toContain('lipsește pasul primarului');
    const page = await admin.get('/admin/fluxuri/sector5/COPII-ARHIVA');
    expect(page.body).toContain('Fluxul salvat al acestui serviciu nu poate duce un răspuns până la emitere:');
    expect(page.body).toContain('lipsește pasul primarului');
    const api = (await admin.api('GET', '/api/v1/workflows/sector5/COPII-ARHIVA')).json<{ problems: { code: string }[] }>();
    expect(api.problems.map((p) => p.code)).toEqual(['workflow.signer_step_missing.mayor']);
    // Fixed and saved, it is no longer reported.
    expect((await admin.post('/admin/fluxuri/sector5/COPII-ARHIVA', { definition: JSON.stringify(DEFAULT_WORKFLOW) })).status).toBe(303);
    expect((await admin.get('/admin')).body).not.toContain('Fluxuri de lucru de corectat');
  });
});
