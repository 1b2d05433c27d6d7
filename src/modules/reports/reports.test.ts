import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { daysBetween } from '../../platform/calendar/calendar.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { openCase } from '../cases/open-case.ts';
import { recordCaseAction } from '../cases/record-case-action.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from '../identity/seed-demo.ts';
import { signInAs } from '../identity/test-helpers.ts';
import { DEMO } from '../organisation/seed-demo.ts';

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // Monday 2 March 2026: the reports' "today"
const now = () => new Date(clock);
const { maria, inspector, headOfDepartment, director, mayor } = DEMO_ACCOUNTS;

const L = (ro: string, en = ro) => ({ ro, en });
const versions: Record<'cu' | 'ac', string> = { cu: '', ac: '' };

async function publish(code: string, departmentCode: string, days: number): Promise<string> {
  const r = await t.database.db.transaction((tx) =>
    publishServiceVersion(tx, {
      institutionId: DEMO.sector5,
      definition: {
        code,
        category: 'urbanism',
        name: L(`Serviciu de raport ${code}`, `Report service ${code}`),
        description: L('Serviciu de test.', 'Test service.'),
        applicants: 'both',
        caseKind: 'request',
        documents: [],
        form: { schemaVersion: 1, pages: [{ id: 'cerere', title: L('Cererea'), items: [{ id: 'subject', type: 'text', label: L('Subiectul'), required: true }] }] },
        fee: { kind: 'none' },
        term: { days, unit: 'calendar' },
        tacitApproval: false,
        departmentCode,
        fileCode: 'III-1',
        keywords: [],
      },
      actorId: null,
      at: now(),
    }),
  );
  return r.versionId;
}

const at = (day: string) => new Date(`${day}T08:00:00Z`); // 10:00 in Bucharest, the same calendar day

/** Opens a case registered on `day`, then applies `actions` (type@day), each through recordCaseAction. */
async function caseWith(version: string, day: string, actions: [string, string][] = []) {
  return t.database.db.transaction(async (tx) => {
    const opened = await openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name: 'Maria Ionescu', cnp: '2850315452341', email: maria.email },
      answers: { subject: 'test' },
      channel: 'online',
      actorId: maria.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: at(day),
    });
    for (const [type, when] of actions) {
      await recordCaseAction(tx, {
        caseId: opened.caseId,
        type: type as 'assigned',
        actorId: headOfDepartment.id,
        transactionId: crypto.randomUUID(),
        payload: type === 'assigned' ? { assigneeId: inspector.id } : type === 'rejected' ? { reason: 'incomplet' } : {},
        at: at(when),
      });
    }
    return opened;
  });
}

/** The path of an issued answer: assigned → sent for approval → approved → signed → issued (on `issuedOn`). */
const issuedOn = (first: string, issued: string): [string, string][] => [
  ['assigned', first],
  ['sent_for_approval', first],
  ['approved', first],
  ['signed', first],
  ['issued', issued],
];

let dueCU: { submitted: string; dueOn: string };

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = now;
  versions.cu = await publish('TEST-RAP-CU', 'CU', 30);
  versions.ac = await publish('TEST-RAP-AC', 'AC', 10);
  // Certificate de urbanism (30 days): A answered in 10 days, B rejected after 46 days (late), C open and recent,
  // D open since December (overdue), E answered in June 2025 (outside the default period).
  const a = await caseWith(versions.cu, '2026-01-05', issuedOn('2026-01-06', '2026-01-15'));
  dueCU = { submitted: '2026-01-05', dueOn: a.dueOn! };
  await caseWith(versions.cu, '2026-01-05', [['rejected', '2026-02-20']]);
  await caseWith(versions.cu, '2026-02-20', [['assigned', '2026-02-23']]);
  await caseWith(versions.cu, '2025-12-01', [['assigned', '2025-12-02']]);
  await caseWith(versions.cu, '2025-06-02', issuedOn('2025-06-03', '2025-06-10'));
  // Autorizații de construire (10 days): F answered in 8 days, G open and unassigned, H withdrawn (stopped clock).
  await caseWith(versions.ac, '2026-02-02', issuedOn('2026-02-03', '2026-02-10'));
  await caseWith(versions.ac, '2026-02-25');
  await caseWith(versions.ac, '2026-01-05', [['withdrawn', '2026-01-07']]);
});
afterAll(async () => t?.stop());

