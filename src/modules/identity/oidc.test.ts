import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, freePort, readForm, startOidcProvider, type TestOidcProvider } from '../../../test/support/oidc-provider.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { auditEntry } from '../../platform/audit/schema.ts';
import { account, oidcIdentity, person, session } from './schema.ts';
import { hashToken, insertSession } from './session-store.ts';
import { validCnp } from './test-helpers.ts';

let provider: TestOidcProvider;
let t: TestApp;
let base: string;
const CALLBACK = '/autentificare/oidc/callback';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({
    redirectUris: [`${base}${CALLBACK}`],
    users: [
      { sub: 'roeid-ana-0001', email: 'ana.popescu@example.ro', email_verified: true, given_name: 'Ana', family_name: 'Popescu', cnp: '2870722440538' },
      { sub: 'roeid-ion-0002', email: 'ion.ionescu@example.ro', email_verified: true, given_name: 'Ion', family_name: 'Ionescu' },
      { sub: 'roeid-sef-0003', email: 'sef.oidc@example.ro', email_verified: true, given_name: 'Maria', family_name: 'Șef' },
      { sub: 'roeid-nv-0004', email: 'ion.ionescu@example.ro', email_verified: false, given_name: 'Ion', family_name: 'Fals' },
      { sub: 'roeid-vasile-0005', email: 'vasile.pop@roeid.example', email_verified: true, given_name: 'Vasile', family_name: 'Pop', cnp: '1630615123457' },
      { sub: 'roeid-intrus-0006', email: 'intrus@roeid.example', email_verified: true, given_name: 'Ilie', family_name: 'Intrus', cnp: '1800101123450' },
      { sub: 'roeid-comun-0007', email: 'familia.comuna@example.ro', email_verified: true, given_name: 'Dan', family_name: 'Comun', cnp: validCnp(510) },
      { sub: 'roeid-legat-0008', email: 'legat@roeid.example', email_verified: true, given_name: 'Radu', family_name: 'Legat', cnp: validCnp(512) },
    ],
  });
  t = await startTestApp({
    workers: false,
    config: {
      baseUrl: base,
      secureCookies: false,
      oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, name: 'ROeID', scope: 'openid email profile cnp', cnpClaim: 'cnp' },
    },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await t?.stop();
  await provider?.stop();
});

type Outcome = { res: Response & { text_: string }; callbackUrl: URL };

/**
 * Drives a browser through the whole flow over real HTTP: our start URL, the provider's login and consent forms,
 * back to our callback. `tamper` may change the callback URL before the browser follows it.
 */
async function signIn(jar: CookieJar, login: string, options: { tamper?: (u: URL) => void; deny?: boolean } = {}): Promise<Outcome> {
  let res = await jar.fetch(`${base}/autentificare/oidc/start?next=${encodeURIComponent('/cont/datele-mele')}`);
  expect(res.status).toBe(303);
  let url = new URL(res.headers.get('location')!, base);
  expect(url.origin).toBe(provider.issuer);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('state')).toBeTruthy();
  expect(url.searchParams.get('nonce')).toBeTruthy();
  for (let step = 0; step < 20; step++) {
    if (url.href.startsWith(`${base}${CALLBACK}`)) {
      options.tamper?.(url);
      return { res: await jar.fetch(url.href), callbackUrl: url };
    }
    res = await jar.fetch(url.href);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      continue;
    }
    expect(res.status).toBe(200);
    const form = readForm(res.text_, url.href);
    if (!form) throw new Error(`unexpected provider page: ${res.text_.slice(0, 300)}`);
    if (form.fields.prompt === 'consent' && options.deny) {
      const abort = /<a href="([^"]+)">\[ Cancel \]/.exec(res.text_)![1]!;
      res = await jar.fetch(new URL(abort.replace(/&amp;/g, '&'), url).href);
    } else {
      const fields = form.fields.prompt === 'login' ? { ...form.fields, login, password: 'orice' } : form.fields;
      res = await jar.fetch(form.action, { form: fields });
    }
    expect(res.status).toBeGreaterThanOrEqual(300);
    url = new URL(res.headers.get('location')!, url);
  }
  throw new Error('the flow did not come back to the callback');
}

async function sessionAccount(jar: CookieJar): Promise<{ accountId: string; mfaPassed: boolean } | null> {
  const token = jar.get(base, 'pd_session');
  if (!token) return null;
  const [row] = await t.database.db
    .select({ accountId: session.accountId, mfaPassed: session.mfaPassed })
    .from(session)
    .where(eq(session.id, hashToken(token)));
  return row ?? null;
}

