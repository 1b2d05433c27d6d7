import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

describe('home page', () => {
  it('leads a visitor to the services, the status check, the document check and the contacts', async () => {
    const home = await t.client().get('/');
    expect(home.status).toBe(200);
    for (const href of ['/servicii', '/verificare-cerere', '/verificare', '/contact']) expect(home.body).toContain(`href="${href}"`);
    // Someone holding a paper answer without its QR code had no way to reach the document check from here.
    expect(home.body).toContain('Verificați un document primit de la primărie');
  });
});
