import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { seedDemoCases } from '../cases/seed-demo.ts';
import { identityCache } from './identity-cache.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, type DemoAccount } from './seed-demo.ts';
import { countRows, lastEmail, registerPerson, sendMandate } from './test-helpers.ts';

/*
 * A mandate ends before its date when the company says so (the registry revokes it, with the company's notice as the
 * reason) or when the representative gives it up. From the next request the person neither files for the company nor
 * sees its cases — even with their profile held in memory; the cases already filed stay the company's.
 */
let t: TestApp;
let clock = Date.parse('2026-06-01T08:00:00Z'); // 11:00 in Bucharest
const MARIA_MANDATE = 'c0000000-0000-4000-8000-000000000101';
const draftForCompany = { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', companyId: DEMO_COMPANY.id, restart: true };
const official = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), '/birou');
const reps: { c: Client; email: string; id: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  await seedDemoCases(t.deps);
  // Two more representatives of the demo company, approved by the registry.
  const clerk = await official(DEMO_ACCOUNTS.registryClerk);
  for (const n of [81, 82]) {
    const c = t.client();
    await registerPerson(c, n);
    const email = `cetatean${n}@exemplu.ro`;
    await t.database.query('UPDATE account SET email_verified_at = now() WHERE email = $1', [email]);
    expect((await sendMandate(c, { cui: DEMO_COMPANY.cui, name: DEMO_COMPANY.name })).status).toBe(303);
    const [row] = await t.database.query<{ id: string }>('SELECT r.id FROM company_representative r JOIN account a ON a.id = r.account_id WHERE a.email = $1', [email]);
    expect((await clerk.api('POST', `/api/v1/representations/${row!.id}/decision`, { decision: 'approve' })).status).toBe(200);
    reps.push({ c, email, id: row!.id });
  }
});
afterAll(async () => t?.stop());

describe('the registry revokes a mandate', () => {
  it('finds the representation by the company’s CUI and revokes it with the company’s notice; the next request no longer acts for the company', async () => {
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => (clock += 30_000));
    expect((await maria.api('POST', '/api/v1/drafts', draftForCompany)).status).toBe(201);
    const [companyCase] = await t.database.query<{ id: string }>('SELECT id FROM "case" WHERE company_id = $1', [DEMO_COMPANY.id]);
    const cases = async () => (await maria.api('GET', '/api/v1/me/cases')).json<{ cases: { id: string }[] }>().cases.map((c) => c.id);
    expect(await cases()).toContain(companyCase!.id);
    expect((await identityCache(t.database).profile(DEMO_ACCOUNTS.maria.id, () => Promise.reject(new Error('not cached')))).cached).toBe(true);

    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    const found = await clerk.get(`/birou/reprezentanti?cui=RO${DEMO_COMPANY.cui}`);
    expect(found.body).toContain('Maria Ionescu');
    expect(found.body).toContain(`href="/birou/reprezentanti/${MARIA_MANDATE}"`);
    const page = await clerk.get(`/birou/reprezentanti/${MARIA_MANDATE}`);
    expect(page.body).toContain('Revocați împuternicirea');

    const noReason = await clerk.post(`/birou/reprezentanti/${MARIA_MANDATE}/revocare`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Scrieți motivul revocării');
    const noCsrf = await clerk.request('POST', `/birou/reprezentanti/${MARIA_MANDATE}/revocare`, { reason: 'Notificarea firmei' });
    expect(noCsrf.status).toBe(403);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'active'", [MARIA_MANDATE])).toBe(1);

    const reason = 'Notificarea scrisă a firmei nr. 112 din 29.05.2026: administratorul nu mai face parte din firmă.';
    const done = await clerk.post(`/birou/reprezentanti/${MARIA_MANDATE}/revocare`, { reason });
    expect(done.status).toBe(303);
    const after = await clerk.follow(done);
    expect(after.body).toContain('Ați revocat împuternicirea lui Maria Ionescu pentru Construct Demo SRL.');
    expect(after.body).toContain(reason);
    expect(after.body).not.toContain('name="reason"');
    expect(await countRows(t, "audit_entry WHERE entity_id = $1 AND action = 'company_representative.revoked'", [MARIA_MANDATE])).toBe(1);

    // Her next request, with her profile cached a moment ago: no filing for the company, none of its cases.
    const refused = await maria.api('POST', '/api/v1/drafts', draftForCompany);
    expect(refused.status).toBe(403);
    expect(await cases()).not.toContain(companyCase!.id);
    expect((await maria.api('GET', `/api/v1/me/cases/${companyCase!.id}`)).status).toBe(404);
    // The case stays the company's.
    expect(await countRows(t, '"case" WHERE id = $1 AND company_id = $2', [companyCase!.id, DEMO_COMPANY.id])).toBe(1);

    const account = (await maria.get('/cont')).body;
    expect(account).toContain('Revocată');
    expect(account).toContain(`Împuternicirea a fost revocată de primărie pe 01.06.2026. Motivul: ${reason}`);
    expect(account).not.toContain('Renunț la reprezentare');
    const me = (await maria.api('GET', '/api/v1/me')).json<{ companies: { status: string; revocation: unknown }[] }>();
    expect(me.companies).toEqual([expect.objectContaining({ status: 'revoked', revocation: { at: expect.any(String), reason, renounced: false } })]);

    const mail = await lastEmail(t, DEMO_ACCOUNTS.maria.email);
    expect(mail?.template).toBe('identity.representation_revoked.v1');
    expect(mail?.body_text).toContain(reason);
    expect(mail?.body_text).toContain('cererile depuse deja rămân ale firmei');
    for (const r of reps) {
      const other = await lastEmail(t, r.email);
      expect(other?.template).toBe('identity.representation_ended_other.v1');
      expect(other?.subject).toBe('Maria Ionescu nu mai reprezintă firma Construct Demo SRL');
    }
    // Not twice.
    expect((await clerk.api('POST', `/api/v1/representations/${MARIA_MANDATE}/revocation`, { reason })).status).toBe(409);
  });
});

