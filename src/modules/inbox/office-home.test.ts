import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';

/*
 * The office home (/birou) is where every official lands after signing in. Officials whose role works on no workflow
 * step (the archivist, the administrator) have no inboxes: their home shows their tools instead of refusing them.
 */

let t: TestApp;
let clock = Date.now();

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const signIn = (a: DemoAccount) => signInDemo(t, a, () => {
  clock += 30_000;
});

describe('the office home', () => {
  it('welcomes the archivist on his first sign-in with his tools, not "you have no access"', async () => {
    const c = await signIn(DEMO_ACCOUNTS.archivist);
    const home = await c.get('/birou');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Rolul dumneavoastră nu lucrează pe dosare în fluxul de lucru, deci nu aveți cozi de dosare.');
    expect(home.body).toContain('href="/cont/semnatura"');
    expect(home.body).not.toContain('href="/birou/cozi/');
    expect(home.body).not.toContain('href="/admin"');
  });

  it('gives the administrator the way to the administration pages', async () => {
    const c = await signIn(DEMO_ACCOUNTS.administrator);
    const home = await c.get('/birou');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Administrare: funcționari, servicii, fluxuri, șabloane');
    expect(home.body).toContain('href="/admin"');
  });

  it('is for officials only: a citizen who types /birou is refused as on every office page, not shown an empty office', async () => {
    const c = await signIn(DEMO_ACCOUNTS.maria);
    const home = await c.get('/birou');
    expect(home.status).toBe(403);
    expect(home.body).toContain('Nu aveți acces la această pagină');
    expect(home.body).not.toContain('href="/cont/semnatura"');
  });

  it('still lists the inboxes of an official who works on cases', async () => {
    const c = await signIn(DEMO_ACCOUNTS.registryClerk);
    const home = await c.get('/birou');
    expect(home.status).toBe(200);
    expect(home.body).toContain('href="/birou/cozi/registratura"');
    expect(home.body).not.toContain('nu aveți cozi de dosare');
    // The inboxes themselves stay refused to an official without them.
    const archivist = await signIn(DEMO_ACCOUNTS.archivist);
    expect((await archivist.get('/birou/cozi/registratura')).status).toBe(403);
  });
});
