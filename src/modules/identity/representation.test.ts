import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from './seed-demo.ts';
import { countRows, lastEmail, MANDATE_PDF as PDF, registerPerson, sendMandate, validCnp } from './test-helpers.ts';

/*
 * A person asks to act for a company with a mandate; an official (registry clerk or administrator) checks the
 * document and accepts or refuses it, saying why. Before this, nothing took a representation out of "În verificare":
 * a company's administrator could never file anything for it.
 */
let t: TestApp;
let clock = Date.now();
const { registryClerk, administrator, inspector } = DEMO_ACCOUNTS;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

const official = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), '/birou');

/** A person (registered now, number n) asks to represent the company, as /cont/firme/adauga does. */
async function asksToRepresent(n: number, companyName: string): Promise<{ c: Client; email: string }> {
  const c = t.client();
  await registerPerson(c, n);
  expect((await sendMandate(c, { cui: 'RO18547290', name: companyName })).status).toBe(303);
  return { c, email: `cetatean${n}@exemplu.ro` };
}

const pendingId = async (email: string) =>
  (await t.database.query<{ id: string }>('SELECT r.id FROM company_representative r JOIN account a ON a.id = r.account_id WHERE a.email = $1', [email]))[0]!.id;

describe('checking the mandate of a company’s representative', () => {
  it('is refused with a reason the person reads, then accepted on a new mandate, and the person acts for the company', async () => {
    const { c: person, email } = await asksToRepresent(91, 'Tâmplăria Vasile SRL');
    const id = await pendingId(email);

    const clerk = await official(registryClerk);
    const office = await clerk.get('/birou');
    expect(office.body).toContain('href="/birou/reprezentanti"');
    expect(office.body).toMatch(/Împuterniciri ale reprezentanților de firme \(de verificat: [1-9]\d*\)/);
    const list = await clerk.get('/birou/reprezentanti');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Tâmplăria Vasile SRL');
    expect(list.body).toContain(email);
    const page = await clerk.get(`/birou/reprezentanti/${id}`);
    expect(page.body).toContain('CUI');
    expect(page.body).toContain('18547290');
    const mandate = await t.app.inject({ method: 'GET', url: `/birou/reprezentanti/${id}/imputernicire`, headers: { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(mandate.statusCode).toBe(200);
    expect(mandate.headers['content-type']).toBe('application/pdf');
    expect(mandate.rawPayload.equals(PDF)).toBe(true);
    // The person sees who read their request and downloaded their mandate.
    const log = (await person.api('GET', '/api/v1/me/access-log')).json<{ entries: { action: string; actorName: string }[] }>();
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['company_representative.viewed', 'company_representative.mandate_downloaded']));

    // Refusing needs a reason; without one nothing changes.
    const noReason = await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'reject', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Scrieți motivul pentru care respingeți împuternicirea');
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending'", [id])).toBe(1);
    const refused = await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'reject', reason: 'Documentul nu este semnat de administratorul firmei.' });
    expect(refused.location).toBe('/birou/reprezentanti');
    expect((await clerk.follow(refused)).body).toContain('Ați respins împuternicirea pentru Tâmplăria Vasile SRL');
    const mail = await lastEmail(t, email);
    expect(mail!.subject).toBe('Împuternicirea pentru Tâmplăria Vasile SRL nu a fost acceptată');
    expect(mail!.body_text).toContain('Documentul nu este semnat de administratorul firmei.');
    const account = await person.get('/cont');
    expect(account.body).toContain('Respinsă');
    expect(account.body).toContain('Motivul: Documentul nu este semnat de administratorul firmei.');
    // A decision already taken is not taken again.
    expect((await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'approve' })).status).toBe(409);

    // A new mandate reopens the request; the administrator accepts it through the API.
    await asksAgain(person);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending'", [id])).toBe(1);
    const admin = await official(administrator);
    const pending = (await admin.api('GET', '/api/v1/representations')).json<{ representations: { id: string; company: { cui: string } }[] }>();
    expect(pending.representations.find((r) => r.id === id)?.company.cui).toBe('18547290');
    const accepted = await admin.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'approve' });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toEqual({ status: 'active' });
    expect((await lastEmail(t, email))!.subject).toBe('Puteți depune cereri în numele firmei Tâmplăria Vasile SRL');
    // The person now acts for the company: the start of a request offers it.
    const start = await person.get('/servicii/sector5/CERT-URBANISM/cerere');
    expect(start.body).toContain('Tâmplăria Vasile SRL');
    expect((await person.get('/cont')).body).toContain('Activă');
  });

  it('is for registry clerks and administrators only: others get 403, a missing request 404', async () => {
    const { email } = await asksToRepresent(92, 'Atelierul Ana SRL');
    const id = await pendingId(email);
    const insp = await official(inspector);
    expect((await insp.get('/birou/reprezentanti')).status).toBe(403);
    expect((await insp.get(`/birou/reprezentanti/${id}`)).status).toBe(403);
    expect((await insp.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'approve' })).status).toBe(403);
    expect((await insp.get('/birou')).body).not.toContain('href="/birou/reprezentanti"');
    const citizen = t.client();
    await registerPerson(citizen, 93);
    expect((await citizen.get('/birou/reprezentanti')).status).toBe(403);
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending'", [id])).toBe(1);
    const clerk = await official(registryClerk);
    expect((await clerk.get(`/birou/reprezentanti/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('is not decided by the official who asks to act for the company: a colleague decides it', async () => {
    // The clerk represents her family's firm: her own request waits in the list she works on.
    const { email } = await asksToRepresent(95, 'Croitoria Elena SRL');
    const id = await pendingId(email);
    await t.database.query('UPDATE company_representative SET account_id = $1 WHERE id = $2', [registryClerk.id, id]);
    const clerk = await official(registryClerk);
    const page = await clerk.get(`/birou/reprezentanti/${id}`);
    expect(page.body).toContain('Aceasta este propria dumneavoastră împuternicire');
    expect(page.body).not.toContain('/decizie');
    const refused = await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Nu puteți decide asupra propriei împuterniciri');
    const api = await clerk.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'reject', reason: 'Oricum.' });
    expect(api.status).toBe(403);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('identity.representation.own');
    expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending'", [id])).toBe(1);
    const admin = await official(administrator);
    expect((await admin.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'approve' })).json()).toEqual({ status: 'active' });
  });

  it('is not decided by the official under their citizen account either: the account asking has the official’s CNP', async () => {
    // The clerk has a citizen account of her own, her identity confirmed there; her official account's person record
    // (she files requests from it too) holds the same CNP. From the citizen account she asks to act for her firm.
    const { email } = await asksToRepresent(97, 'Croitoria Dumitrescu SRL');
    const id = await pendingId(email);
    const cnp = validCnp(97);
    await t.database.query("UPDATE person SET cnp_verified_at = now(), cnp_verified_by = 'oidc:https://roeid.example' WHERE account_id = (SELECT id FROM account WHERE email = $1)", [email]);
    await t.database.query("INSERT INTO person (account_id, first_name, last_name, cnp) VALUES ($1, 'Elena', 'Dumitrescu', $2)", [registryClerk.id, cnp]);
    try {
      const clerk = await official(registryClerk);
      const page = await clerk.get(`/birou/reprezentanti/${id}`);
      expect(page.body).toContain('Contul care cere această împuternicire are CNP-ul dumneavoastră: o verifică un coleg de la registratură sau un administrator.');
      expect(page.body).not.toContain('/decizie');
      const refused = await clerk.post(`/birou/reprezentanti/${id}/decizie`, { decision: 'approve' });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('Nu puteți decide asupra acestei împuterniciri: contul care o cere are CNP-ul dumneavoastră.');
      const api = await clerk.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'approve' });
      expect(api.status).toBe(403);
      expect(api.json<{ error: { code: string } }>().error.code).toBe('identity.representation.own_cnp');
      expect(await countRows(t, "company_representative WHERE id = $1 AND status = 'pending'", [id])).toBe(1);
      // A colleague decides it.
      const admin = await official(administrator);
      expect((await admin.get(`/birou/reprezentanti/${id}`)).body).toContain('/decizie');
      expect((await admin.api('POST', `/api/v1/representations/${id}/decision`, { decision: 'approve' })).json()).toEqual({ status: 'active' });
    } finally {
      await t.database.query('DELETE FROM person WHERE account_id = $1', [registryClerk.id]);
    }
  });

  it('lists the requests without the person’s CNP: only reading one request, which is in the person’s access log, shows it', async () => {
    const { c: person, email } = await asksToRepresent(94, 'Fierăria Dan SRL');
    const id = await pendingId(email);
    const cnp = validCnp(94);
    const clerk = await official(registryClerk);
    const list = await clerk.api('GET', '/api/v1/representations');
    expect(list.status).toBe(200);
    const line = list.json<{ representations: { id: string; person: Record<string, unknown> }[] }>().representations.find((r) => r.id === id);
    expect(line?.person).toEqual({ accountId: expect.any(String), name: 'Ioana Popescu', email });
    expect(list.body).not.toContain(cnp);
    const accessLog = async () => (await person.api('GET', '/api/v1/me/access-log')).json<{ entries: { action: string }[] }>().entries.map((e) => e.action);
    expect(await accessLog()).not.toContain('company_representative.viewed');
    const one = await clerk.api('GET', `/api/v1/representations/${id}`);
    expect(one.json<{ person: { cnp: string } }>().person.cnp).toBe(cnp);
    expect(await accessLog()).toContain('company_representative.viewed');
  });
});

/** The person sends a new mandate for the same company after a refusal. */
async function asksAgain(c: Client) {
  expect((await sendMandate(c, { cui: 'RO18547290', name: 'Tâmplăria Vasile SRL' }, 'imputernicire-semnata.pdf')).status).toBe(303);
}
