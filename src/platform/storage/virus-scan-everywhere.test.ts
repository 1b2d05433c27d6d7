import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { COUNTER_APPLICANT_ANSWERS, COUNTER_PERSON } from '../../modules/assisted/test-fixtures.ts';
import { seedDemoCases } from '../../modules/cases/seed-demo.ts';
import { DEMO_ACCOUNTS } from '../../modules/identity/seed-demo.ts';
import { personForm } from '../../modules/identity/test-helpers.ts';
import { DEMO, demoDepartmentId } from '../../modules/organisation/seed-demo.ts';
import { EICAR, startFakeClamd } from './testing.ts';

/*
 * Every file someone sends and officials open goes through the configured virus scanner, not only the online
 * attachments: a document completing a file, a scan or e-mail attachment a clerk registers, a scan at the counter.
 * A PDF carrying the EICAR test string is refused with a message, and nothing is registered or attached.
 */

let t: TestApp;
let clamd: Awaited<ReturnType<typeof startFakeClamd>>;
let clock = Date.now();
const INFECTED = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n'), Buffer.from(EICAR), Buffer.from('\n%%EOF\n')]);

beforeAll(async () => {
  clamd = await startFakeClamd();
  t = await startTestApp({ workers: false, config: { clamd: { host: '127.0.0.1', port: clamd.port } } });
  t.deps.now = () => new Date(clock);
  await seedDemoCases(t.deps);
}, 180_000);
afterAll(async () => {
  await t?.stop();
  await clamd?.close();
});

function postFile(c: Client, url: string, fields: Record<string, string>, field: string) {
  const m = multipartForm({ _csrf: c.csrf, ...fields }, [{ field, filename: 'scan.pdf', type: 'application/pdf', bytes: INFECTED }]);
  return c.request('POST', url, m.body as unknown as string, { 'content-type': m.type });
}

const count = async (sql: string) => (await t.database.query<{ n: number }>(sql))[0]!.n;

describe('the virus scanner guards every upload officials open', () => {
  it('refuses an infected document sent to complete a file', async () => {
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000), '/cont/cereri');
    const [waiting] = await t.database.query<{ id: string }>("SELECT id FROM \"case\" WHERE status = 'awaiting_applicant' AND applicant_account_id = $1", [DEMO_ACCOUNTS.ion.id]);
    const before = await count(`SELECT count(*)::int AS n FROM case_document WHERE case_id = '${waiting!.id}'`);
    const scanned = clamd.scanned;
    const res = await postFile(ion, `/cont/cereri/${waiting!.id}/completare`, {}, 'file');
    expect(res.status).toBe(400);
    expect(res.body).toContain('Fișierul conține un virus și a fost refuzat');
    expect(clamd.scanned).toBe(scanned + 1);
    expect(await count(`SELECT count(*)::int AS n FROM case_document WHERE case_id = '${waiting!.id}'`)).toBe(before);
  });

  it('refuses an infected scan the registry clerk registers, and registers nothing', async () => {
    const clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000));
    const before = await count('SELECT count(*)::int AS n FROM registry_entry');
    const res = await postFile(
      clerk,
      '/birou/registratura/inregistrare',
      {
        direction: 'incoming',
        channel: 'email',
        issuerName: 'Expeditor Necunoscut',
        summary: 'Sesizare primită prin e-mail, cu atașament',
        pageCount: '1',
        annexCount: '0',
        departmentId: demoDepartmentId(DEMO.sector5, 'RP'),
        fileCode: 'I-2',
      },
      'scan',
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('Un fișier conține un virus și a fost refuzat');
    expect(await count('SELECT count(*)::int AS n FROM registry_entry')).toBe(before);
  });

  it('refuses an infected scan at the counter, and opens no case', async () => {
    const clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000));
    const before = await count('SELECT count(*)::int AS n FROM "case"');
    const res = await clerk.api('POST', '/api/v1/assisted/cases', {
      serviceCode: 'CERERE-GEN',
      person: COUNTER_PERSON,
      answers: {
        ...COUNTER_APPLICANT_ANSWERS,
        subject: 'Cerere cu atașament',
        content: 'Solicit o copie după autorizația de construire a blocului.',
        declaration_truth: 'yes',
      },
      scans: [{ filename: 'scan.pdf', contentBase64: INFECTED.toString('base64') }],
    });
    expect(res.status, res.body).toBe(400);
    expect(res.body).toContain('virus');
    expect(await count('SELECT count(*)::int AS n FROM "case"')).toBe(before);
  });

  it('refuses an infected mandate when a company’s representative registers, and creates no account', async () => {
    const c = t.client();
    await c.get('/inregistrare/companie');
    const before = await count('SELECT count(*)::int AS n FROM account');
    const res = await postFile(c, '/inregistrare/companie', { companyCui: 'RO18547290', companyName: 'Exemplu Construct SRL', tradeRegisterNo: 'J40/1234/2020', ...personForm(41) }, 'mandate');
    expect(res.status).toBe(400);
    expect(res.body).toContain('Fișierul conține un virus și a fost refuzat');
    expect(res.body).toContain('value="Exemplu Construct SRL"');
    expect(await count('SELECT count(*)::int AS n FROM account')).toBe(before);
  });
});
