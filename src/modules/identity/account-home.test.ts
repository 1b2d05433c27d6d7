import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { waitFor } from '../outbox/testing.ts';
import { RenderedBody } from '../../platform/web/layout.tsx';
import { RenderedBodies } from '../../platform/web/rendered-bodies.ts';
import { insertSession } from './session-store.ts';
import { lastEmail, linkIn, personForm, registerPerson, sendMandate } from './test-helpers.ts';

/*
 * The account home (/cont) keeps what it rendered for the cached profile (RenderedBodies): these tests hold it to
 * showing each session its own form tokens, the account's current state and the chosen language.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

const tokensIn = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
const accountIdOf = async (email: string) => (await t.database.query<{ id: string }>('SELECT id FROM account WHERE email = $1', [email]))[0]!.id;

describe('the account home', () => {
  it("gives each of a person's sessions the forms with its own token, and a withdrawal from the second one works", async () => {
    const laptop = t.client();
    await registerPerson(laptop, 71);
    expect((await sendMandate(laptop, { cui: 'RO4221306', name: 'Brutăria Mihai SRL' })).status).toBe(303);
    const phone = new Client(t);
    phone.cookies.set('pd_session', await insertSession(t.deps.db, { accountId: await accountIdOf(personForm(71).email), mfaPassed: true, ip: '127.0.0.1', userAgent: 'phone', absoluteHours: 12, now: new Date() }));

    const onLaptop = (await laptop.get('/cont')).body;
    const onPhone = (await phone.get('/cont')).body;
    expect(onLaptop).toContain('Retrageți cererea');
    expect(onPhone).toContain('Retrageți cererea');
    // Every form of a page (the request's withdrawal, the header's sign-out) carries that session's token.
    expect(new Set(tokensIn(onLaptop)).size).toBe(1);
    expect(new Set(tokensIn(onPhone)).size).toBe(1);
    expect(tokensIn(onPhone)[0]).not.toBe(tokensIn(onLaptop)[0]);
    // Loaded again on the laptop after the phone: still the laptop's own token.
    expect(tokensIn((await laptop.get('/cont')).body)[0]).toBe(tokensIn(onLaptop)[0]);

    const action = /<form[^>]*action="([^"]*retragere[^"]*)"/.exec(onPhone)?.[1];
    expect(action).toBeTruthy();
    const withdrawn = await phone.request('POST', action!, { _csrf: tokensIn(onPhone)[0]! });
    expect(withdrawn.status).toBe(303);
    expect((await laptop.get('/cont')).body).not.toContain('Retrageți cererea');
  });

  it('drops the unconfirmed e-mail notice once the address is confirmed, and follows the chosen language', async () => {
    const c = t.client();
    await registerPerson(c, 72);
    const email = personForm(72).email;
    expect((await c.get('/cont')).body).toContain(email); // the notice names the address to confirm
    await waitFor(async () => (await lastEmail(t, email)) !== null, { what: 'the confirmation e-mail' });
    expect((await c.get(linkIn((await lastEmail(t, email))!.body_text, '/confirmare-email'))).status).toBeLessThan(400);
    const confirmed = (await c.get('/cont')).body;
    expect(confirmed).not.toContain('/confirmare-email/retrimite');

    expect((await c.get('/cont?lang=en')).status).toBe(303);
    const english = (await c.get('/cont')).body;
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('My requests');
    expect(english).not.toContain('Cererile mele');
    expect((await c.get('/cont?lang=ro')).status).toBe(303);
    expect((await c.get('/cont')).body).toContain('Cererile mele');
  });
});

describe('RenderedBodies', () => {
  const body = (text: string) => new RenderedBody(Buffer.from(text));

  it('renders once per frozen owner and variant, again for a new owner', () => {
    const bodies = new RenderedBodies();
    let renders = 0;
    const render = (text: string) => () => {
      renders++;
      return body(text);
    };
    const first = Object.freeze({ name: 'Maria Ionescu' });
    expect(bodies.get(first, 'ro', render('unu')).bytes.toString()).toBe('unu');
    expect(bodies.get(first, 'ro', render('altceva')).bytes.toString()).toBe('unu');
    expect(bodies.get(first, 'en', render('one')).bytes.toString()).toBe('one');
    // The account changed: the cache holds a new profile object, so the page is rendered again.
    const changed = Object.freeze({ name: 'Maria I.' });
    expect(bodies.get(changed, 'ro', render('doi')).bytes.toString()).toBe('doi');
    expect(renders).toBe(3);
  });

  it('never keeps what was rendered for an object that can still change', () => {
    const bodies = new RenderedBodies();
    const mutable = { name: 'Maria Ionescu' };
    expect(bodies.get(mutable, 'ro', () => body('unu')).bytes.toString()).toBe('unu');
    mutable.name = 'Maria I.';
    expect(bodies.get(mutable, 'ro', () => body('doi')).bytes.toString()).toBe('doi');
    expect(bodies.size).toBe(0);
  });

  it('keeps at most its number of owners, the oldest going first', () => {
    const bodies = new RenderedBodies(2, 2);
    const owners = [1, 2, 3].map((n) => Object.freeze({ n }));
    for (const o of owners) bodies.get(o, 'ro', () => body(String(o.n)));
    expect(bodies.size).toBe(2);
    let rendered = false;
    bodies.get(owners[0]!, 'ro', () => {
      rendered = true;
      return body('1');
    });
    expect(rendered).toBe(true);
  });
});
