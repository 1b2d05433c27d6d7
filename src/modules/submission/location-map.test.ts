import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../identity/seed-demo.ts';
import { signInAs } from '../identity/test-helpers.ts';

/*
 * A location question (the street report's "Unde este problema?") without JavaScript: the coordinates and the
 * description are typed and kept; the map's markup is there for the script to reveal, hidden until then, and says
 * where its tiles come from. The map itself (a click fills the coordinates) is checked in the browser (test/e2e).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => {
  await t?.stop();
});

async function reportDraft(app: TestApp = t): Promise<{ c: Client; draft: string }> {
  const c = app.client();
  expect((await signInAs(c, DEMO_ACCOUNTS.maria.email, DEMO_PASSWORD)).status).toBe(303);
  const start = await c.get('/servicii/sector5/SESIZARE/cerere');
  expect(start.status).toBe(200);
  const r = await c.post('/servicii/sector5/SESIZARE/cerere', { action: start.body.includes('Aveți o cerere începută') ? 'restart' : 'start', companyId: 'self' });
  expect(r.location).toMatch(/^\/cereri\/ciorna\/[0-9a-f-]{36}$/);
  return { c, draft: r.location! };
}

const errorOf = (html: string) => /<p id="location-error"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

describe('a location question without JavaScript', () => {
  it('asks for the coordinates by hand, says the map is only where the page allows it, and hides the map until a script shows it', async () => {
    const { c, draft } = await reportDraft();
    const html = (await c.get(`${draft}/problema`)).body;
    expect(html).toMatch(/<input[^>]*name="location-lat"/);
    expect(html).toMatch(/<input[^>]*name="location-lng"/);
    // Without JavaScript there is no map: the hint does not ask to mark the place on one.
    expect(html).toContain('Scrieți coordonatele sau, dacă pagina o permite, alegeți locul pe hartă.');
    expect(html).not.toContain('Marcați locul pe hartă');
    // The map's box, hidden, with the configured tiles (OpenStreetMap by default) and its attribution.
    const box = /<div class="pd-map" hidden data-pd-map="location"[^>]*>/.exec(html)?.[0] ?? '';
    expect(box).toContain('data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"');
    expect(box).toContain('data-attribution="© OpenStreetMap contributors"');
  });

  it('says the longitude is missing when only the latitude is typed, keeping it, and takes typed coordinates with a comma', async () => {
    const { c, draft } = await reportDraft();
    const half = await c.post(`${draft}/problema`, { problem_type: 'groapa', 'location-lat': '44,4167', 'location-lng': '', 'location-description': '' });
    expect(half.status).toBe(400);
    expect(errorOf(half.body)).toContain('Scrieți și longitudinea');
    expect(half.body).not.toContain('nu este în România');
    expect(half.body).toMatch(/name="location-lat"[^>]*value="44,4167"|value="44,4167"[^>]*name="location-lat"/);

    const whole = await c.post(`${draft}/problema`, { problem_type: 'groapa', 'location-lat': '44,4167', 'location-lng': '26,0853', 'location-description': '' });
    expect(whole.status).toBe(303);
    expect(whole.location).toBe(`${draft}/detalii`);
    const back = (await c.get(`${draft}/problema`)).body;
    expect(back).toMatch(/value="44[.,]4167"/);
    expect(back).toMatch(/value="26[.,]0853"/);
  });
});

describe('MAP_TILE_URL=off', () => {
  it('leaves the map out of the page and the tile host out of the content security policy', async () => {
    const off = await startTestApp({ workers: false, config: { map: null } });
    try {
      const { c, draft } = await reportDraft(off);
      const page = await c.get(`${draft}/problema`);
      expect(page.body).toMatch(/<input[^>]*name="location-lat"/);
      expect(page.body).not.toContain('data-pd-map');
      expect(page.headers['content-security-policy']).toContain("img-src 'self' data:;");
      expect((await t.client().get('/')).headers['content-security-policy']).toContain("img-src 'self' data: https://tile.openstreetmap.org;");
    } finally {
      await off.stop();
    }
  });
});
