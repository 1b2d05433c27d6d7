import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { SESSION_COOKIE } from '../../app.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from './seed-demo.ts';
import { totpCode } from './totp.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';

let t: TestApp;
let clock = Date.now();
/** Moves the app's clock: TOTP codes of a new time step, and lockouts that run out. */
const advance = (seconds: number) => {
  clock += seconds * 1000;
};
const now = () => new Date(clock);

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = now;
});
afterAll(async () => t?.stop());

const CODE_RE = /<code>([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})<\/code>/g;
const recoveryCodesIn = (html: string) => [...html.matchAll(CODE_RE)].map((m) => m[1]!);
const secretIn = (html: string) => /id="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '') ?? '';
const code = (secret: string) => totpCode(secret, now());
/** A 6-digit code that is none of the codes accepted right now. */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(clock + d))));
  for (let n = 0; ; n++) {
    const c = String(123456 + n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

async function signIn(c: Client, email: string, password = DEMO_ACCOUNTS.maria.password, next?: string) {
  await c.get(next ? `/autentificare?next=${encodeURIComponent(next)}` : '/autentificare');
  return c.post('/autentificare', { email, password, ...(next ? { next } : {}) });
}

async function auditCount(action: string, accountId: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry WHERE action = $1 AND subject_id = $2', [action, accountId]);
  return Number(row?.n ?? 0);
}

describe('two-factor authentication for a citizen', () => {
  const maria = DEMO_ACCOUNTS.maria;
  let secret = '';
  let recoveryCodes: string[] = [];

  it('sets up TOTP with a code from the secret shown on the page, then shows 10 recovery codes once', async () => {
    const c = t.client();
    expect((await signIn(c, maria.email)).location).toBe('/cont');
    const setup = await c.get('/cont/doi-factori');
    expect(setup.status).toBe(200);
    expect(setup.body).toContain('Verificarea în doi pași');
    expect(setup.body).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(setup.body).toMatch(/id="totp-secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</);
    secret = secretIn(setup.body);
    // Reloading shows the same secret: what the person scanned stays valid.
    expect(secretIn((await c.get('/cont/doi-factori')).body)).toBe(secret);

    const wrong = await c.post('/cont/doi-factori', { code: wrongCode(secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Codul nu este corect');
    expect(wrong.body).toContain('govuk-error-summary');

    const oldToken = c.cookies.get(SESSION_COOKIE)!;
    const done = await c.post('/cont/doi-factori', { code: code(secret) });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Salvați codurile de recuperare');
    expect(done.body).toContain('download="coduri-recuperare.txt"');
    recoveryCodes = recoveryCodesIn(done.body);
    expect(recoveryCodes).toHaveLength(10);
    // The session was rotated: the new cookie works, the old token is revoked.
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(oldToken);
    expect((await c.get('/cont')).status).toBe(200);
    const stale = t.client();
    stale.cookies.set(SESSION_COOKIE, oldToken);
    expect((await stale.get('/cont')).location).toMatch(/^\/autentificare/);

    // At rest: the secret is encrypted, the recovery codes are hashes.
    const [acc] = await t.database.query<{ totp_secret: string; totp_enabled_at: Date | null }>('SELECT totp_secret, totp_enabled_at FROM account WHERE id = $1', [maria.id]);
    expect(acc!.totp_enabled_at).not.toBeNull();
    expect(acc!.totp_secret).toMatch(/^v1\.k\./);
    expect(acc!.totp_secret).not.toContain(secret);
    const stored = await t.database.query<{ code_hash: string }>('SELECT code_hash FROM recovery_code WHERE account_id = $1', [maria.id]);
    expect(stored).toHaveLength(10);
    for (const r of stored) expect(recoveryCodes.some((rc) => r.code_hash.includes(rc.replace(/-/g, '')))).toBe(false);
    expect(await auditCount('two_factor.enabled', maria.id)).toBe(1);

    const status = await c.get('/cont/doi-factori');
    expect(status.body).toContain('Verificarea în doi pași este activată din');
    expect(status.body).toContain('Coduri de recuperare nefolosite: 10.');
    expect(recoveryCodesIn(status.body)).toHaveLength(0); // shown once only
  });

  it('asks for the code at the next sign-in; a TOTP code passes once and rotates the session', async () => {
    advance(30);
    const c = t.client();
    expect((await signIn(c, maria.email)).location).toBe('/autentificare/doi-factori');
    // Half signed in: every page sends back to the second step.
    expect((await c.get('/cont')).location).toBe('/autentificare/doi-factori?next=%2Fcont');
    const step = await c.get('/autentificare/doi-factori?next=%2Fcont');
    expect(step.status).toBe(200);
    expect(step.body).toContain('Introduceți codul de verificare');
    // The button speaks in the polite form, like the rest of the page.
    expect(step.body).toMatch(/<button[^>]*>\s*Verificați\s*<\/button>/);
    const partialToken = c.cookies.get(SESSION_COOKIE);
    const current = code(secret);
    const ok = await c.post('/autentificare/doi-factori?next=%2Fcont', { code: current });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/cont');
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(partialToken);
    // The full session's cookie lives as long as the session may (as after the password), not just the browser tab.
    expect(String(ok.headers['set-cookie'])).toMatch(/pd_session=[^;]+;[^,]*Max-Age=43200/);
    expect((await c.get('/cont')).status).toBe(200);
    expect(await auditCount('two_factor.passed', maria.id)).toBe(1);

    // The same code again, in another browser, within its 30 seconds: refused.
    const other = t.client();
    await signIn(other, maria.email);
    await other.get('/autentificare/doi-factori');
    const replay = await other.post('/autentificare/doi-factori', { code: current });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('Codul nu este corect sau a fost deja folosit');
  });

  it('goes only to local paths after the second step', async () => {
    advance(30);
    const c = t.client();
    await signIn(c, maria.email);
    await c.get('/autentificare/doi-factori');
    const res = await c.post(`/autentificare/doi-factori?next=${encodeURIComponent('https://evil.example/x')}`, { code: code(secret) });
    expect(res.location).toBe('/cont');
  });

  it('accepts a recovery code instead, once only', async () => {
    const c = t.client();
    await signIn(c, maria.email);
    await c.get('/autentificare/doi-factori');
    const used = recoveryCodes[0]!;
    const ok = await c.post('/autentificare/doi-factori', { code: used.toLowerCase() });
    expect(ok.location).toBe('/cont');
    expect((await c.get('/cont')).body).toContain('Mai aveți 9 coduri nefolosite');
    expect(await auditCount('two_factor.recovery_code_used', maria.id)).toBe(1);

    const again = t.client();
    await signIn(again, maria.email);
    await again.get('/autentificare/doi-factori');
    expect((await again.post('/autentificare/doi-factori', { code: used })).status).toBe(400);
    // A fresh code of the remaining ones still works.
    expect((await again.post('/autentificare/doi-factori', { code: recoveryCodes[1]! })).location).toBe('/cont');
  });

  it('regenerates the recovery codes against a current code: the old ones stop working', async () => {
    const c = t.client();
    await signIn(c, maria.email);
    await c.get('/autentificare/doi-factori');
    await c.post('/autentificare/doi-factori', { code: recoveryCodes[2]! });
    await c.get('/cont/doi-factori');
    // The open session alone is not enough: someone who found it open could mint codes that pass the second step.
    const bare = await c.post('/cont/doi-factori/coduri-noi');
    expect(bare.status).toBe(400);
    expect(bare.body).toContain('Introduceți codul de verificare.');
    const wrong = await c.post('/cont/doi-factori/coduri-noi', { regenerateCode: '000000' });
    expect(wrong.status).toBe(400);
    expect(recoveryCodesIn(wrong.body)).toHaveLength(0);
    const res = await c.post('/cont/doi-factori/coduri-noi', { regenerateCode: recoveryCodes[4]! });
    expect(res.status).toBe(200);
    const fresh = recoveryCodesIn(res.body);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[3]);

    const other = t.client();
    await signIn(other, maria.email);
    await other.get('/autentificare/doi-factori');
    expect((await other.post('/autentificare/doi-factori', { code: recoveryCodes[3]! })).status).toBe(400);
    expect((await other.post('/autentificare/doi-factori', { code: fresh[0]! })).location).toBe('/cont');
    recoveryCodes = fresh.slice(1);
  });

  it('turns two-factor off with a current code', async () => {
    advance(30);
    const c = t.client();
    await signIn(c, maria.email);
    await c.get('/autentificare/doi-factori');
    await c.post('/autentificare/doi-factori', { code: recoveryCodes[0]! });
    await c.get('/cont/doi-factori');
    const wrong = await c.post('/cont/doi-factori/dezactivare', { code: wrongCode(secret) });
    expect(wrong.status).toBe(400);
    const off = await c.post('/cont/doi-factori/dezactivare', { code: code(secret) });
    expect(off.status).toBe(303);
    expect((await c.follow(off)).body).toContain('Verificarea în doi pași a fost dezactivată.');
    const [acc] = await t.database.query<{ totp_enabled_at: Date | null }>('SELECT totp_enabled_at FROM account WHERE id = $1', [maria.id]);
    expect(acc?.totp_enabled_at ?? null).toBeNull();
    expect(await t.database.query('SELECT 1 FROM recovery_code WHERE account_id = $1', [maria.id])).toHaveLength(0);
    expect((await signIn(t.client(), maria.email)).location).toBe('/cont');
  });
});

describe('wrong codes and lockout', () => {
  const ion = DEMO_ACCOUNTS.ion;

  it('refuses wrong codes, locks the second step after 5, then lets the right code in once the lock runs out', async () => {
    advance(30);
    const c = t.client();
    expect((await signIn(c, ion.email, ion.password)).location).toBe('/autentificare/doi-factori');
    await c.get('/autentificare/doi-factori');
    for (let i = 1; i <= 4; i++) {
      const res = await c.post('/autentificare/doi-factori', { code: wrongCode(DEMO_TOTP_SECRET) });
      expect(res.status).toBe(400);
    }
    const fifth = await c.post('/autentificare/doi-factori', { code: wrongCode(DEMO_TOTP_SECRET) });
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain('Prea multe coduri greșite');
    // Locked: even the right code is refused, and a recovery code too.
    const right = await c.post('/autentificare/doi-factori', { code: code(DEMO_TOTP_SECRET) });
    expect(right.status).toBe(429);
    expect(await auditCount('two_factor.code_refused', ion.id)).toBe(5);
    const [row] = await t.database.query<{ failures: number }>('SELECT failures FROM login_throttle WHERE key = $1', [`totp:${ion.id}`]);
    expect(row?.failures).toBe(5);

    advance(90);
    const after = await c.post('/autentificare/doi-factori', { code: code(DEMO_TOTP_SECRET) });
    expect(after.location).toBe('/cont');
    expect(await t.database.query('SELECT 1 FROM login_throttle WHERE key = $1', [`totp:${ion.id}`])).toHaveLength(0);
  });

  it('refuses an empty code with a message on the field', async () => {
    const c = t.client();
    await signIn(c, ion.email, ion.password);
    await c.get('/autentificare/doi-factori');
    const res = await c.post('/autentificare/doi-factori', { code: '' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Introduceți codul de verificare.');
  });
});

describe('two-factor for officials', () => {
  it('an official cannot turn two-factor off', async () => {
    advance(30);
    const inspector = DEMO_ACCOUNTS.inspector;
    const c = t.client();
    await signIn(c, inspector.email, inspector.password);
    await c.get('/autentificare/doi-factori');
    expect((await c.post('/autentificare/doi-factori', { code: code(DEMO_TOTP_SECRET) })).location).toBe('/birou');
    const page = await c.get('/cont/doi-factori');
    expect(page.body).toContain('obligatorie și nu poate fi dezactivată');
    expect(page.body).not.toContain('/cont/doi-factori/dezactivare');
    advance(30);
    const res = await c.post('/cont/doi-factori/dezactivare', { code: code(DEMO_TOTP_SECRET) });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Funcționarii nu pot dezactiva verificarea în doi pași.');
  });

  it('an official without two-factor must set it up before reaching /admin or /cont', async () => {
    advance(30);
    const admin = DEMO_ACCOUNTS.administrator;
    // As after a reset at the counter: the official has no second factor any more.
    await t.database.query('UPDATE account SET totp_secret = NULL, totp_enabled_at = NULL WHERE id = $1', [admin.id]);
    const c = t.client();
    expect((await signIn(c, admin.email, admin.password)).location).toBe('/cont/doi-factori');
    expect((await c.get('/admin')).location).toBe('/cont/doi-factori?next=%2Fadmin');
    expect((await c.get('/cont')).location).toBe('/cont/doi-factori?next=%2Fcont');
    expect((await c.get('/admin/functionari')).location).toBe('/cont/doi-factori?next=%2Fadmin%2Ffunctionari');
    expect((await c.get('/autentificare/doi-factori?next=%2Fadmin')).location).toBe('/cont/doi-factori?next=%2Fadmin');
    const setup = await c.get('/cont/doi-factori?next=%2Fadmin');
    // The half-signed-in session can set up, but not make recovery codes of an earlier setup.
    expect((await c.post('/cont/doi-factori/coduri-noi')).location).toMatch(/^\/autentificare\/doi-factori/);
    expect(setup.status).toBe(200);
    expect(setup.body).toContain('Pentru funcționari verificarea în doi pași este obligatorie');
    const secret = secretIn(setup.body);
    const done = await c.post('/cont/doi-factori', { code: code(secret), next: '/admin' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('href="/admin"');
    expect((await c.get('/admin')).status).toBe(200);
  });
});

describe('the second step locked after wrong codes', () => {
  it('names a retry time at which the lock is really over (rounded up to the minute, never down)', async () => {
    const ion = DEMO_ACCOUNTS.ion;
    // 40 seconds into a minute: the one-minute lock ends 40 seconds into the next one, so naming that minute would
    // send the person back 40 seconds too early.
    const minute = Math.ceil(clock / 60_000) * 60_000;
    clock = minute + 40_000;
    const c = t.client();
    await signIn(c, ion.email, ion.password);
    await c.get('/autentificare/doi-factori');
    for (let i = 1; i <= 4; i++) await c.post('/autentificare/doi-factori', { code: wrongCode(DEMO_TOTP_SECRET) });
    const fifth = await c.post('/autentificare/doi-factori', { code: wrongCode(DEMO_TOTP_SECRET) });
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain(`Puteți încerca din nou după ${formatDateTime(new Date(minute + 2 * 60_000))}.`);
  });

  it('is still the sign-in step: the message on the code field with the time, the form to use then, and a way back to sign-in', async () => {
    const ion = DEMO_ACCOUNTS.ion;
    advance(600);
    const c = t.client();
    await signIn(c, ion.email, ion.password, '/cont/cereri');
    await c.get('/autentificare/doi-factori?next=%2Fcont%2Fcereri');
    for (let i = 1; i <= 4; i++) await c.post('/autentificare/doi-factori?next=%2Fcont%2Fcereri', { code: wrongCode(DEMO_TOTP_SECRET) });
    const locked = await c.post('/autentificare/doi-factori?next=%2Fcont%2Fcereri', { code: wrongCode(DEMO_TOTP_SECRET) });
    expect(locked.status).toBe(429);
    const message = /Prea multe coduri greșite\. Puteți încerca din nou după \d\d\.\d\d\.\d{4} \d\d:\d\d\./;
    // In the error summary, linked to the field, and on the field itself.
    expect(locked.body).toMatch(new RegExp(`govuk-error-summary[\\s\\S]*<a href="#code">${message.source}</a>`));
    expect(locked.body).toMatch(new RegExp(`govuk-error-message"><span class="govuk-visually-hidden">Eroare:</span> ${message.source}`));
    expect(locked.body).toContain('<h1 class="govuk-heading-l">Introduceți codul de verificare</h1>');
    expect(locked.body).toContain('action="/autentificare/doi-factori?next=%2Fcont%2Fcereri"');
    expect(locked.body).toContain('<a class="govuk-link" href="/autentificare?next=%2Fcont%2Fcereri">Înapoi la autentificare</a>');
    expect(locked.body).not.toContain('Prea multe încercări</h1>');

    c.cookies.set('pd_lang', 'en');
    const english = await c.post('/autentificare/doi-factori?next=%2Fcont%2Fcereri', { code: code(DEMO_TOTP_SECRET) });
    expect(english.status).toBe(429);
    expect(english.body).toMatch(/Too many wrong codes\. You can try again after \d\d\.\d\d\.\d{4} \d\d:\d\d\./);
    expect(english.body).toContain('>Back to sign in</a>');
    // The way back works while the second step is locked: the sign-in form, for this or another account.
    const back = await c.get('/autentificare?next=%2Fcont%2Fcereri');
    expect(back.status).toBe(200);
    expect(back.body).toContain('name="password"');
  });
});
