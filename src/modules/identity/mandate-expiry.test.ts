import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { seedDemoCases } from '../cases/seed-demo.ts';
import { identityCache } from './identity-cache.ts';
import { notifyExpiringMandates } from './notify-expiring-mandates.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, type DemoAccount } from './seed-demo.ts';
import { countRows, lastEmail, registerPerson, sendMandate, signInAs } from './test-helpers.ts';

/*
 * A mandate (împuternicire) is valid until the date written in it. The official who approves it records that date;
 * from the next day the representative no longer acts for the company — no filing for it, none of its cases — and
 * fourteen days before, the representative and the company's other representatives are told by e-mail.
 */
let t: TestApp;
// 1 June 2026, 11:00 in Bucharest.
let clock = Date.parse('2026-06-01T08:00:00Z');
const COMPANY = { cui: 'RO4221306', name: 'Brutăria Mihai SRL' };

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

const official = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), '/birou');
const representation = async (email: string) =>
  (await t.database.query<{ id: string; valid_until: string | null }>('SELECT r.id, r.valid_until::text FROM company_representative r JOIN account a ON a.id = r.account_id WHERE a.email = $1', [email]))[0]!;

async function asksToRepresent(n: number): Promise<{ c: Client; email: string; id: string }> {
  const c = t.client();
  await registerPerson(c, n);
  expect((await sendMandate(c, COMPANY)).status).toBe(303);
  const email = `cetatean${n}@exemplu.ro`;
  return { c, email, id: (await representation(email)).id };
}

describe('a mandate with an end date', () => {
  let first: Awaited<ReturnType<typeof asksToRepresent>>;
  let second: Awaited<ReturnType<typeof asksToRepresent>>;

  it('is approved with the date written in the document, checked, and shown to the person', async () => {
    first = await asksToRepresent(71);
    second = await asksToRepresent(72);
    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    const page = await clerk.get(`/birou/reprezentanti/${first.id}`);
    expect(page.body).toContain('Valabilă până la (opțional)');
    expect(page.body).toContain('name="validUntil-day"');

    const decide = (day: string, month: string, year: string) =>
      clerk.post(`/birou/reprezentanti/${first.id}/decizie`, { decision: 'approve', 'validUntil-day': day, 'validUntil-month': month, 'validUntil-year': year });
    const impossible = await decide('31', '02', '2027');
    expect(impossible.status).toBe(400);
    expect(impossible.body).toContain('Scrieți o dată reală, cu zi, lună și an');
    expect(impossible.body).toContain('href="#validUntil-day"');
    expect(impossible.body).toContain('value="31"');
    const past = await decide('31', '05', '2026');
    expect(past.status).toBe(400);
    expect(past.body).toContain('Data este în trecut');
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending'", [first.id])).toBe(1);

    const ok = await decide('15', '6', '2026');
    expect(ok.status).toBe(303);
    expect(await representation(first.email)).toMatchObject({ valid_until: '2026-06-15' });
    expect((await lastEmail(t, first.email))?.body_text).toContain('Împuternicirea este valabilă până la 15.06.2026 inclusiv.');
    const decided = await clerk.get(`/birou/reprezentanti/${first.id}`);
    expect(decided.body).toMatch(/Valabilă până la<\/dt>\s*<dd[^>]*>\s*15\.06\.2026/);

    // Through the API: a bad date is named on its field; without one the mandate runs until revoked.
    const bad = await clerk.api('POST', `/api/v1/representations/${second.id}/decision`, { decision: 'approve', validUntil: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ validUntil: 'identity.representation.valid_until_invalid' });
    expect((await clerk.api('POST', `/api/v1/representations/${second.id}/decision`, { decision: 'approve' })).status).toBe(200);
    expect((await clerk.api('GET', `/api/v1/representations/${first.id}`)).json<{ validUntil: string | null }>().validUntil).toBe('2026-06-15');

    expect((await first.c.get('/cont')).body).toContain('Valabilă până la 15.06.2026 inclusiv.');
    const me = (await first.c.api('GET', '/api/v1/me')).json<{ companies: { cui: string; status: string; validUntil: string | null }[] }>();
    expect(me.companies).toEqual([{ id: expect.any(String), cui: '4221306', name: COMPANY.name, status: 'active', validUntil: '2026-06-15' }]);
  });

  it('is announced fourteen days before its last day, once, to its representative and to the company’s other representatives', async () => {
    // 16 days before: nothing yet.
    expect(await notifyExpiringMandates(t.deps, { today: '2026-05-30' })).toEqual({ mandates: 0, emailed: 0 });
    expect(await notifyExpiringMandates(t.deps, { today: '2026-06-01' })).toEqual({ mandates: 1, emailed: 2 });
    const own = await lastEmail(t, first.email);
    expect(own?.template).toBe('identity.mandate_expiring.v1');
    expect(own?.subject).toBe('Împuternicirea pentru Brutăria Mihai SRL expiră la 15.06.2026');
    expect(own?.body_text).toContain('Din ziua următoare nu mai puteți depune cereri pentru firmă și nu mai vedeți cererile ei.');
    const other = await lastEmail(t, second.email);
    expect(other?.template).toBe('identity.mandate_expiring_other.v1');
    expect(other?.body_text).toContain('Împuternicirea cu care Ioana Popescu acționează pentru Brutăria Mihai SRL (CUI 4221306) este valabilă până la 15.06.2026 inclusiv.');
    // However often the job runs, once.
    expect(await notifyExpiringMandates(t.deps, { today: '2026-06-02' })).toEqual({ mandates: 0, emailed: 0 });
  });

  it('is shown expired from the next day, with the way to send a new one, which reopens the request', async () => {
    clock = Date.parse('2026-06-16T08:00:00Z');
    expect((await signInAs(first.c, first.email)).status).toBe(303);
    const account = await first.c.get('/cont');
    expect(account.body).toContain('Expirată');
    expect(account.body).toContain('Împuternicirea a fost valabilă până la 15.06.2026 inclusiv: acum nu mai puteți depune cereri pentru firmă și nu mai vedeți cererile ei.');
    expect(account.body).toContain('href="/cont/firme/adauga"');
    const me = (await first.c.api('GET', '/api/v1/me')).json<{ companies: { status: string }[] }>();
    expect(me.companies.map((c) => c.status)).toEqual(['expired']);
    expect((await sendMandate(first.c, COMPANY, 'imputernicire-2027.pdf')).status).toBe(303);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending' AND valid_until IS NULL AND expiry_notice_sent_at IS NULL", [first.id])).toBe(1);
  });
});

