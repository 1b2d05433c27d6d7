import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../app.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { PASSWORD_RESET_JOB } from './request-password-reset.ts';
import { DEMO_ACCOUNTS } from './seed-demo.ts';
import { totpCode } from './totp.ts';
import { countRows, lastEmail, linkIn, PASSWORD, registerPerson, resetRequestsHandled, signInAs } from './test-helpers.ts';

let t: TestApp;
// Each test signs in from its own address, so the per-IP lockout of one test does not spill into another.
let ipCounter = 10;
const fromNewIp = () => ({ 'x-forwarded-for': `203.0.113.${ipCounter++}` });

beforeAll(async () => {
  // Workers on: with them off, pg-boss's queue cache misses notify.deliver and the first send in a transaction waits forever on PGlite.
  t = await startTestApp();
});
afterAll(async () => t?.stop());

/** A registered account, signed out (the helper signs in after registering; we drop that session). */
async function account(n: number): Promise<string> {
  const c = t.client();
  const res = await registerPerson(c, n);
  expect(res.status).toBe(200);
  return `cetatean${n}@exemplu.ro`;
}

const withTime = async <T,>(offsetMs: number, fn: () => Promise<T>): Promise<T> => {
  const real = t.deps.now;
  t.deps.now = () => new Date(Date.now() + offsetMs);
  try {
    return await fn();
  } finally {
    t.deps.now = real;
  }
};

