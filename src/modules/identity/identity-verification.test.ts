import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from './seed-demo.ts';
import { signInWithOidc } from './oidc-sign-in.ts';
import { lastEmail, linkIn, personForm, signInAs, submitRegistration, validCnp } from './test-helpers.ts';

/*
 * A CNP typed at registration is only declared. A service whose answer tells a person's data (the duplicate of a
 * civil status certificate) is filed for oneself only with a confirmed identity: ROeID, or the registry that saw the
 * identity document. Someone who declared another person's CNP loses it when that person confirms theirs.
 */
let t: TestApp;
let clock = Date.now();
let clerk: Client;
beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
});
afterAll(async () => t?.stop());

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000));
const START = '/servicii/sector5/DUPLICAT-CERTIFICAT/cerere';
const verified = async (accountId: string) =>
  (await t.database.query<{ cnp: string | null; by: string | null }>('SELECT cnp, cnp_verified_by AS by FROM person WHERE account_id = $1', [accountId]))[0]!;

describe('a confirmed identity', () => {
  it('is needed to ask for a civil status record online; the registry confirms it from the identity card', async () => {
    const maria = await signIn(DEMO_ACCOUNTS.maria);
    const service = await maria.get('/servicii/sector5/DUPLICAT-CERTIFICAT');
    expect(service.body).toContain('răspunsul conține date personale');
    await maria.get(START);
    const refused = await maria.post(START, { action: 'start', companyId: 'self' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Pentru această cerere identitatea dumneavoastră trebuie confirmată');
    const api = await maria.api('POST', '/api/v1/drafts', { serviceCode: 'DUPLICAT-CERTIFICAT', institution: 'sector5' });
    expect(api.status).toBe(403);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('submission.identity_not_verified');
    expect(await t.database.query('SELECT 1 FROM case_draft WHERE account_id = $1', [DEMO_ACCOUNTS.maria.id])).toHaveLength(0);

    // At the registry, with her identity card.
    const page = await clerk.get('/birou');
    expect(page.body).toContain('href="/birou/identitate"');
    await clerk.get('/birou/identitate');
    const incomplete = await clerk.post('/birou/identitate', { email: DEMO_ACCOUNTS.maria.email, cnp: DEMO_ACCOUNTS.maria.person!.cnp, idDocument: 'R 12' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toContain('Scrieți seria (două litere) și numărul actului');
    expect(incomplete.body).toContain('Bifați că ați văzut actul de identitate în original.');
    expect(incomplete.body).toContain(`value="${DEMO_ACCOUNTS.maria.email}"`);
    const ok = await clerk.post('/birou/identitate', { email: DEMO_ACCOUNTS.maria.email, cnp: DEMO_ACCOUNTS.maria.person!.cnp, idDocument: 'RX 123456', checked: 'da' });
    expect(ok.status).toBe(303);
    expect((await clerk.follow(ok)).body).toContain('Identitatea lui Maria Ionescu (maria.ionescu@example.demo) a fost confirmată.');
    expect(await verified(DEMO_ACCOUNTS.maria.id)).toEqual({ cnp: DEMO_ACCOUNTS.maria.person!.cnp, by: `counter:${DEMO_ACCOUNTS.registryClerk.id}` });
    // She sees who checked it, and when.
    const access = await t.database.query<{ action: string }>("SELECT action FROM audit_entry WHERE subject_id = $1 AND action IN ('person.identity_checked', 'person.cnp_verified') ORDER BY id", [DEMO_ACCOUNTS.maria.id]);
    expect(access.map((a) => a.action).sort()).toEqual(['person.cnp_verified', 'person.identity_checked']);

    const started = await maria.post(START, { action: 'start', companyId: 'self' });
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/cereri\/ciorna\//);
  });

  it('takes a CNP off an account that only declared it when its owner confirms it at the counter', async () => {
    const cnp = '1630615123457';
    const impostor = crypto.randomUUID();
    const owner = crypto.randomUUID();
    for (const [id, email, declared] of [
      [impostor, 'impostor@example.ro', cnp],
      [owner, 'owner@example.ro', null],
    ] as const) {
      await t.database.query('INSERT INTO account (id, email, email_verified_at, display_name, created_at, updated_at) VALUES ($1, $2, now(), $3, now(), now())', [id, email, email]);
      await t.database.query('INSERT INTO person (account_id, cnp, first_name, last_name) VALUES ($1, $2, $3, $4)', [id, declared, 'Vasile', 'Pop']);
    }
    const ok = await clerk.post('/birou/identitate', { email: 'owner@example.ro', cnp, idDocument: 'RK 654321', checked: 'da' });
    expect(ok.status).toBe(303);
    expect(await verified(owner)).toEqual({ cnp, by: `counter:${DEMO_ACCOUNTS.registryClerk.id}` });
    expect((await verified(impostor)).cnp).toBeNull();
    const [released] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'person.cnp_released' AND subject_id = $1", [impostor]);
    expect(released!.n).toBe(1);
  });

  it('lets the real person register with the CNP an impostor declared first; the registry settles whose it is', async () => {
    const cnp = personForm(61).cnp;
    const impostorForm = personForm(60, { cnp, email: 'impostor60@example.ro' });
    const ownerForm = personForm(61);
    const signUp = async (form: Record<string, string>) => {
      const c = t.client();
      const res = await submitRegistration(c, 0, form);
      expect(res.status).toBe(200);
      const confirmed = await c.get(linkIn((await lastEmail(t, form.email!))!.body_text, '/confirmare-email'));
      expect(confirmed.status).toBe(303);
      expect((await signInAs(c, form.email!, form.password)).status).toBe(303);
      return c;
    };
    const impostor = await signUp(impostorForm);
    // Before: the CNP was unique among accounts, so the real person got "that CNP already has an account" and none.
    const owner = await signUp(ownerForm);
    const ids = await t.database.query<{ id: string; email: string }>('SELECT a.id, a.email FROM account a JOIN person p ON p.account_id = a.id WHERE p.cnp = $1', [cnp]);
    expect(ids.map((r) => r.email).sort()).toEqual([impostorForm.email, ownerForm.email].sort());

    // Only declared, on both: neither may ask for what the answer would reveal.
    for (const c of [impostor, owner]) {
      await c.get(START);
      const refused = await c.post(START, { action: 'start', companyId: 'self' });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('Pentru această cerere identitatea dumneavoastră trebuie confirmată');
    }

    const ok = await clerk.post('/birou/identitate', { email: ownerForm.email, cnp, idDocument: 'RK 161616', checked: 'da' });
    expect(ok.status).toBe(303);
    const ownerId = ids.find((r) => r.email === ownerForm.email)!.id;
    const impostorId = ids.find((r) => r.email === impostorForm.email)!.id;
    expect((await verified(ownerId)).cnp).toBe(cnp);
    expect((await verified(impostorId)).cnp).toBeNull();
    expect((await owner.post(START, { action: 'start', companyId: 'self' })).status).toBe(303);
    expect((await impostor.post(START, { action: 'start', companyId: 'self' })).status).toBe(400);
    // The impostor's claim at the counter with the same CNP is refused now that it is confirmed for someone else.
    const again = await clerk.post('/birou/identitate', { email: impostorForm.email, cnp, idDocument: 'RK 999999', checked: 'da' });
    expect(again.status).toBe(400);
    expect(again.body).toContain('Acest CNP este deja confirmat pentru alt cont.');
  });

  it('comes from ROeID too: the provider’s CNP is confirmed, and taken from an account that only declared it', async () => {
    const cnp = '1950510123455';
    const squatter = crypto.randomUUID();
    // Two accounts declared it: any number may, until one confirms it.
    const another = crypto.randomUUID();
    for (const [id, email] of [
      [squatter, 'squatter@example.ro'],
      [another, 'another@example.ro'],
    ]) {
      await t.database.query("INSERT INTO account (id, email, email_verified_at, display_name, created_at, updated_at) VALUES ($1, $2, now(), 'S', now(), now())", [id, email]);
      await t.database.query("INSERT INTO person (account_id, cnp, first_name, last_name) VALUES ($1, $2, 'S', 'S')", [id, cnp]);
    }
    const r = await signInWithOidc(t.deps, {
      issuer: 'https://roeid.example',
      claims: { subject: 'roeid-42', email: 'vasile.ghiseu@example.ro', emailVerified: true, givenName: 'Vasile', familyName: 'Ghișeu', name: null, cnp },
      locale: 'ro',
      ip: null,
      userAgent: null,
    });
    expect(r.outcome).toBe('created');
    expect(await verified(r.accountId)).toEqual({ cnp, by: 'oidc:https://roeid.example' });
    expect((await verified(squatter)).cnp).toBeNull();
    expect((await verified(another)).cnp).toBeNull();
  });

  it('is not confirmed by the official for their own account', async () => {
    // The clerk has a person record on her account (she files her own requests too) and declared a CNP.
    const own = DEMO_ACCOUNTS.registryClerk;
    const cnp = validCnp(620);
    await t.database.query("INSERT INTO person (account_id, first_name, last_name, cnp) VALUES ($1, 'Elena', 'Dumitrescu', $2)", [own.id, cnp]);
    await clerk.get('/birou/identitate');
    const refused = await clerk.post('/birou/identitate', { email: own.email, cnp, idDocument: 'RX 654321', checked: 'da' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Nu vă puteți confirma propria identitate. Mergeți cu actul de identitate la un coleg de la registratură');
    expect(await verified(own.id)).toEqual({ cnp, by: null });
    expect(await t.database.query("SELECT 1 FROM audit_entry WHERE subject_id = $1 AND action = 'person.identity_checked'", [own.id])).toHaveLength(0);
  });

  it('is not confirmed by the official on a second, citizen account of theirs: one CNP is one person', async () => {
    // The clerk's own account holds her CNP (the test above); she registers as a citizen too, with the same CNP.
    const own = DEMO_ACCOUNTS.registryClerk;
    const cnp = validCnp(620);
    const second = { email: 'elena.d.acasa@exemplu.ro', cnp };
    await submitRegistration(t.client(), 621, { ...second, firstName: 'Elena', lastName: 'Dumitrescu' });
    const [{ id } = { id: '' }] = await t.database.query<{ id: string }>('SELECT id FROM account WHERE email = $1', [second.email]);
    expect(id).not.toBe('');
    await clerk.get('/birou/identitate');
    const refused = await clerk.post('/birou/identitate', { email: second.email, cnp, idDocument: 'RX 654321', checked: 'da' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Acesta este CNP-ul din contul dumneavoastră: nu vă puteți confirma propria identitate, nici pe alt cont.');
    expect(refused.body).toContain('href="#cnp"');
    // Nor by typing another number on the account that holds her CNP.
    const other = await clerk.post('/birou/identitate', { email: second.email, cnp: validCnp(622), idDocument: 'RX 654321', checked: 'da' });
    expect(other.status).toBe(400);
    expect(other.body).toContain('nu vă puteți confirma propria identitate, nici pe alt cont');
    expect(await verified(id)).toEqual({ cnp, by: null });
    // A colleague (another institution's registry) confirms it.
    const colleague = await signIn(DEMO_ACCOUNTS.taxesRegistryClerk);
    await colleague.get('/birou/identitate');
    expect((await colleague.post('/birou/identitate', { email: second.email, cnp, idDocument: 'RX 654321', checked: 'da' })).status).toBe(303);
    expect(await verified(id)).toEqual({ cnp, by: `counter:${DEMO_ACCOUNTS.taxesRegistryClerk.id}` });
    expect(own.id).not.toBe(id);
  });

  it('is confirmed only by the registry', async () => {
    const director = await signIn(DEMO_ACCOUNTS.director);
    expect((await director.get('/birou/identitate')).status).toBe(403);
    expect((await director.post('/birou/identitate', { email: DEMO_ACCOUNTS.ion.email, cnp: DEMO_ACCOUNTS.ion.person!.cnp, idDocument: 'RX 1', checked: 'da' })).status).toBe(403);
  });
});