describe('a representative whose mandate ends during their session', () => {
  const mandate = 'c0000000-0000-4000-8000-000000000101';
  const api = { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', companyId: DEMO_COMPANY.id, restart: true };

  beforeAll(async () => {
    clock = Date.parse('2026-06-18T08:00:00Z');
    // The demo's requests, among them one Maria Ionescu filed for Construct Demo SRL.
    await seedDemoCases(t.deps);
  });

  it('acts for the company until midnight and, from the next request after it, neither files for it nor sees its cases', async () => {
    // Recorded by the registry: the demo mandate of Maria Ionescu ends on 20 June 2026.
    await t.database.query("UPDATE company_representative SET valid_until = '2026-06-20' WHERE id = $1", [mandate]);
    clock = Date.parse('2026-06-20T20:50:00Z'); // 23:50 in Bucharest
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => (clock += 1000));
    const draft = await maria.api('POST', '/api/v1/drafts', api);
    expect(draft.status, draft.body).toBe(201);
    const cases = async () => (await maria.api('GET', '/api/v1/me/cases')).json<{ cases: { id: string }[] }>().cases.map((c) => c.id);
    const [companyCase] = await t.database.query<{ id: string }>('SELECT id FROM "case" WHERE company_id = $1', [DEMO_COMPANY.id]);
    expect(await cases()).toContain(companyCase!.id);
    expect((await maria.api('GET', `/api/v1/me/cases/${companyCase!.id}`)).status).toBe(200);

    // Midnight passes; nothing in the database changes, and her profile is still held in memory.
    clock = Date.parse('2026-06-20T21:10:00Z'); // 00:10 on 21 June in Bucharest
    const held = await identityCache(t.database).profile(DEMO_ACCOUNTS.maria.id, () => Promise.reject(new Error('the profile was not cached')));
    expect(held.cached).toBe(true);
    const refused = await maria.api('POST', '/api/v1/drafts', api);
    expect(refused.status).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('submission.company_not_represented');
    // Not even the case she filed for it herself: it is the company's.
    expect(await cases()).not.toContain(companyCase!.id);
    expect((await maria.api('GET', `/api/v1/me/cases/${companyCase!.id}`)).status).toBe(404);
    expect((await maria.get('/servicii/dgitl5/CERT-FISCAL/cerere')).body).not.toContain(DEMO_COMPANY.name);
  });

  it('stops at once when the registry shortens the mandate: the change reaches the cached profile', async () => {
    clock = Date.parse('2026-06-25T08:00:00Z');
    await t.database.query('UPDATE company_representative SET valid_until = NULL WHERE id = $1', [mandate]);
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => (clock += 1000));
    expect((await maria.api('POST', '/api/v1/drafts', api)).status).toBe(201);
    expect((await identityCache(t.database).profile(DEMO_ACCOUNTS.maria.id, () => Promise.reject(new Error('not cached')))).cached).toBe(true);
    await t.database.query("UPDATE company_representative SET valid_until = '2026-06-20' WHERE id = $1", [mandate]);
    expect((await maria.api('POST', '/api/v1/drafts', api)).status).toBe(403);
  });
});