describe('sign in', () => {
  it('answers a wrong password and an unknown email with the same generic message', async () => {
    const email = await account(30);
    const ip = fromNewIp();
    const wrong = await signInAs(t.client(), email, 'nu-e-parola-buna', ip);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('E-mail sau parolă greșită.');
    const unknown = await signInAs(t.client(), 'nimeni@exemplu.ro', 'nu-e-parola-buna', ip);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toContain('E-mail sau parolă greșită.');
    expect(unknown.body).toContain('value="nimeni@exemplu.ro"');
  });

  it('rotates the session: a new pd_session cookie, none reused from before, and lands on next', async () => {
    const email = await account(31);
    const c = t.client();
    await c.get('/autentificare?next=/cont/profil');
    const anon = c.cookies.get('pd_anon');
    expect(anon).toBeTruthy();
    const res = await c.request('POST', '/autentificare', { _csrf: c.csrf, email, password: PASSWORD, next: '/cont/profil' }, fromNewIp());
    expect(res.status).toBe(303);
    expect(res.location).toBe('/cont/profil');
    const first = c.cookies.get(SESSION_COOKIE);
    expect(first).toBeTruthy();
    expect(first).not.toBe(anon);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/pd_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    await c.get('/cont'); // the sign-out form carries the token bound to the current session
    const again = await c.request('POST', '/autentificare', { _csrf: c.csrf, email, password: PASSWORD }, fromNewIp());
    expect(again.status).toBe(303);
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(first);
    // The session the browser held before is over.
    const old = t.client();
    old.cookies.set(SESSION_COOKIE, first!);
    expect((await old.get('/cont')).status).toBe(303);
  });

  it('says why a visitor sent from a service must sign in, and that an account is quick to create', async () => {
    const sent = await t.client().get('/autentificare?next=%2Fservicii%2Fdgitl5%2FCERT-FISCAL%2Fcerere');
    expect(sent.body).toContain('Dacă nu aveți încă un cont, îl creați în câteva minute');
    expect(sent.body).toContain('href="/inregistrare?next=%2Fservicii%2Fdgitl5%2FCERT-FISCAL%2Fcerere"');
    expect((await t.client().get('/autentificare')).body).not.toContain('Pentru a continua');
  });

  it('names the service an anonymous visitor clicked "Depuneți cererea online" for, and takes them to its application after sign-in', async () => {
    const c = t.client();
    const clicked = await c.get('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect(clicked.status).toBe(303);
    const page = await c.get(clicked.location!);
    expect(page.body).toContain('Autentificați-vă pentru a depune cererea: Certificat de atestare fiscală.');
    expect(page.body).toContain('<input type="hidden" name="next" value="/servicii/dgitl5/CERT-FISCAL/cerere"/>');
    c.cookies.set('pd_lang', 'en');
    expect((await c.get(clicked.location!)).body).toContain('Sign in to apply for: Local tax clearance certificate.');
    c.cookies.delete('pd_lang');
    // Through the second factor too (Ion has it on), back at the service's application, with its name.
    const { ion } = DEMO_ACCOUNTS;
    const res = await c.request('POST', '/autentificare', { _csrf: c.csrf, email: ion.email, password: ion.password, next: '/servicii/dgitl5/CERT-FISCAL/cerere' }, fromNewIp());
    expect(res.location).toBe('/autentificare/doi-factori?next=%2Fservicii%2Fdgitl5%2FCERT-FISCAL%2Fcerere');
    await c.get(res.location!);
    const second = await c.post(res.location!, { code: totpCode(ion.totpSecret!, new Date()) });
    expect(second.location).toBe('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect((await c.get(second.location!)).body).toContain('Certificat de atestare fiscală</h1>');

    // Only a service of the catalogue is named, looked up from a path of this site; anything else gets the general lead.
    for (const next of ['/servicii/dgitl5/NU-EXISTA/cerere', '//evil.example/servicii/dgitl5/CERT-FISCAL/cerere', '/cont/profil']) {
      const other = await t.client().get(`/autentificare?next=${encodeURIComponent(next)}`);
      expect(other.status).toBe(200);
      expect(other.body).not.toContain('pentru a depune cererea');
    }
  });

  it('ignores a next parameter that leaves the site', async () => {
    const email = await account(32);
    const c = t.client();
    await c.get('/autentificare');
    const res = await c.request('POST', '/autentificare', { _csrf: c.csrf, email, password: PASSWORD, next: '//evil.example/x' }, fromNewIp());
    expect(res.location).toBe('/cont');
  });

  it('locks after 5 failures from one address, refuses even the right password there, and says when to retry', async () => {
    const email = await account(33);
    const ip = fromNewIp();
    for (let i = 1; i <= 4; i++) expect((await signInAs(t.client(), email, `gresit-${i}-parola`, ip)).status).toBe(401);
    const fifth = await signInAs(t.client(), email, 'gresit-5-parola', ip);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain('Prea multe încercări nereușite');
    expect(fifth.body).toMatch(/Încercați din nou după \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    const right = await signInAs(t.client(), email, PASSWORD, ip);
    expect(right.status).toBe(429);

    // A stranger's five guesses do not lock the owner out: from the owner's own address the right password works,
    // and clears the account's counter.
    const owner = await signInAs(t.client(), email, PASSWORD, fromNewIp());
    expect(owner.status).toBe(303);
    expect(await countRows(t, 'login_throttle WHERE key = $1', [`email:${email}`])).toBe(0);

    // A minute later the right password works from the first address too.
    const later = await withTime(61_000, () => signInAs(t.client(), email, PASSWORD, ip));
    expect(later.status).toBe(303);
  });

  it('names a retry time at which the lock is really over (rounded up to the minute, never down)', async () => {
    const email = await account(45);
    const ip = fromNewIp();
    // 12:00:40 in Bucharest: the one-minute lock runs until 12:01:40, so "after 12:01" would send the person back too early.
    const at = new Date('2026-03-10T10:00:40Z').getTime() - Date.now();
    for (let i = 1; i <= 4; i++) await withTime(at, () => signInAs(t.client(), email, `gresit-${i}-parola`, ip));
    const fifth = await withTime(at, () => signInAs(t.client(), email, 'gresit-5-parola', ip));
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain('Încercați din nou după 10.03.2026 12:02.');
    // At the time named, the right password works.
    expect((await withTime(at + 80_000, () => signInAs(t.client(), email, PASSWORD, ip))).status).toBe(303);
  });

  it('locks the account everywhere after 20 failures spread over many addresses', async () => {
    const email = await account(44);
    for (let i = 1; i < 20; i++) expect((await signInAs(t.client(), email, `gresit-${i}-parola`, fromNewIp())).status).toBe(401);
    expect((await signInAs(t.client(), email, 'gresit-20-parola', fromNewIp())).status).toBe(429);
    expect((await signInAs(t.client(), email, PASSWORD, fromNewIp())).status).toBe(429);
  });

  it('doubles the lock after the next failure once it has expired', async () => {
    const email = await account(34);
    const ip = fromNewIp();
    for (let i = 1; i <= 5; i++) await signInAs(t.client(), email, `gresit-${i}-parola`, ip);
    await withTime(61_000, () => signInAs(t.client(), email, 'gresit-6-parola', ip));
    const [row] = await t.database.query<{ failures: number; minutes: number }>(
      'SELECT failures, round(extract(epoch FROM locked_until - updated_at) / 60)::int AS minutes FROM login_throttle WHERE key = $1',
      [`email-ip:${email}|${ip['x-forwarded-for']}`],
    );
    expect(row).toEqual({ failures: 6, minutes: 2 });
  });
});

describe('sign out', () => {
  it('signs out with the header button', async () => {
    const email = await account(35);
    const c = t.client();
    await signInAs(c, email, PASSWORD, fromNewIp());
    const page = await c.get('/cont');
    expect(page.status).toBe(200);
    const res = await c.post('/deconectare');
    expect(res.status).toBe(303);
    expect((await c.get('/cont')).status).toBe(303);
  });

  it('"sign out everywhere else" makes another browser anonymous and keeps this one', async () => {
    const email = await account(36);
    const laptop = t.client();
    const phone = t.client();
    await signInAs(laptop, email, PASSWORD, fromNewIp());
    await signInAs(phone, email, PASSWORD, fromNewIp());
    const list = await laptop.get('/cont/sesiuni');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Aceasta');
    // The header row, the two browsers and the session the registration opened.
    expect((list.body.match(/<tr class="govuk-table__row"/g) ?? []).length).toBe(4);
    expect(list.body.match(/>Aceasta</g)?.length).toBe(1);
    const res = await laptop.post('/cont/sesiuni/celelalte');
    expect(res.status).toBe(303);
    expect((await phone.get('/cont')).status).toBe(303);
    expect((await laptop.get('/cont')).status).toBe(200);
    expect(await countRows(t, "audit_entry WHERE action = 'account.sessions_revoked'")).toBeGreaterThan(0);

    const all = await laptop.post('/cont/sesiuni/toate');
    expect(all.location).toBe('/autentificare');
    expect((await laptop.get('/cont')).status).toBe(303);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const email = await account(37);
    const c = t.client();
    await signInAs(c, email, PASSWORD, fromNewIp());
    expect((await c.get('/cont')).status).toBe(200);
    const idle = (t.deps.config.session.idleMinutes + 1) * 60_000;
    const res = await withTime(idle, () => c.get('/cont'));
    expect(res.status).toBe(303);
    expect(res.location).toBe('/autentificare?next=%2Fcont');
    // Revoked, not just refused: coming back to the present does not revive it.
    expect((await c.get('/cont')).status).toBe(303);
  });
});

describe('password reset', () => {
  it('answers byte for byte the same whether or not the email exists, and e-mails only the account', async () => {
    const email = await account(38);
    const c = t.client();
    // Same length, so that not even the echoed address tells the two answers apart.
    const unknownEmail = 'necunoscut@exemplu.ro';
    expect(unknownEmail).toHaveLength(email.length);
    const known = await c.post('/parola-uitata', { email });
    const unknown = await c.post('/parola-uitata', { email: unknownEmail });
    expect(known.status).toBe(200);
    const answer = (r: typeof known, address: string) => ({
      status: r.status,
      headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'date' && k !== 'x-request-id')),
      body: r.body.replaceAll(address, '«e-mail»'),
    });
    expect(answer(unknown, unknownEmail)).toEqual(answer(known, email));
    await resetRequestsHandled(t, email);
    await resetRequestsHandled(t, unknownEmail);
    expect((await lastEmail(t, email))?.template).toBe('identity.reset_password.v1');
    expect(await countRows(t, 'outbox_message WHERE recipient = $1', [unknownEmail])).toBe(0);
  });

  it('resets through the emailed link: old password refused, other sessions signed out, notice emailed', async () => {
    const email = await account(39);
    const other = t.client();
    await signInAs(other, email, PASSWORD, fromNewIp());
    expect((await other.get('/cont')).status).toBe(200);

    const c = t.client();
    await c.post('/parola-uitata', { email });
    await resetRequestsHandled(t, email);
    const mail = await lastEmail(t, email);
    expect(mail?.template).toBe('identity.reset_password.v1');
    const link = linkIn(mail!.body_text, '/resetare-parola');

    const form = await c.get(link);
    expect(form.status).toBe(200);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const weak = await c.post('/resetare-parola', { token, password: 'scurta', passwordConfirm: 'scurta' });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('Parola trebuie să aibă cel puțin 10 caractere');

    const NEW = 'Alta-parola-lunga-2026';
    const done = await c.post('/resetare-parola', { token, password: NEW, passwordConfirm: NEW });
    expect(done.status).toBe(303);
    expect((await c.follow(done)).body).toContain('Parola a fost schimbată');

    expect((await other.get('/cont')).status).toBe(303);
    expect((await signInAs(t.client(), email, PASSWORD, fromNewIp())).status).toBe(401);
    expect((await signInAs(t.client(), email, NEW, fromNewIp())).status).toBe(303);
    expect((await lastEmail(t, email))?.template).toBe('identity.password_changed.v1');
    expect(await countRows(t, "audit_entry WHERE action = 'account.password_reset'")).toBe(1);

    // The link works once.
    const reuse = await t.client().get(link);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toContain('Linkul de resetare nu mai este valabil');
    // Opened again after it worked: the way on is signing in with the new password, not another link.
    expect(reuse.body).toContain('Dacă ați ales deja o parolă nouă cu acest link, ea este valabilă: <a class="govuk-link" href="/autentificare">autentificați-vă cu parola nouă.</a>');
  });

  it('refuses a reset link older than an hour', async () => {
    const email = await account(40);
    const c = t.client();
    await c.post('/parola-uitata', { email });
    await resetRequestsHandled(t, email);
    const link = linkIn((await lastEmail(t, email))!.body_text, '/resetare-parola');
    const res = await withTime(61 * 60_000, () => t.client().get(link));
    expect(res.status).toBe(400);
  });
});

describe('password reset requests, before any job has run', () => {
  it('do the same work for a known and an unknown address: one queued job each, no link and no e-mail yet', async () => {
    // A web-only process: nothing handles the queue, so what the request itself did stays visible.
    const web = await startTestApp({ workers: false });
    try {
      const c = web.client();
      await c.post('/parola-uitata', { email: DEMO_ACCOUNTS.ion.email });
      await c.post('/parola-uitata', { email: 'necunoscut@example.demo' });
      const jobs = await web.database.query<{ data: Record<string, unknown> }>('SELECT data FROM pgboss.job WHERE name = $1 ORDER BY created_on', [PASSWORD_RESET_JOB]);
      expect(jobs.map((j) => j.data)).toEqual([
        { email: DEMO_ACCOUNTS.ion.email, ip: '127.0.0.1' },
        { email: 'necunoscut@example.demo', ip: '127.0.0.1' },
      ]);
      expect(await countRows(web, "account_token WHERE account_id = $1 AND purpose = 'reset_password'", [DEMO_ACCOUNTS.ion.id])).toBe(0);
      expect(await countRows(web, "outbox_message WHERE template = 'identity.reset_password.v1'")).toBe(0);
    } finally {
      await web.stop();
    }
  });
});

describe('profile', () => {
  async function signedIn(n: number): Promise<Client> {
    const email = await account(n);
    const c = t.client();
    await signInAs(c, email, PASSWORD, fromNewIp());
    await c.get('/cont');
    return c;
  }

  it('saves display name, phone, address, notifications and language, and audits the change', async () => {
    const c = await signedIn(41);
    const page = await c.get('/cont/profil');
    expect(page.body).toContain('Adresa de e-mail nu poate fi schimbată online');
    const res = await c.post('/cont/profil', {
      displayName: 'Ioana P.',
      phone: '+40 733 000 111',
      address: 'Str. Exemplului 1, București',
      notify: ['email', 'sms'],
      locale: 'en',
    });
    expect(res.status).toBe(303);
    const after = await c.follow(res);
    expect(after.body).toContain('Your changes have been saved.');
    expect(after.body).toContain('<html lang="en"');
    const [row] = await t.database.query<Record<string, unknown>>(
      `SELECT a.display_name, a.phone, a.notify_sms, a.notify_email, a.locale, p.address FROM account a JOIN person p ON p.account_id = a.id WHERE a.email = $1`,
      ['cetatean41@exemplu.ro'],
    );
    expect(row).toEqual({
      display_name: 'Ioana P.',
      phone: '+40733000111',
      notify_sms: true,
      notify_email: true,
      locale: 'en',
      address: 'Str. Exemplului 1, București',
    });
    const [audit] = await t.database.query<{ details: { fields: string[] } }>(
      "SELECT e.details FROM audit_entry e JOIN account a ON a.id = e.subject_id WHERE e.action = 'account.profile_updated' AND a.email = $1",
      ['cetatean41@exemplu.ro'],
    );
    expect(audit?.details.fields.sort()).toEqual(['address', 'displayName', 'locale', 'notifySms', 'phone']);
  });

  it('says plainly that nothing will be sent any more when both notification boxes are cleared', async () => {
    const c = await signedIn(46);
    const res = await c.post('/cont/profil', { displayName: 'Ioana Popescu', phone: '0722 123 456', address: '', locale: 'ro' });
    expect(res.status).toBe(303);
    expect((await c.follow(res)).body).toContain('Nu vă mai anunțăm nimic, nici prin e-mail, nici prin SMS');
    // Ticking e-mail again is an ordinary save.
    const back = await c.post('/cont/profil', { displayName: 'Ioana Popescu', phone: '0722 123 456', address: '', notify: 'email', locale: 'ro' });
    expect((await c.follow(back)).body).toContain('Modificările au fost salvate.</');
  });

  it('refuses SMS notifications without a phone number', async () => {
    const c = await signedIn(42);
    const res = await c.post('/cont/profil', { displayName: 'Ioana', phone: '', notify: 'sms', locale: 'ro' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Pentru notificări prin SMS introduceți un număr de telefon');
  });

  it('sends an anonymous visitor of /cont to sign in', async () => {
    const res = await t.client().get('/cont/profil');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/autentificare?next=%2Fcont%2Fprofil');
  });
});

describe('JSON API', () => {
  it('signs in, reads and changes /api/v1/me, and signs out', async () => {
    const email = await account(43);
    const c = t.client();
    await c.get('/autentificare');
    const wrong = await c.api('POST', '/api/v1/auth/login', { email, password: 'gresita-parola' });
    expect(wrong.status).toBe(401);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('identity.sign_in.invalid');

    const login = await c.api('POST', '/api/v1/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const body = login.json<{ next: string; csrfToken: string }>();
    expect(body.next).toBe('done');
    c.csrf = body.csrfToken;

    const me = await c.api('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ email, emailVerified: false, firstName: 'Ioana', lastName: 'Popescu', locale: 'ro' });

    const bad = await c.api('PATCH', '/api/v1/me', { phone: '123' });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string> } }>().error.fields.phone).toBe('identity.phone.invalid');

    const patched = await c.api('PATCH', '/api/v1/me', { displayName: 'I. Popescu', notifyEmail: false });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ displayName: 'I. Popescu', notifyEmail: false });

    expect((await c.api('POST', '/api/v1/auth/logout', {})).status).toBe(204);
    expect((await c.api('GET', '/api/v1/me')).status).toBe(401);
  });

  it('takes the TOTP code of an account with two-factor through the API, with a new session and CSRF token', async () => {
    const ion = DEMO_ACCOUNTS.ion;
    const c = t.client();
    const login = await c.request('POST', '/api/v1/auth/login', JSON.stringify({ email: ion.email, password: ion.password }), { 'content-type': 'application/json', accept: 'application/json', ...fromNewIp() });
    const first = login.json<{ next: string; csrfToken: string }>();
    expect(first.next).toBe('second_factor');
    c.csrf = first.csrfToken;
    expect((await c.api('GET', '/api/v1/me/cases')).json<{ error: { code: string } }>().error.code).toBe('second_factor_required');
    const passwordSession = c.cookies.get(SESSION_COOKIE);

    const wrong = await c.api('POST', '/api/v1/auth/second-factor', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ error: { code: string; fields: Record<string, string> } }>().error).toMatchObject({ code: 'two_factor.wrong_code', fields: { code: 'two_factor.wrong_code' } });

    const passed = await withTime(60_000, () => c.api('POST', '/api/v1/auth/second-factor', { code: totpCode(ion.totpSecret!, new Date(Date.now() + 60_000)) }));
    expect(passed.status).toBe(200);
    const second = passed.json<{ next: string; csrfToken: string }>();
    expect(second.next).toBe('done');
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(passwordSession);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    c.csrf = second.csrfToken;
    expect((await withTime(60_000, () => c.api('GET', '/api/v1/me/cases'))).status).toBe(200);
    // The new session takes changes with the new token only.
    expect((await withTime(60_000, () => c.api('PATCH', '/api/v1/me', { notifySms: false }))).status).toBe(200);
  });
});
