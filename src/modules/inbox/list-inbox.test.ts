import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCasePage, demoSessions, openUrbanismCertificate } from '../../../test/support/back-office.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';

/*
 * A busy inspector works from "Sarcinile mele" and "Termen depășit": a request whose legal term has run out is
 * overdue there even when the step it has just reached is not, and it comes first.
 */

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const now = () => new Date(clock);
const DAY = 24 * 3600 * 1000;
const { registryClerk, inspector, headOfDepartment } = DEMO_ACCOUNTS;
let as: ReturnType<typeof demoSessions>;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  as = demoSessions(t, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

async function act(a: DemoAccount, caseId: string, action: string, fields: Record<string, string> = {}) {
  expect((await actOnCasePage(t, await as(a), caseId, action, fields)).status).toBe(303);
}

async function toInspector(caseId: string) {
  await act(registryClerk, caseId, 'forward');
  await act(headOfDepartment, caseId, 'assign', { assigneeId: inspector.id });
}

async function row(caseId: string) {
  const [r] = await t.database.query<{ number: string; due: string; due_iso: string; step_due: string }>(
    `SELECT e.number || '/' || to_char(e.registered_on, 'DD.MM.YYYY') AS number, to_char(c.due_on, 'DD.MM.YYYY') AS due,
            to_char(c.due_on, 'YYYY-MM-DD') AS due_iso, to_char(c.step_due_on, 'DD.MM.YYYY') AS step_due
     FROM "case" c JOIN registry_entry e ON e.id = c.registry_entry_id WHERE c.id = $1`,
    [caseId],
  );
  return r!;
}

const rowOf = (html: string, number: string) => html.split('<tr').find((r) => r.includes(`>${number}</a>`)) ?? '';

describe('the inspector’s inboxes and the legal term', () => {
  it('flag, count and put first a request past its legal term though its step is not overdue', async () => {
    // Registered on 2 March, left at the head's desk for three weeks: its legal term (15 days) runs out meanwhile.
    const late = await openUrbanismCertificate(t, now());
    await act(registryClerk, late, 'forward');
    clock += 21 * DAY;
    as = demoSessions(t, () => (clock += 30_000)); // the sessions of three weeks ago have expired
    await act(headOfDepartment, late, 'assign', { assigneeId: inspector.id });
    // A request registered today, its analysis due on the same day as the late one's.
    const fresh = await openUrbanismCertificate(t, now());
    await toInspector(fresh);
    const l = await row(late);
    const f = await row(fresh);
    expect(l.step_due).toBe(f.step_due);
    expect(l.due_iso < now().toISOString().slice(0, 10)).toBe(true);

    const c = await as(inspector);
    const tasks = (await c.get('/birou/cozi/sarcinile-mele')).body;
    expect(tasks).toContain('Termen legal de răspuns');
    const lateRow = rowOf(tasks, l.number);
    expect(lateRow).toContain(`${l.due} <strong class="govuk-tag govuk-tag--red">depășit</strong>`);
    expect(rowOf(tasks, f.number)).toContain(f.due);
    expect(rowOf(tasks, f.number)).not.toContain('depășit');
    // The late one first, though both steps are due the same day and the fresh one was registered later.
    expect(tasks.indexOf(`>${l.number}</a>`)).toBeLessThan(tasks.indexOf(`>${f.number}</a>`));

    const overdue = (await c.get('/birou/cozi/depasite')).body;
    expect(rowOf(overdue, l.number)).not.toBe('');
    expect(rowOf(overdue, f.number)).toBe('');
    const soon = (await c.get('/birou/cozi/termen-apropiat')).body;
    expect(rowOf(soon, l.number)).toBe('');

    await c.get('/cont');
    const api = await c.api('GET', '/api/v1/inboxes/depasite');
    expect(api.status).toBe(200);
    const lines = JSON.parse(api.body).cases as { caseId: string; dueOn: string | null }[];
    expect(lines.find((x) => x.caseId === late)?.dueOn).toBe(l.due_iso);
  });

  it('are filtered by a service chosen by its name, not by a code the official must know', async () => {
    const caseId = await openUrbanismCertificate(t, now());
    await toInspector(caseId);
    const { number } = await row(caseId);
    const c = await as(inspector);
    const page = (await c.get('/birou/cozi/sarcinile-mele')).body;
    expect(page).toMatch(/<label class="govuk-label" for="serviciu">\s*Serviciul\s*<\/label>\s*<select class="govuk-select" id="serviciu" name="serviciu"/);
    expect(page).toContain('<option value selected>Toate serviciile</option>');
    expect(page).toContain('<option value="CERT-URBANISM">Certificat de urbanism</option>');
    const chosen = (await c.get('/birou/cozi/sarcinile-mele?serviciu=CERT-URBANISM')).body;
    expect(rowOf(chosen, number)).not.toBe('');
    expect(chosen).toContain('<option value="CERT-URBANISM" selected>Certificat de urbanism</option>');
    expect(rowOf((await c.get('/birou/cozi/sarcinile-mele?serviciu=INFO-544')).body, number)).toBe('');
  });
});
