import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';

/*
 * A company's request is seen by each of its representatives, whoever of them filed it: the list and the case page
 * say in whose name it was filed, and the history does not tell a representative that she filed what a colleague did.
 * Found by the company administrator's walkthrough: the second representative read "Dumneavoastră" beside a request
 * she had never filed, in a list headed "Cererile dumneavoastră" mixing her own requests with the company's.
 */
let t: TestApp;
let clock = Date.now();
const { maria, ion } = DEMO_ACCOUNTS;
const L = (ro: string, en = ro) => ({ ro, en });
let version: string;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  const definition = {
    code: 'TEST-ACORD',
    category: 'comert',
    name: L('Acord de test', 'Test approval'),
    description: L('Serviciu de test.', 'Test service.'),
    applicants: 'both',
    caseKind: 'request',
    documents: [],
    form: { schemaVersion: 1, pages: [{ id: 'p', title: L('Cererea'), items: [{ id: 'subject', type: 'text', label: L('Subiectul'), required: true }] }] },
    fee: { kind: 'none' },
    term: { days: 30, unit: 'calendar' },
    tacitApproval: false,
    departmentCode: 'CU',
    fileCode: 'III-1',
    keywords: [],
  };
  version = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition, actorId: null, at: new Date(clock) }))).versionId;
});
afterAll(async () => t?.stop());

async function open(by: DemoAccount, company: boolean) {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: by.id,
      companyId: company ? DEMO_COMPANY.id : null,
      applicant: company
        ? { kind: 'company', name: DEMO_COMPANY.name, cui: DEMO_COMPANY.cui, email: by.email }
        : { kind: 'person', name: by.displayName, cnp: '2900101123459', email: by.email },
      answers: { subject: 'Terasă sezonieră' },
      channel: 'online',
      actorId: by.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(clock),
    }),
  );
  return c.caseId;
}

describe('a company’s request seen by another of its representatives', () => {
  it('names the company it was filed for, in the list and on the case page, and not the reader as who filed it', async () => {
    const companyCase = await open(ion, true);
    const ownCase = await open(maria, false);
    const c = await signInDemo(t, maria, () => (clock += 30_000), '/cont/cereri');

    const list = await c.get('/cont/cereri');
    expect(list.body).toMatch(/data-label="În numele">Construct Demo SRL<\/td>/);
    expect(list.body).toMatch(/data-label="În numele">Dumneavoastră<\/td>/);
    const row = (id: string) => list.body.slice(list.body.indexOf(`/cont/cereri/${id}"`)).split('</tr>')[0]!;
    expect(row(companyCase)).toContain('Construct Demo SRL');
    expect(row(ownCase)).toContain('Dumneavoastră');

    const page = await c.get(`/cont/cereri/${companyCase}`);
    expect(page.body).toContain('Depusă în numele');
    expect(page.body).toContain(`${DEMO_COMPANY.name} (CUI ${DEMO_COMPANY.cui})`);
    const history = page.body.slice(page.body.indexOf('Istoricul cererii'), page.body.indexOf('Documentele cererii'));
    expect(history).toContain('Cererea a fost depusă și înregistrată');
    expect(history).toContain('Construct Demo SRL (solicitant)');
    expect(history).not.toContain('Dumneavoastră');

    // The API says the same to an app: in whose name, and the company (not "you") as who filed it.
    const api = (await c.api('GET', '/api/v1/me/cases')).json<{ cases: { id: string; onBehalfOf: { name: string; cui: string | null } | null }[] }>();
    expect(api.cases.find((x) => x.id === companyCase)?.onBehalfOf).toEqual({ name: DEMO_COMPANY.name, cui: DEMO_COMPANY.cui });
    expect(api.cases.find((x) => x.id === ownCase)?.onBehalfOf).toBeNull();
    const one = (await c.api('GET', `/api/v1/me/cases/${companyCase}`)).json<{ onBehalfOf: unknown; timeline: { by: string }[] }>();
    expect(one.onBehalfOf).toEqual({ name: DEMO_COMPANY.name, cui: DEMO_COMPANY.cui });
    expect(one.timeline[0]!.by).toBe('Construct Demo SRL (solicitant)');

    // Her own request reads as before: filed by her, in her own name.
    const own = await c.get(`/cont/cereri/${ownCase}`);
    expect(own.body).toContain('Dumneavoastră');
    expect(own.body).not.toContain(DEMO_COMPANY.name);
  });
});
