import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from './seed-demo.ts';
import { countRows, registerPerson, sendMandate } from './test-helpers.ts';

/*
 * A person who asked to represent a company — or sent the next mandate to renew one — may take the request back while
 * the registry has not checked it yet: from their account page or the API, their own request only, with the CSRF token.
 * It leaves the registry's list; a withdrawn renewal leaves the current mandate as it was.
 */
let t: TestApp;
let clock = Date.parse('2026-06-01T08:00:00Z'); // 11:00 in Bucharest
const FIRM = { cui: 'RO4221306', name: 'Brutăria Mihai SRL' };
const OTHER = { cui: 'RO18547290', name: 'Tipografia Nouă SRL' };
const idOf = async (email: string, cui: string) =>
  (
    await t.database.query<{ id: string }>('SELECT r.id FROM company_representative r JOIN account a ON a.id = r.account_id JOIN company c ON c.id = r.company_id WHERE a.email = $1 AND c.cui = $2', [
      email,
      cui.replace(/^RO/, ''),
    ])
  )[0]?.id;
const registry = async (clerk: Client) => (await clerk.api('GET', '/api/v1/representations')).json<{ representations: { id: string }[] }>().representations.map((r) => r.id);

let ana: Client;
let dan: Client;
let clerk: Client;
beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  ana = t.client();
  await registerPerson(ana, 61);
  dan = t.client();
  await registerPerson(dan, 62);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou');
});
afterAll(async () => t?.stop());

describe('withdrawing a request to represent a company', () => {
  it('from the account page: the button, CSRF, someone else’s id is 404, then the registry no longer sees it', async () => {
    expect((await sendMandate(ana, FIRM)).status).toBe(303);
    const id = (await idOf('cetatean61@exemplu.ro', FIRM.cui))!;
    expect(await registry(clerk)).toContain(id);
    const account = await ana.get('/cont');
    expect(account.body).toContain(`action="/cont/firme/${id}/retragere"`);
    expect(account.body).toContain('Retrageți cererea<span class="govuk-visually-hidden"> pentru Brutăria Mihai SRL</span>');

    expect((await ana.request('POST', `/cont/firme/${id}/retragere`, {})).status).toBe(403);
    await dan.get('/cont');
    expect((await dan.post(`/cont/firme/${id}/retragere`, {})).status).toBe(404);
    expect((await dan.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).status).toBe(404);
    expect((await clerk.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).status).toBe(404);
    expect(await registry(clerk)).toContain(id);

    const done = await ana.post(`/cont/firme/${id}/retragere`, {});
    expect(done.status).toBe(303);
    const after = await ana.follow(done);
    expect(after.body).toContain('Ați retras cererea de a reprezenta firma Brutăria Mihai SRL.');
    expect(after.body).not.toContain(`/cont/firme/${id}/retragere`);
    expect(await registry(clerk)).not.toContain(id);
    expect((await clerk.get(`/birou/reprezentanti/${id}`)).status).toBe(404);
    expect(await countRows(t, "audit_entry WHERE entity_id = $1 AND action = 'company_representative.withdrawn'", [id])).toBe(1);
    // Nothing left to withdraw; and she may ask again.
    expect((await ana.post(`/cont/firme/${id}/retragere`, {})).status).toBe(404);
    expect((await sendMandate(ana, FIRM)).status).toBe(303);
    expect(await registry(clerk)).toContain(await idOf('cetatean61@exemplu.ro', FIRM.cui));
  });

  it('through the API, a renewal’s new mandate: the current mandate stays in force; a decided request is 409; in English too', async () => {
    expect((await sendMandate(dan, OTHER)).status).toBe(303);
    const id = (await idOf('cetatean62@exemplu.ro', OTHER.cui))!;
    expect((await clerk.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'approve', validUntil: '2026-06-20' })).status).toBe(200);
    expect((await dan.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).status).toBe(409);
    expect((await sendMandate(dan, OTHER, 'imputernicire-2027.pdf')).status).toBe(303);
    expect(await registry(clerk)).toContain(id);
    const english = await dan.follow(await dan.get('/cont?lang=en'));
    expect(english.body).toContain('Withdraw the new mandate<span class="govuk-visually-hidden"> for Tipografia Nouă SRL</span>');

    const noCsrf = await dan.request('POST', `/api/v1/representations/${id}/withdrawal`, '{}', { 'content-type': 'application/json', accept: 'application/json' });
    expect(noCsrf.status).toBe(403);
    expect((await ana.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).status).toBe(404);
    const ok = await dan.api('POST', `/api/v1/representations/${id}/withdrawal`, {});
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ withdrawn: 'renewal' });
    expect(await registry(clerk)).not.toContain(id);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'active' AND valid_until = '2026-06-20' AND renewal_requested_at IS NULL", [id])).toBe(1);
    expect(await countRows(t, "audit_entry WHERE entity_id = $1 AND action = 'company_representative.renewal_withdrawn'", [id])).toBe(1);
    expect((await dan.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).status).toBe(409);
    const after = (await dan.get('/cont')).body;
    expect(after).toContain('Valid until 20.06.2026');
    expect(after).not.toContain('Withdraw the new mandate');
  });
});

