import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from './seed-demo.ts';
import { countRows, personForm, resetRequestsHandled } from './test-helpers.ts';

/*
 * Anonymous requests that cost the institution something are limited per client address: registrations (whatever
 * they find: a new account or one that exists), password-reset e-mails, contact messages (each a registered petition).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { limits: { contactPerHour: 2, registrationsPerHour: 3, passwordResetsPerHour: 4 } } });
});
afterAll(async () => t?.stop());

const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** Writes to the city hall through the contact form from `ip`; a signed-in sender is not asked for name and e-mail. */
async function sendContactMessage(c: Client, ip: string, signedIn = false) {
  const h = from(ip);
  await c.request('GET', '/contact/mesaj/subiect', undefined, h);
  await c.request('POST', '/contact/mesaj/subiect', { _csrf: c.csrf, topic: 'other', topicOther: 'Test' }, h);
  await c.request('POST', '/contact/mesaj/mesaj', { _csrf: c.csrf, message: 'Un mesaj.' }, h);
  await c.request('POST', '/contact/mesaj/raspuns', { _csrf: c.csrf, replyBy: 'email' }, h);
  if (!signedIn) {
    await c.request('POST', '/contact/mesaj/nume', { _csrf: c.csrf, name: 'Test' }, h);
    await c.request('POST', '/contact/mesaj/email', { _csrf: c.csrf, email: 'test@exemplu.ro' }, h);
  }
  await c.request('GET', '/contact/mesaj/verificare', undefined, h);
  return c.request('POST', '/contact/mesaj/verificare', { _csrf: c.csrf }, h);
}

describe('per-address limits on anonymous requests', () => {
  it('stops probing registrations for taken e-mails or CNPs after a few tries from one address', async () => {
    const ip = from('203.0.113.40');
    // A new client each time, as a script would: no cookies, so no CSRF token is needed for JSON.
    const register = (body: object, headers: Record<string, string>) =>
      t.client().request('POST', '/api/v1/auth/register', JSON.stringify(body), { 'content-type': 'application/json', accept: 'application/json', ...headers });
    const tries = [];
    for (let n = 0; n < 4; n++) tries.push(await register({ ...personForm(60), email: `proba${n}@exemplu.ro`, acceptTerms: true }, ip));
    // The first registers, the next two find the CNP taken: the answers cannot tell, but they count all the same.
    expect(tries.slice(0, 3).map((r) => r.status)).toEqual([202, 202, 202]);
    expect(tries[3]!.status).toBe(429);
    // When to try again: in the header for a program (seconds to the end of the hour's window), in words for a person.
    const wait = Number(tries[3]!.headers['retry-after']);
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(tries[3]!.json<{ error: { code: string; message: string } }>().error).toEqual({
      code: 'rate_limited_until',
      message: expect.stringMatching(/^Prea multe încercări de la această adresă\. Încercați din nou după \d\d\.\d\d\.\d{4} \d\d:\d\d\.$/),
    });
    const english = await register({ ...personForm(62), acceptTerms: true }, { ...ip, 'accept-language': 'en' });
    expect(english.json<{ error: { message: string } }>().error.message).toMatch(/^Too many attempts from this address\. Try again after /);
    // Another address is not affected.
    const other = await register({ ...personForm(61), acceptTerms: true }, from('203.0.113.41'));
    expect(other.status).toBe(202);
  });

  it('sends at most three reset links an hour to one address, silently, and limits each client address', async () => {
    const c = t.client();
    const email = 'cetatean61@exemplu.ro';
    await c.get('/parola-uitata');
    for (let i = 0; i < 4; i++) {
      const res = await c.request('POST', '/parola-uitata', { _csrf: c.csrf, email }, from(`203.0.113.${50 + i}`));
      expect(res.status).toBe(200); // the same answer every time
    }
    await resetRequestsHandled(t, email);
    expect(await countRows(t, "outbox_message WHERE template = 'identity.reset_password.v1' AND recipient = $1", [email])).toBe(3);

    const ip = from('203.0.113.60');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await c.request('POST', '/parola-uitata', { _csrf: c.csrf, email: `nimeni${i}@exemplu.ro` }, ip)).status);
    expect(answers).toEqual([200, 200, 200, 200, 429]);
    const refused = await c.request('POST', '/parola-uitata', { _csrf: c.csrf, email: 'nimeni9@exemplu.ro' }, ip);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(refused.body).toContain('Încercați din nou după ');
  });

  it('registers at most a few contact messages an hour from one address, and says when to try again', async () => {
    const send = (ip: string) => sendContactMessage(t.client(), ip);
    const before = await countRows(t, 'registry_entry');
    expect((await send('203.0.113.70')).status).toBe(303);
    expect((await send('203.0.113.70')).status).toBe(303);
    const third = await send('203.0.113.70');
    expect(third.status).toBe(429);
    expect(third.body).toContain('Ați trimis multe mesaje într-un timp scurt. Încercați din nou peste 60 de minute');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(3500);
    expect(await countRows(t, 'registry_entry')).toBe(before + 2);
    expect((await send('203.0.113.71')).status).toBe(303);
  });

  it('counts an IPv6 client by its /64 network: a script changing the last 64 bits of its address gets no more messages registered', async () => {
    const send = (ip: string) => sendContactMessage(t.client(), ip);
    const before = await countRows(t, 'registry_entry');
    expect((await send('2001:db8:5:1::a')).status).toBe(303);
    expect((await send('2001:db8:5:1::b')).status).toBe(303);
    const third = await send('2001:db8:5:1:ffff::c');
    expect(third.status).toBe(429);
    expect(third.body).toContain('Ați trimis multe mesaje într-un timp scurt');
    expect(await countRows(t, 'registry_entry')).toBe(before + 2);
    // Another network is another client.
    expect((await send('2001:db8:5:2::a')).status).toBe(303);
  });
});

describe('the contact-form limit on a signed-in sender', () => {
  it('counts a signed-in sender by account, whatever address they write from, and leaves other accounts alone', async () => {
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => {});
    const before = await countRows(t, 'registry_entry');
    expect((await sendContactMessage(maria, '198.51.100.1', true)).status).toBe(303);
    expect((await sendContactMessage(maria, '198.51.100.2', true)).status).toBe(303);
    const third = await sendContactMessage(maria, '198.51.100.3', true);
    expect(third.status).toBe(429);
    expect(third.body).toContain('Ați trimis multe mesaje într-un timp scurt. Încercați din nou peste 60 de minute');
    expect(await countRows(t, 'registry_entry')).toBe(before + 2);
    // Another account is not affected, even from the address that was just refused.
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => {});
    expect((await sendContactMessage(ion, '198.51.100.3', true)).status).toBe(303);
    expect(await countRows(t, 'registry_entry')).toBe(before + 3);
  });
});