const sessions = new Map<string, Client>();
/** Signs an official in with password and TOTP (the clock moves so a code is never replayed). */
async function as(a: DemoAccount): Promise<Client> {
  const known = sessions.get(a.id);
  if (known) return known;
  const c = await signInDemo(t, a, () => (clock += 30_000));
  sessions.set(a.id, c);
  return c;
}

type DeptLine = { name: string | null; code: string | null; open: number; overdue: number; answered: number; meanDays: number | null; medianDays: number | null; meanTermDays: number | null; withinTerm: number; withinTermShare: number | null };
type Departments = { scope: unknown; period: { from: string; to: string }; departments: DeptLine[] };

const row = (html: string, label: string) => {
  const at = html.indexOf(`>${label}</th>`);
  expect(at, `a row for ${label}`).toBeGreaterThan(-1);
  const end = html.indexOf('</tr>', at);
  return [...html.slice(at, end).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
};

describe('the management view', () => {
  it('gives the head of department the figures of their department only: backlog, overdue, time to answer, within term', async () => {
    const head = await as(headOfDepartment);
    const res = await head.api('GET', '/api/v1/reports/departments');
    expect(res.status).toBe(200);
    const body = res.json<Departments>();
    expect(body.period).toEqual({ from: '2025-12-03', to: '2026-03-02' });
    expect(body.departments.map((d) => d.code)).toEqual(['CU']);
    const cu = body.departments[0]!;
    expect(cu).toMatchObject({ open: 2, overdue: 1, answered: 2, meanDays: 28, medianDays: 28, withinTerm: 1, withinTermShare: 0.5 });
    expect(cu.meanTermDays).toBe(daysBetween(dueCU.submitted, dueCU.dueOn));

    const services = (await head.api('GET', '/api/v1/reports/services')).json<{ services: (DeptLine & { code: string })[] }>().services;
    expect(services.map((s) => s.code)).toEqual(['TEST-RAP-CU']);
    const officials = (await head.api('GET', '/api/v1/reports/officials')).json<{ officials: { name: string; open: number; overdue: number; departmentName: string }[] }>().officials;
    expect(officials).toEqual([
      expect.objectContaining({ name: 'Andrei Popa', open: 2, overdue: 1, departmentName: 'Serviciul Certificate de Urbanism' }),
      expect.objectContaining({ name: 'Cristina Marinescu', open: 0, overdue: 0 }),
    ]);

    // The page: the same figures in GOV.UK tables with numeric columns; nothing of Autorizații de construire.
    const page = await head.get('/birou/rapoarte');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Rapoarte de management');
    expect(page.body).toContain('govuk-table__cell--numeric');
    expect(row(page.body, 'Serviciul Certificate de Urbanism')).toEqual(['2', '1', '2', '28,0', '28,0', `${daysBetween(dueCU.submitted, dueCU.dueOn)},0`, '50,0']);
    // That column counts the days from registration to the deadline (a 15-day term is 16 of them, Codul civil
    // art. 2553): its header says so, rather than "legal term", which would read as 16 for a 15-day service.
    expect(page.body).toContain('Zile până la termenul legal (medie)');
    expect(row(page.body, 'Andrei Popa')).toEqual(['Serviciul Certificate de Urbanism', '2', '1']);
    expect(page.body).not.toContain('Serviciul Autorizații de Construire');
    expect(page.body).not.toContain('TEST-RAP-AC');
    // Each wide table scrolls in its own labelled, focusable box: the page itself does not scroll sideways on a phone.
    for (const title of ['Pe compartimente', 'Pe servicii', 'Volumul de lucru pe funcționari']) {
      expect(page.body).toMatch(new RegExp(`<div class="pd-table-scroll" role="region" aria-label="${title}" tabindex="0"><table`));
    }
  });

  it('gives directors and the mayor the whole institution, per department and per service', async () => {
    for (const who of [director, mayor]) {
      const body = (await (await as(who)).api('GET', '/api/v1/reports/departments')).json<Departments>();
      expect(body.scope).toBe('institution');
      const ac = body.departments.find((d) => d.code === 'AC')!;
      expect(ac).toMatchObject({ open: 1, overdue: 0, answered: 1, meanDays: 8, medianDays: 8, withinTerm: 1, withinTermShare: 1 });
      expect(body.departments.find((d) => d.code === 'CU')).toMatchObject({ open: 2, overdue: 1, answered: 2 });
      // A directorate's own line counts only its own cases; its services follow it.
      expect(body.departments.find((d) => d.code === 'DGU')).toMatchObject({ open: 0, answered: 0, meanDays: null, withinTermShare: null });
    }
    const services = (await (await as(mayor)).api('GET', '/api/v1/reports/services')).json<{ services: (DeptLine & { code: string })[] }>().services;
    expect(services.find((s) => s.code === 'TEST-RAP-AC')).toMatchObject({ open: 1, overdue: 0, answered: 1, meanDays: 8, withinTerm: 1 });
    expect(services.find((s) => s.code === 'TEST-RAP-CU')).toMatchObject({ open: 2, overdue: 1, answered: 2, meanDays: 28, withinTerm: 1 });
  });

  it('counts the answers of the chosen period, and refuses a date that does not exist', async () => {
    const head = await as(headOfDepartment);
    const june = (await head.api('GET', '/api/v1/reports/departments?from=2025-06-01&to=2025-06-30')).json<Departments>();
    // Backlog is counted today whatever the period; answers only within it.
    expect(june.departments[0]).toMatchObject({ open: 2, overdue: 1, answered: 1, meanDays: 8, withinTerm: 1 });
    const page = await head.get('/birou/rapoarte?de_la=01.06.2025&pana_la=30.06.2025');
    expect(page.body).toContain('Răspunsuri din perioada 01.06.2025 – 30.06.2025');
    expect(row(page.body, 'Serviciul Certificate de Urbanism')).toEqual(['2', '1', '1', '8,0', '8,0', expect.any(String), '100,0']);

    const bad = await head.get('/birou/rapoarte?de_la=31.02.2026');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Introduceți o dată reală, de exemplu 01.09.2026.');
    expect((await head.api('GET', '/api/v1/reports/departments?from=2026-03-10&to=2026-03-01')).status).toBe(400);
  });

  it('downloads each table as CSV with a BOM, semicolons and the same figures', async () => {
    const head = await as(headOfDepartment);
    const res = await head.get('/birou/rapoarte/compartimente.csv?de_la=03.12.2025&pana_la=02.03.2026');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('raport-compartimente-2025-12-03-2026-03-02.csv');
    expect(res.body.startsWith('\uFEFFCompartiment;Dosare deschise;Cu termenul depășit;')).toBe(true);
    // Decimal commas are quoted (RFC 4180), which Excel reads as numbers in a Romanian locale.
    expect(res.body).toContain(`Serviciul Certificate de Urbanism;2;1;2;"28,0";"28,0";"${daysBetween(dueCU.submitted, dueCU.dueOn)},0";"50,0"\r\n`);
    const officials = await head.get('/birou/rapoarte/functionari.csv');
    expect(officials.body).toContain('Andrei Popa;Serviciul Certificate de Urbanism;2;1\r\n');
    const services = await head.get('/birou/rapoarte/servicii.csv');
    expect(services.body).toContain('Serviciu de raport TEST-RAP-CU;TEST-RAP-CU;2;1;2;"28,0"');
    expect((await head.get('/birou/rapoarte/altceva.csv')).status).toBe(404);
  });

  it('refuses an inspector and a citizen, on the page, the downloads and the API', async () => {
    const insp = await as(inspector);
    expect((await insp.get('/birou/rapoarte')).status).toBe(403);
    expect((await insp.get('/birou/rapoarte/compartimente.csv')).status).toBe(403);
    for (const table of ['departments', 'services', 'officials']) expect((await insp.api('GET', `/api/v1/reports/${table}`)).status).toBe(403);

    const citizen = t.client();
    await signInAs(citizen, maria.email, DEMO_PASSWORD);
    const page = await citizen.get('/birou/rapoarte');
    expect(page.status).toBe(403);
    expect((await citizen.api('GET', '/api/v1/reports/officials')).status).toBe(403);

    // Another institution's figures are refused even to the mayor.
    expect((await (await as(mayor)).api('GET', `/api/v1/reports/departments?institutionId=${DEMO.taxes}`)).status).toBe(403);
  });
});