describe('a decision on a request its person withdrew meanwhile', () => {
  const FIRM3 = { cui: '4221306', name: 'Brutăria Mihai SRL' };
  let ioana: Client;
  beforeAll(async () => {
    ioana = t.client();
    await registerPerson(ioana, 63);
  });

  it('opened before the withdrawal, sent after: the official is told the person withdrew it, on the page and through the API', async () => {
    expect((await sendMandate(ioana, FIRM3)).status).toBe(303);
    const id = (await idOf('cetatean63@exemplu.ro', FIRM3.cui))!;
    expect((await clerk.get(`/birou/reprezentanti/${id}`)).body).toContain('Acceptați împuternicirea');
    expect((await ioana.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).status).toBe(200);

    const page = await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'approve' });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/birou/reprezentanti');
    expect((await clerk.follow(page)).body).toContain('Persoana și-a retras cererea între timp, așa că nu mai este nimic de decis.');
    const api = await clerk.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'reject', reason: 'Lipsește semnătura.' });
    expect(api.status).toBe(409);
    expect(api.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'identity.representation.withdrawn_meanwhile',
      message: 'Persoana și-a retras cererea între timp, așa că nu mai este nimic de decis.',
    });
    // An id that never existed is still "not found"; nothing was decided.
    expect((await clerk.api('POST', `/api/v1/representations/${crypto.randomUUID()}/decision`, { decision: 'approve' })).status).toBe(404);
    expect(await countRows(t, "audit_entry WHERE entity_id = $1 AND action IN ('company_representative.approved', 'company_representative.rejected')", [id])).toBe(0);
  });

  it('a renewal withdrawn meanwhile: the official reads that the mandate in force stays as it was, in English too', async () => {
    const id = (await idOf('cetatean62@exemplu.ro', OTHER.cui))!;
    expect((await sendMandate(dan, OTHER, 'imputernicire-2028.pdf')).status).toBe(303);
    expect((await clerk.get(`/birou/reprezentanti/${id}`)).body).toContain('Aceasta este o reînnoire.');
    expect((await dan.api('POST', `/api/v1/representations/${id}/withdrawal`, {})).json()).toEqual({ withdrawn: 'renewal' });

    const page = await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'approve', 'validUntil-day': '31', 'validUntil-month': '12', 'validUntil-year': '2027' });
    expect(page.status).toBe(303);
    expect((await clerk.follow(page)).body).toContain('Persoana și-a retras între timp noua împuternicire, așa că nu mai este nimic de decis. Împuternicirea în vigoare a rămas cum era.');
    const api = await clerk.request('POST', `/api/v1/representations/${id}/decision`, JSON.stringify({ decision: 'approve' }), {
      'content-type': 'application/json',
      accept: 'application/json',
      'accept-language': 'en',
      'x-csrf-token': clerk.csrf,
    });
    expect(api.status).toBe(409);
    expect(api.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'identity.representation.renewal_withdrawn_meanwhile',
      message: 'The person withdrew their new mandate in the meantime, so there is nothing left to decide. The mandate in force stays as it was.',
    });
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'active' AND valid_until = '2026-06-20' AND renewal_requested_at IS NULL", [id])).toBe(1);
  });

  it('sent at the same instant as the withdrawal: either the decision stands and the withdrawal is refused, or the official reads it was withdrawn', async () => {
    // On PostgreSQL (DATABASE_URL) the two transactions really run at once.
    for (let round = 0; round < 4; round++) {
      expect((await sendMandate(ioana, FIRM3)).status).toBe(303);
      const id = (await idOf('cetatean63@exemplu.ro', FIRM3.cui))!;
      const [decided, withdrawn] = await Promise.all([
        clerk.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'reject', reason: 'Lipsește semnătura.' }),
        ioana.api('POST', `/api/v1/representations/${id}/withdrawal`, {}),
      ]);
      if (decided.status === 200) {
        expect(withdrawn.status).toBe(409);
        expect(withdrawn.json<{ error: { code: string } }>().error.code).toBe('identity.representation.nothing_to_withdraw');
        // Refused: she may ask again for the next round.
      } else {
        expect(withdrawn.status).toBe(200);
        expect(decided.status).toBe(409);
        expect(decided.json<{ error: { code: string } }>().error.code).toBe('identity.representation.withdrawn_meanwhile');
      }
      await t.database.query("DELETE FROM company_representative WHERE id = $1 AND status = 'rejected'", [id]);
    }
  });
});