describe('a representative gives the mandate up', () => {
  it('through the API, with their own representation only (someone else’s is 404) and with the CSRF token', async () => {
    const [first, second] = reps as [(typeof reps)[0], (typeof reps)[0]];
    const me = (await first.c.api('GET', '/api/v1/me')).json<{ companies: { representationId: string; status: string }[] }>();
    expect(me.companies).toEqual([expect.objectContaining({ representationId: first.id, status: 'active' })]);
    const othersId = await second.c.api('POST', `/api/v1/representations/${first.id}/revocation`, {});
    expect(othersId.status).toBe(404);
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => (clock += 30_000));
    expect((await maria.api('POST', `/api/v1/representations/${first.id}/revocation`, { reason: 'x' })).status).toBe(404);
    const noCsrf = await first.c.request('POST', `/api/v1/representations/${first.id}/revocation`, '{}', { 'content-type': 'application/json', accept: 'application/json' });
    expect(noCsrf.status).toBe(403);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'active'", [first.id])).toBe(1);

    const ok = await first.c.api('POST', `/api/v1/representations/${first.id}/revocation`, {});
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ status: 'revoked' });
    expect((await first.c.api('POST', '/api/v1/drafts', draftForCompany)).status).toBe(403);
    expect((await lastEmail(t, first.email))?.template).toBe('identity.representation_renounced.v1');
    expect((await lastEmail(t, second.email))?.template).toBe('identity.representation_ended_other.v1');
    expect(await countRows(t, "audit_entry WHERE entity_id = $1 AND action = 'company_representative.renounced'", [first.id])).toBe(1);
    expect((await first.c.get('/cont')).body).toContain('Ați renunțat la reprezentare pe 01.06.2026');
  });

  it('from the account page, after a page that says what follows; someone else’s page is 404; in English too', async () => {
    const [first, second] = reps as [(typeof reps)[0], (typeof reps)[0]];
    expect((await first.c.get(`/cont/firme/${second.id}/renuntare`)).status).toBe(404);
    expect((await first.c.post(`/cont/firme/${second.id}/renuntare`, {})).status).toBe(404);
    const account = await second.c.get('/cont');
    expect(account.body).toContain(`href="/cont/firme/${second.id}/renuntare"`);
    const page = await second.c.get(`/cont/firme/${second.id}/renuntare`);
    expect(page.body).toContain('Renunțați la reprezentarea firmei Construct Demo SRL?');
    expect(page.body).toContain('Cererile depuse deja rămân ale firmei.');
    const noCsrf = await second.c.request('POST', `/cont/firme/${second.id}/renuntare`, { reason: '' });
    expect(noCsrf.status).toBe(403);
    const done = await second.c.post(`/cont/firme/${second.id}/renuntare`, { reason: 'Nu mai lucrez la firmă.' });
    expect(done.status).toBe(303);
    expect((await second.c.follow(done)).body).toContain('Ați renunțat la reprezentarea firmei Construct Demo SRL.');
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'revoked' AND revocation_reason = 'Nu mai lucrez la firmă.'", [second.id])).toBe(1);
    expect((await second.c.api('POST', '/api/v1/drafts', draftForCompany)).status).toBe(403);
    second.c.cookies.set('pd_lang', 'en');
    expect((await second.c.get('/cont')).body).toContain('You gave up representing the company on 01.06.2026');
    expect((await lastEmail(t, second.email))?.subject).toBe('Nu mai reprezentați firma Construct Demo SRL');
  });
});