async function refusals(accountId: string) {
  return t.database.db
    .select({ actorId: auditEntry.actorId, details: auditEntry.details })
    .from(auditEntry)
    .where(and(eq(auditEntry.subjectId, accountId), eq(auditEntry.action, 'account.oidc_refused_other_person')));
}

async function accountsWithEmail(email: string) {
  return t.database.db.select().from(account).where(sql`lower(${account.email}) = ${email}`);
}

async function insertAccount(input: { email: string; verified: boolean; official?: boolean; totp?: boolean; first: string; last: string }) {
  const id = randomUUID();
  await t.database.db.insert(account).values({
    id,
    email: input.email,
    emailVerifiedAt: input.verified ? new Date() : null,
    passwordHash: null,
    displayName: `${input.first} ${input.last}`,
    isOfficial: input.official ?? false,
    totpEnabledAt: input.totp ? new Date() : null,
  });
  if (!input.official) await t.database.db.insert(person).values({ accountId: id, firstName: input.first, lastName: input.last });
  return id;
}

describe('sign-in with an OpenID Connect provider', () => {
  it('offers "Autentificare cu ROeID" on the sign-in page and on its information page', async () => {
    const signInPage = await (await fetch(`${base}/autentificare`)).text();
    expect(signInPage).toContain('Autentificare cu ROeID');
    const res = await fetch(`${base}/autentificare/oidc`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Autentificare cu ROeID');
    expect(html).toContain('href="/autentificare/oidc/start"');
  });

  it('creates a new person account from the provider and signs them in; the next sign-in reuses it', async () => {
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-ana-0001');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cont/datele-mele');
    const signedIn = await sessionAccount(jar);
    expect(signedIn?.mfaPassed).toBe(true);
    const created = await accountsWithEmail('ana.popescu@example.ro');
    expect(created).toHaveLength(1);
    expect(created[0]!.id).toBe(signedIn!.accountId);
    expect(created[0]!.passwordHash).toBeNull();
    expect(created[0]!.emailVerifiedAt).not.toBeNull();
    expect(created[0]!.displayName).toBe('Ana Popescu');
    const [p] = await t.database.db.select().from(person).where(eq(person.accountId, signedIn!.accountId));
    expect(p).toMatchObject({ firstName: 'Ana', lastName: 'Popescu', cnp: '2870722440538' });
    // The session cookie is httpOnly and SameSite=Lax, like the password sign-in's.
    const page = await jar.fetch(`${base}/autentificare/oidc`);
    expect(page.status).toBe(200);

    const registered = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.subjectId, signedIn!.accountId), eq(auditEntry.action, 'account.registered')));
    expect(registered).toHaveLength(1);

    // Another browser, the same person at the provider: the same account, no duplicate.
    const again = new CookieJar();
    const second = await signIn(again, 'roeid-ana-0001');
    expect(second.res.status).toBe(303);
    const signedInAgain = await sessionAccount(again);
    expect(signedInAgain?.accountId).toBe(signedIn!.accountId);
    expect(await accountsWithEmail('ana.popescu@example.ro')).toHaveLength(1);
    const identities = await t.database.db.select().from(oidcIdentity).where(eq(oidcIdentity.subject, 'roeid-ana-0001'));
    expect(identities).toHaveLength(1);
    expect(identities[0]!.issuer).toBe(provider.issuer);
  });

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const jar = new CookieJar();
    let cookieHeader = '';
    const original = jar.absorb.bind(jar);
    jar.absorb = (url, res) => {
      for (const c of res.headers.getSetCookie()) if (c.startsWith('pd_session=')) cookieHeader = c;
      original(url, res);
    };
    await signIn(jar, 'roeid-ana-0001');
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Lax/i);
    expect(cookieHeader).toMatch(/Path=\//);
  });

  it('links an existing account with the same verified email instead of creating a duplicate, and audits it', async () => {
    const existingId = await insertAccount({ email: 'ion.ionescu@example.ro', verified: true, first: 'Ion', last: 'Ionescu' });
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-ion-0002');
    expect(res.status).toBe(303);
    expect((await sessionAccount(jar))?.accountId).toBe(existingId);
    expect(await accountsWithEmail('ion.ionescu@example.ro')).toHaveLength(1);
    const [identity] = await t.database.db.select().from(oidcIdentity).where(eq(oidcIdentity.subject, 'roeid-ion-0002'));
    expect(identity?.accountId).toBe(existingId);
    const linked = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.subjectId, existingId), eq(auditEntry.action, 'account.oidc_linked')));
    expect(linked).toHaveLength(1);
  });

  it('confirms the identity of the signed-in person on their own account, whatever e-mail the provider knows', async () => {
    // Registered with a password and another address; the same CNP declared by someone else too.
    const own = await insertAccount({ email: 'vasile.parola@example.ro', verified: true, first: 'Vasile', last: 'Pop' });
    const other = await insertAccount({ email: 'altcineva.vasile@example.ro', verified: true, first: 'Vasile', last: 'Pop' });
    await t.database.query('UPDATE person SET cnp = $1 WHERE account_id = ANY($2)', ['1630615123457', [own, other]]);
    const jar = new CookieJar();
    jar.set(base, 'pd_session', await insertSession(t.deps.db, { accountId: own, mfaPassed: true, ip: null, userAgent: null, absoluteHours: 12, now: new Date() }));
    const home = await jar.fetch(`${base}/cont`);
    expect(home.text_).toContain('CNP-ul din cont este doar declarat');
    expect(home.text_).toContain('href="/autentificare/oidc/start?next=%2Fcont"');

    const { res } = await signIn(jar, 'roeid-vasile-0005');
    expect(res.status).toBe(303);
    // Before: a second account, under the provider's address, took the CNP — off the person's own account too.
    expect((await sessionAccount(jar))?.accountId).toBe(own);
    expect(await accountsWithEmail('vasile.pop@roeid.example')).toHaveLength(0);
    const cnps = await t.database.query<{ account_id: string; cnp: string | null; by: string | null }>('SELECT account_id, cnp, cnp_verified_by AS by FROM person WHERE account_id = ANY($1)', [[own, other]]);
    expect(cnps.find((r) => r.account_id === own)).toMatchObject({ cnp: '1630615123457', by: `oidc:${provider.issuer}` });
    expect(cnps.find((r) => r.account_id === other)?.cnp).toBeNull();
    expect((await jar.fetch(`${base}/cont`)).text_).toContain('Identitatea dumneavoastră este confirmată');
  });

  it('does not link someone else’s identity to an account whose identity is confirmed, through a session left open', async () => {
    const own = await insertAccount({ email: 'confirmata@example.ro', verified: true, first: 'Ana', last: 'Confirmată' });
    await t.database.query("UPDATE person SET cnp = $1, cnp_verified_at = now(), cnp_verified_by = 'counter:test' WHERE account_id = $2", [validCnp(500), own]);
    const jar = new CookieJar();
    jar.set(base, 'pd_session', await insertSession(t.deps.db, { accountId: own, mfaPassed: true, ip: null, userAgent: null, absoluteHours: 12, now: new Date() }));
    const { res } = await signIn(jar, 'roeid-intrus-0006');
    expect(res.status).toBe(409);
    expect(res.text_).toContain('este a altei persoane (alt CNP) decât cea confirmată pentru acest cont');
    expect(res.text_).toContain('veniți cu actul de identitate la registratura primăriei');
    const [identity] = await t.database.db.select().from(oidcIdentity).where(eq(oidcIdentity.subject, 'roeid-intrus-0006'));
    expect(identity).toBeUndefined();
    const [person_] = await t.database.query<{ cnp: string }>('SELECT cnp FROM person WHERE account_id = $1', [own]);
    expect(person_?.cnp).toBe(validCnp(500));
    expect(await refusals(own)).toEqual([{ actorId: own, details: { issuer: provider.issuer, subject: 'roeid-intrus-0006', by: 'signed_in' } }]);
  });

  it('does not let a provider’s CNP replace the confirmed identity of the account it meets by verified e-mail, and tells to go to the registry', async () => {
    // A mailbox two people share: the account's identity was confirmed at the counter for one, ROeID asserts the other.
    const own = await insertAccount({ email: 'familia.comuna@example.ro', verified: true, first: 'Ana', last: 'Comun' });
    await t.database.query("UPDATE person SET cnp = $1, cnp_verified_at = now(), cnp_verified_by = 'counter:test' WHERE account_id = $2", [validCnp(511), own]);
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-comun-0007');
    expect(res.status).toBe(409);
    expect(res.text_).toContain('în el este confirmată identitatea altei persoane (alt CNP)');
    expect(res.text_).toContain('veniți cu actul de identitate la registratura primăriei');
    expect(jar.get(base, 'pd_session')).toBeUndefined();
    const [identity] = await t.database.db.select().from(oidcIdentity).where(eq(oidcIdentity.subject, 'roeid-comun-0007'));
    expect(identity).toBeUndefined();
    const [kept] = await t.database.query<{ cnp: string; by: string }>('SELECT cnp, cnp_verified_by AS by FROM person WHERE account_id = $1', [own]);
    expect(kept).toEqual({ cnp: validCnp(511), by: 'counter:test' });
    expect(await accountsWithEmail('familia.comuna@example.ro')).toHaveLength(1);
    expect(await refusals(own)).toEqual([{ actorId: null, details: { issuer: provider.issuer, subject: 'roeid-comun-0007', by: 'verified_email' } }]);
    // The person reads it on their access log, in words.
    const mine = new CookieJar();
    mine.set(base, 'pd_session', await insertSession(t.deps.db, { accountId: own, mfaPassed: true, ip: null, userAgent: null, absoluteHours: 12, now: new Date() }));
    expect((await mine.fetch(`${base}/cont/datele-mele`)).text_).toContain('Autentificare refuzată: identitatea transmisă de furnizorul de identitate');

    const english = new CookieJar();
    english.set(base, 'pd_lang', 'en');
    const again = await signIn(english, 'roeid-comun-0007');
    expect(again.res.text_).toContain('it holds the confirmed identity of another person (another CNP)');
    expect(again.res.text_).toContain('bring your identity document to the city hall’s registry office');
  });

  it('does not let a linked provider identity replace a CNP the registry confirmed since', async () => {
    const jar = new CookieJar();
    expect((await signIn(jar, 'roeid-legat-0008')).res.status).toBe(303);
    const accountId = (await sessionAccount(jar))!.accountId;
    // The registry checked the person's identity card and confirmed another CNP on the account.
    await t.database.query("UPDATE person SET cnp = $1, cnp_verified_by = 'counter:test' WHERE account_id = $2", [validCnp(513), accountId]);
    const later = new CookieJar();
    const { res } = await signIn(later, 'roeid-legat-0008');
    expect(res.status).toBe(409);
    expect(res.text_).toContain('este a altei persoane (alt CNP) decât cea confirmată pentru acest cont');
    expect(later.get(base, 'pd_session')).toBeUndefined();
    const [kept] = await t.database.query<{ cnp: string }>('SELECT cnp FROM person WHERE account_id = $1', [accountId]);
    expect(kept?.cnp).toBe(validCnp(513));
    expect(await refusals(accountId)).toHaveLength(1);
  });

  it('does not link on an email the provider has not verified', async () => {
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-nv-0004');
    expect(res.status).toBe(409);
    expect(res.text_).toContain('Autentificarea nu a reușit');
    expect(res.text_).toContain('nu este confirmată de ambele părți');
    expect(jar.get(base, 'pd_session')).toBeUndefined();
    const [identity] = await t.database.db.select().from(oidcIdentity).where(eq(oidcIdentity.subject, 'roeid-nv-0004'));
    expect(identity).toBeUndefined();
  });

  it('refuses a callback whose state was tampered with, without signing anyone in', async () => {
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-ana-0001', { tamper: (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`) });
    expect(res.status).toBe(400);
    expect(res.text_).toContain('Autentificarea nu a reușit');
    expect(res.text_).toContain('nu corespunde cererii făcute din acest browser');
    expect(res.text_).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(jar.get(base, 'pd_session')).toBeUndefined();
  });

  it('refuses a callback without the browser’s pending sign-in (another browser, or replayed)', async () => {
    const jar = new CookieJar();
    const { callbackUrl } = await signIn(jar, 'roeid-ana-0001', { tamper: () => {} });
    // The same callback again: the pending state was single use.
    const replay = await jar.fetch(callbackUrl.href);
    expect(replay.status).toBe(400);
    expect(replay.text_).toContain('Sesiunea de autentificare a expirat');
    const stranger = await new CookieJar().fetch(callbackUrl.href);
    expect(stranger.status).toBe(400);
  });

  it('explains a denied consent in Romanian and English', async () => {
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-ion-0002', { deny: true });
    expect(res.status).toBe(400);
    expect(res.text_).toContain('Ați refuzat transmiterea datelor');
    expect(jar.get(base, 'pd_session')).toBeUndefined();

    const en = new CookieJar();
    en.set(base, 'pd_lang', 'en');
    const denied = await signIn(en, 'roeid-ion-0002', { deny: true });
    expect(denied.res.text_).toContain('You declined to share your details');
  });

  it('sends an official with two-factor to the code step: the provider does not replace their TOTP', async () => {
    const officialId = await insertAccount({ email: 'sef.oidc@example.ro', verified: true, official: true, totp: true, first: 'Maria', last: 'Șef' });
    const jar = new CookieJar();
    const { res } = await signIn(jar, 'roeid-sef-0003');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/autentificare/doi-factori?next=${encodeURIComponent('/cont/datele-mele')}`);
    expect(await sessionAccount(jar)).toEqual({ accountId: officialId, mfaPassed: false });
  });
});
