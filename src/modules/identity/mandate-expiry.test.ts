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
    expect(me.companies).toEqual([{ id: expect.any(String), representationId: first.id, cui: '4221306', name: COMPANY.name, status: 'active', validUntil: '2026-06-15', revocation: null }]);
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

  it('is shown expired from the next day, with the way to send a new one, which the registry checks as a renewal', async () => {
    clock = Date.parse('2026-06-16T08:00:00Z');
    expect((await signInAs(first.c, first.email)).status).toBe(303);
    const account = await first.c.get('/cont');
    expect(account.body).toContain('Expirată');
    expect(account.body).toContain('Împuternicirea a fost valabilă până la 15.06.2026 inclusiv: acum nu mai puteți depune cereri pentru firmă și nu mai vedeți cererile ei.');
    expect(account.body).toContain('href="/cont/firme/adauga?companyCui=4221306&amp;companyName=Brut%C4%83ria+Mihai+SRL"');
    const me = (await first.c.api('GET', '/api/v1/me')).json<{ companies: { status: string }[] }>();
    expect(me.companies.map((c) => c.status)).toEqual(['expired']);
    expect((await sendMandate(first.c, COMPANY, 'imputernicire-2027.pdf')).status).toBe(303);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'active' AND valid_until = '2026-06-15' AND renewal_requested_at IS NOT NULL", [first.id])).toBe(1);
    expect((await first.c.get('/cont')).body).toContain('Noua împuternicire, trimisă pe 16.06.2026, este în verificare');
  });

  it('is not revoked after its last day: the registry is told it expired and may refuse the new one instead', async () => {
    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    const page = await clerk.get(`/birou/reprezentanti/${first.id}`);
    expect(page.body).toContain('Respingeți împuternicirea');
    expect(page.body).not.toContain(`action="/birou/reprezentanti/${first.id}/revocare"`);
    const form = await clerk.post(`/birou/reprezentanti/${first.id}/revocare`, { reason: 'Notificarea firmei' });
    expect(form.status).toBe(409);
    expect(form.body).toContain('Împuternicirea a expirat pe 15.06.2026: persoana nu mai reprezintă firma, deci nu mai are ce revoca.');
    const api = await clerk.api('POST', `/api/v1/representations/${first.id}/revocation`, { reason: 'Notificarea firmei' });
    expect(api.status).toBe(409);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('identity.representation.expired');
    expect((await first.c.api('POST', `/api/v1/representations/${first.id}/revocation`, {})).status).toBe(409);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'active' AND renewal_requested_at IS NOT NULL", [first.id])).toBe(1);
    expect(await countRows(t, "audit_entry WHERE entity_id = $1 AND action IN ('company_representative.revoked', 'company_representative.renounced')", [first.id])).toBe(0);
  });

  it('reads as expired to the registry too — its page, the search by CUI and the API — not as the stored "Activă"', async () => {
    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    const tag = /(?:Stadiu|Status)<\/dt>\s*<dd[^>]*>\s*<strong class="govuk-tag govuk-tag--(\w+)">([^<]+)</;
    expect(tag.exec((await clerk.get(`/birou/reprezentanti/${first.id}`)).body)?.slice(1)).toEqual(['grey', 'Expirată']);
    // The search by CUI lists both representatives: the expired one, and the other one, whose mandate has no end date.
    const page = (await clerk.get('/birou/reprezentanti?cui=RO4221306')).body;
    const found = page.slice(page.indexOf('Reprezentanții firmei cu CUI-ul 4221306'));
    const rowOf = (email: string) => found.slice(found.indexOf(email), found.indexOf('</tr>', found.indexOf(email)));
    expect(rowOf(first.email)).toContain('Expirată');
    expect(rowOf(first.email)).not.toContain('Activă');
    expect(rowOf(second.email)).toContain('Activă');
    const api = (id: string) => clerk.api('GET', `/api/v1/representations/${id}`).then((r) => r.json<{ status: string; validUntil: string | null }>());
    expect(await api(first.id)).toMatchObject({ status: 'expired', validUntil: '2026-06-15' });
    expect(await api(second.id)).toMatchObject({ status: 'active', validUntil: null });
    // The renewal waiting on it is in the registry's list, with the mandate it would extend shown expired.
    const list = (await clerk.api('GET', '/api/v1/representations')).json<{ representations: { id: string; status: string; renewal: unknown }[] }>();
    expect(list.representations.find((r) => r.id === first.id)).toMatchObject({ status: 'expired', renewal: expect.anything() });
    // In English.
    clerk.cookies.set('pd_lang', 'en');
    expect(tag.exec((await clerk.get(`/birou/reprezentanti/${first.id}`)).body)?.[2]).toBe('Expired');
  });
});

