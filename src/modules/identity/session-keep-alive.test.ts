import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed-demo.ts';
import { signInAs } from './test-helpers.ts';

/*
 * WCAG 2.2.1 Timing Adjustable: a signed-in page warns before the session ends for inactivity, and "Continuați
 * sesiunea" keeps it alive. The button's call must really move the session's last activity — a request within a
 * minute of the last one is not written (resolve-actor.ts), so reading a page would not do — and must never carry
 * the session past its absolute limit.
 */

let t: TestApp;
let clock = Date.UTC(2026, 10, 23, 8, 0, 0);
const IDLE = 30;

beforeAll(async () => {
  t = await startTestApp({ workers: false, config: { session: { idleMinutes: IDLE, absoluteHours: 1 } } });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

const minutes = (n: number) => {
  clock += n * 60_000;
};

async function signedIn(): Promise<Client> {
  const c = t.client();
  expect((await signInAs(c, DEMO_ACCOUNTS.maria.email, DEMO_PASSWORD)).status).toBe(303);
  await c.get('/cont');
  return c;
}

type Times = { endsAt: string; secondsLeft: number; endsBy: string; absoluteEndsAt: string; idleMinutes: number };
const keepAlive = (c: Client, headers: Record<string, string> = { 'x-csrf-token': c.csrf }) =>
  c.request('POST', '/api/v1/auth/session/keep-alive', undefined, { accept: 'application/json', ...headers });
const sessionTimes = (c: Client) => c.request('GET', '/api/v1/auth/session', undefined, { accept: 'application/json' });
const lastSeen = async () =>
  (await t.database.query<{ at: Date }>('SELECT last_seen_at AS at FROM session WHERE revoked_at IS NULL ORDER BY last_seen_at DESC LIMIT 1'))[0]!.at;

describe('the session-timeout warning’s page and script', () => {
  it('tells a signed-in page the idle timeout, and an anonymous page nothing', async () => {
    const c = await signedIn();
    expect((await c.get('/cont')).body).toContain(`<body class="govuk-template__body" data-pd-session-idle-minutes="${IDLE}">`);
    expect((await t.client().get('/servicii')).body).toContain('<body class="govuk-template__body">');
  });

  it('serves the script with its words in both languages, no inline script on the page', async () => {
    const res = await t.client().get('/assets/session-timeout.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.body).toContain('Sesiunea dumneavoastră se încheie {time} din cauza inactivității. Ce ați scris pe această pagină se păstrează.');
    expect(res.body).toContain('Continuați sesiunea');
    expect(res.body).toContain('Continue session');
    expect(res.body).not.toContain('/* messages */');
    expect((await (await signedIn()).get('/cont')).body).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});

describe('keeping the session alive', () => {
  it('starts the idle timeout again now, even within a minute of the last request, so the session outlives its first timeout', async () => {
    const c = await signedIn();
    const signedInAt = clock;
    clock += 30_000;
    const res = await keepAlive(c);
    expect(res.status).toBe(200);
    const times = res.json<Times>();
    expect(times).toMatchObject({ endsAt: new Date(clock + IDLE * 60_000).toISOString(), secondsLeft: IDLE * 60, endsBy: 'inactivity', idleMinutes: IDLE });
    expect((await lastSeen()).getTime()).toBe(clock);
    // Past the timeout counted from signing in: still signed in, because of the button alone.
    clock = signedInAt + (IDLE * 60 + 10) * 1000;
    const page = await c.get('/cont');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-pd-session-idle-minutes');
  });

  it('says when the session ends without counting the question as activity', async () => {
    const c = await signedIn();
    const before = await lastSeen();
    minutes(2);
    const res = await sessionTimes(c);
    expect(res.status).toBe(200);
    expect(res.json<Times>()).toMatchObject({ secondsLeft: (IDLE - 2) * 60, endsBy: 'inactivity' });
    expect((await lastSeen()).getTime()).toBe(before.getTime());
    // Asking at the last moment does not keep it alive either.
    minutes(IDLE - 2);
    clock += 1000;
    expect((await sessionTimes(c)).status).toBe(401);
    expect((await c.get('/cont')).location).toMatch(/^\/autentificare/);
  });

  it('never goes beyond the absolute limit, and says when that limit is what ends the session', async () => {
    const c = await signedIn();
    const signedInAt = clock;
    minutes(25);
    expect((await keepAlive(c)).json<Times>().endsBy).toBe('inactivity');
    minutes(25);
    const res = await keepAlive(c);
    expect(res.status).toBe(200);
    const absoluteEnd = new Date(signedInAt + 3600_000).toISOString();
    expect(res.json<Times>()).toMatchObject({ endsAt: absoluteEnd, absoluteEndsAt: absoluteEnd, endsBy: 'absolute_limit', secondsLeft: 10 * 60 });
    minutes(10);
    clock += 1000;
    const late = await keepAlive(c);
    expect(late.status).toBe(401);
    expect(late.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
  });

  it('refuses a call without the CSRF token, and moves nothing', async () => {
    const c = await signedIn();
    const before = await lastSeen();
    clock += 30_000;
    const res = await keepAlive(c, {});
    expect(res.status).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('csrf');
    expect((await keepAlive(c, { 'x-csrf-token': 'not-the-token' })).status).toBe(403);
    expect((await lastSeen()).getTime()).toBe(before.getTime());
  });

  it('answers 401 without a live session: none at all, one timed out, one signed out', async () => {
    const none = t.client();
    expect((await keepAlive(none, {})).status).toBe(401);
    expect((await sessionTimes(none)).status).toBe(401);

    const idle = await signedIn();
    minutes(IDLE + 1);
    const res = await keepAlive(idle);
    expect(res.status).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');

    const out = await signedIn();
    const csrf = out.csrf;
    await out.post('/deconectare', {});
    out.csrf = csrf;
    expect((await keepAlive(out)).status).toBe(401);
  });

  it('does not keep alive a session that still owes its second factor', async () => {
    const c = t.client();
    const first = await signInAs(c, DEMO_ACCOUNTS.ion.email, DEMO_PASSWORD);
    expect(first.location).toMatch(/^\/autentificare\/doi-factori/);
    await c.get('/autentificare/doi-factori');
    const res = await keepAlive(c);
    expect(res.status).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('second_factor_required');
  });
});