describe('a mandate renewed before it ends', () => {
  const FIRM = { cui: 'RO18547290', name: 'Tipografia Nouă SRL' };
  let rep: { c: Client; email: string; id: string };
  const row = async () =>
    (
      await t.database.query<{ status: string; valid_until: string | null; renewal: boolean; reason: string | null }>(
        'SELECT status, valid_until::text, renewal_requested_at IS NOT NULL AS renewal, renewal_refusal_reason AS reason FROM company_representative WHERE id = $1',
        [rep.id],
      )
    )[0]!;
  const actsForFirm = async () => {
    const me = (await rep.c.api('GET', '/api/v1/me')).json<{ companies: { id: string; status: string }[] }>();
    const firm = me.companies.find((c) => c.status === 'active');
    if (!firm) return false;
    const draft = await rep.c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', companyId: firm.id, restart: true });
    return draft.status === 201;
  };

  it('can be sent from 30 days before its last day, and the current one stays in force meanwhile', async () => {
    clock = Date.parse('2026-07-01T08:00:00Z');
    const c = t.client();
    await registerPerson(c, 74);
    expect((await sendMandate(c, FIRM)).status).toBe(303);
    rep = { c, email: 'cetatean74@exemplu.ro', id: (await representation('cetatean74@exemplu.ro')).id };
    await t.database.query('UPDATE account SET email_verified_at = now() WHERE email = $1', [rep.email]);
    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    expect((await clerk.api('POST', `/api/v1/representations/${rep.id}/decision`, { decision: 'approve', validUntil: '2026-08-20' })).status).toBe(200);

    // 50 days before the end: too early, and the account offers nothing yet.
    expect((await signInAs(rep.c, rep.email)).status).toBe(303);
    expect((await rep.c.get('/cont')).body).not.toContain('Trimiteți o împuternicire nouă');
    const early = await sendMandate(rep.c, FIRM, 'imputernicire-noua.pdf');
    expect(early.status).toBe(409);
    expect(early.body).toContain('Una nouă se poate trimite când cea actuală se termină în cel mult 30 de zile.');

    // 26 days before: the account links to the form with the company filled in; the person adds the document.
    clock = Date.parse('2026-07-25T08:00:00Z');
    expect((await signInAs(rep.c, rep.email)).status).toBe(303);
    const account = await rep.c.get('/cont');
    expect(account.body).toContain('href="/cont/firme/adauga?companyCui=18547290&amp;companyName=Tipografia+Nou%C4%83+SRL"');
    const form = await rep.c.get('/cont/firme/adauga?companyCui=18547290&companyName=Tipografia+Nou%C4%83+SRL');
    expect(form.body).toContain('value="18547290"');
    expect(form.body).toContain('se termină în cel mult 30 de zile sau s-a terminat');
    const sent = await sendMandate(rep.c, FIRM, 'imputernicire-noua.pdf');
    expect(sent.status).toBe(303);
    expect((await rep.c.follow(sent)).body).toContain('Am primit noua împuternicire pentru Tipografia Nouă SRL');
    expect(await row()).toEqual({ status: 'active', valid_until: '2026-08-20', renewal: true, reason: null });
    expect((await rep.c.get('/cont')).body).toContain('Noua împuternicire, trimisă pe 25.07.2026, este în verificare; până atunci rămâne valabilă cea actuală.');
    expect(await actsForFirm()).toBe(true);
    // One at a time.
    const twice = await sendMandate(rep.c, FIRM, 'alta.pdf');
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('Ați trimis deja o nouă împuternicire pentru această firmă');
  });

  it('is approved by the registry as an extension of the same representation, with the old document in the history', async () => {
    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    const list = await clerk.get('/birou/reprezentanti');
    expect(list.body).toContain('Tipografia Nouă SRL');
    expect(list.body).toContain('Reînnoire');
    const api = (await clerk.api('GET', '/api/v1/representations')).json<{ representations: { id: string; status: string; renewal: { mandateFilename: string } | null }[] }>();
    expect(api.representations.find((r) => r.id === rep.id)).toMatchObject({ status: 'active', renewal: { mandateFilename: 'imputernicire-noua.pdf' } });
    const page = await clerk.get(`/birou/reprezentanti/${rep.id}`);
    expect(page.body).toContain('Aceasta este o reînnoire. Acceptată, noua împuternicire o înlocuiește pe cea actuală (valabilă până la 20.08.2026 inclusiv)');
    expect(page.body).toContain('imputernicire-noua.pdf');
    // The new end date comes after the current one.
    const shorter = await clerk.post(`/birou/reprezentanti/${rep.id}/decizie`, { decision: 'approve', 'validUntil-day': '10', 'validUntil-month': '8', 'validUntil-year': '2026' });
    expect(shorter.status).toBe(400);
    expect(shorter.body).toContain('Noua împuternicire trebuie să fie valabilă după 20.08.2026');
    const ok = await clerk.post(`/birou/reprezentanti/${rep.id}/decizie`, { decision: 'approve', 'validUntil-day': '20', 'validUntil-month': '8', 'validUntil-year': '2027' });
    expect(ok.status).toBe(303);
    expect((await clerk.follow(ok)).body).toContain('Ați prelungit reprezentarea firmei Tipografia Nouă SRL cu noua împuternicire.');
    expect(await row()).toEqual({ status: 'active', valid_until: '2027-08-20', renewal: false, reason: null });
    const [audit] = await t.database.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_entry WHERE entity_id = $1 AND action = 'company_representative.renewed'", [rep.id]);
    expect(audit?.details).toMatchObject({ validUntil: '2027-08-20', previousValidUntil: '2026-08-20', previousMandateSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await lastEmail(t, rep.email))?.body_text).toContain('20.08.2027');
    const account = (await rep.c.get('/cont')).body;
    expect(account).toContain('Valabilă până la 20.08.2027 inclusiv.');
    expect(account).not.toContain('Trimiteți o împuternicire nouă');
    expect(await actsForFirm()).toBe(true);
    // Decided: no longer in the list, not decided twice.
    expect((await clerk.get('/birou/reprezentanti')).body).not.toContain('Tipografia Nouă SRL');
    expect((await clerk.api('POST', `/api/v1/representations/${rep.id}/decision`, { decision: 'approve' })).status).toBe(409);
  });

  it('refused, leaves the current mandate as it was, and the person reads why and may send another', async () => {
    clock = Date.parse('2027-08-01T08:00:00Z');
    expect((await signInAs(rep.c, rep.email)).status).toBe(303);
    expect((await sendMandate(rep.c, FIRM, 'imputernicire-2028.pdf')).status).toBe(303);
    const clerk = await official(DEMO_ACCOUNTS.registryClerk);
    const refused = await clerk.api('POST', `/api/v1/representations/${rep.id}/decision`, { decision: 'reject', reason: 'Lipsește semnătura administratorului.' });
    expect(refused.status).toBe(200);
    expect(await row()).toEqual({ status: 'active', valid_until: '2027-08-20', renewal: false, reason: 'Lipsește semnătura administratorului.' });
    const account = (await rep.c.get('/cont')).body;
    expect(account).toContain('Noua împuternicire nu a fost acceptată. Motivul: Lipsește semnătura administratorului.');
    expect(account).toContain('Trimiteți o împuternicire nouă');
    expect(await actsForFirm()).toBe(true);
  });

  it('reads the same in English', async () => {
    rep.c.cookies.set('pd_lang', 'en');
    const en = await rep.c.get('/cont');
    expect(en.body).toContain('The new mandate was not accepted. The reason: Lipsește semnătura administratorului.');
    expect(en.body).toContain('Send a new mandate');
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
